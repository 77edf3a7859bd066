"""The one place where a stored monitoring round becomes a core ``MonitoringReport`` and back."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jixiao.core import canonical
from jixiao.core.blank import header_of
from jixiao.core.selfeval import MonitoredIndicator, MonitoringReport
from jixiao.web.monitoring.models import MonitoredRow, Round
from jixiao.web.projects import mapping as project_mapping
from jixiao.web.projects.mapping import stored_money


def row_to_core(row: MonitoredRow) -> MonitoredIndicator:
    return MonitoredIndicator(
        indicator=canonical.indicator_from_dict(row.indicator, f"rows[{row.position}].indicator"),
        value_to_date=row.value_to_date, expected_value=row.expected_value, cumulative=row.cumulative,
        band=row.band, deviation_reasons=tuple(row.deviation_reasons or ()), deviation_note=row.deviation_note,
        likelihood=row.likelihood, correction_needed=row.correction_needed, correction_plan=row.correction_plan,
        correction_result=row.correction_result)


def round_to_core(obj: Round, rows: Iterable[MonitoredRow] | None = None) -> MonitoringReport:
    project = project_mapping.project_to_core(obj.project, indicators=())
    stored = obj.rows.all() if rows is None else rows
    return MonitoringReport(
        project=header_of(project), months=obj.months, period=obj.period, budget=stored_money(obj.budget),
        spent=stored_money(obj.spent), expected_spending=stored_money(obj.expected_spending), unit=obj.unit,
        indicators=tuple(row_to_core(r) for r in sorted(stored, key=lambda r: r.position)))


def round_fields(r: MonitoringReport) -> dict[str, Any]:
    return {"months": r.months, "period": r.period or "", "budget": r.budget, "spent": r.spent,
            "expected_spending": r.expected_spending, "unit": r.unit}


def set_round_fields(obj: Round, r: MonitoringReport) -> None:
    for key, value in round_fields(r).items():
        setattr(obj, key, value)


def rows_of(r: MonitoringReport, obj: Round) -> list[MonitoredRow]:
    return [MonitoredRow(round=obj, position=n, indicator=canonical.indicator_to_dict(m.indicator),
                         value_to_date=m.value_to_date, expected_value=m.expected_value, cumulative=m.cumulative,
                         band=m.band, deviation_reasons=list(m.deviation_reasons), deviation_note=m.deviation_note,
                         likelihood=m.likelihood, correction_needed=m.correction_needed,
                         correction_plan=m.correction_plan, correction_result=m.correction_result)
            for n, m in enumerate(r.indicators)]


def replace_rows(obj: Round, r: MonitoringReport) -> None:
    obj.rows.all().delete()
    MonitoredRow.objects.bulk_create(rows_of(r, obj))
