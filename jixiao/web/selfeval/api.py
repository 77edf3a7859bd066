"""Self-evaluations and the scoring settings in the JSON API: the same services and permissions as
the pages; an evaluation is read and written in the core's JSON (``jixiao/selfeval@1``), its score
in ``jixiao/score@1``."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from jixiao.core.errors import InputError
from jixiao.core.score import report_to_dict
from jixiao.core.score_settings import settings_to_dict
from jixiao.core.selfeval import SelfEvaluation, selfeval_from_dict, selfeval_to_dict
from jixiao.web.schemas import ErrorOut
from jixiao.web.selfeval import mapping, scoring, services
from jixiao.web.selfeval.access import EvaluationAccess, evaluation_access, visible_evaluations

router = Router(tags=["self-evaluations"])
settings_router = Router(tags=["scoring settings"])


class StartIn(Schema):
    project: int


class EvaluationOut(Schema):
    id: int
    project: int
    version: int
    state: str
    actions: list[str]
    evaluation: dict[str, Any]
    score: dict[str, Any]


class EvaluationIn(Schema):
    version: int
    evaluation: dict[str, Any]
    submit: bool = False


class ScoreIn(Schema):
    evaluation: dict[str, Any]


class ActionIn(Schema):
    comment: str = ""


class SummaryOut(Schema):
    id: int
    project: int
    name: str
    department: str
    year: int
    state: str
    total: str | None
    grade: str | None


class SettingsIn(Schema):
    settings: dict[str, Any]
    note: str = ""


def _core(data: dict[str, Any]) -> SelfEvaluation:
    return selfeval_from_dict(data, "$.evaluation")


def _out(grant: EvaluationAccess) -> dict[str, Any]:
    obj = grant.evaluation
    ev = mapping.evaluation_to_core(obj)
    return {"id": obj.pk, "project": obj.project_id, "version": obj.version, "state": obj.state,
            "actions": grant.actions, "evaluation": selfeval_to_dict(ev),
            "score": report_to_dict(services.score(ev), scoring.active_settings())}


@router.get("", response=list[SummaryOut], summary="Self-evaluations one may see (optionally of one year)")
def list_evaluations(request: HttpRequest, year: int | None = None) -> list[dict[str, Any]]:
    found = visible_evaluations(request.user).select_related("project", "project__department")
    if year is not None:
        found = found.filter(project__year=year)
    return [{"id": e.pk, "project": e.project_id, "name": e.project.name, "department": e.project.department.name,
             "year": e.project.year, "state": e.state, "total": str(e.total) if e.total is not None else None,
             "grade": e.grade} for e in found.order_by("project__department__name", "project__name")]


@router.post("", response={201: EvaluationOut, 403: ErrorOut, 404: ErrorOut}, summary="Begin a project's self-evaluation")
def start(request: HttpRequest, body: StartIn) -> Status:
    obj = services.start(request.user, body.project)
    return Status(201, _out(evaluation_access(request.user, obj.pk)))


@router.get("/{int:evaluation_id}", response={200: EvaluationOut, 404: ErrorOut}, summary="One self-evaluation, scored")
def get_evaluation(request: HttpRequest, evaluation_id: int) -> dict[str, Any]:
    return _out(evaluation_access(request.user, evaluation_id))


@router.put("/{int:evaluation_id}", response={200: EvaluationOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                              409: ErrorOut}, summary="Save (and optionally submit) a self-evaluation")
def put_evaluation(request: HttpRequest, evaluation_id: int, body: EvaluationIn) -> dict[str, Any]:
    services.save(request.user, evaluation_id, _core(body.evaluation), body.version, then_submit=body.submit)
    return _out(evaluation_access(request.user, evaluation_id))


@router.post("/{int:evaluation_id}/score", response={200: dict, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                                     409: ErrorOut}, summary="Score without saving")
def score(request: HttpRequest, evaluation_id: int, body: ScoreIn) -> dict[str, Any]:
    report = services.preview(request.user, evaluation_id, _core(body.evaluation))
    return report_to_dict(report, scoring.active_settings())


@router.post("/{int:evaluation_id}/{action}", response={200: EvaluationOut, 400: ErrorOut, 403: ErrorOut,
                                                        404: ErrorOut, 409: ErrorOut},
             summary="submit, resubmit, return or approve")
def act(request: HttpRequest, evaluation_id: int, action: str, body: ActionIn) -> dict[str, Any]:
    services.act(request.user, evaluation_id, action, body.comment)
    return _out(evaluation_access(request.user, evaluation_id))


@settings_router.get("", response=dict, summary="The scoring settings in force")
def get_settings(request: HttpRequest) -> dict[str, Any]:
    return settings_to_dict(scoring.active_settings())


@settings_router.put("", response={200: dict, 400: ErrorOut, 403: ErrorOut}, summary="Change the scoring settings")
def put_settings(request: HttpRequest, body: SettingsIn) -> dict[str, Any]:
    if not isinstance(body.settings, dict):
        raise InputError("应为对象", "expected an object", field="settings")
    scoring.update_settings(request.user, body.settings, body.note)
    return settings_to_dict(scoring.active_settings())



