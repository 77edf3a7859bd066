"""适当性: money figures that do not add up."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from jixiao.core.model import Budget, TargetValue
from jixiao.core.review import citations as cite
from jixiao.core.review.config import Options
from jixiao.core.review.context import Context
from jixiao.core.review.registry import Hit, rule
from jixiao.core.values import as_decimal


def yuan(amount: Decimal) -> str:
    return f"{amount:,.2f}".rstrip("0").rstrip(".") + "元"


@rule("R-APPROPRIATE-CURRENT-ABOVE-TOTAL", severity="error", dimension="appropriateness",
      title="当年预算大于总预算", title_en="Current-year budget above the total", source=cite.APPROPRIATENESS,
      hint="核对项目总预算和当年预算（是否混用了万元和元）。",
      hint_en="Check the total and current-year budget (元 and 万元 mixed?).")
def current_above_total(ctx: Context) -> Iterator[Hit]:
    budget = ctx.project.budget
    if budget.total is not None and budget.current_year is not None and budget.current_year > budget.total:
        yield ctx.project_hit(
            f"项目当年预算 {yuan(budget.current_year)} 大于项目总预算 {yuan(budget.total)}",
            f"current-year budget {yuan(budget.current_year)} exceeds the total {yuan(budget.total)}",
            field="budget.current_year")


@rule("R-APPROPRIATE-EXECUTED-ABOVE-BUDGET", severity="warning", dimension="appropriateness",
      title="上年执行数大于上年预算", title_en="Last year's execution above last year's budget",
      source=cite.APPROPRIATENESS,
      hint="核对同名项目上年预算额和执行数；预算调整过的，填调整后预算。",
      hint_en="Check last year's budget and execution; after an adjustment, give the adjusted budget.")
def executed_above_budget(ctx: Context) -> Iterator[Hit]:
    budget = ctx.project.budget
    prev, done = budget.previous_year, budget.previous_year_executed
    if prev is not None and done is not None and done > prev:
        yield ctx.project_hit(f"同名项目上年预算执行数 {yuan(done)} 大于上年预算额 {yuan(prev)}",
                              f"last year's execution {yuan(done)} exceeds last year's budget {yuan(prev)}",
                              field="budget.previous_year_executed")


def target_yuan(target: TargetValue, options: Options) -> Decimal | None:
    """A monetary target in 元, or None when the target is not an amount of money."""
    number = as_decimal(target)
    return number if number is not None and target.unit in options.money_units else None


def budget_ceiling(budget: Budget) -> Decimal | None:
    return budget.total if budget.total is not None else budget.current_year


@rule("R-APPROPRIATE-TARGET-ABOVE-BUDGET", severity="warning", dimension="appropriateness",
      title="金额目标大于项目预算", title_en="Monetary target above the budget", source=cite.MATCHING,
      hint="产出或成本金额不能超过项目预算；核对单位（元/万元）和口径。",
      hint_en="An output or cost amount cannot exceed the budget; check the unit (元/万元) and scope.")
def target_above_budget(ctx: Context) -> Iterator[Hit]:
    ceiling = budget_ceiling(ctx.project.budget)
    if ceiling is None:
        return
    for view in ctx.indicators:
        if view.category not in ctx.options.budget_bound_categories and not view.is_cost:
            continue
        amount = target_yuan(view.target, ctx.options)
        if amount is not None and amount > ceiling:
            yield view.hit(f"{view.where()}：金额目标 {yuan(amount)} 大于项目总预算 {yuan(ceiling)}",
                           f"{view.where_en()}: amount {yuan(amount)} exceeds the budget {yuan(ceiling)}")
