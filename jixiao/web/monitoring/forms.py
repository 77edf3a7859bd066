"""The monitoring form's fields → a core ``MonitoringReport`` (the services lay it over the stored
round). Per indicator row ``n``: ``value_n``, ``expected_n``, ``band_n``, ``reasons_n`` (several),
``note_n``, ``likelihood_n``, ``correction_n`` (yes/no), ``plan_n``, ``result_n``."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.http import QueryDict

from jixiao.core.errors import InputError
from jixiao.core.selfeval import BANDS, DEVIATION_REASONS, LIKELIHOODS, MonitoredIndicator, MonitoringReport
from jixiao.web.formdata import decimal as _decimal
from jixiao.web.formdata import text as _text


@dataclass(frozen=True)
class Parsed:
    report: MonitoringReport
    version: int | None
    errors: list[InputError]


def _choice(data: QueryDict, name: str, allowed: tuple[str, ...], errors: list[InputError]) -> str | None:
    value = _text(data, name)
    if value is not None and value not in allowed:
        errors.append(InputError(f"“{value}”不是 {'/'.join(allowed)} 之一", f"{value!r} is not allowed", field=name))
        return None
    return value


def _row(data: QueryDict, n: int, stored: MonitoredIndicator, errors: list[InputError]) -> MonitoredIndicator:
    reasons = tuple(r for r in DEVIATION_REASONS if r in data.getlist(f"reasons_{n}"))
    needed = {"yes": True, "no": False}.get(data.get(f"correction_{n}") or "")
    return dataclasses.replace(
        stored, value_to_date=_text(data, f"value_{n}"), expected_value=_text(data, f"expected_{n}"),
        band=_choice(data, f"band_{n}", BANDS, errors), deviation_reasons=reasons,
        deviation_note=_text(data, f"note_{n}"), likelihood=_choice(data, f"likelihood_{n}", LIKELIHOODS, errors),
        correction_needed=needed, correction_plan=_text(data, f"plan_{n}"), correction_result=_text(data, f"result_{n}"))


def parse(data: QueryDict, stored: MonitoringReport) -> Parsed:
    errors: list[InputError] = []
    try:
        version = int(data.get("version") or "")
    except ValueError:
        version = None
    report = dataclasses.replace(
        stored, budget=_decimal(data, "budget", errors), spent=_decimal(data, "spent", errors),
        expected_spending=_decimal(data, "expected_spending", errors),
        indicators=tuple(_row(data, n, m, errors) for n, m in enumerate(stored.indicators)))
    return Parsed(report, version, errors)
