"""PostgreSQL only: a trigram index for the substring search on ``search_text`` (LIKE '%…%').

pg_trgm is a trusted extension (PostgreSQL 13+), so a database owner may create it; if that is not
allowed the search still works, by scanning. SQLite needs nothing here.
"""

from __future__ import annotations

from django.db import migrations, transaction


def create_index(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic():
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # no right to create extensions: search falls back to a scan
        return
    schema_editor.execute("CREATE INDEX IF NOT EXISTS projects_project_search_trgm "
                          "ON projects_project USING gin (search_text gin_trgm_ops)")


def drop_index(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute("DROP INDEX IF EXISTS projects_project_search_trgm")


class Migration(migrations.Migration):
    dependencies = [("projects", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
