"""The review API: state, queue, comments and findings (transitions: test_review_transitions)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from jixiao.core import workflow as wf
from tests.web.review_helpers import put_in_state

pytestmark = pytest.mark.django_db


def _call(token_for, persona: str | None, method: str, url: str, body: Any = None):  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token_for(persona)}"} if persona else {}
    client = Client()
    if method == "get":
        return client.get(url, headers=headers)
    return client.post(url, json.dumps(body or {}), content_type="application/json", headers=headers)


OWN = {"editor_a": 200, "editor_b": 404, "viewer_a": 200, "reviewer": 200, "admin": 200, None: 401}


@pytest.mark.parametrize("persona", list(OWN), ids=lambda p: p or "anonymous")
@pytest.mark.parametrize("path", ["", "/comments", "/findings"])
def test_reads_follow_the_access_helper(path: str, persona: str | None, project, token_for) -> None:  # type: ignore[no-untyped-def]
    response = _call(token_for, persona, "get", f"/api/v1/review/projects/{project.pk}{path}")
    assert response.status_code == OWN[persona]
    if persona is not None:
        assert _call(token_for, persona, "get", f"/api/v1/review/projects/999999{path}").status_code == 404


COMMENT = {"editor_a": 201, "editor_b": 404, "viewer_a": 403, "reviewer": 201, "admin": 201, None: 401}


@pytest.mark.parametrize("persona", list(COMMENT), ids=lambda p: p or "anonymous")
def test_add_comment(persona: str | None, project, token_for) -> None:  # type: ignore[no-untyped-def]
    response = _call(token_for, persona, "post", f"/api/v1/review/projects/{project.pk}/comments",
                     {"text": "请说明取值依据", "indicator": 3})
    assert response.status_code == COMMENT[persona]
    if response.status_code == 201:
        body = response.json()
        assert body["indicator"] == 3 and body["author"] == persona and body["text"] == "请说明取值依据"
        assert body["indicator_name"] == project.indicators.get(position=3).name


def test_state_and_actions(project, users, token_for) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.SUBMITTED, users)
    body = _call(token_for, "reviewer", "get", f"/api/v1/review/projects/{project.pk}").json()
    assert body["state"] == "submitted" and body["round"] == 1 and body["submitted_by"] == "editor_a"
    assert body["actions"] == ["return", "approve"]
    assert _call(token_for, "editor_a", "get", f"/api/v1/review/projects/{project.pk}").json()["actions"] == []


def test_return_with_indicator_comments_then_approve(project, users, token_for) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.SUBMITTED, users)
    url = f"/api/v1/review/projects/{project.pk}"
    response = _call(token_for, "reviewer", "post", f"{url}/return",
                     {"comment": "整体偏粗", "indicator_comments": [{"text": "量化", "indicator": 1}]})
    assert response.status_code == 200 and response.json()["state"] == "returned"
    comments = _call(token_for, "editor_a", "get", f"{url}/comments").json()
    assert [(c["text"], c["indicator"]) for c in comments] == [("整体偏粗", None), ("量化", 1)]
    assert _call(token_for, "editor_a", "post", f"{url}/submit").json()["state"] == "resubmitted"
    response = _call(token_for, "reviewer", "post", f"{url}/approve", {"grade": "差"})
    assert response.status_code == 200 and response.json()["grade"] == "差"


def test_bad_input_is_400(project, users, token_for) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.SUBMITTED, users)
    url = f"/api/v1/review/projects/{project.pk}"
    response = _call(token_for, "reviewer", "post", f"{url}/approve", {"grade": "A"})
    assert response.status_code == 400 and "grade" in response.json()["detail"]["message_en"]
    assert _call(token_for, "reviewer", "post", f"{url}/return", {}).status_code == 400
    assert _call(token_for, "reviewer", "post", f"{url}/approve", {}).status_code == 422
    assert _call(token_for, "reviewer", "post", f"{url}/comments", {"text": "x", "indicator": 99}).status_code == 400


def test_findings_with_summary(seed, token_for) -> None:  # type: ignore[no-untyped-def]
    obj = next(p for p in seed if p.name == "口岸工作经费")
    body = _call(token_for, "viewer_a", "get", f"/api/v1/review/projects/{obj.pk}/findings").json()
    assert body["summary"]["grade"] == "中" and len(body["findings"]) == 11
    first = body["findings"][0]
    assert {"rule", "severity", "dimension", "message", "message_en", "hint", "source", "indicator"} <= set(first)


QUEUE = {"editor_a": 403, "editor_b": 403, "viewer_a": 403, "reviewer": 200, "admin": 200, None: 401}


@pytest.mark.parametrize("persona", list(QUEUE), ids=lambda p: p or "anonymous")
def test_queue(persona: str | None, seed, users, token_for) -> None:  # type: ignore[no-untyped-def]
    put_in_state(seed[2], wf.SUBMITTED, users)
    put_in_state(seed[0], wf.SUBMITTED, users)
    response = _call(token_for, persona, "get", "/api/v1/review/queue?year=2020")
    assert response.status_code == QUEUE[persona]
    if response.status_code == 200:
        assert [i["id"] for i in response.json()] == [seed[2].pk, seed[0].pk]
