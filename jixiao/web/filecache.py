"""The cache shared by every server process: Django's file cache, keeping its size in check on every
hundredth write of a process rather than on each one. Django's check lists the whole cache directory
(up to MAX_ENTRIES files) before every write — on a project page seen for the first time that listing
cost more than rendering the page's table. The cache may then briefly hold up to a hundred entries per
process over MAX_ENTRIES."""

from __future__ import annotations

import itertools
from typing import Any

from django.core.cache.backends.filebased import FileBasedCache

CHECK_EVERY = 100


class FileCache(FileBasedCache):
    def __init__(self, dir: str, params: dict[str, Any]) -> None:
        super().__init__(dir, params)
        self._writes = itertools.count(1)

    def _cull(self) -> None:
        if next(self._writes) % CHECK_EVERY == 0:
            super()._cull()
