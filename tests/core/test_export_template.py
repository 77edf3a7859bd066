"""The Excel template (xlsx-template): the official form plus drop-down lists and notes, read back by
the same reader as any workbook. The files are opened and looked into with openpyxl."""

from __future__ import annotations

import io
from dataclasses import replace
from typing import Any

import openpyxl
import pytest

from jixiao.core import frameworks, values
from jixiao.core.export import template
from jixiao.core.model import Project, SourceRef
from jixiao.core.read import read_bytes
from jixiao.core.read.vocabulary import LISTS_SHEET_TITLE, NOTES_SHEET_TITLE
from jixiao.core.values.render import describe
from tests.core.export_helpers import export, seed


def _template(projects: list[Project], **scope: Any) -> bytes:
    out = io.BytesIO()
    template.write_template(projects, out, **scope)
    return out.getvalue()


def _book(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data))


def _plain(p: Project) -> Project:
    return replace(p, source=SourceRef(), diagnostics=(),
                   indicators=tuple(replace(i, source=SourceRef()) for i in p.indicators))


@pytest.fixture(scope="module")
def seed_template() -> bytes:
    return _template(list(seed().projects))


def test_the_template_is_the_exported_workbook_plus_notes_and_lists(seed_template: bytes) -> None:
    wb = _book(seed_template)
    names = [p.name for p in seed().projects]
    assert wb.sheetnames[:2] == ["填写说明", "目录"] and wb.sheetnames[-1] == "下拉选项"
    assert wb.sheetnames[2:-1] == [n[:31] for n in names]
    assert wb["填写说明"]["A1"].value == NOTES_SHEET_TITLE
    assert wb["下拉选项"].sheet_state == "hidden" and wb["下拉选项"]["A1"].value == LISTS_SHEET_TITLE
    exported = _book(export("xlsx", seed().projects))
    for name in exported.sheetnames:  # every cell of the official form as exported
        ours, theirs = wb[name], exported[name]
        assert [[c.value for c in row] for row in theirs.iter_rows()] == \
            [[c.value for c in row] for row in ours.iter_rows(max_row=theirs.max_row)]


def test_reading_the_template_gives_back_the_projects_exactly(seed_template: bytes) -> None:
    back = read_bytes(seed_template, "template.xlsx")
    assert [_plain(p) for p in back.projects] == [_plain(p) for p in seed().projects]
    assert [d.code for d in back.diagnostics] == ["sheet-skipped"]  # the 目录; notes and lists unremarked


def _lists(wb: Any) -> dict[str, list[str]]:
    """Each defined name and the values of its range."""
    out = {}
    for name, defined in wb.defined_names.items():
        (sheet, ref), = defined.destinations
        out[name] = [c.value for (c,) in wb[sheet][ref.replace("$", "")]]
    return out


def test_defined_names_list_the_framework_branches() -> None:
    wb = _book(_template(list(seed().projects)))
    fw = frameworks.get("shanghai-2020")
    lists = _lists(wb)
    assert lists["一级目标清单"] == list(fw.level1)
    for l1 in fw.level1:
        assert lists[l1] == list(fw.level2[l1])
    assert lists["二级目标清单"] == [l2 for l1 in fw.level1 for l2 in fw.level2[l1]]


def _validations(ws: Any) -> dict[str, tuple[str, str | None]]:
    return {str(dv.sqref): (dv.formula1, dv.errorStyle) for dv in ws.data_validations.dataValidation}


def test_level1_and_level2_have_drop_downs_and_level2_follows_the_rows_level1(seed_template: bytes) -> None:
    ws = _book(seed_template)["2019年度港口建设费地方留存部分退付保障资金"]
    found = _validations(ws)
    n = len(seed().projects[0].indicators)
    assert ws["A17"].value == "一级目标" and ws["A18"].value == "投入与管理"
    assert found[f"A18:A{17 + n + template.SPARE_ROWS}"] == ("一级目标清单", "warning")
    # 投入与管理 is merged over A18:A26: its 二级 cells list INDIRECT of the merged cell
    assert found["B18:B26"] == ("INDIRECT($A$18)", "warning")
    assert found["B27:B29"] == ("INDIRECT($A$27)", "warning")
    spare = 18 + n
    assert found[f"B{spare}"] == (f"INDIRECT($A${spare})", "warning")
    assert ws["A6"].value == "是否含有政府购买服务：" and found["B6"][0] == '"是,否"'


