"""The PostgreSQL backend's table; created only on PostgreSQL (SQLite uses tantivy).

One row per searchable record: its text in lower case (for the exact LIKE
check), the distinct bigrams and characters of that text (`grams`, behind a
GIN index: the candidates for any term in one index lookup), and the filter
columns. Built-in array GIN only: no extension to install.
"""

import django.db.models.deletion
from django.db import migrations, models

CREATE = """
CREATE TABLE search_entry (
    record_id bigint PRIMARY KEY REFERENCES records_record (id) ON DELETE CASCADE
        DEFERRABLE INITIALLY DEFERRED,
    title text NOT NULL,
    body text NOT NULL,
    grams text[] NOT NULL,
    published_at timestamptz NOT NULL,
    unit_id bigint NOT NULL,
    item_ids bigint[] NOT NULL,
    domain_ids bigint[] NOT NULL,
    doc_type varchar(16) NOT NULL,
    validity varchar(16) NOT NULL,
    year integer NOT NULL
);
CREATE INDEX search_entry_grams ON search_entry USING gin (grams);
CREATE INDEX search_entry_newest ON search_entry (published_at DESC, record_id DESC);
"""


def forwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def backwards(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP TABLE IF EXISTS search_entry")


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PostgresEntry",
                    fields=[
                        (
                            "record",
                            models.OneToOneField(
                                on_delete=django.db.models.deletion.DO_NOTHING,
                                primary_key=True,
                                related_name="+",
                                serialize=False,
                                to="records.record",
                            ),
                        ),
                        ("title", models.TextField()),
                        ("body", models.TextField()),
                    ],
                    options={"db_table": "search_entry"},
                )
            ],
            database_operations=[migrations.RunPython(forwards, backwards)],
        )
    ]
