"""Projects built by hand from the model, for the review tests: one clean project and small edits of it."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

from jixiao.core.model import Budget, Diagnostic, Indicator, Project, SourceRef, TargetValue


def num(raw: str, op: str | None, value: str, unit: str | None) -> TargetValue:
    return TargetValue(raw=raw, kind="numeric", op=op, value=value, unit=unit)


def grade(word: str) -> TargetValue:
    return TargetValue(raw=word, kind="qualitative", value=word)


def text(raw: str) -> TargetValue:
    return TargetValue(raw=raw, kind="text", value=raw)


def deadline(raw: str, op: str | None, value: str) -> TargetValue:
    return TargetValue(raw=raw, kind="deadline", op=op, value=value)


def ind(level1: str, level2: str, name: str, target: TargetValue, line: int) -> Indicator:
    return Indicator(level1=level1, level2=level2, name=name, target=target, source=SourceRef(line=line))


CLEAN_INDICATORS = (
    ind("投入与管理", "投入管理", "预算执行率", num("=100%", "=", "100", "%"), 20),
    ind("投入与管理", "财务管理", "财务管理制度健全性", grade("健全"), 21),
    ind("产出目标", "数量", "受益企业数", num(">1000家", ">", "1000", "家"), 22),
    ind("产出目标", "质量", "补贴资金到位率", num("=100%", "=", "100", "%"), 23),
    ind("产出目标", "时效", "完成时间", deadline("<=4月30日", "<=", "2020-04-30"), 24),
    ind("产出目标", "成本", "单个企业服务成本", num("<=500元", "<=", "500", "元"), 25),
    ind("效果目标", "社会效益", "企业减负", num("=120000000元", "=", "120000000", "元"), 26),
    ind("效果目标", "满意度", "服务对象满意度", num(">=90%", ">=", "90", "%"), 27),
    ind("影响力目标", "长效管理", "长效管理制度建设", grade("完善"), 28),
)

CLEAN = Project(
    name="测试项目", department="上海市商务委员会", year=2020, category="其他一次性项目",
    start_date=date(2020, 1, 1), end_date=date(2020, 6, 30), government_procurement=True,
    performance_type="政策补贴类", overview="概况", basis="依据", necessity="必要性", safeguards="措施",
    implementation_plan="计划", goals="目标",
    budget=Budget(total=Decimal(120000000), current_year=Decimal(120000000),
                  previous_year=Decimal(120000000), previous_year_executed=None),
    framework="shanghai-2020", indicators=CLEAN_INDICATORS, source=SourceRef(line=5))


def with_indicator(project: Project, indicator: Indicator) -> Project:
    return replace(project, indicators=(*project.indicators, indicator))


def without(project: Project, *names: str) -> Project:
    return replace(project, indicators=tuple(i for i in project.indicators if i.name not in names))


def replacing(project: Project, which: str, /, **changes: object) -> Project:
    """The project with the indicator named ``which`` changed."""
    return replace(project, indicators=tuple(replace(i, **changes) if i.name == which else i  # type: ignore[arg-type]
                                             for i in project.indicators))


def with_diagnostic(project: Project, code: str, line: int) -> Project:
    diag = Diagnostic(code=code, severity="warning", message="行已重新对齐", message_en="row realigned", line=line)
    return replace(project, diagnostics=(*project.diagnostics, diag))
