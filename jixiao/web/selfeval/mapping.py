"""The one place where a stored self-evaluation becomes a core ``SelfEvaluation`` and back (the
Evaluation aggregate: the evaluation row and its indicator rows)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from jixiao.core import canonical
from jixiao.core.blank import header_of
from jixiao.core.selfeval import EvaluatedIndicator, Execution, SelfEvaluation
from jixiao.web.projects import mapping as project_mapping
from jixiao.web.projects.mapping import stored_money
from jixiao.web.selfeval.models import EvaluatedRow, Evaluation


def row_to_core(row: EvaluatedRow) -> EvaluatedIndicator:
    return EvaluatedIndicator(
        indicator=canonical.indicator_from_dict(row.indicator, f"rows[{row.position}].indicator"),
        actual=row.actual, weight=stored_money(row.weight), score=stored_money(row.score),
        deviation_reason=row.deviation_reason, applicable=row.applicable, band=row.band)


def evaluation_to_core(obj: Evaluation, rows: Iterable[EvaluatedRow] | None = None) -> SelfEvaluation:
    project = project_mapping.project_to_core(obj.project, indicators=())
    stored = obj.rows.all() if rows is None else rows
    return SelfEvaluation(
        project=header_of(project, obj.implementer),
        execution=Execution(initial_budget=stored_money(obj.initial_budget),
                            full_year_budget=stored_money(obj.full_year_budget),
                            executed=stored_money(obj.executed), unit=obj.budget_unit),
        indicators=tuple(row_to_core(r) for r in sorted(stored, key=lambda r: r.position)),
        goal_expected=obj.goal_expected, goal_actual=obj.goal_actual, conclusion=obj.conclusion)


def evaluation_fields(ev: SelfEvaluation) -> dict[str, Any]:
    """The evaluation row's columns for a core evaluation (the header's name and department are the
    project's and are not stored twice)."""
    ex = ev.execution
    return {"implementer": ev.project.implementer, "initial_budget": ex.initial_budget,
            "full_year_budget": ex.full_year_budget, "executed": ex.executed, "budget_unit": ex.unit,
            "goal_expected": ev.goal_expected, "goal_actual": ev.goal_actual, "conclusion": ev.conclusion}


def set_evaluation_fields(obj: Evaluation, ev: SelfEvaluation) -> None:
    for key, value in evaluation_fields(ev).items():
        setattr(obj, key, value)


def rows_of(ev: SelfEvaluation, obj: Evaluation) -> list[EvaluatedRow]:
    return [EvaluatedRow(evaluation=obj, position=n, indicator=canonical.indicator_to_dict(r.indicator),
                         actual=r.actual, weight=r.weight, score=r.score, deviation_reason=r.deviation_reason,
                         applicable=r.applicable, band=r.band)
            for n, r in enumerate(ev.indicators)]


def replace_rows(obj: Evaluation, ev: SelfEvaluation) -> None:
    obj.rows.all().delete()
    EvaluatedRow.objects.bulk_create(rows_of(ev, obj))
