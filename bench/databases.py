"""Throwaway PostgreSQL databases: created for one run on a server, dropped afterwards.

Used by `python -m bench --database postgres` and scripts/durability_foi.py.
"""

from __future__ import annotations

from urllib.parse import urlsplit


def create_postgres(url: str, name: str) -> str:
    """Create database `name` on the server `url` connects to; the new database's URL."""
    import psycopg

    parts = urlsplit(url)
    with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=5) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
