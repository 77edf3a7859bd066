"""XLSX in the official layout: values, merged ranges, sheet names, print setup, read back with openpyxl."""

from __future__ import annotations

import io
from dataclasses import replace

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.core.export import xlsx
from tests.core.export_helpers import export, long_project, seed


def _book(*items: object) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(export("xlsx", items)))  # type: ignore[arg-type]


def _merged(ws: Worksheet) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_one_project_is_one_sheet_in_the_official_layout() -> None:
    book = _book(seed().projects[0])
    assert book.sheetnames == ["2019年度港口建设费地方留存部分退付保障资金"]
    ws = book.active
    assert ws["A1"].value == "财政项目支出绩效目标表" and ws["A2"].value == "(2020年度)"
    assert ws["A3"].value == "申报单位名称：上海市商务委员会"
    assert [c.value for c in ws[4]] == ["项目名称：", "2019年度港口建设费地方留存部分退付保障资金", "项目类别：", "其他一次性项目"]
    assert [c.value for c in ws[6]] == ["是否含有政府购买服务：", "否", "绩效类型：", "政策补贴类"]
    assert ws["A7"].value == "项目概况：" and ws["B8"].value.startswith("贯彻落实党中央")
    assert ws["A13"].value == "本项目上年度市级财政资金使用情况"
    assert ws["A14"].value == "项目总预算（元）：" and ws["B14"].value == 120000000  # a number, not text
    assert ws["B14"].number_format == "#,##0" and ws["D15"].value is None
    assert ws["A16"].value == "2020年绩效目标"
    assert [c.value for c in ws[17]] == ["一级目标", "二级目标", "三级目标", "指标目标值"]
    assert [c.value for c in ws[18]] == ["投入与管理", "投入管理", "预算编制合理性", "合理"]
    assert [c.value for c in ws[31]] == ["影响力目标", "信息共享", "政策知晓度", ">=80%百分比"]
    assert ws.max_row == 31


def test_a_target_starting_with_equals_is_text_not_a_formula() -> None:
    ws = _book(seed().projects[0]).active
    for ref in ("D19", "D28", "D30"):  # =100%, =100%百分比, =120000000元
        assert ws[ref].value.startswith("=") and ws[ref].data_type == "s" and ws[ref].quotePrefix
    assert ws["D18"].data_type == "s" and not ws["D18"].quotePrefix


def test_titles_narratives_and_branches_are_merged() -> None:
    ws = _book(seed().projects[0]).active
    merged = _merged(ws)
    assert {"A1:D1", "A2:D2", "A3:D3", "A13:D13", "A16:D16"} <= merged
    assert {f"B{r}:D{r}" for r in range(7, 13)} <= merged  # the six narratives
    # 投入与管理 over nine rows; its 二级 branches over three each; 产出目标 over three
    assert {"A18:A26", "B18:B20", "B21:B23", "B24:B26", "A27:A29"} <= merged
    assert not any(r.startswith(("C", "D")) and ":" in r and r[1:].split(":")[0] != r.split(":")[1][1:]
                   for r in merged)  # 三级 and 指标目标值 are never merged across rows
    assert ws["A19"].value is None  # covered by the merged 投入与管理


def test_cells_wrap_in_a_chinese_font_with_borders_and_rows_tall_enough() -> None:
    ws = _book(seed().projects[0]).active
    assert ws["B11"].alignment.wrap_text and ws["B11"].font.name == "宋体"
    assert ws["A1"].font.bold and ws["A1"].font.size == 18
    assert ws["C18"].border.left.style == "thin" and ws["D18"].border.bottom.style == "thin"
    assert ws["A17"].fill.fgColor.rgb.endswith("D9D9D9")
    # the long 项目实施计划 (row 11) needs several lines; a one-line row stays short
    assert ws.row_dimensions[11].height > 5 * xlsx.LINE_POINTS
    assert ws.row_dimensions[19].height < 2 * xlsx.LINE_POINTS
    assert [round(ws.column_dimensions[c].width) for c in "ABCD"] == [24, 16, 31, 29]


def test_a4_portrait_fit_to_width_with_the_header_row_repeated() -> None:
    ws = _book(seed().projects[0]).active
    assert int(ws.page_setup.paperSize) == 9 and ws.page_setup.orientation == "portrait"
    assert ws.sheet_properties.pageSetUpPr.fitToPage
    assert (ws.page_setup.fitToWidth, ws.page_setup.fitToHeight) == (1, 0)
    assert ws.print_title_rows == "$17:$17"
    assert "&P" in ws.oddFooter.center.text


