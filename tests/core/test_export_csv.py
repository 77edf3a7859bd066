"""CSV for Excel and WPS: BOM, Chinese headers, one row per indicator, plain decimal money."""

from __future__ import annotations

import codecs
import csv
import io
from dataclasses import replace

from jixiao.core.export import csvfile, tabular
from tests.core.export_helpers import export, seed


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_starts_with_a_bom_and_the_chinese_header() -> None:
    data = export("csv", [seed()])
    assert data.startswith(codecs.BOM_UTF8)
    assert data[3:].count(codecs.BOM_UTF8) == 0
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header[:4] == ["项目编号", "申报单位名称", "年度", "项目名称"]
    assert "一级目标" in header and "指标目标值" in header and "项目总预算（元）" in header
    assert len(header) == len(set(header))


def test_one_row_per_indicator_with_the_projects_facts_beside_it() -> None:
    rows = _rows(export("csv", [seed()]))
    assert len(rows) == sum(len(p.indicators) for p in seed().projects) == 130
    first = rows[0]
    assert first["项目名称"] == "2019年度港口建设费地方留存部分退付保障资金"
    assert first["三级目标"] == "预算编制合理性" and first["指标目标值"] == "合理"
    assert first["项目总预算（元）"] == "120000000"  # plain decimal, no separators
    assert first["同名项目上年预算执行数（元）"] == ""
    assert first["是否含有政府购买服务"] == "否" and first["计划开始日期"] == "2020-01-01"
    assert first["序号"] == "1" and first["来源行"].isdigit()
    numeric = next(r for r in rows if r["指标目标值"] == ">1000家")
    assert (numeric["目标值类型"], numeric["运算符"], numeric["目标数值"], numeric["目标值单位"]) == ("数值", ">", "1000", "家")
    second = [r for r in rows if r["项目名称"] == "打响上海购物品牌"]
    assert len(second) == 6 and {r["是否含有政府购买服务"] for r in second} == {"是"}
    assert len({r["项目编号"] for r in rows}) == 8


def test_a_project_without_indicators_still_has_its_row() -> None:
    bare = replace(seed().projects[0], indicators=())
    (row,) = _rows(export("csv", [bare]))
    assert row["项目名称"] == bare.name and row["三级目标"] == "" and row["序号"] == ""


def test_the_project_id_is_stable_and_unique_within_an_export() -> None:
    project = seed().projects[0]
    assert tabular.project_id(project) == tabular.project_id(replace(project, name=f" {project.name} "))
    assert tabular.project_id(project) != tabular.project_id(replace(project, year=2021))
    ids = tabular.ProjectIds()
    assert [ids.next(project) for _ in range(3)] == [tabular.project_id(project),
                                                    f"{tabular.project_id(project)}-2",
                                                    f"{tabular.project_id(project)}-3"]


def test_rows_stream_from_a_generator_consumed_once() -> None:
    consumed = []

    def projects():  # type: ignore[no-untyped-def]
        for p in seed().projects:
            consumed.append(p.name)
            yield p

    rows = _rows(export("csv", projects()))
    assert len(consumed) == 8 and len(rows) == 130
    assert next(iter(csvfile.project_to_rows("x", seed().projects[1])))[0] == "x"


def test_text_excel_would_take_for_a_formula_is_kept_as_written() -> None:
    rows = _rows(export("csv", [seed().projects[0]]))
    rate = next(r for r in rows if r["三级目标"] == "预算执行率")
    assert rate["指标目标值"] == '="=100%"' and rate["运算符"] == '="="'
    assert csvfile.excel_text("=120000000元") == '="=120000000元"'
    assert csvfile.excel_text('=a "b"') == '="=a ""b"""'
    assert csvfile.excel_text("-5") == "-5" and csvfile.excel_text("+3.5%") == "+3.5%"
    assert csvfile.excel_text("@SUM(A1)") == '="@SUM(A1)"' and csvfile.excel_text("-A1+1") == '="-A1+1"'
    assert csvfile.excel_text(">1000家") == ">1000家"
