"""The project page's sheet — the printed table (facts, budget, indicators), its provenance and the reader's
diagnostics — as HTML.

Built here rather than by a template: a project is mostly viewed once (a reviewer going through a
department's tables), so the sheet is rendered on nearly every view before its per-revision cache helps,
and the template engine's cost per node (each translated label, filter and ``if``) made it the largest
part of the page's CPU. Every text is escaped; the labels are the catalogue's (the same msgids the
template had), in the language active when the sheet is built.
"""

from __future__ import annotations

from datetime import date, datetime
from html import escape
from typing import Any

from django.template.defaultfilters import date as date_filter
from django.template.defaultfilters import linebreaksbr
from django.utils.safestring import SafeString, mark_safe
from django.utils.timezone import template_localtime
from django.utils.translation import gettext as _

from jixiao.core import model as core
from jixiao.web.projects.models import Project
from jixiao.web.projects.presentation import (
    BUDGET_LABELS,
    NARRATIVE_LABELS,
    SEVERITIES,
    indicator_rows_html,
    indicator_table,
    money,
)


def sheet_html(obj: Project, p: core.Project, english: bool) -> SafeString:
    """The stored project ``obj`` (provenance, diagnostics) shown as its core project ``p``."""
    return mark_safe("\n".join((
        '<article class="target-table" aria-labelledby="t-title">',
        _head(p), _facts(p), _budget(p), _indicators(p),
        "</article>",
        _provenance(obj), _diagnostics(obj, english),
    )))


def _text(value: Any) -> str:
    return "" if value is None else escape(str(value))


DAY, STAMP = "Y-m-d", "Y-m-d H:i"  # the formats of Django's date filter


def _date(value: date | datetime | None, fmt: str) -> str:
    """As the template's ``|date:fmt`` showed it (a datetime in the site's time zone first, as templates do)."""
    return date_filter(template_localtime(value), fmt)


# The labels are translated outside the f-strings: makemessages (xgettext) does not read calls inside them.


def _head(p: core.Project) -> str:
    title, year = _("财政项目支出绩效目标表"), _("（%(y)s年度）") % {"y": p.year}
    department = _("申报单位名称：%(name)s") % {"name": p.department or ""}
    return (f'<header class="sheet-head">\n  <h1 id="t-title">{_text(title)}</h1>\n'
            f'  <p class="sheet-year">{_text(year)}</p>\n'
            f'  <p class="sheet-dept">{_text(department)}</p>\n</header>')


