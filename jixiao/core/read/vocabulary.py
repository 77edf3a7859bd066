"""What the words in published target tables mean: field labels, column headers, titles, sections.

Labels are compared by ``label_key``: no spaces, no colon, no unit in brackets, so that
"项目总预算（元）：", "项目总预算(元):" and "项目总预算 （万元）" find the same field (with their unit).
"""

from __future__ import annotations

import re
from functools import lru_cache

# --- project facts ------------------------------------------------------------------------------

# field name -> the labels that name it in the layouts we know (Shanghai, national, provincial forms)
FACT_LABELS: dict[str, tuple[str, ...]] = {
    "department": ("申报单位名称", "申报单位", "预算单位名称", "预算单位", "单位名称", "主管部门", "部门名称",
                   "预算部门", "主管部门名称", "部门（单位）名称", "部门(单位)名称"),
    "name": ("项目名称",),
    "category": ("项目类别", "项目类型", "项目分类"),
    "start_date": ("计划开始日期", "项目开始日期", "开始日期", "计划开始时间", "项目开始时间"),
    "end_date": ("计划完成日期", "计划结束日期", "项目完成日期", "完成日期", "结束日期", "计划完成时间",
                 "项目结束时间", "项目结束日期"),
    "government_procurement": ("是否含有政府购买服务", "是否包含政府购买服务", "是否政府购买服务",
                               "是否含政府购买服务"),
    "performance_type": ("绩效类型", "项目绩效类型"),
    "overview": ("项目概况", "项目简介", "项目基本情况", "项目内容", "项目概述"),
    "basis": ("立项依据", "项目立项依据", "设立依据", "政策依据"),
    "necessity": ("项目设立的必要性", "项目设立必要性", "立项必要性", "必要性", "项目必要性"),
    "safeguards": ("保证项目实施的制度、措施", "保证项目实施的制度措施", "保障措施", "项目实施保障措施",
                   "保证项目实施的制度和措施"),
    "implementation_plan": ("项目实施计划", "实施计划", "项目实施进度计划", "实施进度"),
    "goals": ("总目标及阶段性目标", "总体目标及阶段性目标", "项目总目标及阶段性目标", "年度总体目标",
              "总体目标", "项目总体目标", "年度目标", "中长期目标"),
}

# budget field -> labels; the unit comes from the label's brackets, (元) when none is written
BUDGET_LABELS: dict[str, tuple[str, ...]] = {
    "total": ("项目总预算", "项目预算总额", "预算总额", "项目资金总额", "资金总额", "年度资金总额",
              "项目总金额", "总预算"),
    "current_year": ("项目当年预算", "当年预算", "本年预算", "当年预算数", "年度预算", "本年度预算",
                     "当年财政拨款", "项目当年预算数"),
    "previous_year": ("同名项目上年预算额", "同名项目上年预算", "上年预算额", "上年预算", "上年预算数"),
    "previous_year_executed": ("同名项目上年预算执行数", "同名项目上年执行数", "上年预算执行数",
                               "上年执行数", "上年预算执行额"),
}

MONEY_UNITS: dict[str, int] = {"元": 1, "万元": 10_000, "亿元": 100_000_000, "千元": 1_000}

# --- the indicator table's columns ------------------------------------------------------------------

COLUMN_LABELS: dict[str, tuple[str, ...]] = {
    "level1": ("一级目标", "一级指标", "一级", "一级绩效目标"),
    "level2": ("二级目标", "二级指标", "二级", "二级绩效目标"),
    "name": ("三级目标", "三级指标", "三级", "指标名称", "绩效指标", "指标内容", "具体指标"),
    "value": ("指标目标值", "指标值", "年度指标值", "目标值", "指标值及单位", "绩效指标值", "预期目标值",
              "年度目标值", "绩效目标值", "指标值（包含数字及文字描述）", "指标值(包含数字及文字描述)"),
    "nature": ("指标性质", "指标值性质"),
    "direction": ("指标方向", "指标方向性"),
    "measure_unit": ("计量单位", "度量单位", "单位"),
    "weight": ("分值", "权重", "指标分值", "分值/权重", "权重（%）", "权重(%)"),
    "standard": ("绩效标准", "取值依据", "指标值确定依据", "指标值设定依据", "评价标准", "标准来源"),
    "note": ("备注", "说明"),
    "ignore": ("序号", "编号"),
}

# --- titles and sections --------------------------------------------------------------------------

TITLE = re.compile(r"(?:项目)?(?:支出)?绩效目标(?:申报|批复)?表|绩效目标表")
# The sheets of jixiao's Excel template that hold no target table — its notes (填写说明) and the lists
# behind its drop-downs — are known by their first cell, and skipped by the XLSX reader.
NOTES_SHEET_TITLE = "财政项目支出绩效目标表填写说明"
LISTS_SHEET_TITLE = "下拉选项（供下拉列表使用，请勿修改）"
ASIDE_SHEET_TITLES = frozenset({NOTES_SHEET_TITLE, LISTS_SHEET_TITLE})
YEAR_IN_TITLE = re.compile(r"[（(]\s*(\d{4})\s*年度?\s*[)）]|(\d{4})\s*年度")
BUDGET_SECTION = re.compile(r"^(?:本项目)?.{0,8}资金(?:使用)?情况$|^项目(?:资金|预算)(?:情况)?$|^预算情况$")
TABLE_SECTION = re.compile(r"^(?:\d{4}\s*年度?)?(?:年度)?绩效目标$|^(?:\d{4}\s*年度?)?绩效指标$|^年度绩效指标$")
# Lines a PDF leaves behind between pages: "-1-", "— 2 —", "第 3 页", "第3页 共8页", "Page 4".
PAGE_FURNITURE = re.compile(r"^[-—–\s]*\d{1,4}[-—–\s]*$|^第\s*\d+\s*页(?:\s*[，,/]?\s*共\s*\d+\s*页)?$"
                            r"|^共\s*\d+\s*页$|^[Pp]age\s+\d+(?:\s+of\s+\d+)?$")

