"""Target values that cannot be evaluated or cannot be right: vague grades, impossible percentages,
cost floors, deadlines outside the project."""

from __future__ import annotations

from calendar import monthrange
from collections.abc import Iterator
from datetime import date

from jixiao.core.review import citations as cite
from jixiao.core.review.config import Options
from jixiao.core.review.context import Context, IndicatorView
from jixiao.core.review.registry import Hit, rule
from jixiao.core.review.words import contains_any
from jixiao.core.values import as_decimal, is_percentage


@rule("R-RELEVANT-VAGUE-NUMBER", severity="warning", dimension="relevance",
      title="可量化的指标写成定性值", title_en="Qualitative value where a number was possible",
      source=cite.QUANTIFY,
      hint="写出数值、比较符和单位，如 ≥95%、=1000家、≤50万元。",
      hint_en="Write a number with operator and unit, e.g. ≥95%, =1000家, ≤50万元.")
def vague_number(ctx: Context) -> Iterator[Hit]:
    for view in ctx.indicators:
        if view.wants_number and view.vague:
            what = "成本" if view.is_cost else "数值"
            yield view.hit(f"{view.where()}：应当量化的{what}指标，目标值却是“{view.target.raw.strip()}”",
                           f"{view.where_en()}: a measurable indicator valued “{view.target.raw.strip()}”")


@rule("R-RELEVANT-VAGUE-STANDARD", severity="warning", dimension="relevance",
      title="“达标”未说明标准", title_en="“Meets the standard” without a standard", source=cite.VAGUE_STANDARD,
      hint="写明达到什么标准（标准名称或具体数值），或改为可衡量的指标值。",
      hint_en="Name the standard (its title or figures), or give a measurable value.")
def vague_standard(ctx: Context) -> Iterator[Hit]:
    words = ctx.options.vague_standard_words
    for view in ctx.indicators:
        if not view.vague or view.wants_number or view.indicator.standard:
            continue  # R-RELEVANT-VAGUE-NUMBER already says it, or a standard is named
        if view.placeholder:
            continue  # 其他指标 / 达标: the name is rewritten first, and the value with it
        raw = view.target.raw.strip()
        if not contains_any(raw, words):
            continue
        yield view.hit(f"{view.where()}：目标值“{raw}”没有说明达到什么标准，无法评价",
                       f"{view.where_en()}: “{raw}” does not say which standard is met")


@rule("R-FEASIBLE-PERCENT-OVER-100", severity="error", dimension="feasibility",
      title="百分比超过100%", title_en="Percentage above 100", source=cite.FEASIBILITY,
      hint="比率不能超过100%；若是增长幅度，请在名称中写明“增长率”。",
      hint_en="A share cannot exceed 100%; if it is growth, say so in the name (增长率).")
def percent_over_100(ctx: Context) -> Iterator[Hit]:
    growth = ctx.options.percent_over_100_words
    for view in ctx.indicators:
        if not is_percentage(view.target):
            continue
        number = as_decimal(view.target)
        if number is None or number <= 100:
            continue
        if view.target.op in ("<", "<=") or contains_any(view.name, growth):
            continue
        yield view.hit(f"{view.where()}：目标值 {view.target.raw.strip()} 超过100%",
                       f"{view.where_en()}: target {view.target.raw.strip()} is above 100%")


def is_cost(view: IndicatorView, options: Options) -> bool:
    if not (view.is_cost or contains_any(view.name, options.cost_keywords)):
        return False
    return not contains_any(view.name, options.reduction_words)


@rule("R-APPROPRIATE-COST-LOWER-BOUND", severity="error", dimension="appropriateness",
      title="成本指标使用“≥/>”", title_en="Cost indicator with a lower bound", source=cite.COST_CEILING,
      hint="成本是上限，改为“≤”（如 ≤50元/人次）。", hint_en="A cost is a ceiling: use ≤ (e.g. ≤50元/人次).")
def cost_lower_bound(ctx: Context) -> Iterator[Hit]:
    for view in ctx.indicators:
        if view.target.op in (">", ">=") and view.target.kind == "numeric" and is_cost(view, ctx.options):
            yield view.hit(f"{view.where()}：成本指标写成“{view.target.raw.strip()}”，应为“≤”上限",
                           f"{view.where_en()}: a cost written as “{view.target.raw.strip()}”; it should be ≤")


def deadline_bounds(value: str) -> tuple[date, date] | None:
    """The first and last day an ISO date, year-month or year stands for. (values.latest_date gives
    only the last: "=2020年" in a project ending in June starts inside it, so it is not "after" it.)"""
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 3:
            day = date(*parts)
            return day, day
        if len(parts) == 2:
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], monthrange(parts[0], parts[1])[1])
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
    except ValueError:
        return None
    return None


@rule("R-FEASIBLE-DEADLINE-OUTSIDE", severity="warning", dimension="feasibility",
      title="完成时限超出项目期限", title_en="Deadline outside the project's period", source=cite.FEASIBILITY,
      hint="时限应在计划开始与完成日期之间；否则调整时限或项目期限。",
      hint_en="The deadline must fall between the planned start and end; change one or the other.")
def deadline_outside(ctx: Context) -> Iterator[Hit]:
    start, end = ctx.project.start_date, ctx.project.end_date
    exempt = ctx.options.deadline_exempt_categories
    for view in ctx.indicators:
        target = view.target
        if target.kind != "deadline" or view.category in exempt:
            continue
        bounds = deadline_bounds(target.end or target.value or "")
        if bounds is None:
            continue
        raw = target.raw.strip()
        if end and bounds[0] > end:
            yield view.hit(f"{view.where()}：时限“{raw}”晚于计划完成日期 {end}",
                           f"{view.where_en()}: deadline “{raw}” is after the planned end {end}")
        elif start and bounds[1] < start:
            yield view.hit(f"{view.where()}：时限“{raw}”早于计划开始日期 {start}",
                           f"{view.where_en()}: deadline “{raw}” is before the planned start {start}")
