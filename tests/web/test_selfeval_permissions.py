"""The persona battery over every self-evaluation page and endpoint: own department works, other
department 404, read-only 403 on changes, reviewers decide but do not fill in, anonymous → login (401
in the API), bad id 404, and a POST without its CSRF token refused."""

from __future__ import annotations

import io
import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from jixiao.core.export import registry
from jixiao.core.selfeval import selfeval_to_dict
from jixiao.web.selfeval import mapping
from jixiao.web.selfeval.models import Evaluation
from tests.web.selfeval_data import begin, form_data, submitted

LOGIN = "login"
ALL_READ = {"editor_a": 200, "editor_b": 200, "viewer_a": 200, "reviewer": 200, "admin": 200, None: LOGIN}
OWN = {"editor_a": 200, "editor_b": 404, "viewer_a": 200, "reviewer": 200, "admin": 200, None: LOGIN}
OWN_EDIT = {"editor_a": 200, "editor_b": 404, "viewer_a": 403, "reviewer": 403, "admin": 200, None: LOGIN}
OWN_POST = {"editor_a": 302, "editor_b": 404, "viewer_a": 403, "reviewer": 403, "admin": 302, None: LOGIN}
DECIDE = {"editor_a": 403, "editor_b": 404, "viewer_a": 403, "reviewer": 302, "admin": 302, None: LOGIN}
ADMIN_ONLY = {"editor_a": 403, "editor_b": 403, "viewer_a": 403, "reviewer": 403, "admin": 200, None: LOGIN}
BAD_ID = {"editor_a": 404, "editor_b": 404, "viewer_a": 404, "reviewer": 404, "admin": 404, None: LOGIN}


def api(expect: dict[Any, Any], ok: int | None = None) -> dict[Any, Any]:
    """Page expectations as the API answers them: 401 for anonymous, the success code given."""
    out = {k: (ok if ok is not None and v in (200, 302) else v) for k, v in expect.items()}
    return {**out, None: 401}


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: str  # {ev}: the evaluation of department A's project; {pk}: that project; {other}: another project of A
    expect: dict[Any, Any]
    data: str = ""  # form, upload, json-put, json-score, json-start, json-action, settings-form, settings-json
    state: str = "draft"  # draft or submitted (by editor_a)
    api: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


CASES = [
    Case("list", "get", "/selfeval/", ALL_READ),
    Case("project-redirects", "get", "/projects/{pk}/selfeval/", {**OWN, "editor_a": 302, "viewer_a": 302,
                                                                  "reviewer": 302, "admin": 302}),
    Case("project-not-begun", "get", "/projects/{other}/selfeval/", OWN),
    Case("start", "post", "/projects/{other}/selfeval/", OWN_POST),
    Case("detail", "get", "/selfeval/{ev}/", OWN),
    Case("detail-submitted", "get", "/selfeval/{ev}/", OWN, state="submitted"),
    Case("edit-form", "get", "/selfeval/{ev}/edit/", OWN_EDIT),
    Case("edit-save", "post", "/selfeval/{ev}/edit/", OWN_POST, data="form"),
    Case("edit-locked-while-submitted", "get", "/selfeval/{ev}/edit/", {**OWN_EDIT, "editor_a": 409, "admin": 409},
         state="submitted"),
    Case("live-score", "post", "/selfeval/{ev}/score/", {**OWN_EDIT}, data="form"),
    Case("upload", "post", "/selfeval/{ev}/upload/", OWN_POST, data="upload"),
    Case("export-xlsx", "get", "/selfeval/{ev}/export/xlsx/", OWN),
    Case("export-template", "get", "/selfeval/{ev}/export/template/", OWN),
    Case("export-unknown", "get", "/selfeval/{ev}/export/xls/", {**BAD_ID, "editor_b": 404}),
    Case("submit", "post", "/selfeval/{ev}/submit/", OWN_POST),
    Case("return", "post", "/selfeval/{ev}/return/", DECIDE, state="submitted", data="comment"),
    Case("approve", "post", "/selfeval/{ev}/approve/", DECIDE, state="submitted"),
    Case("settings-page", "get", "/settings/scoring/", ADMIN_ONLY),
    Case("settings-save", "post", "/settings/scoring/", {**ADMIN_ONLY, "admin": 302}, data="settings-form"),
    Case("detail-bad-id", "get", "/selfeval/999999/", BAD_ID),
    Case("edit-bad-id", "get", "/selfeval/999999/edit/", BAD_ID),
    Case("export-bad-id", "get", "/selfeval/999999/export/pdf/", BAD_ID),
    Case("api-list", "get", "/api/v1/selfevals", api(ALL_READ), api=True),
    Case("api-get", "get", "/api/v1/selfevals/{ev}", api(OWN), api=True),
    Case("api-get-bad-id", "get", "/api/v1/selfevals/999999", api(BAD_ID), api=True),
    Case("api-put", "put", "/api/v1/selfevals/{ev}", api(OWN_EDIT), data="json-put", api=True),
    Case("api-score", "post", "/api/v1/selfevals/{ev}/score", api(OWN_EDIT), data="json-score", api=True),
    Case("api-start", "post", "/api/v1/selfevals", api(OWN_POST, ok=201), data="json-start", api=True),
    Case("api-return", "post", "/api/v1/selfevals/{ev}/return", api(DECIDE, ok=200), data="json-action",
         state="submitted", api=True),
    Case("api-settings", "get", "/api/v1/scoring-settings", api(ALL_READ), api=True),
    Case("api-settings-put", "put", "/api/v1/scoring-settings", api(ADMIN_ONLY), data="settings-json", api=True),
]
PERSONAS = ["editor_a", "editor_b", "viewer_a", "reviewer", "admin", None]


