"""Projects as flat rows: the columns shared by the CSV export and the data package.

Three tables — projects, budgets, indicators — linked by a stable project id. Each column is data
(machine name, Chinese label, Table Schema type, description), so the CSV header, the data package
schema and the rows cannot drift apart. Row functions return typed values (``Decimal``, ``date``,
``bool``, ``None``); the writers decide how to spell them.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.core.canonical import decimal_text
from jixiao.core.model import Indicator, Project

Row = dict[str, Any]


@dataclass(frozen=True, slots=True)
class Column:
    name: str
    label: str
    type: str  # a Table Schema type: string, integer, number, date, boolean
    description: str
    enum: tuple[str, ...] = ()


PROJECT_ID = Column("project_id", "项目编号", "string",
                    "Stable id: the first 16 hex digits of SHA-256 over department, year and name")

PROJECT_COLUMNS: tuple[Column, ...] = (
    PROJECT_ID,
    Column("department", "申报单位名称", "string", "申报单位 / declaring department"),
    Column("year", "年度", "integer", "年度 / budget year"),
    Column("name", "项目名称", "string", "项目名称 / project name"),
    Column("category", "项目类别", "string", "项目类别 / project category"),
    Column("start_date", "计划开始日期", "date", "计划开始日期 / planned start"),
    Column("end_date", "计划完成日期", "date", "计划完成日期 / planned end"),
    Column("government_procurement", "是否含有政府购买服务", "boolean",
           "是否含有政府购买服务 / includes government procurement of services"),
    Column("performance_type", "绩效类型", "string", "绩效类型 / performance type"),
    Column("framework", "指标体系", "string", "Indicator framework code, e.g. shanghai-2020"),
    Column("overview", "项目概况", "string", "项目概况 / overview"),
    Column("basis", "立项依据", "string", "立项依据 / basis for the project"),
    Column("necessity", "项目设立的必要性", "string", "项目设立的必要性 / necessity"),
    Column("safeguards", "保证项目实施的制度、措施", "string", "保证项目实施的制度、措施 / safeguards"),
    Column("implementation_plan", "项目实施计划", "string", "项目实施计划 / implementation plan"),
    Column("goals", "总目标及阶段性目标", "string", "总目标及阶段性目标 / overall and stage goals"),
)

BUDGET_COLUMNS: tuple[Column, ...] = (
    PROJECT_ID,
    Column("unit", "金额单位", "string", "Unit of the amounts (always 元 after normalisation)"),
    Column("source_unit", "原文金额单位", "string", "Unit the source document printed (元 or 万元)"),
    Column("total", "项目总预算（元）", "number", "项目总预算 / total budget"),
    Column("current_year", "项目当年预算（元）", "number", "项目当年预算 / this year's budget"),
    Column("previous_year", "同名项目上年预算额（元）", "number",
           "同名项目上年预算额 / last year's budget of the project of the same name"),
    Column("previous_year_executed", "同名项目上年预算执行数（元）", "number",
           "同名项目上年预算执行数 / last year's spending of the project of the same name"),
)

TARGET_KINDS = ("numeric", "deadline", "qualitative", "text", "missing")
KIND_LABELS = {"numeric": "数值", "deadline": "时限", "qualitative": "定性", "text": "文本", "missing": "缺失"}

INDICATOR_COLUMNS: tuple[Column, ...] = (
    PROJECT_ID,
    Column("seq", "序号", "integer", "Position of the indicator in its project's table, from 1"),
    Column("level1", "一级目标", "string", "一级目标 / first-level branch"),
    Column("level2", "二级目标", "string", "二级目标 / second-level branch"),
    Column("name", "三级目标", "string", "三级目标 / the indicator's name"),
    Column("target_raw", "指标目标值", "string", "指标目标值 as written"),
    Column("target_kind", "目标值类型", "string", "Kind of target value", enum=TARGET_KINDS),
    Column("target_op", "运算符", "string", "Operator: =, >, >=, <, <="),
    Column("target_value", "规范值", "string",
           "Normalised value: a decimal (multipliers applied), an ISO date, year-month or year, or a grade"),
    Column("target_number", "目标数值", "number", "The value as a number, for numeric targets only"),
    Column("target_unit", "目标值单位", "string", "Unit of the target value (% for % and 百分比)"),
    Column("target_end", "目标值止", "string", "End of a period target"),
    Column("nature", "指标性质", "string", "指标性质 / nature"),
    Column("direction", "指标方向", "string", "指标方向 / direction (正向 or 反向)"),
    Column("measure_unit", "计量单位", "string", "计量单位 / unit of measure column"),
    Column("weight", "分值", "number", "分值/权重 / weight"),
    Column("standard", "绩效标准", "string", "绩效标准/取值依据 / basis of the value"),
    Column("note", "备注", "string", "备注 / note"),
    Column("source_line", "来源行", "integer", "Line of the source document the indicator was read from"),
)

_SPACE = re.compile(r"\s+")


def project_id(project: Project) -> str:
    """Stable across exports and machines: the same department, year and name give the same id.

    Whitespace is collapsed first, since published tables differ in spacing, never in meaning.
    """
    key = "\x1f".join(_SPACE.sub(" ", part).strip() for part in
                      (project.department or "", str(project.year or ""), project.name or ""))
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


class ProjectIds:
    """Hands out ids, keeping them unique: the same project twice in one export (two copies of a
    file, say) gets ``-2``, ``-3`` … so that the id stays a primary key. Remembers one short string
    per project, the only state an export keeps."""

    def __init__(self) -> None:
        self._seen: set[str] = set()

    def next(self, project: Project) -> str:
        base = project_id(project)
        found, n = base, 1
        while found in self._seen:
            n += 1
            found = f"{base}-{n}"
        self._seen.add(found)
        return found


def project_row(pid: str, p: Project) -> Row:
    return {
        "project_id": pid, "department": p.department, "year": p.year, "name": p.name,
        "category": p.category, "start_date": p.start_date, "end_date": p.end_date,
        "government_procurement": p.government_procurement, "performance_type": p.performance_type,
        "framework": p.framework, "overview": p.overview, "basis": p.basis, "necessity": p.necessity,
        "safeguards": p.safeguards, "implementation_plan": p.implementation_plan, "goals": p.goals,
    }


def budget_row(pid: str, p: Project) -> Row:
    b = p.budget
    return {"project_id": pid, "unit": b.unit, "source_unit": b.source_unit, "total": b.total,
            "current_year": b.current_year, "previous_year": b.previous_year,
            "previous_year_executed": b.previous_year_executed}


def _number(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def indicator_row(pid: str, seq: int, ind: Indicator) -> Row:
    t = ind.target
    return {
        "project_id": pid, "seq": seq, "level1": ind.level1, "level2": ind.level2, "name": ind.name,
        "target_raw": t.raw or None, "target_kind": t.kind, "target_op": t.op, "target_value": t.value,
        "target_number": _number(t.value) if t.kind == "numeric" else None,
        "target_unit": t.unit, "target_end": t.end, "nature": ind.nature, "direction": ind.direction,
        "measure_unit": ind.measure_unit, "weight": ind.weight, "standard": ind.standard,
        "note": ind.note, "source_line": ind.source.line,
    }


def indicator_rows(pid: str, p: Project) -> Iterator[Row]:
    for seq, ind in enumerate(p.indicators, start=1):
        yield indicator_row(pid, seq, ind)


def cell_text(value: Any) -> str:
    """A value as CSV text the Table Schema types read back: "" for missing, plain decimals,
    ISO dates, true/false."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return decimal_text(value) or ""
    if isinstance(value, date):
        return value.isoformat()
    return str(value)
