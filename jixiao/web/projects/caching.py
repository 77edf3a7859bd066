"""Figures that are costly to compute over many projects (the overview, the list's filter choices),
cached until the data changes.

Every change to a project writes a revision in the same transaction, so the newest revision's id is a
version of all project data: a cache key that includes it is never stale, and reading it is one
index lookup. Because such a key never names two different values, each process also keeps the last
few values it read in memory: a large one (a search's matches) is then not read and unpickled from
the shared cache on every request.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TextIO, TypeVar

from django.conf import settings
from django.core.cache import cache
from django.db.models import Max

from jixiao.web.projects.models import Revision

try:
    import fcntl
except ImportError:  # not on Windows: each process then computes for itself
    fcntl = None  # type: ignore[assignment]

T = TypeVar("T")
LOCAL_ENTRIES = 32
LOCK_SLOTS = 64  # lock files in DATA_DIR/locks; two keys sharing one only wait for each other
_local: OrderedDict[str, Any] = OrderedDict()
_local_lock = threading.Lock()
_held = threading.local()  # the lock slots this thread holds


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
        with computing(full_key):
            found = cache.get(full_key)  # computed by another process while this one waited
            if found is None:
                found = compute()
                cache.set(full_key, found, timeout)
    with _local_lock:
        _local[full_key] = found
        while len(_local) > LOCAL_ENTRIES:
            _local.popitem(last=False)
    return found


@contextmanager
def computing(key: str) -> Iterator[None]:
    """One computation of ``key`` at a time across the server's processes and threads (an exclusive lock
    on a file in DATA_DIR/locks). When a data change makes the overview's figures stale, every client asking
    for them at once would otherwise compute them at once: eight cold overviews on two CPUs each took four
    times as long as one (the overview's p95 over 1 s in bench/bench_web.py). The others wait, then read."""
    slot = int(hashlib.blake2b(key.encode(), digest_size=4).hexdigest(), 16) % LOCK_SLOTS
    held = _held.__dict__.setdefault("slots", set())
    if fcntl is None or slot in held:  # a computation that asks for another value in its slot: it holds it
        yield
        return
    handle = _lock_file(slot)
    if handle is None:
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        held.add(slot)
        try:
            yield
        finally:
            held.discard(slot)
            fcntl.flock(handle, fcntl.LOCK_UN)


def _lock_file(slot: int) -> TextIO | None:
    """The slot's lock file, made on first use; None where the data directory cannot be written (the
    figures are then computed without waiting for one another, as they were before the lock)."""
    path = Path(settings.DATA_DIR) / "locks" / f"cache-{slot:02d}.lock"
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        return path.open("a")
    except OSError:
        return None


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
