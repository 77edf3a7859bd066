"""Monitoring rounds in the JSON API: the same services and permissions as the pages; a round is read
and written in the core's JSON (``jixiao/monitoring@1``), with its lights beside it."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Router, Schema, Status

from jixiao.core.canonical import decimal_text
from jixiao.core.selfeval import monitoring_from_dict, monitoring_to_dict
from jixiao.web.monitoring import mapping, services
from jixiao.web.monitoring.access import RoundAccess, round_access, visible_rounds
from jixiao.web.schemas import ErrorOut

router = Router(tags=["monitoring"])


class StartIn(Schema):
    project: int
    months: int = 7


class RoundIn(Schema):
    version: int
    report: dict[str, Any]


class RoundOut(Schema):
    id: int
    project: int
    version: int
    report: dict[str, Any]
    alerts: list[dict[str, Any]]


def _out(grant: RoundAccess) -> dict[str, Any]:
    obj = grant.round
    report = mapping.round_to_core(obj)
    alerts = [{"subject": a.subject, "light": a.light, "progress": decimal_text(a.progress) if a.progress is not None
               else None, "explanation": a.explanation, "explanation_en": a.explanation_en,
               "needs_explanation": a.needs_explanation} for a in services.alerts(report)]
    return {"id": obj.pk, "project": obj.project_id, "version": obj.version, "report": monitoring_to_dict(report),
            "alerts": alerts}


@router.get("", response=list[dict], summary="Monitoring rounds one may see")
def list_rounds(request: HttpRequest, year: int | None = None, project: int | None = None) -> list[dict[str, Any]]:
    found = visible_rounds(request.user).select_related("project")
    if year is not None:
        found = found.filter(project__year=year)
    if project is not None:
        found = found.filter(project_id=project)
    return [{"id": r.pk, "project": r.project_id, "name": r.project.name, "months": r.months, "period": r.period,
             "version": r.version} for r in found.order_by("project_id", "months")]


@router.post("", response={201: RoundOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
             summary="Begin a project's round for a period")
def start(request: HttpRequest, body: StartIn) -> Status:
    obj = services.start(request.user, body.project, body.months)
    return Status(201, _out(round_access(request.user, obj.pk)))


@router.get("/{int:round_id}", response={200: RoundOut, 404: ErrorOut}, summary="One round with its lights")
def get_round(request: HttpRequest, round_id: int) -> dict[str, Any]:
    return _out(round_access(request.user, round_id))


@router.put("/{int:round_id}", response={200: RoundOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
            summary="Save a round")
def put_round(request: HttpRequest, round_id: int, body: RoundIn) -> dict[str, Any]:
    report = monitoring_from_dict(body.report, "$.report")
    services.save(request.user, round_id, report, body.version)
    return _out(round_access(request.user, round_id))
