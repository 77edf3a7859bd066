"""Locks on changing a stored project, asked by every service that changes one.

Other apps register a function that says why a project may not be changed now (the review workflow:
a table under review or approved is locked), so that the projects app needs to know nothing about
them. A lock answers (Chinese, English) or None.
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import PermissionDenied

from jixiao.web.projects.models import Project

Lock = Callable[[Project], "tuple[str, str] | None"]
_LOCKS: list[Lock] = []


def register(lock: Lock) -> None:
    if lock not in _LOCKS:
        _LOCKS.append(lock)


def lock_reason(project: Project) -> tuple[str, str] | None:
    for lock in _LOCKS:
        reason = lock(project)
        if reason is not None:
            return reason
    return None


def require_unlocked(project: Project) -> None:
    reason = lock_reason(project)
    if reason is not None:
        raise PermissionDenied(f"{reason[0]} / {reason[1]}")
