"""Write the format corpus and the expected projects beside each file (see corpus.py).

    .venv/bin/python tests/data/formats/make_corpus.py

The sources are the golden projects of the seed and of the layout variants (checked by hand against
their text). ``export-*`` files are written by jixiao's exporters; ``hand-*`` files are laid out here
by hand with openpyxl, python-docx and plain HTML, in arrangements the exporters never make; ``lo-*``
files are PDFs LibreOffice makes of some of them (``soffice --headless --convert-to pdf``), skipped
with a note when LibreOffice is not installed — the committed PDFs are what the tests read.
Each expected file is the canonical form of the projects a file was made from, less provenance and
diagnostics, with the fields a layout leaves out set to null: never the reader's output.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import replace
from datetime import datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.core import canonical
from jixiao.core.canonical import decimal_text
from jixiao.core.export import registry
from jixiao.core.model import Indicator, Project

HERE = Path(__file__).parent
DATA = HERE.parent
sys.path.insert(0, str(HERE))
from corpus import expected_path, strip_project  # noqa: E402

NARRATIVE = (("overview", "项目概况"), ("basis", "立项依据"), ("necessity", "项目设立的必要性"),
             ("safeguards", "保证项目实施的制度、措施"), ("implementation_plan", "项目实施计划"),
             ("goals", "总目标及阶段性目标"))


def golden(path: Path) -> list[Project]:
    return [p for d in canonical.loads(path.read_text(encoding="utf-8")) for p in d.projects]


def seed() -> list[Project]:
    return golden(DATA / "seed" / "shanghai-2020-commerce.expected.json")


def variants() -> list[Project]:
    return [p for path in sorted((DATA / "text").glob("*.expected.json")) for p in golden(path)]


def write(name: str, data: bytes, projects: Sequence[Project]) -> Path:
    path = HERE / name
    path.write_bytes(data)
    expected = [strip_project(canonical.project_to_dict(p)) for p in projects]
    expected_path(path).write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {path.name} ({len(data) // 1024} KB, {len(projects)} projects)")
    return path


def export(fmt: str, projects: Sequence[Project]) -> bytes:
    out = io.BytesIO()
    registry.get(fmt).write(list(projects), out)
    return out.getvalue()


def money(amount: Decimal | None, unit: str = "元") -> Decimal | None:
    if amount is None:
        return None
    return amount / 10000 if unit == "万元" else amount


def plain(amount: Decimal | None) -> str:
    return decimal_text(amount) or ""


# --- hand-made XLSX ---------------------------------------------------------------------------------

NATIONAL_ORDER = (("name", "三级指标"), ("level1", "一级指标"), ("level2", "二级指标"), ("value", "指标值"),
                  ("nature", "指标性质"), ("measure_unit", "计量单位"), ("direction", "指标方向"),
                  ("weight", "分值"), ("standard", "绩效标准"), ("note", "备注"))


def indicator_value(ind: Indicator, role: str) -> Any:
    if role == "value":
        return ind.target.raw or None
    if role == "weight":
        return float(ind.weight) if ind.weight is not None else None
    return getattr(ind, role)


def merged_runs(values: list[str | None]) -> list[tuple[int, int]]:
    """(start, end) of runs of equal non-empty values."""
    runs, start = [], 0
    for i in range(1, len(values) + 1):
        if i == len(values) or values[i] != values[start]:
            if values[start] and i - start > 1:
                runs.append((start, i - 1))
            start = i
    return runs


def national_sheet(ws: Worksheet, p: Project) -> None:
    """A national form: the facts as a 2-column label/value block (value merged across), money in 万元,
    dates as real dates, the indicator columns in another order with merged 一级/二级 cells."""
    columns = [(role, head) for role, head in NATIONAL_ORDER
               if role in ("name", "level1", "level2", "value") or any(getattr(i, role) for i in p.indicators)]
    width = len(columns)
    ws.append(["项目支出绩效目标表"])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    ws.append([f"（{p.year}年度）"])
    facts: list[tuple[str, Any]] = [("主管部门", p.department), ("项目名称", p.name), ("项目类别", p.category),
                                    ("计划开始日期", datetime.combine(p.start_date, datetime.min.time()) if p.start_date else None),
                                    ("计划完成日期", p.end_date),
                                    ("项目总预算（万元）", money(p.budget.total, "万元")),
                                    ("项目当年预算（万元）", money(p.budget.current_year, "万元")),
                                    ("年度总体目标", p.goals)]
    for label, value in facts:
        if value is None:
            continue
        ws.append([label, float(value) if isinstance(value, Decimal) else value])
        ws.merge_cells(start_row=ws.max_row, start_column=2, end_row=ws.max_row, end_column=width)
        ws.cell(ws.max_row, 2).alignment = Alignment(wrap_text=True)
    ws.append([head for _, head in columns])
    first = ws.max_row + 1
    for ind in p.indicators:
        ws.append([indicator_value(ind, role) for role, _ in columns])
    thin = Side(style="thin")
    for row in ws.iter_rows(min_row=3, max_row=ws.max_row, max_col=width):
        for cell in row:
            cell.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            cell.alignment = Alignment(wrap_text=True, vertical="center")
            if isinstance(cell.value, str) and cell.value.startswith("="):
                cell.data_type = "s"  # typed text, as Excel keeps '=100%: not a formula
    for c, (role, _) in enumerate(columns, start=1):
        ws.column_dimensions[chr(64 + c)].width = {"name": 22, "level1": 16, "level2": 18, "value": 16}.get(role, 10)
    ws.column_dimensions["A"].width = 24
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)  # printed one page wide
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    for c, (role, _) in enumerate(columns, start=1):
        if role in ("level1", "level2"):
            values = [ind.level1 if role == "level1" else f"{ind.level1}/{ind.level2}" for ind in p.indicators]
            for start, end in merged_runs(values):
                for r in range(first + start + 1, first + end + 1):
                    ws.cell(r, c).value = None
                ws.merge_cells(start_row=first + start, start_column=c, end_row=first + end, end_column=c)


def national_expected(p: Project) -> Project:
    """What the national sheet states: no performance type, narrative other than 年度总体目标, and money
    read in 万元; the 一级 points such as "(50分)" stay in the label, as written."""
    return replace(p, performance_type=None, government_procurement=None, overview=None, basis=None,
                   necessity=None, safeguards=None, implementation_plan=None, extra=(),
                   budget=replace(p.budget, previous_year=None, previous_year_executed=None, source_unit="万元"))


def hand_national_xlsx(projects: Sequence[Project]) -> bytes:
    wb = Workbook()
    wb.remove(wb.active)
    for n, p in enumerate(projects, start=1):
        national_sheet(wb.create_sheet(f"项目{n}"), p)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def stacked_sheet(ws: Worksheet, p: Project) -> None:
    """A Shanghai form with labels *above* their values, two pairs per row, the narrative fields
    label-left, and the indicator table after a blank row; several projects stacked on one sheet."""
    ws.append([f"财政项目支出绩效目标表（{p.year}年度）"])
    ws.append(["申报单位名称", None, "项目名称"])
    ws.append([p.department, None, p.name])
    ws.append(["项目类别", None, "绩效类型"])
    ws.append([p.category, None, p.performance_type])
    ws.append(["计划开始日期", None, "计划完成日期"])
    ws.append([p.start_date.isoformat() if p.start_date else None, None,
               p.end_date.isoformat() if p.end_date else None])
    ws.append(["是否含有政府购买服务", None, None])
    ws.append([{True: "是", False: "否", None: None}[p.government_procurement]])
    for attr, label in NARRATIVE:
        ws.append([label + "：", getattr(p, attr)])
    ws.append(["项目总预算（元）：", float(p.budget.total) if p.budget.total is not None else None,
               "项目当年预算（元）：", float(p.budget.current_year) if p.budget.current_year is not None else None])
    ws.append(["同名项目上年预算额（元）：", plain(p.budget.previous_year) or None,
               "同名项目上年预算执行数（元）：", plain(p.budget.previous_year_executed) or None])
    ws.append([])
    ws.append(["一级目标", "二级目标", "三级目标", "指标目标值"])
    level1 = level2 = None
    for ind in p.indicators:
        ws.append([ind.level1 if ind.level1 != level1 else None,
                   ind.level2 if (ind.level1, ind.level2) != (level1, level2) else None, ind.name, ind.target.raw])
        level1, level2 = ind.level1, ind.level2
    ws.append([])


def hand_stacked_xlsx(projects: Sequence[Project]) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.title = "目标表"
    for p in projects:
        stacked_sheet(ws, p)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


# --- hand-made DOCX ---------------------------------------------------------------------------------


def set_borders(table: Any, on: bool) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single" if on else "nil")
        if on:
            el.set(qn("w:sz"), "4")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def one_table_project(doc: Any, p: Project, bordered: bool) -> None:
    """A project as one Word table: facts with merged value cells, the budget as a table nested in a
    cell, then the indicator table with vertically merged 一级/二级 cells."""
    doc.add_paragraph(f"{p.year}年度财政项目支出绩效目标表")
    doc.add_paragraph(f"申报单位名称：{p.department}")
    rows = [("项目名称", p.name or "", "项目类别", p.category or ""),
            ("计划开始日期", str(p.start_date or ""), "计划完成日期", str(p.end_date or "")),
            ("是否含有政府购买服务", {True: "是", False: "否", None: ""}[p.government_procurement],
             "绩效类型", p.performance_type or "")]
    facts = len(rows) + len(NARRATIVE) + 1
    table = doc.add_table(rows=facts + 1 + len(p.indicators), cols=4)
    set_borders(table, bordered)
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.cell(r, c).text = text
    for n, (attr, label) in enumerate(NARRATIVE, start=len(rows)):
        table.cell(n, 0).text = label
        merged = table.cell(n, 1).merge(table.cell(n, 3))
        merged.text = getattr(p, attr) or ""
    budget_cell = table.cell(facts - 1, 0).merge(table.cell(facts - 1, 3))
    budget_cell.text = "本项目上年度市级财政资金使用情况"
    inner = budget_cell.add_table(rows=2, cols=4)
    set_borders(inner, bordered)
    b = p.budget
    for r, pair in enumerate(((("项目总预算（元）", b.total), ("项目当年预算（元）", b.current_year)),
                              (("同名项目上年预算额（元）", b.previous_year),
                               ("同名项目上年预算执行数（元）", b.previous_year_executed)))):
        for k, (label, amount) in enumerate(pair):
            inner.cell(r, 2 * k).text = label
            inner.cell(r, 2 * k + 1).text = f"{amount:,}" if amount is not None else ""
    for c, head in enumerate(("一级目标", "二级目标", "三级目标", "指标目标值")):
        table.cell(facts, c).text = head
    first = facts + 1
    for r, ind in enumerate(p.indicators):
        table.cell(first + r, 2).text = ind.name or ""
        table.cell(first + r, 3).text = ind.target.raw
    for c, key in ((0, lambda i: i.level1), (1, lambda i: f"{i.level1}/{i.level2}")):
        values = [key(i) for i in p.indicators]
        starts = {s: e for s, e in merged_runs(values)}
        r = 0
        while r < len(values):
            end = starts.get(r, r)
            cell = table.cell(first + r, c) if end == r else table.cell(first + r, c).merge(table.cell(first + end, c))
            ind = p.indicators[r]
            cell.text = (ind.level1 if c == 0 else ind.level2) or ""
            r = end + 1
    doc.add_page_break()


def hand_docx(projects: Sequence[Project], bordered: bool) -> bytes:
    doc = new_docx()
    for p in projects:
        one_table_project(doc, p, bordered)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- hand-made HTML ---------------------------------------------------------------------------------


def esc(text: str | None) -> str:
    return (text or "").replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def html_project(p: Project) -> str:
    parts = [f"<h2>财政项目支出绩效目标表</h2><p>({p.year}年度)</p><p>申报单位名称：{esc(p.department)}</p>",
             "<table border='1'>",
             f"<tr><td>项目名称：</td><td>{esc(p.name)}</td><td>项目类别：</td><td>{esc(p.category)}</td></tr>",
             f"<tr><td>计划开始日期：</td><td>{p.start_date}</td><td>计划完成日期：</td><td>{p.end_date}</td></tr>",
             f"<tr><td>是否含有政府购买服务：</td><td>{ {True: '是', False: '否', None: ''}[p.government_procurement]}"
             f"</td><td>绩效类型：</td><td>{esc(p.performance_type)}</td></tr>"]
    parts += [f"<tr><td>{label}：</td><td colspan='3'>{esc(getattr(p, attr))}</td></tr>" for attr, label in NARRATIVE]
    b = p.budget
    parts.append(f"<tr><td>项目总预算（元）：</td><td>{plain(b.total)}</td><td>项目当年预算（元）：</td>"
                 f"<td>{plain(b.current_year)}</td></tr>")
    parts.append(f"<tr><td>同名项目上年预算额（元）：</td><td>{plain(b.previous_year)}</td>"
                 f"<td>同名项目上年预算执行数（元）：</td><td>{plain(b.previous_year_executed)}</td></tr></table>")
    parts.append(f"<p>{p.year}年绩效目标</p><table border='1'><tr><th>一级目标</th><th>二级目标</th><th>三级目标</th>"
                 f"<th>指标目标值</th></tr>")
    level1 = [i.level1 for i in p.indicators]
    level2 = [f"{i.level1}/{i.level2}" for i in p.indicators]
    spans1 = {s: e - s + 1 for s, e in merged_runs(level1)}
    spans2 = {s: e - s + 1 for s, e in merged_runs(level2)}
    covered: set[tuple[int, int]] = set()
    for r, ind in enumerate(p.indicators):
        cells = []
        for c, (spans, text) in enumerate(((spans1, ind.level1), (spans2, ind.level2))):
            if (r, c) in covered:
                continue
            span = spans.get(r, 1)
            covered.update((r + k, c) for k in range(span))
            cells.append(f"<td rowspan='{span}'>{esc(text)}</td>" if span > 1 else f"<td>{esc(text)}</td>")
        cells.append(f"<td>{esc(ind.name)}</td><td>{esc(ind.target.raw)}</td>")
        parts.append("<tr>" + "".join(cells) + "</tr>")
    parts.append("</table>")
    return "\n".join(parts)


def hand_html(projects: Sequence[Project]) -> bytes:
    body = "\n<hr>\n".join(html_project(p) for p in projects)
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'><title>绩效目标</title>"
            f"<style>td{{border:1px solid}}</style></head><body>{body}</body></html>").encode()


# --- LibreOffice -----------------------------------------------------------------------------------


def libreoffice_pdf(source: bytes, suffix: str) -> bytes | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: LibreOffice PDFs not regenerated")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"source{suffix}"
        path.write_bytes(source)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(path)],
                       check=True, capture_output=True, timeout=300)
        return (Path(tmp) / "source.pdf").read_bytes()


def main() -> None:
    s, v = seed(), variants()
    write("export-seed.xlsx", export("xlsx", s), s)
    write("export-seed.docx", export("docx", s), s)
    write("export-seed-1.pdf", export("pdf", s[:4]), s[:4])
    write("export-seed-2.pdf", export("pdf", s[4:]), s[4:])
    # the exporters print money in 元 (the official form's unit), whatever the source's unit was
    v_in_yuan = [replace(p, budget=replace(p.budget, source_unit="元")) for p in v]
    for fmt in ("xlsx", "docx", "pdf"):
        write(f"export-variants.{fmt}", export(fmt, v), v_in_yuan)
    national = [p for p in v if p.framework and p.framework.startswith("national")]
    expected_national = [national_expected(p) for p in national]
    hand_national = hand_national_xlsx(national)
    write("hand-national-order.xlsx", hand_national, expected_national)
    write("hand-stacked.xlsx", hand_stacked_xlsx(s[:3]), s[:3])
    bordered = hand_docx(s[3:6], bordered=True)
    write("hand-one-table.docx", bordered, s[3:6])
    borderless = hand_docx(s[5:8], bordered=False)
    write("hand-borderless.docx", borderless, s[5:8])
    write("hand-rowspan.html", hand_html(s[:2] + s[6:7]), s[:2] + s[6:7])
    for name, source, suffix, projects in (("lo-export-seed.pdf", export("docx", s), ".docx", s),
                                           ("lo-hand-national-order.pdf", hand_national, ".xlsx", expected_national),
                                           ("lo-hand-one-table.pdf", bordered, ".docx", s[3:6]),
                                           ("lo-hand-borderless.pdf", borderless, ".docx", s[5:8])):
        pdf = libreoffice_pdf(source, suffix)
        if pdf is not None:
            write(name, pdf, projects)


if __name__ == "__main__":
    main()
