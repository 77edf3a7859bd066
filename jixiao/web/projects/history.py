"""A project's history: each revision with what changed from the one before (snapshots compared)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext_lazy as _

from jixiao.web.projects.models import Revision
from jixiao.web.projects.presentation import BUDGET_LABELS, NARRATIVE_LABELS

FACT_LABELS: dict[str, Any] = {
    "name": _("项目名称"), "year": _("年度"), "department": _("申报单位"), "category": _("项目类别"),
    "start_date": _("计划开始日期"), "end_date": _("计划完成日期"),
    "government_procurement": _("是否含有政府购买服务"), "performance_type": _("绩效类型"),
    **NARRATIVE_LABELS,
}


@dataclass
class Change:
    label: Any
    before: Any
    after: Any


@dataclass
class Entry:
    revision: Revision
    changes: list[Change] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    reordered: bool = False


def _row_text(ind: dict[str, Any]) -> str:
    target = (ind.get("target") or {}).get("raw") or ""
    return f"{ind.get('level1') or '—'} / {ind.get('level2') or '—'} / {ind.get('name') or '—'}：{target}"


def compare(before: dict[str, Any] | None, after: dict[str, Any]) -> tuple[list[Change], list[str], list[str], bool]:
    """Fact, budget and indicator changes from ``before`` (None: the first version) to ``after``."""
    before = before or {}
    changes = [Change(label, before.get(key), after.get(key)) for key, label in FACT_LABELS.items()
               if before and before.get(key) != after.get(key)]
    old_budget, new_budget = before.get("budget") or {}, after.get("budget") or {}
    changes += [Change(label, old_budget.get(key), new_budget.get(key)) for key, label in BUDGET_LABELS.items()
                if before and old_budget.get(key) != new_budget.get(key)]
    old_rows = [_row_text(i) for i in before.get("indicators") or []]
    new_rows = [_row_text(i) for i in after.get("indicators") or []]
    removed = [r for r in old_rows if r not in new_rows]
    added = [r for r in new_rows if r not in old_rows] if before else []
    kept_old = [r for r in old_rows if r in new_rows]
    kept_new = [r for r in new_rows if r in old_rows]
    return changes, removed, added, kept_old != kept_new


def entries(revisions: list[Revision]) -> list[Entry]:
    """Newest first, each compared with the revision before it."""
    ordered = sorted(revisions, key=lambda r: r.version)
    found = []
    previous: dict[str, Any] | None = None
    for revision in ordered:
        changes, removed, added, reordered = compare(previous, revision.snapshot)
        found.append(Entry(revision, changes, removed, added, reordered))
        previous = revision.snapshot
    return list(reversed(found))
