"""PostgreSQL only: the search index over integer keys in a column of their own (see
``jixiao.web.projects.search``), replacing 0004's GIN over the text's bigrams as a ``tsvector``.

That index computed every imported project's bigrams in SQL (regular expressions, then a sort of the
strings) and compared strings to maintain it: half of PostgreSQL's time per imported project. Now the
import computes the keys itself and writes them with the row; GIN compares integers. Every other write
(an edit, a new project, a copy, an UPDATE in SQL) has the database compute the same keys, in SQL: the
trigger fills the column when an insert leaves it empty and whenever the text changes.

On an existing database the keys of the stored projects are computed here, in SQL (about 1 ms each).
SQLite keeps its FTS5 index (0004): nothing changes there.
"""

from __future__ import annotations

from importlib import import_module

from django.db import migrations

# The text as UTF-16 code units, as ``search.search_keys`` takes it (a character above U+FFFF is a surrogate
# pair), each with the next: each unit u is the key u << 16, each adjacent pair a, b the key a << 16 | b
# (integer shifts wrap to the sign bit, as Python's signed reading of the same four bytes does).
KEYS = r"""CREATE FUNCTION jixiao_search_keys(t text) RETURNS integer[]
    LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(array_agg(DISTINCT k ORDER BY k), '{}'::integer[])
    FROM (SELECT u, lead(u) OVER (ORDER BY n, part) AS v
          FROM unnest(string_to_array(t, NULL)) WITH ORDINALITY AS chars(ch, n),
          LATERAL (SELECT 1 AS part, CASE WHEN ascii(ch) > 65535 THEN 55296 + ((ascii(ch) - 65536) >> 10)
                                          ELSE ascii(ch) END AS u
                   UNION ALL
                   SELECT 2, 56320 + ((ascii(ch) - 65536) & 1023) WHERE ascii(ch) > 65535) AS units) AS adjacent,
    LATERAL (VALUES (u << 16), ((u << 16) | v)) AS keys(k)
    WHERE k IS NOT NULL $$"""
TRIGGER = """CREATE FUNCTION jixiao_search_keys_fill() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN NEW.search_keys := jixiao_search_keys(NEW.search_text); RETURN NEW; END $$"""
# plpgsql (not inlined) with a high cost: the planner then reads the GIN index rather than test every row's
# keys, read back from TOAST, in a sequential scan (a term in 60 % of 100,000 projects: 0.7 s against 0.09).
INDEXED = """CREATE FUNCTION jixiao_search_indexed(k integer[]) RETURNS integer[]
    LANGUAGE plpgsql IMMUTABLE STRICT PARALLEL SAFE COST 10000 AS $$ BEGIN RETURN k; END $$"""

POSTGRES = [
    "DROP INDEX IF EXISTS projects_project_search_bigrams",
    "DROP FUNCTION IF EXISTS jixiao_search_vector(text)",
    "DROP FUNCTION IF EXISTS jixiao_search_bigrams(text)",
    # Out of line and uncompressed: integer keys do not compress, and only the index and its rechecks read them.
    "ALTER TABLE projects_project ADD COLUMN search_keys integer[]",
    "ALTER TABLE projects_project ALTER COLUMN search_keys SET STORAGE EXTERNAL",
    KEYS, TRIGGER, INDEXED,
    "UPDATE projects_project SET search_keys = jixiao_search_keys(search_text)",
    "ALTER TABLE projects_project ALTER COLUMN search_keys SET NOT NULL",
    """CREATE TRIGGER projects_search_keys_insert BEFORE INSERT ON projects_project FOR EACH ROW
        WHEN (NEW.search_keys IS NULL) EXECUTE FUNCTION jixiao_search_keys_fill()""",
    """CREATE TRIGGER projects_search_keys_update BEFORE UPDATE ON projects_project FOR EACH ROW
        WHEN (NEW.search_text IS DISTINCT FROM OLD.search_text OR NEW.search_keys IS DISTINCT FROM OLD.search_keys)
        EXECUTE FUNCTION jixiao_search_keys_fill()""",
    "CREATE INDEX projects_project_search_keys ON projects_project USING gin (jixiao_search_indexed(search_keys))",
]
POSTGRES_REVERSE = [
    "DROP INDEX IF EXISTS projects_project_search_keys",
    "DROP TRIGGER IF EXISTS projects_search_keys_insert ON projects_project",
    "DROP TRIGGER IF EXISTS projects_search_keys_update ON projects_project",
    "ALTER TABLE projects_project DROP COLUMN IF EXISTS search_keys",
    "DROP FUNCTION IF EXISTS jixiao_search_indexed(integer[])",
    "DROP FUNCTION IF EXISTS jixiao_search_keys_fill()",
    "DROP FUNCTION IF EXISTS jixiao_search_keys(text)",
]


def _forward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for sql in POSTGRES:
            schema_editor.execute(sql, params=None)


def _backward(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        previous = import_module("jixiao.web.projects.migrations.0004_search_ngram_index").POSTGRES
        for sql in POSTGRES_REVERSE + [s for s in previous if not s.startswith("DROP")]:
            schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [("projects", "0009_list_default_order_covering")]
    operations = [migrations.RunPython(_forward, _backward)]
