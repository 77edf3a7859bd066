"""Write the two example self-evaluations of the seed project 口岸工作经费 (上海市商务委员会, 2020).

    .venv/bin/python tests/data/selfeval/make_examples.py

The targets are those of the seed's target table (tests/data/seed/shanghai-2020-commerce.txt); the
actual values, weights and scores are plausible, not published figures. One set of facts is written
twice: ``kouan-2020.json`` (``jixiao/selfeval@1``) and ``kouan-2020.xlsx``, a sheet laid out like the
项目支出绩效自评表 (merged cells, a percentage-formatted 执行率, a row that does not apply), so that the
tests can check that both readings score the same.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.core.actuals import target_from_text
from jixiao.core.model import Indicator
from jixiao.core.selfeval import EvaluatedIndicator, Execution, ProjectHeader, SelfEvaluation, dumps_selfeval

HERE = Path(__file__).parent
YEAR = 2020
NAME, DEPARTMENT = "口岸工作经费", "上海市商务委员会"
GOAL_EXPECTED = ("总目标是确保1000万的上海国际航运中心的补贴经费的按时拨付，阶段性目标是每月划拨补贴国际航运中心航交所大楼"
                 "“5+2天”通关工作制的水电费、空调费等租赁费用，一次性划拨补贴物业管理费用。")
GOAL_ACTUAL = ("全年按月拨付航交所大楼“5+2天”通关工作制的水电费、空调费等租赁费用，一次性拨付物业管理费用，"
               "保障了“5+2天”通关工作制全年正常运行。")
MONEY = {"年度资金总额": ("10000000", "10000000", "9860000"), "其中：当年财政拨款": ("10000000", "10000000", "9860000"),
         "上年结转资金": ("0", "0", "0"), "其他资金": ("0", "0", "0")}
EXECUTION_SCORE = "9.86"

# 一级, 二级, 三级, 年度指标值, 实际完成值, 分值, 得分, 偏差原因分析及改进措施 (None: blank)
ROWS: list[tuple[str, str, str, str, str, str | None, str | None, str | None]] = [
    ("投入与管理", "投入管理", "预算编制合理性", "合理", "合理", "2", "2", None),
    ("投入与管理", "投入管理", "预算执行率", "=100%", "98.6%", "2", "1.97",
     "物业管理费按合同据实结算，结余14万元已按规定收回；今后按历年实际结算数编制预算。"),
    ("投入与管理", "投入管理", "预算资金到位率", "=100%", "100%", "2", "2", None),
    ("投入与管理", "财务管理", "财务管理制度健全性", "健全", "健全", "2", "2", None),
    ("投入与管理", "财务管理", "财务监控有效性", "有效", "有效", "2", "2", None),
    ("投入与管理", "财务管理", "资金使用规范性", "规范", "规范", "2", "2", None),
    ("投入与管理", "实施管理", "项目管理制度健全性", "健全", "健全", "2", "2", None),
    ("投入与管理", "实施管理", "资格审核(含复审)规范性", "规范", "规范", "2", "2", None),
    ("投入与管理", "实施管理", "信息公开实现率", "规范", "规范", "2", "2", None),
    ("投入与管理", "资产管理", "资产管理情况", "合格", "不适用", None, None, "项目为租赁费和物业费补贴，不形成资产。"),
    ("产出目标", "数量", "维护保障面积", "=100%", "100%", "5", "5", None),
    ("产出目标", "质量", "计划完成率", "=100%", "100%", "5", "5", None),
    ("产出目标", "质量", "计划完成及时性", "及时", "及时", "5", "5", None),
    ("产出目标", "质量", "计划完成达标率", "达标", "达标", "5", "5", None),
    ("产出目标", "时效", "按时完成计划", "及时", "12月水电费次年1月拨付", "5", "3.5",
     "12月水电费因结算周期延至次年1月拨付；今后提前与航交所对账，确保年内拨付。"),
    ("产出目标", "成本", "按实际成本核算", "合理", "合理", "5", "5", None),
    ("效果目标", "经济效益", "满足“5+2”通关需求", "达标", "达标", "5", "5", None),
    ("效果目标", "社会效益", "满足社会服务", "达标", "达标", "5", "5", None),
    ("效果目标", "环境效益", "满足环保需求", "达标", "达标", "5", "5", None),
    ("效果目标", "满意度", "社会公众或服务对象满意度", "满意", "满意（问卷满意率95.2%）", "10", "9.5", None),
    ("影响力目标", "长效管理", "长效管理制度建设", "完善", "完善", "3.75", "3.75", None),
    ("影响力目标", "人力资源", "人员到位率", "=100%", "100%", "3.75", "3.75", None),
    ("影响力目标", "部门协助", "部门协作程度", "达标", "达标", "3.75", "3.75", None),
    ("影响力目标", "配套设施", "配套设施完好度", "达标", "达标", "3.75", "3.75", None),
]


def _decimal(text: str | None) -> Decimal | None:
    return Decimal(text) if text is not None else None


def evaluation() -> SelfEvaluation:
    initial, full_year, executed = (Decimal(x) for x in MONEY["年度资金总额"])
    rows = tuple(
        EvaluatedIndicator(indicator=Indicator(level1=l1, level2=l2, name=name, target=target_from_text(target, YEAR)),
                           actual=actual, weight=_decimal(weight), score=_decimal(score), deviation_reason=reason,
                           applicable=actual != "不适用")
        for l1, l2, name, target, actual, weight, score, reason in ROWS)
    return SelfEvaluation(
        project=ProjectHeader(name=NAME, department=DEPARTMENT, implementer=DEPARTMENT, year=YEAR,
                              framework="shanghai-2020"),
        execution=Execution(initial_budget=initial, full_year_budget=full_year, executed=executed,
                            weight=Decimal(10), score=Decimal(EXECUTION_SCORE)),
        indicators=rows, goal_expected=GOAL_EXPECTED, goal_actual=GOAL_ACTUAL)


def _merge(ws: Worksheet, cells: str, value: str | int) -> None:
    ws.merge_cells(cells)
    ws[cells.split(":")[0]] = value


def _number(text: str | None) -> int | float | str:
    if text is None:
        return "—"
    value = Decimal(text)
    return int(value) if value == value.to_integral_value() else float(value)


def write_money(ws: Worksheet) -> None:
    _merge(ws, "A5:A9", "项目资金（元）")
    for column, label in zip("CDEFGH", ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"), strict=True):
        ws[f"{column}5"] = label
    for row, (label, figures) in enumerate(MONEY.items(), start=6):
        ws[f"B{row}"] = label
        for column, figure in zip("CDE", figures, strict=True):
            ws[f"{column}{row}"] = int(figure)
    executed, budget = Decimal(MONEY["年度资金总额"][2]), Decimal(MONEY["年度资金总额"][1])
    ws["F6"], ws["H6"] = 10, float(EXECUTION_SCORE)
    ws["G6"] = float(executed / budget)
    ws["G6"].number_format = "0.00%"


def write_indicators(ws: Worksheet, first: int) -> int:
    for column, label in zip("BCDEFGHI", ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                                          "偏差原因分析及改进措施"), strict=True):
        ws[f"{column}{first}"] = label
    row = first + 1
    for n, (l1, l2, name, target, actual, weight, score, reason) in enumerate(ROWS):
        previous = ROWS[n - 1] if n else None
        # As the official form prints them: 一级 and 二级 written once, merged down over their rows.
        if previous is None or previous[0] != l1:
            ws[f"B{row}"] = l1
        if previous is None or previous[:2] != (l1, l2):
            ws[f"C{row}"] = l2
        for column, value in zip("DEFGHI", (name, target, actual, _number(weight), _number(score), reason),
                                 strict=True):
            ws[f"{column}{row}"] = value
            if isinstance(value, str) and value.startswith("="):
                ws[f"{column}{row}"].data_type = "s"  # "=100%" is the target's text, not a formula
        row += 1
    _merge(ws, f"A{first}:A{row - 1}", "绩效指标")
    return row


def write_xlsx(path: Path) -> None:
    wb = Workbook()
    ws = wb.active
    assert isinstance(ws, Worksheet)
    ws.title = "自评表"
    _merge(ws, "A1:I1", "项目支出绩效自评表")
    ws["A1"].font = Font(bold=True, size=14)
    ws["A1"].alignment = Alignment(horizontal="center")
    _merge(ws, "A2:I2", f"（{YEAR}年度）")
    ws["A3"] = "项目名称"
    _merge(ws, "B3:I3", NAME)
    ws["A4"], ws["F4"] = "主管部门", "实施单位"
    _merge(ws, "B4:E4", DEPARTMENT)
    _merge(ws, "G4:I4", DEPARTMENT)
    write_money(ws)
    _merge(ws, "A10:A11", "年度总体目标")
    _merge(ws, "B10:E10", "预期目标")
    _merge(ws, "F10:I10", "实际完成情况")
    _merge(ws, "B11:E11", GOAL_EXPECTED)
    _merge(ws, "F11:I11", GOAL_ACTUAL)
    last = write_indicators(ws, 12)
    _merge(ws, f"A{last}:F{last}", "总分")
    ws[f"G{last}"] = 100
    for column, width in zip("ABCDEFGHI", (10, 12, 10, 24, 12, 22, 6, 6, 40), strict=True):
        ws.column_dimensions[column].width = width
    wb.save(path)


def main() -> None:
    (HERE / "kouan-2020.json").write_text(dumps_selfeval([evaluation()]) + "\n", encoding="utf-8")
    write_xlsx(HERE / "kouan-2020.xlsx")


if __name__ == "__main__":
    main()
