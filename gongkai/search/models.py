"""The PostgreSQL backend's table, declared so Django knows it (flush, related deletes).

The table itself is created by raw SQL on PostgreSQL only (migration 0001):
its `grams text[]` column and GIN index have no SQLite counterpart, and the
tantivy backend needs no table. Nothing reads it through the ORM; see
backends/postgres.py. The database deletes a record's row with the record
(ON DELETE CASCADE), so Django is told to do nothing.
"""

from django.db import models

from gongkai.records.models import Record


class PostgresEntry(models.Model):
    """One searchable record in the PostgreSQL engine (columns beyond these: see 0001)."""

    record = models.OneToOneField(
        Record, primary_key=True, on_delete=models.DO_NOTHING, related_name="+"
    )
    title = models.TextField()
    body = models.TextField()

    class Meta:
        db_table = "search_entry"

    def __str__(self) -> str:
        return self.title
