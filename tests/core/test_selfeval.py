"""The self-evaluation and monitoring data and their JSON (jixiao/selfeval@1, jixiao/monitoring@1):
both directions, decimal strings and nulls, and errors that name the JSON path; the XLSX 自评表 reader."""

from __future__ import annotations

import io
import json
from datetime import date
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from jixiao.core.errors import InputError
from jixiao.core.model import Indicator, SourceRef, TargetValue
from jixiao.core.selfeval import (
    EvaluatedIndicator,
    Execution,
    MonitoredIndicator,
    MonitoringReport,
    ProjectHeader,
    SelfEvaluation,
    dumps_monitoring,
    dumps_selfeval,
    loads_monitoring,
    loads_selfeval,
)
from jixiao.core.selfeval_xlsx import read_selfeval_xlsx

EXAMPLES = Path(__file__).parent.parent / "data" / "selfeval"
TARGET = TargetValue(raw=">1000家", kind="numeric", op=">", value="1000", unit="家")
INDICATOR = Indicator("产出目标", "数量", "受益企业数", TARGET, source=SourceRef(line=32))


def evaluation() -> SelfEvaluation:
    return SelfEvaluation(
        project=ProjectHeader("口岸工作经费", department="上海市商务委员会", implementer="上海市商务委员会", year=2020,
                              framework="shanghai-2020", start_date=date(2020, 1, 1)),
        execution=Execution(initial_budget=D("10000000"), full_year_budget=D("10000000"), executed=D("9860000.50"),
                            weight=D(10)),
        indicators=(EvaluatedIndicator(INDICATOR, actual="1120家", weight=D("12.5"), score=D("12.5")),
                    EvaluatedIndicator(INDICATOR, actual="不适用", applicable=False),
                    EvaluatedIndicator(INDICATOR, actual="基本完善", band="部分达成", deviation_reason="原因")),
        goal_expected="预期", total=D("97.79"), grade="优", conclusion="较好")


def monitoring() -> MonitoringReport:
    return MonitoringReport(
        project=ProjectHeader("口岸工作经费", year=2020), months=7, period="2020年1-7月", budget=D(10_000_000),
        spent=D("4200000.00"), expected_spending=D(10_000_000),
        indicators=(MonitoredIndicator(INDICATOR, value_to_date="700家", expected_value="1100家", cumulative=True,
                                       deviation_reasons=("经费保障", "其他"), deviation_note="说明",
                                       likelihood="有可能", correction_needed=True, correction_plan="计划",
                                       correction_result=None),))


def test_selfeval_json_round_trip() -> None:
    ev = evaluation()
    assert loads_selfeval(dumps_selfeval([ev])) == [ev]


def test_monitoring_json_round_trip() -> None:
    report = monitoring()
    assert loads_monitoring(dumps_monitoring([report])) == [report]


def test_json_has_decimal_strings_and_nulls() -> None:
    data = json.loads(dumps_selfeval([evaluation()]))
    assert data["schema"] == "jixiao/selfeval@1"
    ev = data["evaluations"][0]
    assert ev["execution"]["executed"] == "9860000.5" and ev["execution"]["score"] is None
    assert ev["indicators"][0]["weight"] == "12.5" and ev["indicators"][1]["weight"] is None
    assert ev["indicators"][0]["indicator"]["target"]["value"] == "1000"
    assert ev["project"]["start_date"] == "2020-01-01"
    assert json.loads(dumps_monitoring([monitoring()]))["reports"][0]["spent"] == "4200000"


def test_a_target_written_as_text_is_typed() -> None:
    text = json.dumps({"schema": "jixiao/selfeval@1", "evaluations": [{
        "project": {"name": "x", "year": 2020},
        "indicators": [{"indicator": {"level1": "产出目标", "name": "完成时间", "target": "<=4月30日"},
                        "actual": "2020-04-28"}]}]})
    ev, = loads_selfeval(text)
    target = ev.indicators[0].indicator.target
    assert (target.kind, target.op, target.value) == ("deadline", "<=", "2020-04-30")


def _document(**changes: Any) -> dict[str, Any]:
    row: dict[str, Any] = {"indicator": {"name": "受益企业数", "target": ">1000家"}, "actual": "1120家"}
    row.update(changes)
    return {"schema": "jixiao/selfeval@1", "evaluations": [{"project": {"name": "x"}, "indicators": [row]}]}


@pytest.mark.parametrize(("changes", "field"), [
    ({"weight": "ten"}, "$.evaluations[0].indicators[0].weight"),
    ({"weight": 1.5}, "$.evaluations[0].indicators[0].weight"),
    ({"band": "优秀"}, "$.evaluations[0].indicators[0].band"),
    ({"applicable": "no"}, "$.evaluations[0].indicators[0].applicable"),
    ({"actual": 1120}, "$.evaluations[0].indicators[0].actual"),
    ({"indicator": {"name": "x", "weight": "abc"}}, "$.evaluations[0].indicators[0].indicator.weight"),
])
def test_selfeval_errors_name_the_json_path(changes: dict[str, Any], field: str) -> None:
    with pytest.raises(InputError) as exc:
        loads_selfeval(json.dumps(_document(**changes)))
    assert exc.value.field == field


def test_wrong_schema_and_not_json() -> None:
    with pytest.raises(InputError) as exc:
        loads_selfeval(json.dumps({"schema": "jixiao/targets@1", "documents": []}))
    assert exc.value.field == "$.schema"
    with pytest.raises(InputError) as exc:
        loads_selfeval('{"schema": "jixiao/selfeval@1",\n "evaluations": [}')
    assert exc.value.line == 2