# A label cell that continues the field above it after a page break: "（续）", "续：", "项目概况（续）".
CONTINUED = re.compile(r"^(.{0,24}?)\s*[（(]\s*续\s*[)）]\s*[:：]?$|^()续\s*[:：]?$")

_STRIP = re.compile(r"[\s:：]+")
_UNIT = re.compile(r"[（(]\s*(元|万元|亿元|千元|%)\s*[)）]")


# Labels and headers are short; longer cells are text, and are not looked up at all.
MAX_LABEL = 40


@lru_cache(maxsize=16384)
def label_key(text: str) -> str:
    """The comparable form of a label: no spaces, no colons, no unit in brackets."""
    return _STRIP.sub("", _UNIT.sub("", text))


def label_unit(text: str) -> str | None:
    found = _UNIT.search(text)
    return found.group(1) if found else None


def _index(table: dict[str, tuple[str, ...]]) -> dict[str, str]:
    return {label_key(label): field for field, labels in table.items() for label in labels}


FACT_INDEX = _index(FACT_LABELS)
BUDGET_INDEX = _index(BUDGET_LABELS)
COLUMN_INDEX = _index(COLUMN_LABELS)


def column_role(cell: str) -> str | None:
    if len(cell) > MAX_LABEL:
        return None
    key = label_key(cell)
    role = COLUMN_INDEX.get(key)
    if role is None and key.endswith("分") and key[:-1] in ("", "指标"):
        role = "weight"
    return role


# --- self-evaluation forms (项目支出绩效自评表, 财预〔2020〕10号 附件) ----------------------------------

# The indicator table's columns: the official wording first, then the variants departments print.
SELFEVAL_COLUMN_LABELS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级目标", "一级"),
    "level2": ("二级指标", "二级目标", "二级"),
    "name": ("三级指标", "三级目标", "指标名称", "三级"),
    "target": ("年度指标值", "指标值", "年度目标值", "指标目标值", "目标值", "预期指标值", "计划指标值",
               "全年指标值"),
    "actual": ("实际完成值", "全年实际值", "实际值", "完成值", "实际完成情况", "全年实际完成值",
               "实际完成指标值"),
    "weight": ("分值", "权重", "指标分值"),
    "score": ("得分", "自评得分", "实际得分"),
    "reason": ("偏差原因分析及改进措施", "偏差原因及改进措施", "偏差原因分析", "偏差原因", "未完成原因",
               "未完成原因分析", "未完成原因及改进措施"),
    "direction": ("指标方向",),
    "applicable": ("是否适用",),
    "band": ("评价档次", "完成档次", "档次"),
}
# A column headed by a longer wording of these ("偏差原因分析及下一步改进措施") is the reason too.
SELFEVAL_REASON_PREFIXES = ("偏差原因", "未完成原因")

# The money block's columns; its rows are 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金.
SELFEVAL_MONEY_LABELS: dict[str, tuple[str, ...]] = {
    "initial_budget": ("年初预算数", "年初预算"), "full_year_budget": ("全年预算数", "全年预算"),
    "executed": ("全年执行数", "全年执行"), "weight": ("分值",), "score": ("得分",),
    "rate": ("执行率", "预算执行率"),
}
SELFEVAL_MONEY_TOTAL = "年度资金总额"

# The form's own fields, each a label with its value to the right (or after a colon in the same cell).
SELFEVAL_FIELD_LABELS: dict[str, tuple[str, ...]] = {
    "name": ("项目名称",), "department": ("主管部门", "主管部门名称", "预算部门"),
    "implementer": ("实施单位", "实施单位名称", "项目实施单位"),
    "grade": ("自评等级", "评价等级", "绩效等级", "等级"), "conclusion": ("自评结论", "评价结论"),
}
SELFEVAL_GOAL_LABELS: dict[str, tuple[str, ...]] = {"expected": ("预期目标",), "actual": ("实际完成情况",)}
SELFEVAL_TOTAL = ("总分", "合计", "总计")
SELFEVAL_TITLE = re.compile(r"绩效自评表|自评表$")
NOT_APPLICABLE = ("不适用", "不涉及", "无此项")

SELFEVAL_COLUMN_INDEX = _index(SELFEVAL_COLUMN_LABELS)
SELFEVAL_MONEY_INDEX = _index(SELFEVAL_MONEY_LABELS)
SELFEVAL_FIELD_INDEX = _index(SELFEVAL_FIELD_LABELS)


def selfeval_column_role(cell: str) -> str | None:
    """What a cell of the self-evaluation's indicator header names (None: not a header)."""
    if len(cell) > MAX_LABEL:
        return None
    key = label_key(cell)
    role = SELFEVAL_COLUMN_INDEX.get(key)
    if role is None and key.startswith(SELFEVAL_REASON_PREFIXES):
        role = "reason"
    return role
