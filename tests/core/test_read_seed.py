"""The seed: eight real 2020 target tables of 上海市商务委员会, with all the damage real extraction leaves.

These tests pin what a person reading the published tables sees, independently of the golden file:
the counts per branch from domain.md §2, each repair at its line, and that no text is lost.
"""

from __future__ import annotations

import re
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest

from jixiao.core import canonical
from jixiao.core.canonical import decimal_text
from jixiao.core.frameworks import split_points
from jixiao.core.model import Document, Indicator, Project
from jixiao.core.read import read_bytes
from jixiao.core.read.grid import clean_cell, split_cells
from jixiao.core.read.layout import LayoutEngine, TraceEntry

SEED = Path(__file__).parents[1] / "data" / "seed" / "shanghai-2020-commerce.txt"


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_bytes(SEED.read_bytes(), SEED.name)


def indicator_at(doc: Document, line: int) -> Indicator:
    return next(i for p in doc.projects for i in p.indicators if i.source.line == line)


def project(doc: Document, name: str) -> Project:
    return next(p for p in doc.projects if p.name == name)


def codes_at(doc: Document, line: int) -> set[str]:
    return {d.code for p in doc.projects for d in p.diagnostics if d.line == line}


def test_eight_projects_and_130_indicators(seed: Document) -> None:
    assert [p.name for p in seed.projects] == [
        "2019年度港口建设费地方留存部分退付保障资金", "打响上海购物品牌", "单一窗口经费—运维费",
        "家政管理体系建设专项", "口岸工作经费", "清真食品基本供应点专项资金", "商务对外宣传与合作",
        "专项审计及项目评审",
    ]
    assert [len(p.indicators) for p in seed.projects] == [14, 6, 18, 11, 26, 11, 33, 11]


def test_branch_counts_match_domain_primer(seed: Document) -> None:
    # domain.md §2: how often each 二级 occurs in the seed
    expected = {
        ("投入与管理", "投入管理"): 15, ("投入与管理", "财务管理"): 15, ("投入与管理", "实施管理"): 16,
        ("投入与管理", "资产管理"): 3, ("产出目标", "数量"): 14, ("产出目标", "质量"): 14,
        ("产出目标", "时效"): 10, ("产出目标", "成本"): 3, ("效果目标", "社会效益"): 9,
        ("效果目标", "经济效益"): 4, ("效果目标", "环境效益"): 2, ("效果目标", "满意度"): 4,
        ("影响力目标", "长效管理"): 8, ("影响力目标", "信息共享"): 3, ("影响力目标", "人力资源"): 2,
        ("影响力目标", "部门协助"): 2, ("影响力目标", "配套设施"): 2, ("影响力目标", "其它"): 4,
    }
    counted = Counter((i.level1, i.level2) for p in seed.projects for i in p.indicators)
    assert counted == expected


def test_every_project_field(seed: Document) -> None:
    for p in seed.projects:
        assert p.department == "上海市商务委员会" and p.year == 2020 and p.framework == "shanghai-2020"
        assert p.start_date is not None and p.end_date is not None and p.category and p.performance_type
        assert p.government_procurement is not None
        for field in ("overview", "basis", "necessity", "safeguards", "implementation_plan", "goals"):
            assert getattr(p, field), (p.name, field)
        assert p.budget.total and p.budget.current_year and p.budget.previous_year
    first = seed.projects[0]
    assert (first.category, str(first.end_date), first.performance_type) == ("其他一次性项目", "2020-06-30", "政策补贴类")
    assert first.budget.total == Decimal("120000000") and first.budget.previous_year_executed is None
    assert project(seed, "打响上海购物品牌").government_procurement is True
    assert project(seed, "清真食品基本供应点专项资金").category == "专项资金"
    # (元) with half-width brackets reads like （元）
    assert project(seed, "清真食品基本供应点专项资金").budget.previous_year_executed == Decimal("6000000")
    assert project(seed, "商务对外宣传与合作").budget.previous_year == Decimal("17470575")


def test_row_drifted_right_and_its_missing_value(seed: Document) -> None:
    row = indicator_at(seed, 94)  # "\t产出目标\t数量\t服务企业数"
    assert (row.level1, row.level2, row.name, row.target.kind) == ("产出目标", "数量", "服务企业数", "missing")
    assert {"row-realigned", "value-missing"} <= codes_at(seed, 94)


@pytest.mark.parametrize(("line", "expected"), [
    (95, ("产出目标", "质量", "计划完成率", "=100%")),        # a 二级 in the 一级 column
    (98, ("产出目标", "时效", "按时完成运维计划", "=100%")),
    (99, ("产出目标", "成本", "企业使用平台公共服务", "免费")),
    (256, ("投入与管理", "资产管理", "资产管理", "专款专用")),   # the whole row one column left
    (273, ("效果目标", "满意度", "社会公众或服务对象满意度", "较好")),  # a row of three cells
    (281, ("影响力目标", "其它", "项目立项的规范性", "合规")),
    (307, ("投入与管理", "实施管理", "资格审核(含复审)规范性", "规范")),
])
def test_drifted_rows_are_realigned(seed: Document, line: int, expected: tuple[str, ...]) -> None:
    row = indicator_at(seed, line)
    assert (row.level1, row.level2, row.name, row.target.raw) == expected
    assert "row-realigned" in codes_at(seed, line)


