"""The self-evaluation form's fields → a core ``SelfEvaluation`` (the services lay it over the stored
form and check it). Per indicator row ``n``: ``actual_n``, ``weight_n``, ``band_n``, ``score_n``,
``reason_n`` and the checkbox ``na_n`` (不适用)."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.http import QueryDict

from jixiao.core.errors import InputError
from jixiao.core.selfeval import BANDS, EvaluatedIndicator, Execution, SelfEvaluation
from jixiao.web.formdata import decimal as _decimal


@dataclass(frozen=True)
class Parsed:
    evaluation: SelfEvaluation
    version: int | None
    errors: list[InputError]


def _row(data: QueryDict, n: int, stored: EvaluatedIndicator, errors: list[InputError]) -> EvaluatedIndicator:
    band = data.get(f"band_{n}") or None
    if band is not None and band not in BANDS:
        errors.append(InputError(f"评价档次“{band}”无效", f"band {band!r} is not valid", field=f"band_{n}"))
        band = None
    return dataclasses.replace(
        stored, actual=data.get(f"actual_{n}", ""), weight=_decimal(data, f"weight_{n}", errors),
        score=_decimal(data, f"score_{n}", errors), band=band, deviation_reason=data.get(f"reason_{n}", ""),
        applicable=not data.get(f"na_{n}"))


def parse(data: QueryDict, stored: SelfEvaluation) -> Parsed:
    errors: list[InputError] = []
    try:
        version = int(data.get("version") or "")
    except ValueError:
        version = None
    ev = dataclasses.replace(
        stored, project=dataclasses.replace(stored.project, implementer=data.get("implementer", "")),
        execution=Execution(initial_budget=_decimal(data, "initial_budget", errors),
                            full_year_budget=_decimal(data, "full_year_budget", errors),
                            executed=_decimal(data, "executed", errors), unit=stored.execution.unit),
        indicators=tuple(_row(data, n, r, errors) for n, r in enumerate(stored.indicators)),
        goal_expected=data.get("goal_expected", ""), goal_actual=data.get("goal_actual", ""),
        conclusion=data.get("conclusion", ""))
    return Parsed(ev, version, errors)
