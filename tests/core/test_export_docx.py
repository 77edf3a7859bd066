"""DOCX in the official layout: tables, merged cells, repeated header row, A4, east-asian font."""

from __future__ import annotations

import io

import docx
from docx.oxml.ns import qn

from tests.core.export_helpers import export, long_project, seed


def _document(*items: object) -> docx.document.Document:
    return docx.Document(io.BytesIO(export("docx", items)))  # type: ignore[arg-type]


def _texts(table: object) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]  # type: ignore[attr-defined]


def test_title_lines_then_facts_then_indicators() -> None:
    doc = _document(seed().projects[0])
    paragraphs = [p.text for p in doc.paragraphs if p.text]
    assert paragraphs == ["财政项目支出绩效目标表", "(2020年度)", "申报单位名称：上海市商务委员会", "2020年绩效目标"]
    facts, indicators = doc.tables
    rows = _texts(facts)
    assert rows[0] == ["项目名称：", "2019年度港口建设费地方留存部分退付保障资金", "项目类别：", "其他一次性项目"]
    assert rows[3][0] == "项目概况：" and rows[3][1] == rows[3][2] == rows[3][3]  # merged across
    assert rows[9] == ["本项目上年度市级财政资金使用情况"] * 4
    assert rows[10] == ["项目总预算（元）：", "120,000,000", "项目当年预算（元）：", "120,000,000"]
    assert rows[11][3] == ""
    table = _texts(indicators)
    assert table[0] == ["一级目标", "二级目标", "三级目标", "指标目标值"]
    assert table[1] == ["投入与管理", "投入管理", "预算编制合理性", "合理"]
    assert table[-1] == ["影响力目标", "信息共享", "政策知晓度", ">=80%百分比"]
    assert len(table) == 15


def test_branches_are_merged_vertically_and_the_header_repeats() -> None:
    table = _document(seed().projects[0]).tables[1]
    column = [row.cells[0] for row in table.rows]
    assert all(c._tc is column[1]._tc for c in column[1:10])  # 投入与管理 spans nine rows
    assert column[10]._tc is not column[9]._tc
    assert [table.rows[r].cells[1]._tc is table.rows[1].cells[1]._tc for r in (2, 3, 4)] == [True, True, False]
    assert table.rows[1].cells[0].text == "投入与管理"  # the text is not repeated by the merge
    restarts = table._tbl.xpath(".//w:vMerge[@w:val='restart']")
    assert len(restarts) == 2 + 3  # 一级: 投入与管理, 产出目标; 二级: 投入管理, 财务管理, 实施管理
    header = table.rows[0]._tr.trPr
    assert header.find(qn("w:tblHeader")) is not None
    assert table.rows[3]._tr.trPr.find(qn("w:cantSplit")) is not None
    assert table.rows[0].cells[0]._tc.tcPr.find(qn("w:shd")).get(qn("w:fill")) == "D9D9D9"


def test_a4_page_and_the_east_asian_font() -> None:
    doc = _document(seed().projects[1])
    section = doc.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert round(section.left_margin.mm) == 20
    normal = doc.styles["Normal"].element.rPr.rFonts
    assert normal.get(qn("w:eastAsia")) == "宋体" and normal.get(qn("w:ascii")) == "Times New Roman"
    defaults = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = defaults.find(qn("w:rFonts"))
    assert fonts.get(qn("w:eastAsia")) == "宋体" and fonts.get(qn("w:eastAsiaTheme")) is None
    assert defaults.find(qn("w:lang")).get(qn("w:eastAsia")) == "zh-CN"
    run = doc.tables[1].rows[1].cells[2].paragraphs[0].runs[0]
    assert run.text == "投入管理" and run._r.rPr is None  # runs inherit the fonts, none overrides them
    footer = section.footer.paragraphs[0]._p.xml
    assert 'w:instr="PAGE"' in footer and "第 " in footer


def test_each_project_starts_a_new_page() -> None:
    doc = _document(seed())
    assert len(doc.tables) == 16
    breaks = doc.element.body.xpath(".//w:br[@w:type='page']")
    assert len(breaks) == 7
    titles = [p.text for p in doc.paragraphs if p.text == "财政项目支出绩效目标表"]
    assert len(titles) == 8


def test_long_tables_keep_one_merged_cell_per_branch() -> None:
    table = _document(long_project(indicators=60)).tables[1]
    assert len(table.rows) == 61
    assert table.rows[60].cells[0]._tc is table.rows[1].cells[0]._tc
    assert table.rows[60].cells[1]._tc is table.rows[31].cells[1]._tc
