"""Plain multi-row inserts for the import's bulk path: Django's bulk_create spends most of its time
building SQL per object; project, indicator and revision rows need none of that (no signals, no
defaults to compute). PostgreSQL gets COPY, SQLite a prepared executemany. Ids are reserved first
(``reserve_ids``), so that rows referring to new rows can be built before anything is written."""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from datetime import datetime
from typing import Any

from django.db import DatabaseError, connection, models, transaction

from jixiao.web.orm import JSON_ENCODER, JSONText

# SQLite's page cache for a bulk write (the default is 2 MiB): the indicator table's (year, department,
# level1, …) index and the projects' indexes take rows at random places, and with a small cache each
# batch reads their pages again and writes them out early (spills to the WAL) several times over.
SQLITE_BULK_CACHE_KIB = 256 * 1024


@contextmanager
def bulk_writing() -> Iterator[None]:
    """Around a bulk write, inside its transaction. PostgreSQL: long texts (snapshots, narratives)
    compressed with lz4 rather than pglz for this transaction only (about a tenth less server time per
    project), where the server was built with lz4. SQLite: a larger page cache while it lasts."""
    if connection.vendor == "postgresql":
        try:
            with transaction.atomic(), connection.cursor() as cursor:
                cursor.execute("SET LOCAL default_toast_compression = 'lz4'")
        except DatabaseError:
            pass  # the savepoint is rolled back; pglz it is
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        (cache_size,) = cursor.fetchone()
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_BULK_CACHE_KIB}")
        try:
            yield
        finally:
            cursor.execute(f"PRAGMA cache_size = {int(cache_size)}")


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector off while a bulk write runs, back as it was after. The write allocates
    millions of short-lived dicts and tuples, each freed by its reference count, and every so many of them
    the collector walked all live objects — the whole import's projects among them: 7 % of SQLite's import
    time at 20,000 projects, more the more projects are held. Nothing the bulk path builds is a cycle."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _json(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("line"), int):
        return f'{{"line":{value["line"]}}}'  # the usual indicator source, without the encoder's overhead
    return JSON_ENCODER.encode(value)


def _datetimes() -> Callable[[Any], Any]:
    """A converter for one bulk write, whose rows mostly share one timestamp: each value converted once."""
    converted: dict[datetime, Any] = {}

    def convert(value: Any) -> Any:
        if not isinstance(value, datetime):
            return value
        if (found := converted.get(value)) is None:
            found = converted[value] = connection.ops.adapt_datetimefield_value(value)
        return found
    return convert


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    if isinstance(field, JSONText):
        return field.get_prep_value
    if isinstance(field, models.JSONField):
        return _json
    if isinstance(field, models.DateTimeField):
        return _datetimes()
    return None  # the database driver takes the Python value as it is


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Iterable[Sequence[Any]],
                raw_columns: Sequence[str] = ()) -> None:
    """Insert ``rows`` (values in the order of ``fields``, as Python values) into ``model``'s table.

    ``raw_columns``: columns of the table that are not fields of the model (e.g. the search index's keys
    on PostgreSQL), whose values follow the fields' in each row and go to the database as they are.
    ``rows`` may be a generator: on PostgreSQL each row is converted and sent as it comes, so that the
    server stores (and indexes) the rows already sent while this process builds the next ones."""
    meta = model._meta
    model_fields = [meta.get_field(name) for name in fields]
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(connection.ops.quote_name(name) for name in [f.column for f in model_fields] + list(raw_columns))
    converters = [(n, c) for n, c in enumerate(map(_converter, model_fields)) if c is not None]

    def prepared() -> Iterator[list[Any]]:
        for row in rows:
            values = list(row)
            for n, convert in converters:
                values[n] = convert(values[n])
            yield values

    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in prepared():
                    copy.write_row(values)
        else:
            marks = ", ".join(["%s"] * (len(fields) + len(raw_columns)))
            # SQLite writes in this process, so nothing overlaps: built first, the rows go in faster
            # than fed one by one through the generators (a batch of 1,000 projects: ~16,000 indicator rows)
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", list(prepared()))


def reserve_ids(model: type[models.Model], n: int) -> list[int]:
    """``n`` primary keys for new rows of ``model``, never handed out before (call inside the transaction).

    PostgreSQL: from the table's sequence. SQLite: after the highest id ever given (AUTOINCREMENT keeps it
    in sqlite_sequence); the transaction holds the write lock from its start (IMMEDIATE), so no other
    writer can take the same ids, and inserting them moves sqlite_sequence on.
    """
    if n == 0:
        return []
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", (table, n))
            return [row[0] for row in cursor.fetchall()]
        cursor.execute(f"SELECT max(id) FROM {connection.ops.quote_name(table)}")
        highest = cursor.fetchone()[0] or 0
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", (table,))
        found = cursor.fetchone()
        start = max(highest, found[0] if found else 0) + 1
    return list(range(start, start + n))
