"""How a project is shown: the printed table's merged cells, labelled facts, money in 元."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from jixiao.core import frameworks, values
from jixiao.core import model as core

NARRATIVE_LABELS = {
    "overview": _("项目概况"), "basis": _("立项依据"), "necessity": _("项目设立的必要性"),
    "safeguards": _("保证项目实施的制度、措施"), "implementation_plan": _("项目实施计划"),
    "goals": _("总目标及阶段性目标"),
}
BUDGET_LABELS = {
    "total": _("项目总预算（元）"), "current_year": _("项目当年预算（元）"),
    "previous_year": _("同名项目上年预算额（元）"), "previous_year_executed": _("同名项目上年预算执行数（元）"),
}
DEFAULT_FRAMEWORK = "shanghai-2020"
SEVERITIES = {"error": _("错误"), "warning": _("警告"), "info": _("提示")}


def money(value: Decimal | None) -> str:
    """120000000 → "120,000,000"; cents only when there are any."""
    if value is None:
        return ""
    value = value.normalize() if value == value.to_integral_value() else value
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"


def describe_target(target: core.TargetValue) -> str:
    """The target as understood ("≥ 1000 家", "截止 2020-04-30"), in the page's language."""
    if target.kind == "missing":
        return ""
    return values.describe(target, "en" if (get_language() or "").startswith("en") else "zh")


@dataclass
class TableRow:
    """One printed row; a span of 0 means the cell is covered by the merged cell above it."""

    indicator: core.Indicator
    index: int
    level1_span: int
    level2_span: int
    understood: str


def indicator_table(indicators: tuple[core.Indicator, ...]) -> list[TableRow]:
    """The indicator rows with 一级/二级 merged over consecutive equal cells (rowspan), as printed."""
    rows = [TableRow(ind, n, 0, 0, describe_target(ind.target)) for n, ind in enumerate(indicators)]
    _merge(rows, lambda r: (r.indicator.level1,), "level1_span")
    _merge(rows, lambda r: (r.indicator.level1, r.indicator.level2), "level2_span")
    return rows


def _merge(rows: list[TableRow], key: Any, attr: str) -> None:
    start = 0
    for n in range(1, len(rows) + 1):
        if n == len(rows) or key(rows[n]) != key(rows[start]):
            setattr(rows[start], attr, n - start)
            start = n


def framework_branches(code: str | None) -> list[tuple[str, tuple[str, ...]]]:
    """(一级, its 二级 …) of the project's framework, for the editor's choices."""
    try:
        fw = frameworks.get(code or DEFAULT_FRAMEWORK)
    except KeyError:
        fw = frameworks.get(DEFAULT_FRAMEWORK)
    return [(l1, fw.level2.get(l1, ())) for l1 in fw.level1]


def list_rows(projects: list[Any], detail_prefix: str) -> SafeString:
    """The list's table rows, built here rather than by the template: fifty rows of eight cells through
    the template engine cost more than the queries behind them."""
    return mark_safe("\n".join(
        f'<tr><th scope="row"><a href="{detail_prefix}{p.pk}/">{escape(p.name)}</a></th><td>{p.year}</td>'
        f"<td>{escape(p.department.name)}</td><td>{escape(p.category or '')}</td>"
        f"<td>{escape(p.performance_type or '')}</td><td class=\"num\">{money(p.budget_current_year)}</td>"
        f'<td class="num">{p.indicator_count}</td><td class="num">{p.quantified_count}</td></tr>'
        for p in projects))


def indicator_rows_html(rows: list[TableRow]) -> SafeString:
    """The indicator table's rows with their merged 一级/二级 cells, built here (see ``list_rows``)."""
    out = []
    for r in rows:
        i = r.indicator
        cells = ["<tr>"]
        if r.level1_span:
            cells.append(f'<th scope="rowgroup" rowspan="{r.level1_span}">{escape(i.level1 or "")}</th>')
        if r.level2_span:
            cells.append(f'<th scope="rowgroup" rowspan="{r.level2_span}">{escape(i.level2 or "")}</th>')
        line = "" if i.source.line is None else i.source.line
        cells.append(f"<td>{escape(i.name or '')}</td><td>{escape(i.target.raw)}</td>"
                     f'<td class="screen-only understood kind-{escape(i.target.kind)}">{escape(r.understood)}</td>'
                     f'<td class="screen-only num">{line}</td></tr>')
        out.append("".join(cells))
    return mark_safe("\n".join(out))
