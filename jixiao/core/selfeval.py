"""Year-end self-evaluation (绩效自评) and in-year monitoring (运行监控) as data, and their JSON forms.

A ``SelfEvaluation`` is one project's 项目支出绩效自评表 (财预〔2020〕10号): the header, the money
block (年初预算数 / 全年预算数 / 全年执行数), and per indicator the actual value (实际完成值), the
weight (分值), the score if the form gives one (得分) and the reason for a deviation (偏差原因分析及
改进措施). A ``MonitoringReport`` is one project in one monitoring period ("双监控", usually
January–July): money spent to date, and per indicator the value reached, the reasons for a deviation,
the likelihood of reaching the target and the correction made.

Both are frozen dataclasses with no I/O. Their JSON (``jixiao/selfeval@1``, ``jixiao/monitoring@1``)
follows the canonical JSON's conventions: numbers and money are decimal strings, dates ISO 8601,
missing is ``null``; the indicator inside a row is exactly a canonical indicator (``jixiao/targets@1``).
Reading JSON raises ``InputError`` naming the JSON path of what is wrong.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.core import canonical
from jixiao.core.actuals import target_from_text
from jixiao.core.errors import InputError
from jixiao.core.model import Indicator, SourceRef

SELFEVAL_SCHEMA = "jixiao/selfeval@1"
MONITORING_SCHEMA = "jixiao/monitoring@1"

# 财预〔2020〕10号《项目支出绩效评价管理办法》第十五条: 定性指标 "达成年度指标、部分达成年度指标并具有
# 一定效果、未达成年度指标且效果较差三档".
BANDS: tuple[str, ...] = ("达成", "部分达成", "未达成")
# The monitoring form's deviation reasons and likelihoods (绩效目标执行监控表, domain.md §5).
DEVIATION_REASONS: tuple[str, ...] = ("经费保障", "制度保障", "人员保障", "硬件条件保障", "其他")
LIKELIHOODS: tuple[str, ...] = ("确定能", "有可能", "完全不可能")


@dataclass(frozen=True, slots=True)
class ProjectHeader:
    """Who and what a form is about: 项目名称, 主管部门 (department), 实施单位 (implementer)."""

    name: str | None
    department: str | None = None
    implementer: str | None = None
    year: int | None = None
    framework: str | None = None
    start_date: date | None = None


@dataclass(frozen=True, slots=True)
class Execution:
    """The money block's 年度资金总额 row, in ``unit`` (元 unless the form says otherwise)."""

    initial_budget: Decimal | None = None  # 年初预算数
    full_year_budget: Decimal | None = None  # 全年预算数
    executed: Decimal | None = None  # 全年执行数
    weight: Decimal | None = None  # 分值, when the form gives it
    score: Decimal | None = None  # 得分, when the form gives it
    unit: str = "元"


@dataclass(frozen=True, slots=True)
class EvaluatedIndicator:
    """One indicator row of the self-evaluation form.

    ``weight`` is the form's 分值 (when None, the target table's ``indicator.weight``, else a share of
    its group). ``score`` is the form's 得分: for a qualitative indicator it is the evaluator's pick
    within ``band``; for a measurable one it is compared with the computed score. A row that does not
    apply (``applicable`` false) is left out and the other weights are rescaled.
    """

    indicator: Indicator
    actual: str | None = None
    weight: Decimal | None = None
    score: Decimal | None = None
    deviation_reason: str | None = None
    applicable: bool = True
    band: str | None = None


@dataclass(frozen=True, slots=True)
class SelfEvaluation:
    """One project's 项目支出绩效自评表. ``total``, ``grade`` and ``conclusion`` are as the form states
    them; scoring computes its own and says where they differ."""

    project: ProjectHeader
    execution: Execution = field(default_factory=Execution)
    indicators: tuple[EvaluatedIndicator, ...] = ()
    goal_expected: str | None = None  # 年度总体目标 · 预期目标
    goal_actual: str | None = None  # 年度总体目标 · 实际完成情况
    total: Decimal | None = None
    grade: str | None = None
    conclusion: str | None = None
    source: SourceRef = field(default_factory=SourceRef)


