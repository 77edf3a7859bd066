"""Plain multi-row inserts for the import's bulk path: Django's bulk_create spends most of its time
building SQL per object; indicator and revision rows need none of that (no signals, no defaults to
compute). PostgreSQL gets COPY, SQLite a prepared executemany."""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models

_JSON = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def _json(value: Any) -> Any:
    if value is None:
        return None
    if isinstance(value, dict) and len(value) == 1 and isinstance(value.get("line"), int):
        return f'{{"line":{value["line"]}}}'  # the usual indicator source, without the encoder's overhead
    return _JSON.encode(value)


def _datetime(value: Any) -> Any:
    return connection.ops.adapt_datetimefield_value(value) if isinstance(value, datetime) else value


def _converter(field: models.Field) -> Callable[[Any], Any] | None:
    if isinstance(field, models.JSONField):
        return _json
    if isinstance(field, models.DateTimeField):
        return _datetime
    return None  # the database driver takes the Python value as it is


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (values in the order of ``fields``, as Python values) into ``model``'s table."""
    if not rows:
        return
    meta = model._meta
    model_fields = [meta.get_field(name) for name in fields]
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in model_fields)
    converters = [(n, c) for n, c in enumerate(map(_converter, model_fields)) if c is not None]
    prepared = []
    for row in rows:
        values = list(row)
        for n, convert in converters:
            values[n] = convert(values[n])
        prepared.append(values)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for values in prepared:
                    copy.write_row(values)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", prepared)