def test_several_projects_get_an_index_with_links_and_a_sheet_each() -> None:
    book = _book(seed())
    assert book.sheetnames[0] == "目录" and len(book.sheetnames) == 9
    index = book["目录"]
    assert [c.value for c in index[1]][:4] == ["序号", "申报单位名称", "年度", "项目名称"]
    assert index["D3"].value == "打响上海购物品牌" and index["F3"].value == 10000000 and index["H3"].value == 6
    assert index["D3"].hyperlink.location == "'打响上海购物品牌'!A1"
    sheet = book["商务对外宣传与合作"]
    # its 立项依据 and 项目设立的必要性 are taller than one Excel row can be: each goes on in a （续） row
    assert sheet["B4"].value == "商务对外宣传与合作" and sheet.max_row == 17 + 33 + 2
    assert [sheet.cell(r, 1).value for r in (8, 9, 10, 11)] == ["立项依据：", "（续）", "项目设立的必要性：", "（续）"]


def test_sheet_names_are_legal_and_unique() -> None:
    taken: set[str] = set()
    names = [xlsx.sheet_title(n, taken, fallback="项目") for n in
             ["a/b:c?[d]*", "'quoted'", "X" * 40, "X" * 40, "x" * 40, None, "History", ""]]
    assert names[0] == "a_b_c__d__" and names[1] == "quoted"
    assert names[2] == "X" * 31 and names[3] == "X" * 28 + "(2)" and names[4] == "x" * 28 + "(3)"
    assert names[5] == "项目" and names[6] == "History(2)" and names[7] == "项目(2)"
    assert all(len(n) <= 31 for n in names)
    same = replace(seed().projects[0], name="同名项目")
    book = _book(same, same)
    assert book.sheetnames == ["目录", "同名项目", "同名项目(2)"]
    assert book["目录"]["D3"].hyperlink.location == "'同名项目(2)'!A1"


def test_optional_columns_and_long_tables() -> None:
    project = long_project(indicators=40)
    rows = [replace(i, weight=None if n else xlsx.Decimal("5")) for n, i in enumerate(project.indicators)]
    ws = _book(replace(project, indicators=tuple(rows))).active
    header = next(r for r in range(1, 30) if ws.cell(r, 1).value == "一级目标")
    assert [ws.cell(header, c).value for c in range(1, 6)] == ["一级目标", "二级目标", "三级目标", "指标目标值", "分值"]
    assert ws.cell(header + 1, 5).value == "5" and ws.cell(header + 2, 5).value is None
    assert f"A{header + 1}:A{header + 40}" in _merged(ws)
    assert {f"B{header + 1}:B{header + 20}", f"B{header + 21}:B{header + 40}"} <= _merged(ws)
    budget = next(r for r in range(1, header) if ws.cell(r, 1).value == "项目总预算（元）：")
    assert ws.cell(budget, 2).value == 1234567.5 and ws.cell(budget, 2).number_format == "#,##0.00"
    assert ws.cell(budget, 4).value == 1000000 and ws.cell(budget, 4).number_format == "#,##0"


def test_no_projects_still_makes_a_workbook() -> None:
    assert _book().sheetnames == ["目录"]


def test_a_narrative_taller_than_excels_tallest_row_goes_on_in_rows_marked_continued() -> None:
    project = long_project(indicators=3, narrative_chars=4000)
    ws = _book(project).active
    first = next(r for r in range(1, 20) if ws.cell(r, 1).value == "项目设立的必要性：")
    rows = [first]
    while ws.cell(rows[-1] + 1, 1).value == "（续）":
        rows.append(rows[-1] + 1)
    assert len(rows) >= 3
    assert "".join(ws.cell(r, 2).value for r in rows) == project.necessity  # nothing lost or added
    assert all(ws.row_dimensions[r].height <= xlsx.MAX_ROW_POINTS for r in rows)
    assert all(f"B{r}:D{r}" in _merged(ws) for r in rows)
    short = _book(seed().projects[0]).active
    assert not any(short.cell(r, 1).value == "（续）" for r in range(1, short.max_row + 1))
