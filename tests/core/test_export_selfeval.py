"""The 项目支出绩效自评表 and the monitoring table as files: merged cells and values in the XLSX, table
cells in the DOCX, text in the PDF (pdfplumber), the template read back by the XLSX reader, and the
registry keeping each kind of form apart."""

from __future__ import annotations

import io
from collections.abc import Iterable
from functools import cache
from pathlib import Path
from typing import Any

import docx
import openpyxl
import pdfplumber
import pytest

from jixiao.core.export import registry
from jixiao.core.export.monitoring_forms import Monitored
from jixiao.core.score import ScoreReport, score_selfeval
from jixiao.core.selfeval import MonitoringReport, loads_monitoring, loads_selfeval
from jixiao.core.selfeval_xlsx import read_selfeval_xlsx
from tests.core.export_helpers import seed

KOUAN = Path(__file__).parents[1] / "data" / "selfeval" / "kouan-2020.json"


@cache
def kouan() -> ScoreReport:
    return score_selfeval(loads_selfeval(KOUAN.read_text(encoding="utf-8"))[0])


def write(name: str, items: Iterable[Any]) -> bytes:
    out = io.BytesIO()
    registry.get(name).write(list(items), out)  # type: ignore[arg-type]
    return out.getvalue()


def sheet(data: bytes) -> Any:
    return openpyxl.load_workbook(io.BytesIO(data)).worksheets[0]


def find(ws: Any, text: str) -> Any:
    return next(c for row in ws.iter_rows() for c in row if c.value == text)


def merged_at(ws: Any, cell: Any) -> str:
    return next(str(r) for r in ws.merged_cells.ranges if cell.coordinate in r)


def test_the_kinds_stay_apart_in_the_registry() -> None:
    assert registry.names() == ("json", "csv", "xlsx", "xlsx-template", "docx", "pdf", "datapackage")
    assert registry.names("selfeval") == ("selfeval-xlsx", "selfeval-docx", "selfeval-pdf", "selfeval-template")
    assert registry.names("monitoring") == ("monitoring-xlsx", "monitoring-docx", "monitoring-pdf")
    assert registry.get("selfeval-pdf").media_type == "application/pdf"


def test_selfeval_xlsx_in_the_official_layout() -> None:
    ws = sheet(write("selfeval-xlsx", [kouan()]))
    assert ws["A1"].value == "项目支出绩效自评表" and ws["A2"].value == "（2020年度）"
    name = find(ws, "项目名称")
    assert merged_at(ws, name) == f"A{name.row}:B{name.row}" and ws.cell(name.row, 3).value == "口岸工作经费"
    money = find(ws, "项目资金（元）")
    assert merged_at(ws, money) == f"A{money.row}:A{money.row + 4}"  # the label spans its five rows
    assert [ws.cell(money.row, c).value for c in range(3, 9)] == ["年初预算数", "全年预算数", "全年执行数", "分值",
                                                                  "执行率", "得分"]
    total_row = money.row + 1
    assert ws.cell(total_row, 2).value == "年度资金总额"
    assert [ws.cell(total_row, c).value for c in (3, 4, 5)] == [10000000, 10000000, 9860000]
    assert ws.cell(total_row, 7).value == pytest.approx(0.986) and ws.cell(total_row, 7).number_format == "0.00%"
    assert [ws.cell(total_row + k, 2).value for k in (1, 2, 3)] == ["其中：当年财政拨款", "上年结转资金", "其他资金"]
    goal = find(ws, "年度总体目标")
    assert merged_at(ws, goal) == f"A{goal.row}:B{goal.row + 1}"
    assert ws.cell(goal.row, 3).value == "预期目标" and ws.cell(goal.row + 1, 3).value.startswith("总目标是确保")
    header = find(ws, "一级指标")
    assert [ws.cell(header.row, c).value for c in range(1, 9)] == [
        "一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"]
    first = header.row + 1
    assert merged_at(ws, ws.cell(first, 1)) == f"A{first}:A{first + 9}"  # 投入与管理, ten rows
    assert merged_at(ws, ws.cell(first, 2)) == f"B{first}:B{first + 2}"  # 投入管理, three rows
    row = next(r for r in range(first, first + 30) if ws.cell(r, 3).value == "预算执行率")
    assert [ws.cell(row, c).value for c in (4, 5)] == ["=100%", "98.6%"] and ws.cell(row, 4).data_type == "s"
    total = find(ws, "总分")
    assert merged_at(ws, total) == f"A{total.row}:E{total.row}"
    assert ws.cell(total.row, 7).value == "97.79" and ws.cell(total.row, 8).value == "自评等级：优"


def test_selfeval_xlsx_reads_back_with_the_same_score() -> None:
    back = read_selfeval_xlsx(write("selfeval-xlsx", [kouan()]), "form.xlsx")[0]
    assert back.total == kouan().total and back.grade == "优"
    assert back.execution.executed == 9860000 and back.goal_actual == kouan().evaluation.goal_actual


def test_the_template_reads_back_as_entered() -> None:
    """The template adds 评价档次 and 是否适用 and prints only what was entered, so reading it back and
    scoring gives what the JSON gives."""
    ws = sheet(write("selfeval-template", [kouan().evaluation]))
    header = find(ws, "一级指标")
    assert ws.cell(header.row, 9).value == "评价档次" and ws.cell(header.row, 10).value == "是否适用"
    back = read_selfeval_xlsx(write("selfeval-template", [kouan().evaluation]), "t.xlsx")[0]
    assert score_selfeval(back).total == kouan().total
    assert [r.applicable for r in back.indicators] == [r.applicable for r in kouan().evaluation.indicators]