@pytest.mark.parametrize(("changes", "field"), [
    ({"months": 13}, "$.reports[0].months"),
    ({"months": None}, "$.reports[0].months"),
    ({"budget": "lots"}, "$.reports[0].budget"),
    ({"indicators": [{"indicator": {"name": "x"}, "deviation_reasons": ["天气"]}]},
     "$.reports[0].indicators[0].deviation_reasons[0]"),
    ({"indicators": [{"indicator": {"name": "x"}, "likelihood": "也许"}]}, "$.reports[0].indicators[0].likelihood"),
])
def test_monitoring_errors_name_the_json_path(changes: dict[str, Any], field: str) -> None:
    report: dict[str, Any] = {"project": {"name": "x", "year": 2020}, "months": 7}
    report.update(changes)
    with pytest.raises(InputError) as exc:
        loads_monitoring(json.dumps({"schema": "jixiao/monitoring@1", "reports": [report]}))
    assert exc.value.field == field


# --- the XLSX form --------------------------------------------------------------------------------------------


def test_xlsx_example_reads_as_the_json_example() -> None:
    from_xlsx, = read_selfeval_xlsx((EXAMPLES / "kouan-2020.xlsx").read_bytes(), "kouan-2020.xlsx")
    from_json, = loads_selfeval((EXAMPLES / "kouan-2020.json").read_text(encoding="utf-8"))
    assert from_xlsx.project.name == "口岸工作经费" and from_xlsx.project.year == 2020
    assert from_xlsx.project.department == from_xlsx.project.implementer == "上海市商务委员会"
    assert from_xlsx.execution == from_json.execution
    assert (from_xlsx.goal_expected, from_xlsx.goal_actual) == (from_json.goal_expected, from_json.goal_actual)
    assert len(from_xlsx.indicators) == len(from_json.indicators) == 24
    for x, j in zip(from_xlsx.indicators, from_json.indicators, strict=True):
        fields = ("actual", "weight", "score", "deviation_reason", "applicable", "band")
        assert [getattr(x, f) for f in fields] == [getattr(j, f) for f in fields]
        assert (x.indicator.level1, x.indicator.level2, x.indicator.name, x.indicator.target) == \
            (j.indicator.level1, j.indicator.level2, j.indicator.name, j.indicator.target)
    assert from_xlsx.indicators[1].indicator.source == SourceRef(line=14, sheet="自评表", cell="D14")


def _form(rows: list[list[Any]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    assert ws is not None
    ws.title = "Sheet1"
    for r in rows:
        ws.append(r)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


HEAD: list[list[Any]] = [["项目支出绩效自评表"], ["（2021年度）"], ["项目名称", "测试项目"], ["主管部门", "某局", "实施单位", "某中心"],
        ["项目资金（万元）", None, "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
        [None, "年度资金总额", 100, 120, 108, 10, None, 9]]


def test_columns_are_found_by_header_text_in_any_order() -> None:
    data = _form([*HEAD, ["偏差原因分析及改进措施", "得分", "分值", "实际完成值", "年度指标值", "三级指标", "二级指标", "一级指标"],
                  [None, 20, 20, "1200家", ">1000家", "受益企业数", "数量指标", "产出指标"],
                  ["人手不足", None, 10, "90%", ">=95%", "合格率", "质量指标", None]])
    ev, = read_selfeval_xlsx(data, "form.xlsx")
    assert ev.project.year == 2021 and ev.execution.full_year_budget == D(1_200_000)  # 万元 → 元
    first, second = ev.indicators
    assert (first.indicator.name, first.actual, first.weight, first.score) == ("受益企业数", "1200家", 20, 20)
    assert second.indicator.level1 == "产出指标" and second.deviation_reason == "人手不足"  # 一级 carried down


def test_not_a_number_weight_names_the_cell() -> None:
    data = _form([*HEAD, ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                  ["产出指标", "数量指标", "受益企业数", ">1000家", "1200家", "十", None]])
    with pytest.raises(InputError) as exc:
        read_selfeval_xlsx(data, "form.xlsx")
    assert exc.value.field == "Sheet1!F8" and "分值" in exc.value.message


def test_missing_headers_are_named() -> None:
    no_table = _form([*HEAD, ["一级指标", "二级指标", "指标名称", "实际完成值"]])
    with pytest.raises(InputError) as exc:
        read_selfeval_xlsx(no_table, "form.xlsx")
    assert "三级指标/年度指标值/实际完成值" in exc.value.message
    no_name = _form([["一级指标", "三级指标", "年度指标值", "实际完成值"]])
    with pytest.raises(InputError) as exc:
        read_selfeval_xlsx(no_name, "form.xlsx")
    assert "项目名称" in exc.value.message and exc.value.field == "Sheet1"
    with pytest.raises(InputError) as exc:
        read_selfeval_xlsx(_form([["项目名称", "x"]]), "form.xlsx")
    assert "三级指标" in exc.value.message


def test_a_formula_without_a_cached_value_reads_as_its_text() -> None:
    wb = load_workbook(EXAMPLES / "kouan-2020.xlsx")
    ws = wb.active
    assert ws is not None
    ws["E14"] = "=100%"  # a formula now, as a library that does not compute would save it
    out = io.BytesIO()
    wb.save(out)
    ev, = read_selfeval_xlsx(out.getvalue(), "f.xlsx")
    assert ev.indicators[1].indicator.target.raw == "=100%"
