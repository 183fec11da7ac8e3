"""The search engines behind one interface, chosen by settings.GONGKAI_SEARCH_BACKEND.

- "tantivy" (default): an embedded index in GONGKAI_SEARCH_INDEX_DIR.
- "postgres": tables in the PostgreSQL database itself (only on PostgreSQL).
"""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from gongkai.search.backends.base import BackendResult, Filters, SearchBackend

__all__ = ["BackendResult", "Filters", "SearchBackend", "get_backend"]

_cache: dict[tuple, SearchBackend] = {}


def get_backend() -> SearchBackend:
    """The configured engine, one instance per process and configuration."""
    name = getattr(settings, "GONGKAI_SEARCH_BACKEND", "tantivy")
    index_dir = str(getattr(settings, "GONGKAI_SEARCH_INDEX_DIR", ""))
    key = (name, index_dir)
    if key not in _cache:
        if name == "tantivy":
            from gongkai.search.backends.tantivy_backend import TantivyBackend

            _cache[key] = TantivyBackend(index_dir)
        elif name == "postgres":
            from gongkai.search.backends.postgres import PostgresBackend

            _cache[key] = PostgresBackend()
        else:
            raise ImproperlyConfigured(f"GONGKAI_SEARCH_BACKEND: unknown engine {name!r}")
    return _cache[key]
