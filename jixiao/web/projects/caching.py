"""Figures that are costly to compute over many projects (the overview, the list's filter choices),
cached until the data changes.

Every change to a project writes a revision in the same transaction, so the newest revision's id is a
version of all project data: a cache key that includes it is never stale, and reading it is one
index lookup. Because such a key never names two different values, each process also keeps the last
few values it read in memory: a large one (a search's matches) is then not read and unpickled from
the shared cache on every request.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any, TypeVar

from django.core.cache import cache
from django.db.models import Max

from jixiao.web.projects.models import Revision

T = TypeVar("T")
LOCAL_ENTRIES = 32
_local: OrderedDict[str, Any] = OrderedDict()
_local_lock = threading.Lock()


def data_version() -> int:
    return Revision.objects.aggregate(v=Max("id"))["v"] or 0


def cached(key: str, compute: Callable[[], T], timeout: int = 3600, version: int | None = None) -> T:
    """``compute()`` for ``key`` at the current data version, from the cache when possible.

    ``version``: the data version when the caller has just read it (a page with several cached parts)."""
    full_key = f"jixiao:{data_version() if version is None else version}:{key}"
    with _local_lock:
        if full_key in _local:
            _local.move_to_end(full_key)
            return _local[full_key]
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, timeout)
    with _local_lock:
        _local[full_key] = found
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return found


def forget_local() -> None:
    """Empty this process's memory of cached values (tests: a rolled-back test's revision ids come back)."""
    with _local_lock:
        _local.clear()


def per_revision(key: str, compute: Callable[[], T], timeout: int = 24 * 3600) -> T:
    """``compute()`` for a key that names an immutable thing (e.g. a project's revision): no data version."""
    full_key = f"jixiao:rev:{key}"
    found = cache.get(full_key)
    if found is None:
        found = compute()
        cache.set(full_key, found, timeout)
    return found
