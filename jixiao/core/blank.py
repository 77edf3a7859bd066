"""A project's targets as the starting point of its monitoring report and its self-evaluation.

Both forms repeat the approved target table — the same indicators, in the same order, with the same
target values (财预〔2020〕10号 第十五条: the self-evaluation measures "年度绩效目标完成情况" against the
targets set at the start of the year) — and leave blank what only the department can fill in.
"""

from __future__ import annotations

from jixiao.core.model import Project
from jixiao.core.selfeval import (
    EvaluatedIndicator,
    Execution,
    MonitoredIndicator,
    MonitoringReport,
    ProjectHeader,
    SelfEvaluation,
)


def header_of(project: Project, implementer: str | None = None) -> ProjectHeader:
    """项目名称 / 主管部门 / 实施单位: the implementer is the department unless said otherwise."""
    return ProjectHeader(name=project.name, department=project.department,
                         implementer=implementer or project.department, year=project.year,
                         framework=project.framework, start_date=project.start_date)


def blank_selfeval(project: Project) -> SelfEvaluation:
    """The 自评表 before anything is filled in: targets, the year's budget as 年初/全年预算数, and
    the goal as declared (总目标及阶段性目标) as 预期目标."""
    budget = project.budget.current_year
    return SelfEvaluation(
        project=header_of(project),
        execution=Execution(initial_budget=budget, full_year_budget=budget, unit=project.budget.unit),
        indicators=tuple(EvaluatedIndicator(indicator=i) for i in project.indicators),
        goal_expected=project.goals)


def blank_monitoring(project: Project, months: int, period: str | None = None) -> MonitoringReport:
    """The monitoring table of a period (``months`` elapsed) before anything is filled in."""
    return MonitoringReport(
        project=header_of(project), months=months, period=period or period_text(project.year, months),
        budget=project.budget.current_year, unit=project.budget.unit,
        indicators=tuple(MonitoredIndicator(indicator=i) for i in project.indicators))


def period_text(year: int | None, months: int) -> str:
    """"2020年1–7月" (the 双监控 period is counted from January)."""
    span = "1月" if months == 1 else f"1–{months}月"
    return f"{year}年{span}" if year else span