@dataclass(frozen=True, slots=True)
class MonitoredIndicator:
    """One indicator in a monitoring period. ``cumulative`` says whether the value adds up over the year
    (a count, an amount) so that it is compared with straight-line progress; None lets the alert rules
    decide from the unit (a percentage is a rate, anything else adds up)."""

    indicator: Indicator
    value_to_date: str | None = None
    expected_value: str | None = None  # 全年预计完成值
    cumulative: bool | None = None
    band: str | None = None
    deviation_reasons: tuple[str, ...] = ()
    deviation_note: str | None = None
    likelihood: str | None = None
    correction_needed: bool | None = None
    correction_plan: str | None = None
    correction_result: str | None = None


@dataclass(frozen=True, slots=True)
class MonitoringReport:
    """One project in one monitoring period: ``months`` of the year elapsed (7 for January–July)."""

    project: ProjectHeader
    months: int
    period: str | None = None
    budget: Decimal | None = None
    spent: Decimal | None = None
    expected_spending: Decimal | None = None
    unit: str = "元"
    indicators: tuple[MonitoredIndicator, ...] = ()


# --- to JSON -----------------------------------------------------------------------------------------

_text = canonical.decimal_text


def header_to_dict(h: ProjectHeader) -> dict[str, Any]:
    return {"name": h.name, "department": h.department, "implementer": h.implementer, "year": h.year,
            "framework": h.framework, "start_date": h.start_date.isoformat() if h.start_date else None}


def execution_to_dict(e: Execution) -> dict[str, Any]:
    return {"unit": e.unit, "initial_budget": _text(e.initial_budget),
            "full_year_budget": _text(e.full_year_budget), "executed": _text(e.executed),
            "weight": _text(e.weight), "score": _text(e.score)}


def evaluated_to_dict(row: EvaluatedIndicator) -> dict[str, Any]:
    return {"indicator": canonical.indicator_to_dict(row.indicator), "actual": row.actual,
            "weight": _text(row.weight), "score": _text(row.score), "deviation_reason": row.deviation_reason,
            "applicable": row.applicable, "band": row.band}


def selfeval_to_dict(ev: SelfEvaluation) -> dict[str, Any]:
    return {"project": header_to_dict(ev.project), "execution": execution_to_dict(ev.execution),
            "goal": {"expected": ev.goal_expected, "actual": ev.goal_actual},
            "indicators": [evaluated_to_dict(r) for r in ev.indicators],
            "total": _text(ev.total), "grade": ev.grade, "conclusion": ev.conclusion,
            "source": canonical.source_to_dict(ev.source)}


def monitored_to_dict(m: MonitoredIndicator) -> dict[str, Any]:
    return {"indicator": canonical.indicator_to_dict(m.indicator), "value_to_date": m.value_to_date,
            "expected_value": m.expected_value, "cumulative": m.cumulative, "band": m.band,
            "deviation_reasons": list(m.deviation_reasons), "deviation_note": m.deviation_note,
            "likelihood": m.likelihood, "correction_needed": m.correction_needed,
            "correction_plan": m.correction_plan, "correction_result": m.correction_result}


def monitoring_to_dict(r: MonitoringReport) -> dict[str, Any]:
    return {"project": header_to_dict(r.project), "months": r.months, "period": r.period, "unit": r.unit,
            "budget": _text(r.budget), "spent": _text(r.spent), "expected_spending": _text(r.expected_spending),
            "indicators": [monitored_to_dict(m) for m in r.indicators]}


def dumps_selfeval(evaluations: list[SelfEvaluation] | tuple[SelfEvaluation, ...]) -> str:
    data = {"schema": SELFEVAL_SCHEMA, "evaluations": [selfeval_to_dict(e) for e in evaluations]}
    return json.dumps(data, ensure_ascii=False, indent=2)


def dumps_monitoring(reports: list[MonitoringReport] | tuple[MonitoringReport, ...]) -> str:
    data = {"schema": MONITORING_SCHEMA, "reports": [monitoring_to_dict(r) for r in reports]}
    return json.dumps(data, ensure_ascii=False, indent=2)


