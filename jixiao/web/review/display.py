"""What the review pages show: the official table with findings and comments beside the rows they concern."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jixiao.core import model as core
from jixiao.core import workflow as wf
from jixiao.web.projects.presentation import BUDGET_LABELS, NARRATIVE_LABELS, indicator_table, money
from jixiao.web.review.findings import Reviewed, finding_view
from jixiao.web.review.models import Comment

FACT_FIELDS: dict[str, Any] = {"name": _("项目名称"), "department": _("申报单位"), "category": _("项目类别"),
                               "start_date": _("计划开始日期"), "end_date": _("计划完成日期"),
                               "government_procurement": _("是否含有政府购买服务"), "performance_type": _("绩效类型")}


def english() -> bool:
    return (get_language() or "").startswith("en")


def label(pair: tuple[str, str]) -> str:
    return pair[1] if english() else pair[0]


def state_label(state: str) -> str:
    return label(wf.STATE_LABELS.get(state, (state, state)))


def action_label(action: str) -> str:
    return label(wf.ACTION_LABELS.get(action, (action, action)))


@dataclass
class Line:
    """One row of the official table, with the findings and comments that concern it."""

    label: Any
    value: Any
    findings: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class IndicatorLine:
    row: Any  # presentation.TableRow
    findings: list[dict[str, Any]] = field(default_factory=list)
    comments: list[Comment] = field(default_factory=list)


def _by_field(reviewed: Reviewed) -> dict[str, list[dict[str, Any]]]:
    found: dict[str, list[dict[str, Any]]] = {}
    for f in reviewed.general:
        if f.field and f.field != "indicators":
            found.setdefault(f.field, []).append(finding_view(f, english()))
    return found


def fact_lines(p: core.Project, reviewed: Reviewed) -> list[Line]:
    by_field = _by_field(reviewed)
    lines = []
    for key, text in FACT_FIELDS.items():
        value = getattr(p, key)
        if key == "government_procurement":
            value = {True: _("是"), False: _("否")}.get(value, "")
        lines.append(Line(text, value, by_field.get(key, [])))
    lines += [Line(text, getattr(p, key), by_field.get(key, [])) for key, text in NARRATIVE_LABELS.items()]
    return lines


def budget_lines(p: core.Project, reviewed: Reviewed) -> list[Line]:
    by_field = _by_field(reviewed)
    return [Line(text, money(getattr(p.budget, key)), by_field.get(f"budget.{key}", []))
            for key, text in BUDGET_LABELS.items()]


def general_findings(reviewed: Reviewed) -> list[dict[str, Any]]:
    """Findings about the project as a whole (not one fact, budget line or indicator)."""
    return [finding_view(f, english()) for f in reviewed.general if not f.field or f.field == "indicators"]


def indicator_lines(p: core.Project, reviewed: Reviewed, comments: Iterable[Comment]) -> tuple[list[IndicatorLine],
                                                                                               list[Comment]]:
    """Each indicator row with its findings and comments; comments on rows no longer in the table apart."""
    lines = [IndicatorLine(row, [finding_view(f, english()) for f in reviewed.by_indicator.get(row.index, [])])
             for row in indicator_table(p.indicators)]
    keys = {(i.level1, i.level2, i.name): n for n, i in enumerate(p.indicators)}
    orphans = []
    for c in comments:
        if not c.on_indicator:
            continue
        n = keys.get((c.indicator_level1, c.indicator_level2, c.indicator_name))
        if n is None:
            orphans.append(c)
        else:
            lines[n].comments.append(c)
    return lines, orphans


def grade_choices() -> list[dict[str, str]]:
    return [{"grade": g, "consequence": label(wf.GRADE_CONSEQUENCE[g]), "en": wf.GRADE_EN[g]} for g in wf.GRADES]
