"""Every transition, allowed and refused, for every persona — through the pages and through the API.

Editor of own department, editor of another department (404: the project does not exist for them),
viewer (403), reviewer, administrator, anonymous; and the submitter trying to decide on their own
submission (403, whatever their role). A refused action changes nothing and writes no audit event.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from jixiao.core import workflow as wf
from jixiao.web.review.models import AuditEvent
from tests.web.review_helpers import put_in_state, state

pytestmark = pytest.mark.django_db
LOGIN = "login"
PERSONAS = ["editor_a", "editor_b", "viewer_a", "reviewer", "admin", None]

BY_EDITORS = {"editor_a": 302, "editor_b": 404, "viewer_a": 403, "reviewer": 403, "admin": 302, None: LOGIN}
BY_REVIEWERS = {"editor_a": 403, "editor_b": 404, "viewer_a": 403, "reviewer": 302, "admin": 302, None: LOGIN}


@dataclass(frozen=True)
class Case:
    name: str
    start: str
    action: str
    expect: dict[str | None, int | str]
    end: str  # the state after a successful request
    submitter: str = "editor_a"
    data: dict[str, Any] = field(default_factory=dict)


RETURN_DATA = {"decision": "return", "comment": "请把满意度指标量化"}
APPROVE_DATA = {"decision": "approve", "grade": "良"}
CASES = [
    Case("submit-draft", wf.DRAFT, wf.SUBMIT, BY_EDITORS, wf.SUBMITTED),
    Case("resubmit-returned", wf.RETURNED, wf.RESUBMIT, BY_EDITORS, wf.RESUBMITTED),
    Case("return-submitted", wf.SUBMITTED, wf.RETURN, BY_REVIEWERS, wf.RETURNED, data=RETURN_DATA),
    Case("return-resubmitted", wf.RESUBMITTED, wf.RETURN, BY_REVIEWERS, wf.RETURNED, data=RETURN_DATA),
    Case("approve-submitted", wf.SUBMITTED, wf.APPROVE, BY_REVIEWERS, wf.APPROVED, data=APPROVE_DATA),
    Case("approve-resubmitted", wf.RESUBMITTED, wf.APPROVE, BY_REVIEWERS, wf.APPROVED, data=APPROVE_DATA),
    Case("adjust-approved", wf.APPROVED, wf.ADJUST, BY_EDITORS, wf.DRAFT),
    # Nobody decides on their own submission: the administrator submitted, so only the reviewer may.
    Case("approve-own-submission", wf.SUBMITTED, wf.APPROVE, {**BY_REVIEWERS, "admin": 403}, wf.APPROVED,
         submitter="admin", data=APPROVE_DATA),
    Case("return-own-submission", wf.SUBMITTED, wf.RETURN, {**BY_REVIEWERS, "admin": 403}, wf.RETURNED,
         submitter="admin", data=RETURN_DATA),
    # The wrong state: those who may take the action are told the state is wrong (409).
    Case("approve-draft", wf.DRAFT, wf.APPROVE, {**BY_REVIEWERS, "reviewer": 409, "admin": 409}, wf.DRAFT,
         data=APPROVE_DATA),
    Case("approve-approved", wf.APPROVED, wf.APPROVE, {**BY_REVIEWERS, "reviewer": 409, "admin": 409}, wf.APPROVED,
         data=APPROVE_DATA),
    Case("return-returned", wf.RETURNED, wf.RETURN, {**BY_REVIEWERS, "reviewer": 409, "admin": 409}, wf.RETURNED,
         data=RETURN_DATA),
    Case("submit-approved", wf.APPROVED, wf.SUBMIT, {**BY_EDITORS, "editor_a": 409, "admin": 409}, wf.APPROVED),
    Case("submit-submitted", wf.SUBMITTED, wf.SUBMIT, {**BY_EDITORS, "editor_a": 409, "admin": 409}, wf.SUBMITTED),
    Case("adjust-draft", wf.DRAFT, wf.ADJUST, {**BY_EDITORS, "editor_a": 409, "admin": 409}, wf.DRAFT),
]
PAGE = {wf.SUBMIT: "submit", wf.RESUBMIT: "submit", wf.RETURN: "decide", wf.APPROVE: "decide", wf.ADJUST: "adjust"}
API = {wf.SUBMIT: "submit", wf.RESUBMIT: "submit", wf.RETURN: "return", wf.APPROVE: "approve", wf.ADJUST: "adjust"}


def _check_outcome(case: Case, persona: str | None, project, before_events: int, ok: bool) -> None:  # type: ignore[no-untyped-def]
    events = AuditEvent.objects.filter(project=project).exclude(action="comment")
    if ok:
        assert state(project) == case.end
        latest = events.order_by("-pk").first()
        assert latest is not None and latest.action == case.action and latest.actor.username == persona
        assert latest.to_state == case.end and latest.from_state == case.start
        assert events.count() == before_events + 1
    else:
        assert state(project) == case.start
        assert events.count() == before_events


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p or "anonymous")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_transition_page(case: Case, persona: str | None, project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, case.start, users, submitter=case.submitter)
    before = AuditEvent.objects.filter(project=project).exclude(action="comment").count()
    response = client_as(persona).post(f"/projects/{project.pk}/review/{PAGE[case.action]}/", case.data)
    expected = case.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, response.content[:400]
    _check_outcome(case, persona, project, before, expected == 302)


def _api_body(case: Case) -> dict[str, Any]:
    if case.action == wf.RETURN:
        return {"comment": case.data["comment"]}
    if case.action == wf.APPROVE:
        return {"grade": case.data["grade"]}
    return {}


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p or "anonymous")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_transition_api(case: Case, persona: str | None, project, users, token_for) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, case.start, users, submitter=case.submitter)
    before = AuditEvent.objects.filter(project=project).exclude(action="comment").count()
    headers = {"Authorization": f"Bearer {token_for(persona)}"} if persona else {}
    response = Client().post(f"/api/v1/review/projects/{project.pk}/{API[case.action]}", json.dumps(_api_body(case)),
                             content_type="application/json", headers=headers)
    expected = {302: 200, LOGIN: 401}.get(case.expect[persona], case.expect[persona])
    assert response.status_code == expected, response.content[:400]
    if expected == 200:
        assert response.json()["state"] == case.end
    elif expected in (403, 409):
        detail = response.json()["detail"]
        assert detail["message"] and detail["message_en"]
    _check_outcome(case, persona, project, before, expected == 200)


def test_the_refusal_says_why(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.SUBMITTED, users, submitter="admin")
    page = client_as("admin").post(f"/projects/{project.pk}/review/decide/", APPROVE_DATA).content.decode()
    assert "不能审核自己提交的项目" in page
    page = client_as("editor_a").post(f"/projects/{project.pk}/review/decide/", APPROVE_DATA).content.decode()
    assert "部门编辑不能审核通过" in page


def test_approval_needs_a_grade_and_a_return_needs_a_comment(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.SUBMITTED, users)
    reviewer = client_as("reviewer")
    response = reviewer.post(f"/projects/{project.pk}/review/decide/",
                             {"decision": "approve", "grade": "A", "comment_ind_3": "保留的文字"})
    page = response.content.decode()
    assert response.status_code == 400 and "请选择审核等级" in page
    assert "保留的文字" in page  # what the reviewer typed is not lost
    response = reviewer.post(f"/projects/{project.pk}/review/decide/", {"decision": "return"})
    assert response.status_code == 400 and "退回时请写明意见" in response.content.decode()
    assert state(project) == wf.SUBMITTED and not AuditEvent.objects.filter(action__in=["return", "approve"]).exists()


def test_a_decision_on_an_older_round_is_refused(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    row = put_in_state(project, wf.RESUBMITTED, users)
    response = client_as("reviewer").post(f"/projects/{project.pk}/review/decide/",
                                          {**APPROVE_DATA, "round": str(row.round - 1)})
    assert response.status_code == 409
    assert state(project) == wf.RESUBMITTED


def test_decisions_record_grade_and_suggestion(project, users) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.APPROVED, users)
    event = AuditEvent.objects.get(project=project, action="approve")
    assert event.grade == "良" and event.details["suggested_grade"] in wf.GRADES
    assert project.review_state.grade == "良" and project.review_state.approved_version == project.version
