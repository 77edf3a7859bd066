"""完整性: the branches of the framework a project must fill (产出 数量/质量/时效, effects, satisfaction)."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.core.frameworks import label_key
from jixiao.core.review import citations as cite
from jixiao.core.review.context import Context
from jixiao.core.review.registry import Hit, rule


def output_level2_keys(ctx: Context) -> set[str]:
    return {label_key(v.indicator.level2) for v in ctx.indicators
            if v.category == "output" and v.indicator.level2}


def output_level1(ctx: Context) -> str:
    fw = ctx.framework
    if fw is None:
        return "产出"
    return next((l1 for l1 in fw.level1 if fw.categories.get((l1, None)) == "output"), "产出")


@rule("R-COMPLETE-OUTPUT-BRANCH-MISSING", severity="warning", dimension="completeness",
      title="产出指标缺少数量/质量/时效", title_en="Output branch missing", source=cite.INDICATOR_TREE,
      hint="为缺少的产出二级目标各设至少一个可衡量的指标。",
      hint_en="Add at least one measurable indicator to each missing output branch.")
def output_branch_missing(ctx: Context) -> Iterator[Hit]:
    if ctx.framework is None or not ctx.indicators:
        return
    present = output_level2_keys(ctx)
    missing = [b for b in ctx.options.output_branches if label_key(b) not in present]
    if missing:
        l1 = output_level1(ctx)
        yield ctx.project_hit(f"“{l1}”缺少二级目标：{'、'.join(missing)}",
                              f"{l1} lacks the output branches {', '.join(missing)}", field="indicators")


@rule("R-COMPLETE-OUTCOME-MISSING", severity="error", dimension="completeness",
      title="没有效果（效益）指标", title_en="No effect indicator", source=cite.INDICATOR_TREE,
      hint="设置反映项目预期效果的指标（经济、社会、环境效益等），不要只写产出。",
      hint_en="Add indicators of the project's intended effects, not only its outputs.")
def outcome_missing(ctx: Context) -> Iterator[Hit]:
    if ctx.framework is None or not ctx.indicators:
        return
    if not any(v.category == "outcome" for v in ctx.indicators):
        yield ctx.project_hit("未设置任何效果（效益）指标", "no indicator of the project's effects",
                              field="indicators")


def is_public_service(ctx: Context) -> bool:
    """Public service, as configured: it buys services for the public (是否含有政府购买服务 = 是)
    or its 绩效类型 is listed in ``Options.public_service_types``."""
    options, project = ctx.options, ctx.project
    if options.public_service_if_procurement and project.government_procurement:
        return True
    return bool(project.performance_type) and project.performance_type in options.public_service_types


@rule("R-COMPLETE-SATISFACTION-MISSING", severity="warning", dimension="completeness",
      title="公共服务项目没有满意度指标", title_en="Public-service project without satisfaction indicator",
      source=cite.SATISFACTION,
      hint="设置服务对象满意度指标，写明调查方式和目标值（如 ≥90%）。",
      hint_en="Add a satisfaction indicator of those served, with survey and target (≥90%).")
def satisfaction_missing(ctx: Context) -> Iterator[Hit]:
    if ctx.framework is None or not ctx.indicators or not is_public_service(ctx):
        return
    word = ctx.options.satisfaction_word
    if any(v.category == "satisfaction" or word in v.name for v in ctx.indicators):
        return
    reason = "含有政府购买服务" if ctx.project.government_procurement else f"绩效类型为{ctx.project.performance_type}"
    reason_en = ("it buys government services" if ctx.project.government_procurement
                 else f"its performance type is {ctx.project.performance_type}")
    yield ctx.project_hit(f"项目{reason}，属面向公众的服务，但未设置满意度指标",
                          f"{reason_en}, so it serves the public, but it has no satisfaction indicator",
                          field="indicators")
