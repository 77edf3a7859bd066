"""Small helpers over Django's ORM, shared by the apps."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet


def first_unordered(queryset: QuerySet) -> Any:
    """The first row of a query that names at most one (by its key), without ordering it: ``first()`` adds
    ORDER BY pk, and compiling that over a wide select (a page's object with its related rows) costs
    Django as much CPU as the rest of the query's SQL."""
    return next(iter(queryset.order_by()[:1]), None)
