"""The rest of the demo year: monitoring of January–July and the year-end self-evaluations of the seed
projects, so that a new user sees the whole cycle without typing anything.

The figures are plausible, not published: they are made from each project's own targets (a count
reached at about its straight-line share by July, a rate at its target, a qualitative target 达成),
with a few projects behind so that every light and every workflow state appears. Everything is
entered through the same services as the pages, marked as demo data, and only where nothing exists
yet: running the demo again changes nothing.
"""

from __future__ import annotations

import dataclasses
from decimal import ROUND_HALF_UP, Decimal

from django.contrib.auth.models import User

from jixiao.core import workflow as wf
from jixiao.core.actuals import normal_unit
from jixiao.core.canonical import decimal_text
from jixiao.core.model import Indicator
from jixiao.core.selfeval import EvaluatedIndicator, MonitoredIndicator
from jixiao.web.monitoring import mapping as monitoring_mapping
from jixiao.web.monitoring import services as monitoring
from jixiao.web.monitoring.models import Round
from jixiao.web.projects.models import Project
from jixiao.web.selfeval import mapping, services
from jixiao.web.selfeval.models import Evaluation

MONTHS = 7
# Per seed project, in order: share of the budget spent by July, and how its self-evaluation ends.
SPENT_BY_JULY = (Decimal("0.62"), Decimal("0.45"), Decimal("0.30"), Decimal("0.58"), Decimal("0.71"),
                 Decimal("0.25"), Decimal("0.55"), Decimal("0.66"))
OUTCOMES = (wf.APPROVED, wf.APPROVED, wf.SUBMITTED, wf.RETURNED, wf.APPROVED, wf.DRAFT, None, None)
EXECUTED = (Decimal("0.962"), Decimal("0.88"), Decimal("0.99"), Decimal("0.93"), Decimal("0.986"), Decimal("0.91"))
BEHIND = Decimal("0.40")  # a project marked behind reaches this share of its straight line


def _number(value: Decimal) -> str:
    return decimal_text(value.quantize(Decimal(1), rounding=ROUND_HALF_UP)) or "0"


def _figure(ind: Indicator, share: Decimal) -> str | None:
    """A value written like the target: ``share`` of a count (``>1000家`` → ``583家``), a rate as it stands."""
    t = ind.target
    if t.kind != "numeric" or t.value is None:
        return None
    unit = t.unit or ""
    if normal_unit(unit) == "%":
        return f"{t.value}%"
    return f"{_number(Decimal(t.value) * share)}{unit}"


def monitored_row(m: MonitoredIndicator, n: int, behind: bool) -> MonitoredIndicator:
    ind = m.indicator
    straight = Decimal(MONTHS) / 12
    # A rate is printed at its target whatever the month; only counts and judged rows fall behind.
    lagging = behind and n % 3 == 0 and normal_unit(ind.target.unit or "") != "%"
    value = _figure(ind, straight * (BEHIND if lagging else Decimal("1.05")))
    if value is None:
        band = "部分达成" if lagging else "达成"
        row = dataclasses.replace(m, value_to_date=ind.target.raw or "按计划推进", band=band, likelihood="确定能")
    else:
        row = dataclasses.replace(m, value_to_date=value, expected_value=_figure(ind, Decimal(1)), likelihood="确定能")
    if lagging:
        row = dataclasses.replace(
            row, deviation_reasons=("经费保障",), likelihood="有可能", correction_needed=True,
            deviation_note="上半年资金拨付流程较长，项目实施进度滞后。",
            correction_plan="加快资金拨付，按月跟踪实施进度。", correction_result="8月起已按月拨付，进度逐步追赶。")
    return row


def add_monitoring(actor: User, project: Project, n: int) -> Round | None:
    if Round.objects.filter(project=project, months=MONTHS).exists():
        return None
    obj = monitoring.start(actor, project.pk, MONTHS, demo=True)
    report = monitoring_mapping.round_to_core(obj)
    budget = report.budget or Decimal(0)
    spent = (budget * SPENT_BY_JULY[n % len(SPENT_BY_JULY)]).quantize(Decimal(1))
    behind = SPENT_BY_JULY[n % len(SPENT_BY_JULY)] < Decimal("0.5")
    filled = dataclasses.replace(
        report, spent=spent, expected_spending=(budget * Decimal("0.97")).quantize(Decimal(1)),
        indicators=tuple(monitored_row(m, i, behind) for i, m in enumerate(report.indicators)))
    return monitoring.save(actor, obj.pk, filled, obj.version)


def evaluated_row(r: EvaluatedIndicator, n: int, short: bool) -> EvaluatedIndicator:
    ind = r.indicator
    value = _figure(ind, Decimal("0.9") if short and n == 0 else Decimal("1.02"))
    if value is None:
        return dataclasses.replace(r, actual=ind.target.raw or "已完成", band="达成")
    if short and n == 0:
        return dataclasses.replace(r, actual=value, deviation_reason=(
            "部分企业申报材料不全，审核后未予兑付；下一年度提前开展政策宣讲，简化申报材料。"))
    return dataclasses.replace(r, actual=value)


def add_selfeval(editor: User, reviewer: User, project: Project, n: int) -> Evaluation | None:
    outcome = OUTCOMES[n % len(OUTCOMES)]
    if outcome is None or Evaluation.objects.filter(project=project).exists():
        return None
    obj = services.start(editor, project.pk, demo=True)
    ev = mapping.evaluation_to_core(obj)
    budget = ev.execution.full_year_budget or Decimal(0)
    short = n % 2 == 1
    numeric = [i for i, r in enumerate(ev.indicators) if r.indicator.target.kind == "numeric"]
    first = numeric[0] if numeric else -1
    filled = dataclasses.replace(
        ev, execution=dataclasses.replace(ev.execution, executed=(budget * EXECUTED[n % len(EXECUTED)]).quantize(Decimal(1))),
        goal_actual="项目按计划实施，年度绩效目标基本完成，资金使用规范。",
        indicators=tuple(evaluated_row(r, 0 if i == first else i + 1, short) for i, r in enumerate(ev.indicators)))
    obj = services.save(editor, obj.pk, filled, obj.version, then_submit=outcome != wf.DRAFT)
    if outcome == wf.APPROVED:
        services.act(reviewer, obj.pk, wf.APPROVE, "自评结果属实，同意。")
    elif outcome == wf.RETURNED:
        services.act(reviewer, obj.pk, wf.RETURN, "请补充年度总体目标实际完成情况的量化说明。")
    return Evaluation.objects.get(pk=obj.pk)


def install_year(editor: User, reviewer: User, projects: list[Project]) -> tuple[int, int]:
    """Monitoring and self-evaluations for ``projects`` (the seed's, in order); how many of each were added."""
    rounds = evaluations = 0
    for n, project in enumerate(projects):
        rounds += add_monitoring(editor, project, n) is not None
        evaluations += add_selfeval(editor, reviewer, project, n) is not None
    return rounds, evaluations