def test_rows_that_stand_right_are_not_touched(seed: Document) -> None:
    realigned = {d.line for p in seed.projects for d in p.diagnostics if d.code == "row-realigned"}
    assert realigned == {94, 95, 98, 99, 256, 273, 281, 307}


def test_merged_cells_are_carried_down(seed: Document) -> None:
    row = indicator_at(seed, 25)  # "\t\t预算资金到位率\t=100%"
    assert (row.level1, row.level2) == ("投入与管理", "投入管理")
    assert any(d.code == "merged-cells-filled" for d in seed.projects[0].diagnostics)


def test_title_merged_into_one_line(seed: Document) -> None:
    p = project(seed, "家政管理体系建设专项")
    assert (p.department, p.year) == ("上海市商务委员会", 2020)
    assert "title-merged" in codes_at(seed, 104)


def test_title_split_across_blank_lines(seed: Document) -> None:
    p = project(seed, "商务对外宣传与合作")
    assert (p.department, p.year, p.category) == ("上海市商务委员会", 2020, "经常性专项业务费")


def test_field_text_before_its_label_joins_that_field(seed: Document) -> None:
    housekeeping = project(seed, "家政管理体系建设专项")
    assert housekeeping.goals is not None
    assert housekeeping.goals.startswith("主要培训4万名持证上门家政服务人员。")
    assert "市场化推广持证上门服务，探索推进线上培训模式" in housekeeping.goals
    assert housekeeping.implementation_plan is not None
    assert housekeeping.implementation_plan.endswith("总结项目建设成效及时项目经费申请。")
    promotion = project(seed, "商务对外宣传与合作")
    assert promotion.necessity is not None
    assert promotion.necessity.startswith("列入“上海购物”专项中的“环境”栏目")
    assert "将支持长江三角洲区域一体化发展并上升为国家战略" in promotion.necessity
    assert {"field-before-label"} <= codes_at(seed, 113) and {"field-before-label"} <= codes_at(seed, 236)


def test_field_value_below_its_label(seed: Document) -> None:
    promotion = project(seed, "商务对外宣传与合作")
    assert promotion.overview is not None and promotion.overview.startswith("购买服务推进线下零售企业七天无理由退货承诺试点")
    assert promotion.basis is not None and promotion.basis.startswith("《全力打响“上海购物”品牌")


def test_html_remnants_removed_and_reported(seed: Document) -> None:
    promotion = project(seed, "商务对外宣传与合作")
    for field in ("necessity", "safeguards", "implementation_plan", "goals"):
        assert "<p>" not in (getattr(promotion, field) or "") and "</p>" not in (getattr(promotion, field) or "")
    assert all("html-removed" in codes_at(seed, line) for line in (238, 239, 240, 241))


def test_target_values_are_typed(seed: Document) -> None:
    assert indicator_at(seed, 32).target.kind == "numeric" and indicator_at(seed, 32).target.value == "1000"
    deadline = indicator_at(seed, 34).target  # "<=4月30日" in a 2020 table
    assert (deadline.kind, deadline.op, deadline.value) == ("deadline", "<=", "2020-04-30")
    assert indicator_at(seed, 308).target.value == "500000000"  # ">5亿"
    assert indicator_at(seed, 23).target.kind == "qualitative"  # 合理


def _content_cells(line: str) -> list[str]:
    removed: list[str] = []
    return [c for c in (clean_cell(cell, removed) for cell in split_cells(line)) if c]


STRUCTURE_KINDS = {"title", "year", "section", "header", "header-cell", "furniture"}
DOCUMENTS = [SEED, *sorted((SEED.parents[1] / "text").glob("*.txt"))]


@pytest.mark.parametrize("path", DOCUMENTS, ids=lambda p: p.name)
def test_no_text_disappears(path: Path) -> None:
    """Each non-blank line's content is found in the output or in a diagnostic."""
    trace: list[TraceEntry] = []
    doc = read_bytes(path.read_bytes(), path.name, trace)
    flat = re.sub(r"\s", "", canonical.dumps([doc]))
    kinds = {entry.line: entry.kind for entry in trace}
    for number, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1):
        cells = _content_cells(line)
        if not cells:
            continue
        assert number in kinds, f"line {number} was not classified"
        for cell in cells:
            key = re.sub(r"\s", "", cell)
            if kinds[number] in STRUCTURE_KINDS or re.fullmatch(r".{1,30}[：:]", cell):
                continue  # a title, section, header or label: its content is the structure itself
            if kinds[number] == "fields" and (("：" in cell and key.split("：", 1)[1] in flat)
                                              or LayoutEngine.is_label(cell)):
                continue  # a label without colon ("项目名称") or an inline "label：value" whose value is kept
            label, points = split_points(cell)
            if points and re.sub(r"\s", "", label) in flat and f'"{points}"' in flat:
                continue  # "产出指标(50分)": the branch, and its points kept in extra
            if cell in ("是", "否"):
                continue  # typed: government_procurement true/false
            assert key in flat or any(form in flat for form in typed_forms(key)), \
                f"line {number}: {cell[:40]!r} is in no output and no diagnostic"


def typed_forms(text: str) -> list[str]:
    """How a typed cell stands in the JSON: an amount as a decimal string, a date in ISO form."""
    forms = []
    amount = text.replace(",", "")
    if re.fullmatch(r"\d+(\.\d+)?", amount):
        forms.append(f'"{decimal_text(Decimal(amount))}"')
    date = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
    if date:
        forms.append(f"{int(date[1]):04d}-{int(date[2]):02d}-{int(date[3]):02d}")
    return forms
