"""Figures that are costly to compute over many projects (the overview, the list's filter choices),
cached until the data changes.

Every change to a project writes a revision in the same transaction, so the newest revision's id is a
version of all project data: a cache key that includes it is never stale, and reading it is one
index lookup.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.core.cache import cache
from django.db.models import Max

from jixiao.web.projects.models import Revision

T = TypeVar("T")


def data_version() -> int:
    return Revision.objects.aggregate(v=Max("id"))["v"] or 0


def cached(key: str, compute: Callable[[], T], timeout: int = 3600) -> T:
    """``compute()`` for ``key`` at the current data version, from the cache when possible."""
    full_key = f"jixiao:{data_version()}:{key}"
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, timeout)
    return found


def per_revision(key: str, compute: Callable[[], T], timeout: int = 24 * 3600) -> T:
    """``compute()`` for a key that names an immutable thing (e.g. a project's revision): no data version."""
    full_key = f"jixiao:rev:{key}"
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, timeout)
    return found