# --- from JSON ---------------------------------------------------------------------------------------


def _bad(path: str, zh: str, en: str) -> InputError:
    return InputError(zh, en, field=path)


def _value(d: dict[str, Any], key: str, path: str, kind: type, required: bool = False) -> Any:
    value = d.get(key)
    if value is None:
        if required:
            raise _bad(f"{path}.{key}", "缺少必填项", "required")
        return None
    if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
        raise _bad(f"{path}.{key}", f"应为{_KIND_ZH[kind]}", f"expected {kind.__name__}")
    return value


_KIND_ZH: dict[type, str] = {str: "文本", int: "整数", bool: "true/false", dict: "对象", list: "列表"}


def _decimal(d: dict[str, Any], key: str, path: str) -> Decimal | None:
    value = d.get(key)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        raise _bad(f"{path}.{key}", "应为十进制数字文本", "expected a decimal string")
    try:
        number = Decimal(str(value).replace(",", ""))
    except InvalidOperation:
        raise _bad(f"{path}.{key}", f"{value!r} 不是数字", f"{value!r} is not a number") from None
    if not number.is_finite():
        raise _bad(f"{path}.{key}", f"{value!r} 不是数字", f"{value!r} is not a number")
    return number


def _choice(d: dict[str, Any], key: str, path: str, allowed: tuple[str, ...]) -> str | None:
    value = _value(d, key, path, str)
    if value is not None and value not in allowed:
        raise _bad(f"{path}.{key}", f"{value!r} 不是 {'/'.join(allowed)} 之一",
                   f"{value!r} is not one of {', '.join(allowed)}")
    return value


def _object(d: Any, path: str) -> dict[str, Any]:
    if not isinstance(d, dict):
        raise _bad(path, "应为对象", "expected an object")
    return d


def _list(d: dict[str, Any], key: str, path: str) -> list[Any]:
    return _value(d, key, path, list) or []


def header_from_dict(d: Any, path: str) -> ProjectHeader:
    d = _object(d, path)
    start = _value(d, "start_date", path, str)
    try:
        start_date = date.fromisoformat(start) if start else None
    except ValueError:
        raise _bad(f"{path}.start_date", f"{start!r} 不是 ISO 日期", f"{start!r} is not an ISO date") from None
    return ProjectHeader(name=_value(d, "name", path, str), department=_value(d, "department", path, str),
                         implementer=_value(d, "implementer", path, str), year=_value(d, "year", path, int),
                         framework=_value(d, "framework", path, str), start_date=start_date)


def indicator_from_json(d: Any, path: str, year: int | None) -> Indicator:
    """A canonical indicator; a target written as plain text (``">1000家"``) is typed on the way in."""
    d = dict(_object(d, path))
    if isinstance(d.get("target"), str):
        target = target_from_text(d.pop("target"), year)
        d["target"] = canonical.target_to_dict(target)
    try:
        return canonical.indicator_from_dict(d, path)
    except canonical.CanonicalError as exc:
        where, _, what = str(exc).partition(": ")
        raise InputError(f"指标格式不对：{what}", what, field=where) from None


def execution_from_dict(d: Any, path: str) -> Execution:
    if d is None:
        return Execution()
    d = _object(d, path)
    return Execution(initial_budget=_decimal(d, "initial_budget", path),
                     full_year_budget=_decimal(d, "full_year_budget", path),
                     executed=_decimal(d, "executed", path), weight=_decimal(d, "weight", path),
                     score=_decimal(d, "score", path), unit=_value(d, "unit", path, str) or "元")


def evaluated_from_dict(d: Any, path: str, year: int | None) -> EvaluatedIndicator:
    d = _object(d, path)
    applicable = _value(d, "applicable", path, bool)
    return EvaluatedIndicator(
        indicator=indicator_from_json(d.get("indicator"), f"{path}.indicator", year),
        actual=_value(d, "actual", path, str), weight=_decimal(d, "weight", path),
        score=_decimal(d, "score", path), deviation_reason=_value(d, "deviation_reason", path, str),
        applicable=True if applicable is None else applicable, band=_choice(d, "band", path, BANDS))