def _evaluation(case: Case, users: dict, project: Any) -> Evaluation:
    if case.state == "submitted":
        return submitted(users["editor_a"], project)
    return begin(users["editor_a"], project)


def _body(case: Case, obj: Evaluation, other: Any) -> tuple[Any, str | None]:
    ev = mapping.evaluation_to_core(obj)
    if case.data == "form":
        return form_data(obj), None
    if case.data == "comment":
        return {"comment": "请补充说明"}, None
    if case.data == "upload":
        out = io.BytesIO()
        registry.get("selfeval-template").write([ev], out)  # type: ignore[list-item]
        out.name = "自评表.xlsx"
        out.seek(0)
        return {"file": out}, None
    if case.data == "settings-form":
        return {"settings": json.dumps({"over_achievement": "1.5"}), "note": "test"}, None
    if case.data == "settings-json":
        return json.dumps({"settings": {"over_achievement": "1.5"}}), "application/json"
    if case.data == "json-put":
        return json.dumps({"version": obj.version, "evaluation": selfeval_to_dict(ev)}), "application/json"
    if case.data == "json-score":
        return json.dumps({"evaluation": selfeval_to_dict(ev)}), "application/json"
    if case.data == "json-start":
        return json.dumps({"project": other.pk}), "application/json"
    if case.data == "json-action":
        return json.dumps({"comment": "请补充说明"}), "application/json"
    return None, None


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p or "anonymous")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_battery(case: Case, persona: str | None, seed, users, client_as, token_for) -> None:  # type: ignore[no-untyped-def]
    project, other = seed[0], seed[1]
    obj = _evaluation(case, users, project)
    url = case.url.format(ev=obj.pk, pk=project.pk, other=other.pk)
    body, content_type = _body(case, obj, other)
    headers: dict[str, str] = {}
    if case.api:
        client = Client()
        if persona is not None:
            headers["Authorization"] = f"Bearer {token_for(persona)}"
    else:
        client = client_as(persona)
    method = getattr(client, case.method)
    if body is None:
        response = method(url, headers=headers)
    elif content_type:
        response = method(url, body, content_type=content_type, headers=headers)
    else:
        response = method(url, body, headers=headers)
    expected = case.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, response.content[:800]


POSTS = [c for c in CASES if c.method == "post" and not c.api]


@pytest.mark.django_db
@pytest.mark.parametrize("case", POSTS, ids=lambda c: c.name)
def test_post_without_csrf_token_is_refused(case: Case, seed, users, client_as) -> None:  # type: ignore[no-untyped-def]
    project, other = seed[0], seed[1]
    obj = _evaluation(case, users, project)
    persona = "reviewer" if case.expect is DECIDE else "admin" if case.name.startswith("settings") else "editor_a"
    body, _ = _body(case, obj, other)
    before = (obj.version, obj.state, Evaluation.objects.count())
    response = client_as(persona, csrf=True).post(case.url.format(ev=obj.pk, pk=project.pk, other=other.pk), body or {})
    assert response.status_code == 403
    obj.refresh_from_db()
    assert (obj.version, obj.state, Evaluation.objects.count()) == before
