"""The monitoring services — start a round, save it — one place for the pages and the API. Each
checks access, validates, and writes the round, its rows and the audit event in one transaction."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.core.alerts import Alert, monitoring_alerts
from jixiao.core.blank import blank_monitoring, period_text
from jixiao.core.errors import InputError
from jixiao.core.selfeval import MonitoringReport, monitoring_to_dict
from jixiao.web.errors import (
    Conflict,
    Invalid,  # re-exported: views catch <module>.Invalid
)
from jixiao.web.monitoring import mapping
from jixiao.web.monitoring.access import round_access
from jixiao.web.monitoring.models import CREATE, SAVE, Round, RoundEvent
from jixiao.web.projects import access as project_access
from jixiao.web.projects import mapping as project_mapping
from jixiao.web.selfeval.scoring import active_settings

MAX_MONEY = Decimal(10) ** 17
MAX_TEXT = 5000


def alerts(report: MonitoringReport) -> tuple[Alert, ...]:
    """The lights, with the settings in force (spending first, then one per indicator)."""
    return monitoring_alerts(report, active_settings())


def record(obj: Round, action: str, actor: User, report: MonitoringReport) -> RoundEvent:
    return RoundEvent.objects.create(round=obj, action=action, actor=actor, version=obj.version,
                                     snapshot=monitoring_to_dict(report))


def start(actor: User, project_pk: int | str, months: int, *, demo: bool = False) -> Round:
    """The project's round for a period (``months`` elapsed), begun from its targets if there is none."""
    if not isinstance(months, int) or not 1 <= months <= 12:
        raise InputError("监控期间应为 1–12 月", "the period must end in month 1–12", field="months")
    with transaction.atomic():
        grant = project_access.project_access(actor, project_pk, for_update=True)
        project = grant.require_edit()
        existing = Round.objects.filter(project=project, months=months).first()
        if existing is not None:
            return existing
        report = blank_monitoring(project_mapping.project_to_core(project), months)
        obj = Round(project=project, updated_by=actor, demo=demo)
        mapping.set_round_fields(obj, report)
        obj.save()
        mapping.replace_rows(obj, report)
        record(obj, CREATE, actor, report)
    return obj


def merged(stored: MonitoringReport, given: MonitoringReport) -> MonitoringReport:
    """What was entered laid over the stored round: its indicators, period and project stay."""
    if len(given.indicators) != len(stored.indicators):
        raise InputError(f"应有 {len(stored.indicators)} 行指标，收到 {len(given.indicators)} 行",
                         f"expected {len(stored.indicators)} indicator rows, got {len(given.indicators)}",
                         field="indicators")
    rows = tuple(dataclasses.replace(g, indicator=s.indicator) for s, g in zip(stored.indicators, given.indicators,
                                                                               strict=True))
    return dataclasses.replace(given, project=stored.project, months=stored.months,
                               period=stored.period or period_text(stored.project.year, stored.months),
                               unit=stored.unit, indicators=rows)


def validate(r: MonitoringReport) -> MonitoringReport:
    errors = []
    for attr in ("budget", "spent", "expected_spending"):
        value = getattr(r, attr)
        exponent = value.as_tuple().exponent if value is not None else 0
        if value is not None and (value < 0 or value >= MAX_MONEY or (isinstance(exponent, int) and exponent < -2)):
            errors.append(InputError(f"金额 {value} 无效（应为非负数，最多两位小数）",
                                     f"amount {value} is invalid (non-negative, at most two decimal places)", field=attr))
    for n, m in enumerate(r.indicators):
        for attr in ("value_to_date", "expected_value"):
            if len(getattr(m, attr) or "") > 500:
                errors.append(InputError(f"第 {n + 1} 行：文字过长", f"row {n + 1}: too long",
                                         field=f"indicators[{n}].{attr}"))
        for attr in ("deviation_note", "correction_plan", "correction_result"):
            if len(getattr(m, attr) or "") > MAX_TEXT:
                errors.append(InputError(f"第 {n + 1} 行：文字过长（最多 {MAX_TEXT} 字）",
                                         f"row {n + 1}: too long ({MAX_TEXT} characters at most)",
                                         field=f"indicators[{n}].{attr}"))
    if errors:
        raise Invalid(errors)
    return r


def save(actor: User, pk: int | str, given: MonitoringReport, expected_version: int | None) -> Round:
    with transaction.atomic():
        grant = round_access(actor, pk, for_update=True)
        obj = grant.require_edit()
        if expected_version is not None and expected_version != obj.version:
            raise Conflict(f"监控数据已被他人修改（当前版本 {obj.version}，您编辑的是版本 {expected_version}），您的修改未保存。",
                           f"someone else changed this round (now version {obj.version}, you edited version "
                           f"{expected_version}); your changes were not saved", current_version=obj.version)
        report = validate(merged(mapping.round_to_core(obj), given))
        mapping.set_round_fields(obj, report)
        obj.version += 1
        obj.updated_by = actor
        obj.save()
        mapping.replace_rows(obj, report)
        record(obj, SAVE, actor, report)
    return obj