def test_a_target_table_gives_the_blank_form_of_its_targets() -> None:
    ws = sheet(write("selfeval-template", [seed().projects[4]]))
    assert ws.cell(find(ws, "项目名称").row, 3).value == "口岸工作经费"
    names = [c.value for c in ws["C"] if c.value]
    assert "维护保障面积" in names and ws.cell(find(ws, "年度资金总额").row, 3).value == 10000000


def test_selfeval_docx_cells() -> None:
    document = docx.Document(io.BytesIO(write("selfeval-docx", [kouan()])))
    texts = [p.text for p in document.paragraphs]
    assert "项目支出绩效自评表" in texts and "（2020年度）" in texts
    head, table, foot = document.tables
    assert head.cell(0, 2).text == "口岸工作经费" and head.cell(2, 0).text == "项目资金（元）"
    assert head.cell(2, 0)._tc is head.cell(6, 0)._tc  # merged down the money block
    assert head.cell(3, 1).text == "年度资金总额" and head.cell(3, 4).text == "9,860,000"
    assert [c.text for c in table.rows[0].cells] == ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值",
                                                     "分值", "得分", "偏差原因分析及改进措施"]
    assert table.cell(1, 0)._tc is table.cell(10, 0)._tc and table.cell(1, 0).text == "投入与管理"
    row = next(r for r in table.rows if r.cells[2].text == "预算执行率")
    assert row.cells[4].text == "98.6%" and "结余14万元" in row.cells[7].text
    assert foot.cell(0, 0).text == "总分" and foot.cell(0, 6).text == "97.79" and foot.cell(0, 7).text == "自评等级：优"


def test_selfeval_pdf_text() -> None:
    with pdfplumber.open(io.BytesIO(write("selfeval-pdf", [kouan()]))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
    for piece in ("项目支出绩效自评表", "口岸工作经费", "年度资金总额", "偏差原因分析及改进措施", "预算执行率", "98.6%",
                  "97.79", "自评等级：优"):
        assert piece in text, piece
    assert all(label in text for label in ("其中", "上年结转资金", "其他资金"))


def monitoring_report() -> MonitoringReport:
    data = {"schema": "jixiao/monitoring@1", "reports": [{
        "project": {"name": "口岸工作经费", "department": "上海市商务委员会", "implementer": "上海市商务委员会",
                    "year": 2020},
        "months": 7, "period": "2020年1–7月", "budget": "10000000", "spent": "4000000", "expected_spending": "9800000",
        "indicators": [
            {"indicator": {"level1": "产出目标", "level2": "数量", "name": "受益企业数", "target": ">1000家"},
             "value_to_date": "700家", "expected_value": "1100家", "deviation_reasons": [], "likelihood": "确定能"},
            {"indicator": {"level1": "产出目标", "level2": "质量", "name": "计划完成率", "target": "=100%"},
             "value_to_date": "50%", "deviation_reasons": ["经费保障"], "deviation_note": "拨付延迟",
             "likelihood": "有可能", "correction_needed": True, "correction_plan": "加快拨付"},
            {"indicator": {"level1": "效果目标", "level2": "满意度", "name": "满意度", "target": "满意"},
             "band": "部分达成"}]}]}
    import json

    return loads_monitoring(json.dumps(data))[0]


def test_monitoring_xlsx_lights_in_words_with_figures() -> None:
    """Spending 4,000,000 of 10,000,000 after 7 months: 0.4 ÷ 7/12 = 68.57 % → 黄灯; 700 of >1000 家:
    0.7 ÷ 7/12 = 120 % → 绿灯; a rate of 50 % of 100 % → 红灯; 部分达成 → 黄灯."""
    ws = sheet(write("monitoring-xlsx", [Monitored(monitoring_report())]))
    assert ws["A1"].value == "项目绩效目标执行监控表" and ws.page_setup.orientation == "landscape"
    money = find(ws, "项目资金（元）")
    assert merged_at(ws, money) == f"A{money.row}:B{money.row + 1}"
    values = money.row + 1
    assert ws.cell(values, 3).value == 10000000 and ws.cell(values, 7).value == pytest.approx(0.4 / (7 / 12))
    assert ws.cell(values, 8).value == "黄灯"
    header = find(ws, "三级指标")
    assert ws.cell(header.row, 5).value == "1–7月完成值"
    lights = [ws.cell(header.row + k, 7).value for k in (1, 2, 3)]
    assert lights == ["绿灯（120.00%）", "红灯（50.00%）", "黄灯"]
    assert ws.cell(header.row + 2, 8).value == "经费保障：拨付延迟" and ws.cell(header.row + 2, 10).value == "措施：加快拨付"
    legend = ws.cell(header.row + 4, 1).value
    assert legend.startswith("预警说明") and "红灯：低于 60%" in legend and "蓝灯" in legend


def test_monitoring_docx_and_pdf() -> None:
    document = docx.Document(io.BytesIO(write("monitoring-docx", [monitoring_report()])))
    _, table, foot = document.tables
    assert table.rows[1].cells[6].text == "绿灯（120.00%）" and foot.cell(0, 0).text.startswith("预警说明")
    assert document.sections[0].page_width > document.sections[0].page_height  # landscape
    with pdfplumber.open(io.BytesIO(write("monitoring-pdf", [seed().projects[0]]))) as pdf:
        text = "\n".join(page.extract_text() or "" for page in pdf.pages)
        assert pdf.pages[0].width > pdf.pages[0].height
    for piece in ("项目绩效目标执行监控表", "2020年1–7月", "受益企业数", ">1000家", "预警说明"):
        assert piece in text, piece
