"""Database connections persist between requests, on SQLite as on PostgreSQL.

Opening a SQLite connection with its PRAGMAs and closing it again cost more than
the rest of an uncached public page, so GONGKAI_DB_CONN_MAX_AGE (default 60 s)
applies to both databases. The test settings set 0 on their own.
"""

import json
import os
import subprocess
import sys

PROBE = """
import json
import django
django.setup()
from django.core.signals import request_finished, request_started
from django.db import connection
from django.conf import settings
request_started.send(sender=None)
connection.ensure_connection()
first = id(connection.connection)
request_finished.send(sender=None)
request_started.send(sender=None)
kept = connection.connection is not None and id(connection.connection) == first
with connection.cursor() as cursor:
    cursor.execute("PRAGMA journal_mode")
    journal = cursor.fetchone()[0]
request_finished.send(sender=None)
print(json.dumps({
    "conn_max_age": settings.DATABASES["default"]["CONN_MAX_AGE"],
    "kept": kept,
    "journal": journal,
}))
"""


def probe(tmp_path, **env) -> dict:
    environ = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "gongkai.settings",
        "GONGKAI_VAR_DIR": str(tmp_path),
        "GONGKAI_DATABASE_URL": f"sqlite:///{tmp_path / 'probe.sqlite3'}",
    }
    environ.pop("GONGKAI_DB_CONN_MAX_AGE", None)
    result = subprocess.run(
        [sys.executable, "-c", PROBE], env={**environ, **env}, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_sqlite_connection_outlives_the_request(tmp_path):
    facts = probe(tmp_path)
    assert facts == {"conn_max_age": 60, "kept": True, "journal": "wal"}


def test_zero_closes_it_after_every_request(tmp_path):
    facts = probe(tmp_path, GONGKAI_DB_CONN_MAX_AGE="0")
    assert facts == {"conn_max_age": 0, "kept": False, "journal": "wal"}
