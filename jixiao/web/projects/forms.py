"""The project form (facts, budget, indicator rows) parsed into a core Project.

Indicator rows come as parallel lists (``ind_level1``, ``ind_level2``, ``ind_name``, ``ind_target``,
``ind_line``) in the order the rows stand on the page, so adding, removing, reordering and moving a row to
another branch are all just what the browser submits. Parsing only reads the form; the editing service
validates what it means.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from django.http import QueryDict

from jixiao.core import model as core
from jixiao.core.errors import InputError
from jixiao.web.formdata import text as _text

FACT_FIELDS = ("category", "performance_type")
INDICATOR_COLUMNS = ("level1", "level2", "name", "target", "line", "extra")
# Columns other layouts print (指标性质, 指标方向, 计量单位, 分值, 绩效标准, 备注): the form carries them
# through unchanged in one hidden JSON field per row, so editing a row never loses them.
PASS_THROUGH = ("nature", "direction", "measure_unit", "weight", "standard", "note")
BUDGET_FIELDS = ("total", "current_year", "previous_year", "previous_year_executed")


@dataclass
class ParsedForm:
    project: core.Project
    version: int | None
    errors: list[InputError] = field(default_factory=list)


def _date(data: QueryDict, key: str, errors: list[InputError]) -> date | None:
    raw = _text(data, key)
    if raw is None:
        return None
    try:
        return date.fromisoformat(raw)
    except ValueError:
        errors.append(InputError(f"“{raw}”不是有效日期（应为 2020-01-31 的形式）",
                                 f"{raw!r} is not a date (use the form 2020-01-31)", field=key))
        return None


def _money(data: QueryDict, key: str, errors: list[InputError]) -> Decimal | None:
    raw = _text(data, key)
    if raw is None:
        return None
    try:
        value = Decimal(raw.replace(",", "").replace("，", ""))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite():
        errors.append(InputError(f"“{raw}”不是金额", f"{raw!r} is not an amount", field=key))
        return None
    return value


def _int(data: QueryDict, key: str, errors: list[InputError], label: tuple[str, str]) -> int | None:
    raw = _text(data, key)
    if raw is None:
        return None
    try:
        return int(raw)
    except ValueError:
        errors.append(InputError(f"{label[0]}“{raw}”不是整数", f"{label[1]} {raw!r} is not a whole number", field=key))
        return None


def _procurement(data: QueryDict) -> bool | None:
    return {"yes": True, "no": False}.get(data.get("government_procurement") or "")


def _indicators(data: QueryDict) -> tuple[core.Indicator, ...]:
    columns = {c: data.getlist(f"ind_{c}") for c in INDICATOR_COLUMNS}
    rows = max((len(v) for v in columns.values()), default=0)
    found = []
    for n in range(rows):
        cell = {c: (columns[c][n].strip() if n < len(columns[c]) else "") for c in INDICATOR_COLUMNS}
        if not any(cell[c] for c in ("level1", "level2", "name", "target")):
            continue  # an empty row the user added and left blank
        line = int(cell["line"]) if cell["line"].isdigit() else None
        found.append(core.Indicator(level1=cell["level1"] or None, level2=cell["level2"] or None,
                                    name=cell["name"] or None,
                                    target=core.TargetValue(raw=cell["target"], kind="text"),
                                    source=core.SourceRef(line=line), **_pass_through(cell["extra"])))
    return tuple(found)


def pass_through_json(ind: core.Indicator) -> str:
    values = {k: getattr(ind, k) for k in PASS_THROUGH if getattr(ind, k) is not None}
    if "weight" in values:
        values["weight"] = str(values["weight"])
    return json.dumps(values, ensure_ascii=False) if values else ""


def _pass_through(raw: str) -> dict[str, Any]:
    try:
        values = json.loads(raw) if raw else {}
    except ValueError:
        return {}
    if not isinstance(values, dict):
        return {}
    found: dict[str, Any] = {k: values[k] for k in PASS_THROUGH if isinstance(values.get(k), str)}
    if "weight" in found:
        try:
            found["weight"] = Decimal(found["weight"])
        except InvalidOperation:
            del found["weight"]
    return found


def parse_project_form(data: QueryDict, framework: str | None = None) -> ParsedForm:
    errors: list[InputError] = []
    budget = {k: _money(data, f"budget_{k}", errors) for k in BUDGET_FIELDS}
    project = core.Project(
        name=_text(data, "name"), department=_text(data, "department"),
        year=_int(data, "year", errors, ("年度", "year")),
        category=_text(data, "category"), performance_type=_text(data, "performance_type"),
        start_date=_date(data, "start_date", errors), end_date=_date(data, "end_date", errors),
        government_procurement=_procurement(data),
        overview=_text(data, "overview"), basis=_text(data, "basis"), necessity=_text(data, "necessity"),
        safeguards=_text(data, "safeguards"), implementation_plan=_text(data, "implementation_plan"),
        goals=_text(data, "goals"),
        budget=core.Budget(total=budget["total"], current_year=budget["current_year"],
                           previous_year=budget["previous_year"],
                           previous_year_executed=budget["previous_year_executed"]),
        framework=framework or _text(data, "framework"),
        indicators=_indicators(data),
    )
    version = _int(data, "version", errors, ("版本", "version"))
    return ParsedForm(project=project, version=version, errors=errors)