def selfeval_from_dict(d: Any, path: str) -> SelfEvaluation:
    d = _object(d, path)
    project = header_from_dict(d.get("project"), f"{path}.project")
    goal = _value(d, "goal", path, dict) or {}
    return SelfEvaluation(
        project=project, execution=execution_from_dict(d.get("execution"), f"{path}.execution"),
        indicators=tuple(evaluated_from_dict(r, f"{path}.indicators[{n}]", project.year)
                         for n, r in enumerate(_list(d, "indicators", path))),
        goal_expected=_value(goal, "expected", f"{path}.goal", str),
        goal_actual=_value(goal, "actual", f"{path}.goal", str),
        total=_decimal(d, "total", path), grade=_value(d, "grade", path, str),
        conclusion=_value(d, "conclusion", path, str),
        source=canonical.source_from_dict(d.get("source"), f"{path}.source"))


def monitored_from_dict(d: Any, path: str, year: int | None) -> MonitoredIndicator:
    d = _object(d, path)
    reasons = _list(d, "deviation_reasons", path)
    for n, reason in enumerate(reasons):
        if reason not in DEVIATION_REASONS:
            raise _bad(f"{path}.deviation_reasons[{n}]", f"{reason!r} 不是 {'/'.join(DEVIATION_REASONS)} 之一",
                       f"{reason!r} is not one of {', '.join(DEVIATION_REASONS)}")
    return MonitoredIndicator(
        indicator=indicator_from_json(d.get("indicator"), f"{path}.indicator", year),
        value_to_date=_value(d, "value_to_date", path, str), expected_value=_value(d, "expected_value", path, str),
        cumulative=_value(d, "cumulative", path, bool), band=_choice(d, "band", path, BANDS),
        deviation_reasons=tuple(reasons), deviation_note=_value(d, "deviation_note", path, str),
        likelihood=_choice(d, "likelihood", path, LIKELIHOODS),
        correction_needed=_value(d, "correction_needed", path, bool),
        correction_plan=_value(d, "correction_plan", path, str),
        correction_result=_value(d, "correction_result", path, str))


def monitoring_from_dict(d: Any, path: str) -> MonitoringReport:
    d = _object(d, path)
    project = header_from_dict(d.get("project"), f"{path}.project")
    months = _value(d, "months", path, int, required=True)
    if not 1 <= months <= 12:
        raise _bad(f"{path}.months", f"已过月数 {months} 应在 1–12 之间", f"months elapsed {months} is not 1–12")
    return MonitoringReport(
        project=project, months=months, period=_value(d, "period", path, str),
        budget=_decimal(d, "budget", path), spent=_decimal(d, "spent", path),
        expected_spending=_decimal(d, "expected_spending", path), unit=_value(d, "unit", path, str) or "元",
        indicators=tuple(monitored_from_dict(m, f"{path}.indicators[{n}]", project.year)
                         for n, m in enumerate(_list(d, "indicators", path))))


def _document(data: Any, schema: str, key: str) -> list[Any]:
    if not isinstance(data, dict) or data.get("schema") != schema:
        raise _bad("$.schema", f"应为 {schema!r}", f"expected {schema!r}")
    items = data.get(key)
    if not isinstance(items, list):
        raise _bad(f"$.{key}", "应为列表", "expected a list")
    return items


def selfevals_from_dict(data: Any) -> list[SelfEvaluation]:
    return [selfeval_from_dict(e, f"$.evaluations[{n}]")
            for n, e in enumerate(_document(data, SELFEVAL_SCHEMA, "evaluations"))]


def monitoring_reports_from_dict(data: Any) -> list[MonitoringReport]:
    return [monitoring_from_dict(r, f"$.reports[{n}]")
            for n, r in enumerate(_document(data, MONITORING_SCHEMA, "reports"))]


def _json(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(f"不是 JSON：{exc.msg}", f"not JSON: {exc.msg}", line=exc.lineno) from None


def loads_selfeval(text: str) -> list[SelfEvaluation]:
    return selfevals_from_dict(_json(text))


def loads_monitoring(text: str) -> list[MonitoringReport]:
    return monitoring_reports_from_dict(_json(text))
