"""Plain multi-row inserts for the import's bulk path: Django's bulk_create spends most of its time
building SQL per object; indicator and revision rows need none of that (no signals, no defaults to
compute). PostgreSQL gets COPY, SQLite a prepared executemany."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any

from django.db import connection, models


def _prepare(value: Any, field: models.Field) -> Any:
    if value is None:
        return None
    if isinstance(field, models.JSONField):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, datetime):
        return connection.ops.adapt_datetimefield_value(value)
    return value


def insert_rows(model: type[models.Model], fields: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    """Insert ``rows`` (values in the order of ``fields``, as Python values) into ``model``'s table."""
    if not rows:
        return
    meta = model._meta
    model_fields = [meta.get_field(name) for name in fields]
    table = connection.ops.quote_name(meta.db_table)
    columns = ", ".join(connection.ops.quote_name(f.column) for f in model_fields)
    prepared = [tuple(_prepare(v, f) for v, f in zip(row, model_fields, strict=True)) for row in rows]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in prepared:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(fields))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", prepared)
