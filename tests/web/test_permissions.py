"""The persona battery: every page and endpoint, as every persona.

Each case names a URL and, per persona, the status expected. "other department → 404, read-only → 403,
anonymous → login (pages) or 401 (API), bad id → 404, POST without CSRF token → 403".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from tests.web.helpers import form_data

LOGIN = "login"  # anonymous on a page: redirected to the login page


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: str  # {pk}: the seed project of department A
    expect: dict[str, int | str]
    data: str = ""  # "form": the project's own edit form; "json": an API body
    api: bool = False
    extra: dict[str, Any] = field(default_factory=dict)


ALL_READ = {"editor_a": 200, "editor_b": 200, "viewer_a": 200, "reviewer": 200, "admin": 200, None: LOGIN}
OWN = {"editor_a": 200, "editor_b": 404, "viewer_a": 200, "reviewer": 200, "admin": 200, None: LOGIN}
OWN_EDIT = {"editor_a": 200, "editor_b": 404, "viewer_a": 403, "reviewer": 403, "admin": 200, None: LOGIN}
OWN_POST = {"editor_a": 302, "editor_b": 404, "viewer_a": 403, "reviewer": 403, "admin": 302, None: LOGIN}
CREATORS = {"editor_a": 200, "editor_b": 200, "viewer_a": 403, "reviewer": 403, "admin": 200, None: LOGIN}
BAD_ID = {"editor_a": 404, "editor_b": 404, "viewer_a": 404, "reviewer": 404, "admin": 404, None: LOGIN}

CASES = [
    Case("overview", "get", "/overview/", ALL_READ),
    Case("list", "get", "/projects/", ALL_READ),
    Case("list-filtered", "get", "/projects/?year=2020&q=港口&sort=-budget", ALL_READ),
    Case("detail", "get", "/projects/{pk}/", OWN),
    Case("history", "get", "/projects/{pk}/history/", OWN),
    Case("edit-form", "get", "/projects/{pk}/edit/", OWN_EDIT),
    Case("edit-save", "post", "/projects/{pk}/edit/", OWN_POST, data="form"),
    Case("copy", "post", "/projects/{pk}/copy/", OWN_POST),
    Case("new-form", "get", "/projects/new/", CREATORS),
    Case("import-form", "get", "/import/", CREATORS),
    Case("check-target", "get", "/check-target/?raw=%3E1000%E5%AE%B6&year=2020", ALL_READ),
    Case("detail-bad-id", "get", "/projects/999999/", BAD_ID),
    Case("edit-bad-id", "get", "/projects/999999/edit/", BAD_ID),
    Case("history-bad-id", "get", "/projects/999999/history/", BAD_ID),
    Case("api-list", "get", "/api/v1/projects", {**ALL_READ, None: 401}, api=True),
    Case("api-get", "get", "/api/v1/projects/{pk}", {**OWN, None: 401}, api=True),
    Case("api-get-bad-id", "get", "/api/v1/projects/999999", {**BAD_ID, None: 401}, api=True),
    Case("api-put", "put", "/api/v1/projects/{pk}",
         {"editor_a": 200, "editor_b": 404, "viewer_a": 403, "reviewer": 403, "admin": 200, None: 401},
         data="json", api=True),
    Case("api-create", "post", "/api/v1/projects",
         {"editor_a": 201, "editor_b": 201, "viewer_a": 403, "reviewer": 403, "admin": 201, None: 401},
         data="json-new", api=True),
]
PERSONA_NAMES = ["editor_a", "editor_b", "viewer_a", "reviewer", "admin", None]


def _body(case: Case, project: Any, persona: str | None) -> tuple[Any, str | None]:
    from jixiao.core.canonical import project_to_dict
    from jixiao.web.projects.mapping import project_to_core

    if case.data == "form":
        return form_data(project), None
    if case.data == "json":
        return json.dumps({"version": project.version, "project": project_to_dict(project_to_core(project))}), \
            "application/json"
    if case.data == "json-new":
        d = project_to_dict(project_to_core(project))
        d.update(name=f"新项目 {persona}", department="上海市教育委员会" if persona == "admin" else None)
        return json.dumps({"project": d}), "application/json"
    return None, None


def _request(client: Client, case: Case, url: str, body: Any, content_type: str | None, headers: dict) -> Any:
    method = getattr(client, case.method)
    if body is None:
        return method(url, headers=headers)
    if content_type:
        return method(url, body, content_type=content_type, headers=headers)
    return method(url, body, headers=headers)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONA_NAMES, ids=lambda p: p or "anonymous")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_battery(case: Case, persona: str | None, project, client_as, token_for) -> None:  # type: ignore[no-untyped-def]
    url = case.url.format(pk=project.pk)
    body, content_type = _body(case, project, persona)
    headers = {}
    if case.api:
        client = Client()
        if persona is not None:
            headers["Authorization"] = f"Bearer {token_for(persona)}"
    else:
        client = client_as(persona)
    response = _request(client, case, url, body, content_type, headers)
    expected = case.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, response.content[:500]


@pytest.mark.django_db
@pytest.mark.parametrize("case", [c for c in CASES if c.method != "get" and not c.api], ids=lambda c: c.name)
def test_post_without_csrf_token_is_refused(case: Case, project, client_as) -> None:  # type: ignore[no-untyped-def]
    body, _ = _body(case, project, "editor_a")
    response = client_as("editor_a", csrf=True).post(case.url.format(pk=project.pk), body or {})
    assert response.status_code == 403
    project.refresh_from_db()
    assert project.version == 1


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/import/", "/projects/new/", "/i18n/setlang/", "/accounts/login/"])
def test_other_posts_need_csrf_too(path: str, client_as) -> None:  # type: ignore[no-untyped-def]
    assert client_as("editor_a", csrf=True).post(path, {}).status_code == 403


@pytest.mark.django_db
def test_api_rejects_a_wrong_token(project) -> None:  # type: ignore[no-untyped-def]
    response = Client().get("/api/v1/projects", headers={"Authorization": "Bearer jx_not-a-token"})
    assert response.status_code == 401


@pytest.mark.django_db
def test_user_without_role_sees_nothing(project, django_user_model) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(django_user_model.objects.create_user("nobody", password="x"))
    assert client.get(f"/projects/{project.pk}/").status_code == 404
    assert "没有符合条件的项目" in client.get("/projects/").content.decode()
