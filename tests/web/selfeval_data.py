"""Self-evaluations and monitoring rounds for the web tests: begun through the services by the editor of
department A on the seed's first project, filled in like a department would, and the form data the
pages submit."""

from __future__ import annotations

import dataclasses
from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User

from jixiao.core.selfeval import EvaluatedIndicator, SelfEvaluation
from jixiao.web.monitoring import mapping as monitoring_mapping
from jixiao.web.monitoring import services as monitoring
from jixiao.web.monitoring.models import Round
from jixiao.web.projects.models import Project
from jixiao.web.selfeval import mapping, services
from jixiao.web.selfeval.models import Evaluation


def begin(editor: User, project: Project) -> Evaluation:
    return services.start(editor, project.pk)


def filled_row(r: EvaluatedIndicator) -> EvaluatedIndicator:
    """Every target met: a number target with its own figure, anything else judged 达成."""
    t = r.indicator.target
    if t.kind == "numeric" and t.value is not None:
        return dataclasses.replace(r, actual=f"{t.value}{t.unit or ''}")
    return dataclasses.replace(r, actual=t.raw or "完成", band="达成")


def filled(obj: Evaluation) -> SelfEvaluation:
    ev = mapping.evaluation_to_core(obj)
    budget = ev.execution.full_year_budget or Decimal(1000)
    return dataclasses.replace(ev, execution=dataclasses.replace(ev.execution, executed=budget),
                               indicators=tuple(filled_row(r) for r in ev.indicators))


def submitted(editor: User, project: Project) -> Evaluation:
    obj = begin(editor, project)
    return services.save(editor, obj.pk, filled(obj), obj.version, then_submit=True)


def form_data(obj: Evaluation, ev: SelfEvaluation | None = None, **changes: Any) -> dict[str, Any]:
    """What the edit page submits for ``ev`` (default: the stored evaluation)."""
    ev = ev or mapping.evaluation_to_core(obj)
    ex = ev.execution

    def text(value: Decimal | None) -> str:
        return "" if value is None else str(value)

    data: dict[str, Any] = {
        "version": obj.version, "implementer": ev.project.implementer or "", "initial_budget": text(ex.initial_budget),
        "full_year_budget": text(ex.full_year_budget), "executed": text(ex.executed),
        "goal_expected": ev.goal_expected or "", "goal_actual": ev.goal_actual or "", "conclusion": ev.conclusion or "",
    }
    for n, r in enumerate(ev.indicators):
        data.update({f"actual_{n}": r.actual or "", f"band_{n}": r.band or "", f"score_{n}": text(r.score),
                     f"weight_{n}": text(r.weight), f"reason_{n}": r.deviation_reason or ""})
        if not r.applicable:
            data[f"na_{n}"] = "1"
    data.update(changes)
    return data


def begin_round(editor: User, project: Project, months: int = 7) -> Round:
    return monitoring.start(editor, project.pk, months)


def round_form(obj: Round, **changes: Any) -> dict[str, Any]:
    report = monitoring_mapping.round_to_core(obj)
    data: dict[str, Any] = {"version": obj.version, "budget": str(report.budget or ""), "spent": "", "expected_spending": ""}
    for n, m in enumerate(report.indicators):
        data.update({f"value_{n}": m.value_to_date or "", f"expected_{n}": m.expected_value or ""})
    data.update(changes)
    return data