def test_the_header_explains_how_to_write_targets(seed_template: bytes) -> None:
    ws = _book(seed_template)["打响上海购物品牌"]
    header = next(row for row in ws.iter_rows() if row[0].value == "一级目标")
    notes = {c.value: c.comment.text for c in header if c.comment}
    assert set(notes) == {"一级目标", "二级目标", "三级目标", "指标目标值"}
    assert "投入与管理、产出目标、效果目标、影响力目标" in notes["一级目标"]
    for needle in ("≥1000家", "≤5%", "=100%", "≤2020年6月30日", "达标", "文本格式"):
        assert needle in notes["指标目标值"]
    first = header[0].row + 1
    cells = [ws.cell(first + k, c) for k in range(3) for c in range(1, 5)]
    assert all(c.number_format == "@" for c in cells if c.__class__.__name__ == "Cell")  # merged ones: the top


def test_the_notes_show_each_example_as_jixiao_reads_it() -> None:
    ws = _book(_template([], department="上海市商务委员会", year=2024))["填写说明"]
    rows = [[c.value for c in row] for row in ws.iter_rows()]
    examples = {r[1]: r[2] for r in rows if r[1] and r[2] and r[0] != "写法"}
    assert examples["≤2024年6月30日"] == describe(values.parse("≤2024年6月30日", 2024)) == "截止 2024-06-30"
    assert examples[">5亿元"] == "> 500000000 元"
    assert examples["达标"] == "定性：达标"
    text = "\n".join(str(v) for r in rows for v in r if v)
    assert "jixiao import" in text and "/api/v1/imports" in text and "上海市商务委员会2024年度" in text


def test_a_blank_template_filled_in_offline_imports_as_a_project() -> None:
    data = _template([], department="上海市商务委员会", year=2024)
    wb = _book(data)
    assert wb.sheetnames == ["填写说明", "新项目", "下拉选项"]
    ws = wb["新项目"]
    assert ws["A2"].value == "(2024年度)" and ws["A3"].value == "申报单位名称：上海市商务委员会"
    header = next(row[0].row for row in ws.iter_rows() if row[0].value == "一级目标")
    assert f"A{header + 1}:A{header + template.BLANK_ROWS}" in _validations(ws)
    ws["B4"] = "新建口岸服务项目"
    ws["B14"] = 500000  # 项目总预算（元）
    rows = [("产出目标", "数量", "服务企业数", "≥200家"), (None, "时效", "完成时间", "≤2024年6月30日"),
            ("效果目标", "满意度", "企业满意度", "=95%")]
    for k, cells in enumerate(rows, start=header + 1):
        for c, value in enumerate(cells, start=1):
            ws.cell(k, c, value)
    out = io.BytesIO()
    wb.save(out)
    (p,) = read_bytes(out.getvalue(), "filled.xlsx").projects
    assert (p.name, p.department, p.year, p.budget.total) == ("新建口岸服务项目", "上海市商务委员会", 2024, 500000)
    assert [(i.level1, i.level2, i.name, i.target.raw) for i in p.indicators] == [
        ("产出目标", "数量", "服务企业数", "≥200家"), ("产出目标", "时效", "完成时间", "≤2024年6月30日"),
        ("效果目标", "满意度", "企业满意度", "=95%")]
    assert p.indicators[1].target.value == "2024-06-30"


def test_a_framework_whose_branches_cannot_name_ranges_lists_every_level2() -> None:
    fw = frameworks.from_data({"code": "odd", "name": "测试", "name_en": "test", "source": "",
                               "branches": [{"level1": "产出（50分）", "category": "output", "level2": ["数量"]},
                                            {"level1": "效益", "category": "outcome", "level2": ["社会效益"]}]})
    frameworks.register(fw)
    try:
        wb = _book(_template([], department="某局", year=2024, framework="odd"))
    finally:
        frameworks.unregister("odd")
    found = _validations(wb["新项目"])
    assert {formula for formula, _ in found.values()} >= {"二级目标清单", "一级目标清单"}
    assert set(_lists(wb)) == {"一级目标清单", "二级目标清单"}


def test_the_template_is_a_registered_export_format() -> None:
    data = export("xlsx-template", [seed().projects[1]])
    wb = _book(data)
    assert wb.sheetnames == ["填写说明", "打响上海购物品牌", "下拉选项"]
    (back,) = read_bytes(data, "one.xlsx").projects
    assert _plain(back) == _plain(seed().projects[1])
