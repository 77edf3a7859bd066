"""相关性: indicators in a branch that does not fit what they measure."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.core.review import citations as cite
from jixiao.core.review.context import Context, IndicatorView
from jixiao.core.review.registry import Hit, rule
from jixiao.core.review.words import contains_any

CATEGORY_ZH = {"management": "管理", "output": "产出", "cost": "成本", "outcome": "效果（效益）",
               "satisfaction": "满意度"}


@rule("R-RELEVANT-SATISFACTION-MISPLACED", severity="warning", dimension="relevance",
      title="满意度指标放错位置", title_en="Satisfaction indicator in the wrong branch", source=cite.MISPLACED,
      hint="移到满意度目标下；效益目标下应写项目带来的实际效果。",
      hint_en="Move it under satisfaction; effect branches should state the actual effects.")
def satisfaction_misplaced(ctx: Context) -> Iterator[Hit]:
    word, survey = ctx.options.satisfaction_word, ctx.options.satisfaction_survey_words
    for view in ctx.indicators:
        if word not in view.name or contains_any(view.name, survey):
            continue
        if view.category is not None and view.category != "satisfaction":
            kind = CATEGORY_ZH.get(view.category, view.category)
            yield view.hit(f"{view.where()}是满意度指标，却放在{kind}目标下",
                           f"{view.where_en()} measures satisfaction but sits under a {view.category} branch")


def canonical_branch(ctx: Context, view: IndicatorView) -> str:
    ind, fw = view.indicator, ctx.framework
    l1 = (fw.find_level1(ind.level1) if fw and ind.level1 else None) or ind.level1 or ""
    found = fw.find_level2(ind.level2) if fw and ind.level2 else None
    l2 = found[1] if found else ind.level2 or ""
    return f"{l1}/{l2}"


@rule("R-RELEVANT-MANAGEMENT-AS-EFFECT", severity="warning", dimension="relevance",
      title="管理类指标充作效果指标", title_en="Management indicator as an effect", source=cite.MISPLACED,
      hint="制度、预算执行等管理指标移到投入与管理目标下；效果目标写项目对服务对象或社会的实际影响。",
      hint_en="Move management indicators (rules, budget execution) to management; effects state real impact.")
def management_as_effect(ctx: Context) -> Iterator[Hit]:
    keywords, allowed = ctx.options.management_keywords, ctx.options.management_allowed_branches
    for view in ctx.indicators:
        if view.category != "outcome" or not contains_any(view.name, keywords):
            continue
        if canonical_branch(ctx, view) in allowed:
            continue
        yield view.hit(f"{view.where()}衡量的是管理过程，不是项目效果",
                       f"{view.where_en()} measures management, not the project's effect")
