"""Review in the JSON API: state, submit, return (with comments), approve (with a grade), adjust,
comments and findings — the same services and permissions as the pages."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from ninja import Query, Router, Schema, Status

from jixiao.core.review import finding_to_dict
from jixiao.core.review.summary import project_summary_to_dict
from jixiao.web.projects import access, mapping
from jixiao.web.review import queries, services
from jixiao.web.review.findings import review_project
from jixiao.web.review.models import Comment, ReviewState
from jixiao.web.schemas import ErrorOut

router = Router(tags=["review"])


class CommentIn(Schema):
    text: str
    indicator: int | None = None  # position of the indicator row (0-based); None: the project as a whole


class CommentOut(Schema):
    id: int
    author: str | None
    at: str
    text: str
    round: int
    version: int
    indicator: int | None
    indicator_name: str | None


class StateOut(Schema):
    project: int
    version: int
    state: str
    round: int
    grade: str | None
    submitted_by: str | None
    submitted_at: str | None
    decided_by: str | None
    decided_at: str | None
    approved_version: int | None
    actions: list[str]


class SubmitIn(Schema):
    comment: str = ""


class ReturnIn(Schema):
    comment: str = ""
    indicator_comments: list[CommentIn] = []
    round: int | None = None


class ApproveIn(Schema):
    grade: str
    comment: str = ""
    indicator_comments: list[CommentIn] = []
    round: int | None = None


class FindingsOut(Schema):
    summary: dict[str, Any]
    findings: list[dict[str, Any]]


class QueueItem(Schema):
    id: int
    name: str
    department: str
    year: int
    state: str
    round: int
    submitted_at: str | None
    submitted_by: str | None


class QueueFilterIn(Schema):
    department: int | None = None
    year: int | None = None


def _iso(value: Any) -> str | None:
    return value.isoformat() if value is not None else None


def _state_out(request: HttpRequest, project_id: int) -> dict[str, Any]:
    grant = access.project_access(request.user, project_id)
    st = services.standing(request.user, grant)
    row = st.row or ReviewState(project=grant.project)
    return {"project": grant.project.pk, "version": grant.project.version, "state": st.state, "round": row.round,
            "grade": row.grade, "submitted_by": row.submitted_by.username if row.submitted_by else None,
            "submitted_at": _iso(row.submitted_at), "decided_by": row.decided_by.username if row.decided_by else None,
            "decided_at": _iso(row.decided_at), "approved_version": row.approved_version, "actions": st.actions}


def _comment_out(c: Comment) -> dict[str, Any]:
    return {"id": c.pk, "author": c.author.username if c.author else None, "at": c.at.isoformat(), "text": c.text,
            "round": c.round, "version": c.version, "indicator": c.indicator_position,
            "indicator_name": c.indicator_name}


def _comments(body: ReturnIn | ApproveIn) -> list[services.CommentIn]:
    return [services.CommentIn(body.comment)] + [services.CommentIn(c.text, c.indicator)
                                                 for c in body.indicator_comments]


WRITE = {200: StateOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


@router.get("/queue", response={200: list[QueueItem], 403: ErrorOut}, summary="The reviewer's queue, oldest first")
def queue(request: HttpRequest, filters: Query[QueueFilterIn]) -> list[dict[str, Any]]:
    f = queries.QueueFilter(department=filters.department, year=filters.year)
    return [{"id": obj.pk, "name": obj.name, "department": obj.department.name, "year": obj.year,
             "state": obj.review_state.state, "round": obj.review_state.round,
             "submitted_at": _iso(obj.review_state.submitted_at),
             "submitted_by": obj.review_state.submitted_by.username if obj.review_state.submitted_by else None}
            for obj in queries.queue(request.user, f)[:500]]


@router.get("/projects/{int:project_id}", response={200: StateOut, 404: ErrorOut}, summary="Review state")
def get_state(request: HttpRequest, project_id: int) -> dict[str, Any]:
    return _state_out(request, project_id)


@router.post("/projects/{int:project_id}/submit", response=WRITE, summary="Submit (or resubmit) for review")
def submit(request: HttpRequest, project_id: int, body: SubmitIn) -> dict[str, Any]:
    services.submit(request.user, project_id, body.comment)
    return _state_out(request, project_id)


@router.post("/projects/{int:project_id}/return", response=WRITE, summary="Return for revision, with comments")
def return_(request: HttpRequest, project_id: int, body: ReturnIn) -> dict[str, Any]:
    services.decide(request.user, project_id, "return", comments=_comments(body), expected_round=body.round)
    return _state_out(request, project_id)


@router.post("/projects/{int:project_id}/approve", response=WRITE, summary="Approve with a grade (优/良/中/差)")
def approve(request: HttpRequest, project_id: int, body: ApproveIn) -> dict[str, Any]:
    services.decide(request.user, project_id, "approve", grade=body.grade, comments=_comments(body),
                    expected_round=body.round)
    return _state_out(request, project_id)


@router.post("/projects/{int:project_id}/adjust", response=WRITE, summary="Start an adjustment (调整) of an "
             "approved table: a new revision, back to draft")
def adjust(request: HttpRequest, project_id: int) -> dict[str, Any]:
    services.start_adjustment(request.user, project_id)
    return _state_out(request, project_id)


@router.get("/projects/{int:project_id}/comments", response={200: list[CommentOut], 404: ErrorOut},
            summary="Comments, oldest first")
def list_comments(request: HttpRequest, project_id: int) -> list[dict[str, Any]]:
    grant = access.project_access(request.user, project_id)
    return [_comment_out(c) for c in Comment.objects.filter(project=grant.project).select_related("author")]


@router.post("/projects/{int:project_id}/comments", response={201: CommentOut, 400: ErrorOut, 403: ErrorOut,
                                                              404: ErrorOut}, summary="Add a comment")
def add_comment(request: HttpRequest, project_id: int, body: CommentIn) -> Status:
    c = services.add_comment(request.user, project_id, services.CommentIn(body.text, body.indicator))
    return Status(201, _comment_out(c))


@router.get("/projects/{int:project_id}/findings", response={200: FindingsOut, 404: ErrorOut},
            summary="Findings of the configured review rules, with the suggested grade")
def findings(request: HttpRequest, project_id: int) -> dict[str, Any]:
    grant = access.project_access(request.user, project_id)
    reviewed = review_project(mapping.project_to_core(grant.project))
    return {"summary": project_summary_to_dict(reviewed.summary),
            "findings": [finding_to_dict(f) for f in reviewed.findings]}
