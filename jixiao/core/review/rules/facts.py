"""完整性: the facts, money, narrative and values a target table must state."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.core.review import citations as cite
from jixiao.core.review.context import Context
from jixiao.core.review.registry import Hit, rule

FACT_LABELS: dict[str, tuple[str, str]] = {
    "name": ("项目名称", "project name"),
    "department": ("申报单位名称", "department"),
    "category": ("项目类别", "project category"),
    "start_date": ("计划开始日期", "planned start date"),
    "end_date": ("计划完成日期", "planned end date"),
    "performance_type": ("绩效类型", "performance type"),
    "government_procurement": ("是否含有政府购买服务", "whether it buys government services"),
}
NARRATIVE_LABELS: dict[str, tuple[str, str]] = {
    "overview": ("项目概况", "project overview"),
    "basis": ("立项依据", "basis for the project"),
    "necessity": ("项目设立的必要性", "necessity of the project"),
    "safeguards": ("保证项目实施的制度、措施", "rules and measures ensuring implementation"),
    "implementation_plan": ("项目实施计划", "implementation plan"),
    "goals": ("总目标及阶段性目标", "overall and stage goals"),
}
BUDGET_LABELS: dict[str, tuple[str, str]] = {
    "total": ("项目总预算", "total budget"),
    "current_year": ("项目当年预算", "current-year budget"),
}


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


@rule("R-COMPLETE-FACT-MISSING", severity="error", dimension="completeness",
      title="项目基本信息缺失", title_en="Project fact missing", source=cite.FORM,
      hint="按申报表补填该栏。", hint_en="Fill in the field as the form asks.")
def fact_missing(ctx: Context) -> Iterator[Hit]:
    for name in ctx.options.required_facts:
        if _blank(getattr(ctx.project, name, None)):
            zh, en = FACT_LABELS.get(name, (name, name))
            yield ctx.project_hit(f"未填写“{zh}”", f"{en} ({zh}) is missing", field=name)


@rule("R-COMPLETE-BUDGET-MISSING", severity="error", dimension="completeness",
      title="预算金额缺失", title_en="Budget figure missing", source=cite.FORM,
      hint="填写项目总预算和项目当年预算（元）。", hint_en="State the total and the current-year budget (元).")
def budget_missing(ctx: Context) -> Iterator[Hit]:
    for name, (zh, en) in BUDGET_LABELS.items():
        if getattr(ctx.project.budget, name) is None:
            yield ctx.project_hit(f"未填写“{zh}”", f"{en} ({zh}) is missing", field=f"budget.{name}")


@rule("R-COMPLETE-NARRATIVE-MISSING", severity="warning", dimension="completeness",
      title="项目说明缺失", title_en="Project description missing", source=cite.COMPLETENESS,
      hint="补写该项说明，目标应明确、具体。", hint_en="Write the missing section; goals must be clear and specific.")
def narrative_missing(ctx: Context) -> Iterator[Hit]:
    table = ctx.options.required_narrative
    code = ctx.framework.code if ctx.framework else None
    required = table.get(code, table.get("*", ())) if code else table.get("*", ())
    for name in required:
        if _blank(getattr(ctx.project, name, None)):
            zh, en = NARRATIVE_LABELS.get(name, (name, name))
            yield ctx.project_hit(f"未填写“{zh}”", f"{en} ({zh}) is missing", field=name)


@rule("R-COMPLETE-NO-INDICATORS", severity="error", dimension="completeness",
      title="没有绩效指标", title_en="No indicators", source=cite.INDICATOR_TREE,
      hint="按指标体系填写产出、效益（效果）、满意度指标。",
      hint_en="Add output, effect and satisfaction indicators as the framework asks.")
def no_indicators(ctx: Context) -> Iterator[Hit]:
    if not ctx.indicators:
        yield ctx.project_hit("未设置任何绩效指标", "the project has no indicators", field="indicators")


@rule("R-COMPLETE-VALUE-MISSING", severity="error", dimension="completeness",
      title="指标目标值缺失", title_en="Indicator without a target value", source=cite.COMPLETENESS,
      hint="填写指标目标值，能量化的写数值和单位（如 ≥95%、=1000家）。",
      hint_en="Give the target value; a number with its unit where possible (≥95%, =1000家).")
def value_missing(ctx: Context) -> Iterator[Hit]:
    for view in ctx.indicators:
        if view.target.kind == "missing" or not view.target.raw.strip():
            yield view.hit(f"{view.where()}未填写指标目标值", f"{view.where_en()} has no target value")


@rule("R-FEASIBLE-DATES-REVERSED", severity="error", dimension="feasibility",
      title="计划完成日期早于开始日期", title_en="End date before start date", source=cite.FEASIBILITY,
      hint="核对计划开始日期和计划完成日期。", hint_en="Check the planned start and end dates.")
def dates_reversed(ctx: Context) -> Iterator[Hit]:
    start, end = ctx.project.start_date, ctx.project.end_date
    if start and end and end < start:
        yield ctx.project_hit(f"计划完成日期 {end} 早于计划开始日期 {start}",
                              f"planned end {end} is before planned start {start}", field="end_date")
