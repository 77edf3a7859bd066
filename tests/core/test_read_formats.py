"""XLSX, DOCX, PDF and HTML read into the same projects as the text they were made from.

The corpus (tests/data/formats, see corpus.py) holds files written by jixiao's own exporters, which
must read back exactly, and files made independently (LibreOffice PDFs, workbooks and documents laid
out by hand, HTML), of which at least 98 % of indicator rows must read exactly. Each indicator says
where it was read: sheet and cell, page, table and row.
"""

from __future__ import annotations

import io
import sys
from pathlib import Path

import pytest
from openpyxl import Workbook

from jixiao.cli import main
from jixiao.core import canonical
from jixiao.core.read import read_bytes, read_path
from jixiao.core.read.layout import TraceEntry

FORMATS = Path(__file__).parents[1] / "data" / "formats"
sys.path.insert(0, str(FORMATS))
from corpus import Score, compare, documents, is_own_export, load_expected, projects_of  # noqa: E402

INDEPENDENT_ROW_TARGET = 0.98


def read_projects(path: Path) -> list[dict]:
    return projects_of(canonical.to_dict([read_path(path)]))


@pytest.mark.parametrize("document", [d for d in documents() if is_own_export(d)], ids=lambda p: p.name)
def test_own_exports_read_back_exactly(document: Path) -> None:
    score, problems = compare(load_expected(document), read_projects(document))
    assert not problems, "\n".join(problems[:10])
    assert score.rows_ok == score.rows and score.fields_ok == score.fields


def test_independent_files_meet_the_row_target() -> None:
    total = Score()
    report = []
    for document in (d for d in documents() if not is_own_export(d)):
        score, _ = compare(load_expected(document), read_projects(document))
        total.add(score)
        report.append(f"{document.name}: {score.rows_ok}/{score.rows}")
    assert total.row_rate >= INDEPENDENT_ROW_TARGET, report
    assert total.field_rate >= INDEPENDENT_ROW_TARGET, report


@pytest.mark.parametrize("name", ["hand-national-order.xlsx", "hand-stacked.xlsx", "hand-one-table.docx",
                                  "hand-rowspan.html", "lo-hand-national-order.pdf", "lo-export-seed.pdf"])
def test_hand_made_layouts_read_exactly(name: str) -> None:
    # columns in another order with merged 一级/二级, 2-column facts, 万元, several projects per sheet,
    # labels above values, one Word table with a nested one, rowspan/colspan, LibreOffice's PDFs
    document = FORMATS / name
    _, problems = compare(load_expected(document), read_projects(document))
    assert not problems, "\n".join(problems[:10])


@pytest.mark.parametrize(("name", "fmt", "where"), [
    ("export-seed.xlsx", "xlsx", {"sheet": "打响上海购物品牌", "cell": "A19"}),
    ("export-seed.docx", "docx", {"sheet": "table 4", "cell": "A3"}),
    ("export-seed-1.pdf", "pdf", {"page": 3, "sheet": "p3 table 2", "cell": "A3"}),
    ("hand-rowspan.html", "html", {"sheet": "table 4", "cell": "A3"}),
])
def test_each_indicator_says_where_it_was_read(name: str, fmt: str, where: dict) -> None:
    document = read_path(FORMATS / name)
    assert document.source.format == fmt
    second = document.projects[1].indicators[1]
    assert second.name == "研究报告"
    found = canonical.source_to_dict(second.source)
    assert {k: found.get(k) for k in where} == where and found["line"] > 0


def test_the_reader_is_picked_by_content_not_by_name() -> None:
    data = (FORMATS / "export-seed.xlsx").read_bytes()
    document = read_bytes(data, "published.txt")
    assert document.source.format == "xlsx" and len(document.projects) == 8
    assert read_bytes((FORMATS / "hand-rowspan.html").read_bytes(), "page.xlsx").source.format == "html"


@pytest.mark.parametrize("name", ["export-seed.xlsx", "export-seed.docx", "lo-hand-borderless.pdf",
                                  "hand-rowspan.html"])
def test_explain_shows_the_grids_and_the_header(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(FORMATS / name), "--explain"]) == 0
    out = capsys.readouterr().out
    assert " grid " in out and ("rows × " in out or "unruled table" in out) and " header " in out and "level1 | level2 | name | value" in out


def test_repairs_of_the_readers_are_diagnostics() -> None:
    pdf = read_path(FORMATS / "lo-hand-one-table.pdf")
    codes = {d.code for d in pdf.diagnostics}
    assert {"lines-joined", "row-split-joined"} <= codes
    seed_pdf = read_path(FORMATS / "export-seed-2.pdf")
    assert any(d.code == "header-repeated" for p in seed_pdf.projects for d in p.diagnostics)
    assert any(d.code == "page-furniture" for p in seed_pdf.projects for d in p.diagnostics)
    xlsx = read_path(FORMATS / "export-seed.xlsx")
    assert any(d.code == "sheet-skipped" for d in xlsx.diagnostics)  # the 目录 sheet


def test_trace_entries_of_a_reader_come_before_the_rows_they_describe() -> None:
    trace: list[TraceEntry] = []
    read_path(FORMATS / "hand-stacked.xlsx", trace)
    assert trace[0].kind == "grid" and "sheet '目标表'" in trace[0].detail
    assert [e.line for e in trace] == sorted(e.line for e in trace)


def test_a_workbook_cell_reads_as_a_person_sees_it() -> None:
    wb = Workbook()
    ws = wb.active
    ws.append(["项目名称", "测试项目"])
    ws.append(["项目总预算（万元）", 1250.5])
    ws.append(["一级指标", "二级指标", "三级指标", "指标值"])
    ws.append(["产出指标", "质量指标", "验收合格率", 0.98])
    ws["D4"].number_format = "0%"
    ws.append([None, None, "完成率", "=100%"])  # typed text that openpyxl stores as a formula without value
    out = io.BytesIO()
    wb.save(out)
    project = read_bytes(out.getvalue(), "x.xlsx").projects[0]
    assert str(project.budget.total) == "12505000.0"
    assert [i.target.raw for i in project.indicators] == ["98%", "=100%"]
    assert project.indicators[1].level1 == "产出指标"