def _facts(p: core.Project) -> str:
    procurement = "" if p.government_procurement is None else _("是") if p.government_procurement else _("否")
    caption = _("项目基本情况")
    rows = [
        _pair_row(_("项目名称"), f'<td class="project-name">{_text(p.name)}</td>', _("项目类别"), _cell(p.category)),
        _pair_row(_("计划开始日期"), _cell(_date(p.start_date, DAY)), _("计划完成日期"), _cell(_date(p.end_date, DAY))),
        _pair_row(_("是否含有政府购买服务"), _cell(procurement), _("绩效类型"), _cell(p.performance_type)),
    ]
    rows.extend(f'<tr><th scope="row">{_text(label)}</th><td colspan="3" class="narrative">'
                f'{linebreaksbr(getattr(p, key) or "")}</td></tr>' for key, label in NARRATIVE_LABELS.items())
    return (f'<table class="sheet facts">\n<caption class="sr-only">{_text(caption)}</caption>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody>\n</table>")


def _cell(value: Any) -> str:
    return f"<td>{_text(value)}</td>"


def _pair_row(label: str, cell: str, label2: str, cell2: str) -> str:
    return f'<tr><th scope="row">{_text(label)}</th>{cell}<th scope="row">{_text(label2)}</th>{cell2}</tr>'


def _budget(p: core.Project) -> str:
    caption = _("本项目上年度市级财政资金使用情况")
    cells = [f'<th scope="row">{_text(label)}</th><td class="num">{_text(money(getattr(p.budget, key)))}</td>'
             for key, label in BUDGET_LABELS.items()]
    return (f'<table class="sheet budget">\n<caption>{_text(caption)}</caption>\n<tbody>\n'
            f"<tr>{cells[0]}{cells[1]}</tr>\n<tr>{cells[2]}{cells[3]}</tr>\n</tbody>\n</table>")


def _indicators(p: core.Project) -> str:
    caption, understood, line, none = _("%(y)s年绩效目标") % {"y": p.year}, _("理解为"), _("来源行"), _("尚无绩效指标。")
    head = "".join(f'<th scope="col">{_text(label)}</th>'
                   for label in (_("一级目标"), _("二级目标"), _("三级目标"), _("指标目标值")))
    rows = indicator_table(p.indicators)
    body = indicator_rows_html(rows) if rows else f'<tr><td colspan="6">{_text(none)}</td></tr>'
    return (f'<table class="sheet indicators">\n<caption>{_text(caption)}</caption>\n'
            f'<thead><tr>{head}\n<th scope="col" class="screen-only">{_text(understood)}</th>'
            f'<th scope="col" class="screen-only num">{_text(line)}</th></tr></thead>\n'
            f"<tbody>\n{body}\n</tbody>\n</table>")


def _provenance(obj: Project) -> str:
    heading, version, source = _("来源"), _("版本"), _("来源文件")
    changed = _("%(version)s（最后修改 %(at)s%(by)s）") % {
        "version": obj.version, "at": _date(obj.updated_at, STAMP),
        "by": f" · {obj.updated_by.username}" if obj.updated_by else ""}
    items = [f"<dt>{_text(version)}</dt><dd>{_text(changed)}</dd>"]
    doc = obj.source_document
    if doc:
        imported, first_line = _("导入时间"), _("起始行")
        items += [f"<dt>{_text(source)}</dt><dd>{_text(doc.name)}</dd>",
                  f'<dt>SHA-256</dt><dd><code class="hash">{_text(doc.sha256)}</code></dd>',
                  f"<dt>{_text(imported)}</dt><dd>{_date(doc.imported_at, STAMP)}</dd>"]
        if obj.source_line:
            items.append(f"<dt>{_text(first_line)}</dt><dd>{obj.source_line}</dd>")
    else:
        created = _("在系统中新建")
        items.append(f"<dt>{_text(source)}</dt><dd>{_text(created)}</dd>")
    return (f'<section class="provenance" aria-labelledby="h-prov">\n<h2 id="h-prov">{_text(heading)}</h2>\n<dl>\n  '
            + "\n  ".join(items) + "\n</dl>\n</section>")


def _diagnostics(obj: Project, english: bool) -> str:
    heading, found = _("导入诊断"), obj.diagnostics or ()
    if found:
        head = "".join(f'<th scope="col">{_text(label)}</th>' for label in (_("级别"), _("代码"), _("说明")))
        line = _("行")
        rows = "".join(
            f'<tr class="sev-{_text(d.get("severity"))}"><td class="num">{_text(d.get("line"))}</td>'
            f'<td>{_text(SEVERITIES.get(d.get("severity"), d.get("severity")))}</td>'
            f'<td><code>{_text(d.get("code"))}</code></td>'
            f'<td>{_text(d.get("message_en") if english else d.get("message"))}</td></tr>' for d in found)
        body = (f'<table class="list">\n<thead><tr><th scope="col" class="num">{_text(line)}</th>{head}</tr></thead>\n'
                f"<tbody>{rows}</tbody>\n</table>")
    else:
        nothing = _("读取时没有需要说明的问题。")
        body = f"<p>{_text(nothing)}</p>"
    return (f'<section class="diagnostics" aria-labelledby="h-diag">\n<h2 id="h-diag">{_text(heading)}</h2>\n'
            f"{body}\n</section>")
