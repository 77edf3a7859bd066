"""Approved (and pending) tables are locked; a change after approval is an adjustment (调整): a new
revision, back to draft, reviewed again; and the two versions compared side by side."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from jixiao.core import workflow as wf
from jixiao.core.canonical import project_to_dict
from jixiao.web.projects.importing import import_file
from jixiao.web.projects.mapping import project_to_core
from jixiao.web.projects.models import Indicator, Project
from jixiao.web.review import services
from tests.web.conftest import SEED
from tests.web.helpers import form_data
from tests.web.review_helpers import put_in_state, state

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("locked_state", [wf.APPROVED, wf.SUBMITTED, wf.RESUBMITTED])
@pytest.mark.parametrize("persona", ["editor_a", "admin"])
def test_locked_tables_refuse_every_edit(locked_state: str, persona: str, project, users, client_as,
                                         token_for) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, locked_state, users)
    version = project.version
    client = client_as(persona)
    response = client.get(f"/projects/{project.pk}/edit/")
    assert response.status_code == 403
    assert ("发起调整" if locked_state == wf.APPROVED else "正在审核中") in response.content.decode()
    assert client.post(f"/projects/{project.pk}/edit/", form_data(project, category="专项资金")).status_code == 403
    body = json.dumps({"version": version, "project": project_to_dict(project_to_core(project))})
    response = Client().put(f"/api/v1/projects/{project.pk}", body, content_type="application/json",
                            headers={"Authorization": f"Bearer {token_for(persona)}"})
    assert response.status_code == 403
    assert ("adjustment" if locked_state == wf.APPROVED else "under review") in response.json()["detail"]["message_en"]
    project.refresh_from_db()
    assert project.version == version and project.category != "专项资金"


@pytest.mark.parametrize("open_state", [wf.DRAFT, wf.RETURNED])
def test_drafts_and_returned_tables_can_be_edited(open_state: str, project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, open_state, users)
    response = client_as("editor_a").post(f"/projects/{project.pk}/edit/", form_data(project, category="专项资金"))
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.category == "专项资金"


def test_the_project_page_hides_edit_and_offers_adjustment(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.APPROVED, users)
    page = client_as("editor_a").get(f"/projects/{project.pk}/").content.decode()
    assert f'href="/projects/{project.pk}/edit/"' not in page
    assert f'action="/projects/{project.pk}/review/adjust/"' in page and "已批复" in page and "良" in page


def test_a_corrected_import_of_an_approved_table_is_refused(seed, users) -> None:  # type: ignore[no-untyped-def]
    target = Indicator.objects.get(target_raw=">1000家").project
    put_in_state(target, wf.APPROVED, users)
    text = SEED.read_text(encoding="utf-8").replace(">1000家", ">1200家", 1)
    with pytest.raises(PermissionDenied, match="调整"):
        import_file(None, "corrected.txt", text.encode("utf-8"))
    assert Indicator.objects.filter(target_raw=">1000家", project=target).exists()


def _adjusted(project: Project, users, client_as) -> Project:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.APPROVED, users)
    response = client_as("editor_a").post(f"/projects/{project.pk}/review/adjust/")
    assert response.status_code == 302 and response["Location"] == f"/projects/{project.pk}/edit/"
    project.refresh_from_db()
    return project


def test_adjustment_is_a_new_revision_back_to_draft(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    approved_version = project.version
    project = _adjusted(project, users, client_as)
    assert state(project) == wf.DRAFT and project.version == approved_version + 1
    revision = project.revisions.get(version=project.version)
    assert revision.action == "adjust" and revision.actor.username == "editor_a"
    assert revision.get_action_display() == "调整"
    assert project.review_state.approved_version == approved_version and project.review_state.grade is None
    history = client_as("editor_a").get(f"/projects/{project.pk}/history/").content.decode()
    assert "调整" in history and "发起调整" in history  # the revision and the audit event


def test_an_adjusted_table_goes_through_review_again(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    project = _adjusted(project, users, client_as)
    assert client_as("editor_a").post(f"/projects/{project.pk}/edit/", form_data(project, category="专项资金")) \
        .status_code == 302
    services.submit(users["editor_a"], project.pk)
    row = services.decide(users["reviewer"], project.pk, wf.APPROVE, grade="优")
    project.refresh_from_db()
    assert row.state == wf.APPROVED and row.approved_version == project.version and row.round == 2


def test_diff_page_shows_changed_added_and_removed_rows(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    approved_version = project.version
    project = _adjusted(project, users, client_as)
    data = form_data(project, budget_current_year="99999999")
    removed_name = data["ind_name"][1]
    for column in ("ind_level1", "ind_level2", "ind_name", "ind_target", "ind_line", "ind_extra"):
        del data[column][1]
    changed_before = data["ind_target"][0]
    data["ind_target"][0] = ">=95%"
    for column, value in (("ind_level1", "效果目标"), ("ind_level2", "满意度"), ("ind_name", "企业满意度"),
                          ("ind_target", ">=90%"), ("ind_line", ""), ("ind_extra", "")):
        data[column].append(value)
    assert client_as("editor_a").post(f"/projects/{project.pk}/edit/", data).status_code == 302
    response = client_as("reviewer").get(f"/projects/{project.pk}/review/diff/")
    assert response.status_code == 200
    page = response.content.decode()
    assert response.context["before"] == approved_version and response.context["after"] == approved_version + 2
    counts = response.context["counts"]
    assert counts["changed"] == 1 and counts["added"] == 1 and counts["removed"] == 1
    assert 'class="diff-changed"' in page and 'class="diff-added"' in page and 'class="diff-removed"' in page
    assert changed_before in page and "&gt;=95%" in page and "企业满意度" in page and removed_name in page
    budget = {str(r.label): r for r in response.context["budget"]}
    assert budget["项目当年预算（元）"].status == "changed"


def test_diff_page_chooses_versions_and_refuses_unknown_ones(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    project = _adjusted(project, users, client_as)
    client = client_as("editor_a")
    response = client.get(f"/projects/{project.pk}/review/diff/?from=1&to=2")
    assert response.status_code == 200 and response.context["counts"]["changed"] == 0
    assert client.get(f"/projects/{project.pk}/review/diff/?from=99").status_code == 404
    assert client.get(f"/projects/{project.pk}/review/diff/?from=x").status_code == 404
