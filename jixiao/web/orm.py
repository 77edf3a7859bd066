"""Small helpers over Django's ORM, shared by the apps."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.db.models import QuerySet

# JSON as this app writes it into text columns: UTF-8 as it is, compact
JSON_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def first_unordered(queryset: QuerySet) -> Any:
    """The first row of a query that names at most one (by its key), without ordering it: ``first()`` adds
    ORDER BY pk, and compiling that over a wide select (a page's object with its related rows) costs
    Django as much CPU as the rest of the query's SQL."""
    return next(iter(queryset.order_by()[:1]), None)


class JSONText(models.TextField):
    """A JSON value kept as its text, for a record that is written once and read whole, never queried inside
    (a revision's snapshot). A JSONField would have PostgreSQL parse each value into jsonb (and SQLite check
    it with json_valid) on every insert: for the import's revision rows, about a tenth of PostgreSQL's time
    per imported project. The text is what ``json`` writes (UTF-8, compact); reading gives the value back.
    ``snapshot::jsonb`` still reads it as JSON in SQL."""

    def from_db_value(self, value: Any, expression: Any, connection: Any) -> Any:
        return None if value is None else json.loads(value)

    def to_python(self, value: Any) -> Any:
        return json.loads(value) if isinstance(value, str) else value

    def get_prep_value(self, value: Any) -> Any:
        return None if value is None else JSON_ENCODER.encode(value)

    def value_to_string(self, obj: models.Model) -> str:
        return self.get_prep_value(self.value_from_object(obj))
