"""The persona battery over every monitoring page and endpoint (own department works, other department
404, read-only 403 on changes, anonymous → login or 401, bad id 404, CSRF enforced), and what the pages
show: lights in words with their figures, and the legend."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client

from jixiao.core.selfeval import monitoring_to_dict
from jixiao.web.monitoring import mapping
from jixiao.web.monitoring.models import Round
from tests.web.selfeval_data import begin_round, round_form

LOGIN = "login"
ALL_READ = {"editor_a": 200, "editor_b": 200, "viewer_a": 200, "reviewer": 200, "admin": 200, None: LOGIN}
OWN = {"editor_a": 200, "editor_b": 404, "viewer_a": 200, "reviewer": 200, "admin": 200, None: LOGIN}
OWN_EDIT = {"editor_a": 200, "editor_b": 404, "viewer_a": 403, "reviewer": 403, "admin": 200, None: LOGIN}
OWN_POST = {"editor_a": 302, "editor_b": 404, "viewer_a": 403, "reviewer": 403, "admin": 302, None: LOGIN}
BAD_ID = {"editor_a": 404, "editor_b": 404, "viewer_a": 404, "reviewer": 404, "admin": 404, None: LOGIN}


def api(expect: dict[Any, Any], ok: int | None = None) -> dict[Any, Any]:
    return {**{k: (ok if ok is not None and v in (200, 302) else v) for k, v in expect.items()}, None: 401}


# (name, method, url, expected, body): {r} the round of department A's first project, {pk} that project
CASES: list[tuple[str, str, str, dict[Any, Any], str]] = [
    ("overview", "get", "/monitoring/", ALL_READ, ""),
    ("overview-year", "get", "/monitoring/?year=2020&department=1", ALL_READ, ""),
    ("rounds", "get", "/projects/{pk}/monitoring/", OWN, ""),
    ("start", "post", "/projects/{pk}/monitoring/", OWN_POST, "start"),
    ("detail", "get", "/monitoring/{r}/", OWN, ""),
    ("edit-form", "get", "/monitoring/{r}/edit/", OWN_EDIT, ""),
    ("edit-save", "post", "/monitoring/{r}/edit/", OWN_POST, "form"),
    ("export-xlsx", "get", "/monitoring/{r}/export/xlsx/", OWN, ""),
    ("export-docx", "get", "/monitoring/{r}/export/docx/", OWN, ""),
    ("detail-bad-id", "get", "/monitoring/999999/", BAD_ID, ""),
    ("edit-bad-id", "get", "/monitoring/999999/edit/", BAD_ID, ""),
    ("rounds-bad-id", "get", "/projects/999999/monitoring/", BAD_ID, ""),
    ("api-list", "get", "/api/v1/monitoring", api(ALL_READ), ""),
    ("api-get", "get", "/api/v1/monitoring/{r}", api(OWN), ""),
    ("api-get-bad-id", "get", "/api/v1/monitoring/999999", api(BAD_ID), ""),
    ("api-put", "put", "/api/v1/monitoring/{r}", api(OWN_EDIT), "json-put"),
    ("api-start", "post", "/api/v1/monitoring", api(OWN_POST, ok=201), "json-start"),
]
PERSONAS = ["editor_a", "editor_b", "viewer_a", "reviewer", "admin", None]


def _body(kind: str, obj: Round, project: Any) -> tuple[Any, str | None]:
    if kind == "start":
        return {"months": "6"}, None
    if kind == "form":
        return round_form(obj, spent="60000000"), None
    if kind == "json-put":
        return json.dumps({"version": obj.version, "report": monitoring_to_dict(mapping.round_to_core(obj))}), \
            "application/json"
    if kind == "json-start":
        return json.dumps({"project": project.pk, "months": 6}), "application/json"
    return None, None


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p or "anonymous")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c[0])
def test_battery(case: tuple, persona: str | None, project, users, client_as, token_for) -> None:  # type: ignore[no-untyped-def]
    _name, method, url, expect, kind = case
    obj = begin_round(users["editor_a"], project)
    body, content_type = _body(kind, obj, project)
    headers: dict[str, str] = {}
    if url.startswith("/api/"):
        client = Client()
        if persona is not None:
            headers["Authorization"] = f"Bearer {token_for(persona)}"
    else:
        client = client_as(persona)
    call = getattr(client, method)
    target = url.format(r=obj.pk, pk=project.pk)
    if body is None:
        response = call(target, headers=headers)
    elif content_type:
        response = call(target, body, content_type=content_type, headers=headers)
    else:
        response = call(target, body, headers=headers)
    expected = expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, response.content[:800]


@pytest.mark.django_db
@pytest.mark.parametrize("case", [c for c in CASES if c[1] == "post" and not c[2].startswith("/api/")],
                         ids=lambda c: c[0])
def test_post_without_csrf_token_is_refused(case: tuple, project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    _name, _, url, _, kind = case
    obj = begin_round(users["editor_a"], project)
    body, _ = _body(kind, obj, project)
    response = client_as("editor_a", csrf=True).post(url.format(r=obj.pk, pk=project.pk), body or {})
    assert response.status_code == 403
    obj.refresh_from_db()
    assert obj.version == 1 and Round.objects.count() == 1


@pytest.mark.django_db
def test_lights_are_words_and_figures_with_a_legend(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    """January–July, 40 % of the budget spent: progress 0.4 ÷ (7/12) = 68.57 %, a yellow light, shown as
    the word 黄灯 with its figure, and the legend states every light's meaning."""
    obj = begin_round(users["editor_a"], project)
    budget = mapping.round_to_core(obj).budget
    assert budget is not None
    client = client_as("editor_a")
    response = client.post(f"/monitoring/{obj.pk}/edit/", round_form(obj, spent=str(budget * 4 / 10)))
    assert response.status_code == 302
    page = client.get(f"/monitoring/{obj.pk}/").content.decode()
    assert "黄灯" in page and "68.6%" in page and 'class="legend"' in page
    for word in ("红灯", "绿灯", "蓝灯", "暂无灯"):
        assert word in page
    overview = client.get("/monitoring/?year=2020").content.decode()
    assert "黄灯" in overview and "68.6%" in overview and project.name in overview


@pytest.mark.django_db
def test_a_round_saved_keeps_reasons_likelihood_and_correction(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    obj = begin_round(users["editor_a"], project)
    data = round_form(obj, spent="1000", value_0="合理", band_0="部分达成", reasons_0=["经费保障", "其他"],
                      note_0="拨付延迟", likelihood_0="有可能", correction_0="yes", plan_0="加快拨付",
                      result_0="已追赶")
    assert client_as("editor_a").post(f"/monitoring/{obj.pk}/edit/", data).status_code == 302
    m = mapping.round_to_core(Round.objects.get(pk=obj.pk)).indicators[0]
    assert (m.band, m.deviation_reasons, m.likelihood, m.correction_needed, m.correction_plan) == \
        ("部分达成", ("经费保障", "其他"), "有可能", True, "加快拨付")
    assert Round.objects.get(pk=obj.pk).events.count() == 2  # created, saved


@pytest.mark.django_db
def test_stale_version_is_a_conflict_and_nothing_is_written(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    obj = begin_round(users["editor_a"], project)
    response = client_as("editor_a").post(f"/monitoring/{obj.pk}/edit/", round_form(obj, version="7", spent="5"))
    assert response.status_code == 409
    assert Round.objects.get(pk=obj.pk).spent is None
