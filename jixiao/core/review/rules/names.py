"""Indicator names that say nothing: placeholders, a branch's own name, the same indicator twice."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.core.review import citations as cite
from jixiao.core.review.context import Context, IndicatorView
from jixiao.core.review.registry import Hit, rule


@rule("R-COMPLETE-PLACEHOLDER-NAME", severity="error", dimension="completeness",
      title="指标名称为占位词", title_en="Placeholder indicator name", source=cite.PLACEHOLDER,
      hint="把名称改为所衡量的内容，如“发布数据报告数”“信息发布及时率”。",
      hint_en="Name what is measured, e.g. number of data reports published, timeliness of publication.")
def placeholder_name(ctx: Context) -> Iterator[Hit]:
    for view in ctx.indicators:
        if not view.placeholder:
            continue
        if view.key:
            yield view.hit(f"{view.where()}：指标名称“{view.name}”是占位词，看不出衡量什么",
                           f"{view.where_en()}: “{view.name}” is a placeholder, not a measure")
        else:
            yield view.hit(f"{view.where()}：没有指标名称", f"{view.where_en()}: the indicator has no name")


@rule("R-RELEVANT-BRANCH-NAME", severity="warning", dimension="relevance",
      title="指标名称与所属目标同名", title_en="Indicator named like its branch", source=cite.BRANCH_ECHO,
      hint="三级指标应写具体衡量什么（如 投入管理 → 预算编制合理性、预算执行率）。",
      hint_en="Name the concrete measure (e.g. 投入管理 → budget preparation, budget execution rate).")
def branch_name(ctx: Context) -> Iterator[Hit]:
    for view in ctx.indicators:
        if view.placeholder:
            continue
        if view.bare in view.branch_bare:
            yield view.hit(f"{view.where()}：指标名称“{view.name}”只是重复了所属目标的名称",
                           f"{view.where_en()}: the name “{view.name}” only repeats its branch")


def _exact_duplicates(ctx: Context) -> Iterator[tuple[IndicatorView, IndicatorView]]:
    first: dict[str, IndicatorView] = {}
    for view in ctx.indicators:
        if not view.key:
            continue
        if view.key in first:
            yield first[view.key], view
        else:
            first[view.key] = view


def _near_duplicates(ctx: Context) -> Iterator[tuple[IndicatorView, IndicatorView]]:
    """One name inside the other, the same target, under two first-level goals: one measure counted
    as two results (持证上门服务广覆盖 under 效果目标, 家政持证上门服务广覆盖 under 影响力目标)."""
    by_target: dict[str, list[IndicatorView]] = {}
    for view in ctx.indicators:
        raw = view.target.raw.strip()
        if view.key and raw:
            by_target.setdefault(raw, []).append(view)
    for group in by_target.values():
        if len(group) < 2:
            continue
        for i, a in enumerate(group):
            for b in group[i + 1:]:
                if a.key != b.key and a.indicator.level1 != b.indicator.level1 and _inside(a.key, b.key):
                    yield a, b


def _inside(a: str, b: str) -> bool:
    """One name contains the other, which is long enough (4 characters) not to match by chance."""
    return (len(a) >= 4 and a in b) or (len(b) >= 4 and b in a)


@rule("R-RELEVANT-DUPLICATE", severity="warning", dimension="relevance",
      title="同一指标重复设置", title_en="Same indicator twice", source=cite.DUPLICATE,
      hint="删去重复的一行，或改写为不同的衡量内容。", hint_en="Remove the repetition or make it measure something else.")
def duplicate(ctx: Context) -> Iterator[Hit]:
    pairs = list(_exact_duplicates(ctx))
    if ctx.options.near_duplicates:
        pairs.extend(_near_duplicates(ctx))
    for first, again in sorted(pairs, key=lambda p: p[1].index):
        at = f"第{first.line}行" if first.line is not None else first.label
        at_en = f"line {first.line}" if first.line is not None else first.label
        yield again.hit(f"{again.where()}与{at}的“{first.label}”（{first.target.raw}）是同一指标",
                        f"{again.where_en()} repeats “{first.label}” ({first.target.raw}) of {at_en}")
