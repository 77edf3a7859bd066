"""The JSON API: canonical JSON out and in, the same validation and locking as the pages."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from jixiao.core import canonical
from jixiao.web.projects import mapping

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(token_for):  # type: ignore[no-untyped-def]
    def call(persona: str, method: str, url: str, body: object = None):  # type: ignore[no-untyped-def]
        headers = {"Authorization": f"Bearer {token_for(persona)}"}
        fn = getattr(Client(), method)
        if body is None:
            return fn(url, headers=headers)
        return fn(url, json.dumps(body, ensure_ascii=False), content_type="application/json", headers=headers)

    return call


def test_get_is_the_canonical_json(project, api) -> None:  # type: ignore[no-untyped-def]
    data = api("editor_a", "get", f"/api/v1/projects/{project.pk}").json()
    assert data["id"] == project.pk and data["version"] == 1
    p = canonical.project_from_dict(data["project"], "$")
    assert p == mapping.project_to_core(project)
    assert data["project"]["budget"]["total"] == "120000000"
    assert data["project"]["indicators"][0]["source"]["line"] > 0


def test_list_filters_and_pages(seed, api) -> None:  # type: ignore[no-untyped-def]
    data = api("reviewer", "get", "/api/v1/projects?q=港口").json()
    assert data["count"] == 1 and data["items"][0]["name"].startswith("2019年度港口")
    page = api("reviewer", "get", "/api/v1/projects?page_size=3&page=2&sort=name").json()
    assert page["count"] == 8 and len(page["items"]) == 3
    assert api("reviewer", "get", "/api/v1/projects?year=abc").status_code in (400, 422)
    assert api("editor_b", "get", "/api/v1/projects").json()["count"] == 0


def test_update_with_locking(project, api) -> None:  # type: ignore[no-untyped-def]
    d = canonical.project_to_dict(mapping.project_to_core(project))
    d["indicators"][9]["target"] = {"raw": ">1100家", "kind": "text"}  # the server types it
    ok = api("editor_a", "put", f"/api/v1/projects/{project.pk}", {"version": 1, "project": d})
    assert ok.status_code == 200
    assert ok.json()["version"] == 2
    target = ok.json()["project"]["indicators"][9]["target"]
    assert target == {"raw": ">1100家", "kind": "numeric", "op": ">", "value": "1100", "unit": "家"}
    stale = api("editor_a", "put", f"/api/v1/projects/{project.pk}", {"version": 1, "project": d})
    assert stale.status_code == 409
    assert stale.json()["detail"]["current_version"] == 2
    assert "someone else" in stale.json()["detail"]["message_en"]


def test_validation_errors_are_400_with_fields(project, api) -> None:  # type: ignore[no-untyped-def]
    d = canonical.project_to_dict(mapping.project_to_core(project))
    d["indicators"][0]["target"] = {"raw": ">=家", "kind": "text"}
    d["year"] = 1800
    bad = api("editor_a", "put", f"/api/v1/projects/{project.pk}", {"version": 1, "project": d})
    assert bad.status_code == 400
    fields = {e["field"] for e in bad.json()["detail"]["errors"]}
    assert fields == {"year", "indicators[0].target"}
    shape = api("editor_a", "put", f"/api/v1/projects/{project.pk}", {"version": 1, "project": {"year": "2020"}})
    assert shape.status_code == 400 and "$.project.year" in shape.json()["detail"]["message_en"]
    assert api("editor_a", "put", f"/api/v1/projects/{project.pk}", {"project": d}).status_code == 422
    project.refresh_from_db()
    assert project.version == 1


def test_create_for_another_department_is_refused(project, api) -> None:  # type: ignore[no-untyped-def]
    d = canonical.project_to_dict(mapping.project_to_core(project))
    d["name"] = "别人的项目"
    response = api("editor_b", "post", "/api/v1/projects", {"project": d})  # department A in the body
    assert response.status_code == 403


def test_docs_are_served_offline(client_as) -> None:  # type: ignore[no-untyped-def]
    page = Client().get("/api/v1/docs").content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in page and "cdn" not in page.lower()
    assert Client().get("/static/ninja/swagger-ui-bundle.js").status_code == 200


@pytest.mark.parametrize(("url", "zh", "en"), [
    ("/api/v1/projects/999999", "没有这个项目", "no such project"),
    ("/api/v1/selfevals/999999", "没有这个绩效自评", "no such self-evaluation"),
    ("/api/v1/monitoring/999999", "没有这个监控记录", "no such monitoring round"),
    ("/api/v1/projects/template?department=999999&year=2020", "没有这个部门", "no such department"),
])
def test_not_found_names_what_is_missing(seed, api, url: str, zh: str, en: str) -> None:  # type: ignore[no-untyped-def]
    response = api("reviewer", "get", url)
    assert response.status_code == 404
    assert response.json()["detail"] == {"message": zh, "message_en": en}


def test_another_departments_project_is_not_found_the_same_way(project, api) -> None:  # type: ignore[no-untyped-def]
    theirs = api("editor_b", "get", f"/api/v1/projects/{project.pk}")
    missing = api("editor_b", "get", "/api/v1/projects/999999")
    assert theirs.status_code == missing.status_code == 404
    assert theirs.json() == missing.json()
