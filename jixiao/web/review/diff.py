"""Two revisions of a project side by side: facts, budget and indicator rows, each marked as the same,
changed, added or removed. Revisions store the canonical JSON, so this compares two dicts."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from difflib import SequenceMatcher
from typing import Any, Literal

from django.utils.translation import gettext_lazy as _

from jixiao.web.projects.history import FACT_LABELS
from jixiao.web.projects.presentation import BUDGET_LABELS, money

Status = Literal["same", "changed", "added", "removed"]
Key = tuple[str, str, str]


@dataclass(frozen=True)
class FieldRow:
    label: Any
    before: Any
    after: Any

    @property
    def status(self) -> Status:
        return "same" if self.before == self.after else "changed"


def _shown(value: Any, is_money: bool = False) -> Any:
    """As the table prints it: 是/否 for yes/no, money with thousands separators."""
    if isinstance(value, bool):
        return _("是") if value else _("否")
    if is_money and value is not None:
        try:
            return money(Decimal(str(value)))
        except ArithmeticError:
            return value
    return value


@dataclass(frozen=True)
class IndicatorRow:
    before: dict[str, Any] | None
    after: dict[str, Any] | None
    status: Status


def _key(ind: dict[str, Any]) -> Key:
    return (ind.get("level1") or "", ind.get("level2") or "", ind.get("name") or "")


def _target(ind: dict[str, Any]) -> str:
    return (ind.get("target") or {}).get("raw") or ""


def fact_rows(before: dict[str, Any], after: dict[str, Any]) -> list[FieldRow]:
    return [FieldRow(label, _shown(before.get(key)), _shown(after.get(key))) for key, label in FACT_LABELS.items()]


def budget_rows(before: dict[str, Any], after: dict[str, Any]) -> list[FieldRow]:
    old, new = before.get("budget") or {}, after.get("budget") or {}
    return [FieldRow(label, _shown(old.get(key), True), _shown(new.get(key), True)) for key, label in BUDGET_LABELS.items()]


def indicator_rows(before: dict[str, Any], after: dict[str, Any]) -> list[IndicatorRow]:
    """Rows aligned in reading order: the same indicator (一级/二级/三级) is one row, changed when its
    target differs; a renamed row in the same branch counts as changed, not as removed and added."""
    old, new = list(before.get("indicators") or []), list(after.get("indicators") or [])
    matcher = SequenceMatcher(a=[_key(i) for i in old], b=[_key(i) for i in new], autojunk=False)
    rows: list[IndicatorRow] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            rows += [_pair(old[i], new[j]) for i, j in zip(range(i1, i2), range(j1, j2), strict=True)]
        elif op == "delete":
            rows += [IndicatorRow(old[i], None, "removed") for i in range(i1, i2)]
        elif op == "insert":
            rows += [IndicatorRow(None, new[j], "added") for j in range(j1, j2)]
        else:
            rows += _replaced(old[i1:i2], new[j1:j2])
    return rows


def _pair(a: dict[str, Any], b: dict[str, Any]) -> IndicatorRow:
    return IndicatorRow(a, b, "same" if _key(a) == _key(b) and _target(a) == _target(b) else "changed")


def _replaced(old: list[dict[str, Any]], new: list[dict[str, Any]]) -> list[IndicatorRow]:
    rows = []
    for n in range(max(len(old), len(new))):
        a = old[n] if n < len(old) else None
        b = new[n] if n < len(new) else None
        if a is not None and b is not None and _key(a)[:2] == _key(b)[:2]:
            rows.append(_pair(a, b))
            continue
        if a is not None:
            rows.append(IndicatorRow(a, None, "removed"))
        if b is not None:
            rows.append(IndicatorRow(None, b, "added"))
    return rows


def counts(rows: list[IndicatorRow]) -> dict[str, int]:
    found = {"same": 0, "changed": 0, "added": 0, "removed": 0}
    for r in rows:
        found[r.status] += 1
    return found
