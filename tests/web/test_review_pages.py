"""The persona battery over every review page and form, and what the pages show.

Works; other department 404; read-only 403; CSRF enforced; bad id 404; anonymous → login.
(Submit, return, approve and adjust have their full table in test_review_transitions.)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pytest

from jixiao.core import workflow as wf
from jixiao.web.review.models import AuditEvent, Comment, RuleConfig
from tests.web.helpers import form_data
from tests.web.review_helpers import put_in_state, state

pytestmark = pytest.mark.django_db
LOGIN = "login"
PERSONAS = ["editor_a", "editor_b", "viewer_a", "reviewer", "admin", None]
OWN = {"editor_a": 200, "editor_b": 404, "viewer_a": 200, "reviewer": 200, "admin": 200, None: LOGIN}
ALL = {"editor_a": 200, "editor_b": 200, "viewer_a": 200, "reviewer": 200, "admin": 200, None: LOGIN}
BAD_ID = {"editor_a": 404, "editor_b": 404, "viewer_a": 404, "reviewer": 404, "admin": 404, None: LOGIN}


@dataclass(frozen=True)
class Case:
    name: str
    method: str
    url: str
    expect: dict[str | None, int | str]
    start: str = wf.DRAFT
    data: dict[str, Any] | str = field(default_factory=dict)  # "form": the project's edit form


CASES = [
    Case("queue", "get", "/review/", {**ALL, "editor_a": 403, "editor_b": 403, "viewer_a": 403}, wf.SUBMITTED),
    Case("queue-filtered", "get", "/review/?year=2020&department=1",
         {**ALL, "editor_a": 403, "editor_b": 403, "viewer_a": 403}),
    Case("returned", "get", "/review/returned/", {**ALL, "viewer_a": 403, "reviewer": 403}, wf.RETURNED),
    Case("summary", "get", "/review/summary/", ALL),
    Case("summary-filtered", "get", "/review/summary/?year=2020&department=1", ALL),
    Case("rules", "get", "/review/rules/", {p: 403 for p in PERSONAS} | {"admin": 200, None: LOGIN}),
    Case("rules-framework", "get", "/review/rules/?framework=shanghai-2020",
         {p: 403 for p in PERSONAS} | {"admin": 200, None: LOGIN}),
    Case("rules-save", "post", "/review/rules/", {p: 403 for p in PERSONAS} | {"admin": 302, None: LOGIN},
         data={"framework": "shanghai-2020", "enabled_R-RELEVANT-VAGUE-NUMBER": "off"}),
    Case("review-page", "get", "/projects/{pk}/review/", OWN, wf.SUBMITTED),
    Case("review-page-returned", "get", "/projects/{pk}/review/", OWN, wf.RETURNED),
    Case("diff", "get", "/projects/{pk}/review/diff/", OWN, wf.APPROVED),
    Case("comment", "post", "/projects/{pk}/review/comment/", {**OWN, "viewer_a": 403, "editor_a": 302,
                                                               "reviewer": 302, "admin": 302},
         wf.SUBMITTED, data={"text": "第二行的目标值偏低", "indicator": "1"}),
    Case("live-findings", "post", "/projects/{pk}/review/live/", {**OWN, "viewer_a": 403, "reviewer": 403},
         data="form"),
    Case("review-bad-id", "get", "/projects/999999/review/", BAD_ID),
    Case("diff-bad-id", "get", "/projects/999999/review/diff/", BAD_ID),
    Case("submit-bad-id", "post", "/projects/999999/review/submit/", BAD_ID),
    Case("decide-bad-id", "post", "/projects/999999/review/decide/", BAD_ID, data={"decision": "approve",
                                                                                  "grade": "优"}),
    Case("adjust-bad-id", "post", "/projects/999999/review/adjust/", BAD_ID),
    Case("comment-bad-id", "post", "/projects/999999/review/comment/", BAD_ID, data={"text": "x"}),
    Case("live-bad-id", "post", "/projects/999999/review/live/", BAD_ID),
    Case("history-with-events", "get", "/projects/{pk}/history/", OWN, wf.APPROVED),
    Case("detail-with-panel", "get", "/projects/{pk}/", OWN, wf.RETURNED),
    Case("edit-with-live-panel", "get", "/projects/{pk}/edit/", {**OWN, "viewer_a": 403, "reviewer": 403},
         wf.RETURNED),
]


def _data(case: Case, project) -> dict[str, Any]:  # type: ignore[no-untyped-def]
    return form_data(project) if case.data == "form" else dict(case.data)  # type: ignore[arg-type]


@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p or "anonymous")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_battery(case: Case, persona: str | None, project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, case.start, users)
    url = case.url.format(pk=project.pk)
    client = client_as(persona)
    response = client.get(url) if case.method == "get" else client.post(url, _data(case, project))
    expected = case.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, response.content[:400]


POSTS = [
    ("submit", wf.DRAFT, {}, "editor_a"),
    ("decide", wf.SUBMITTED, {"decision": "approve", "grade": "优"}, "reviewer"),
    ("decide", wf.SUBMITTED, {"decision": "return", "comment": "改"}, "reviewer"),
    ("adjust", wf.APPROVED, {}, "editor_a"),
    ("comment", wf.SUBMITTED, {"text": "意见"}, "reviewer"),
    ("live", wf.DRAFT, "form", "editor_a"),
]


@pytest.mark.parametrize(("view", "start", "data", "persona"), POSTS, ids=[f"{p[0]}-{p[1]}" for p in POSTS])
def test_post_without_csrf_token_is_refused(view: str, start: str, data: Any, persona: str, project, users,
                                            client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, start, users)
    events = AuditEvent.objects.count()
    body = form_data(project) if data == "form" else data
    response = client_as(persona, csrf=True).post(f"/projects/{project.pk}/review/{view}/", body)
    assert response.status_code == 403
    assert state(project) == start and AuditEvent.objects.count() == events


def test_rules_save_needs_csrf(client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("admin", csrf=True).post("/review/rules/", {"framework": "*"})
    assert response.status_code == 403 and not RuleConfig.objects.exists()


# --- what the pages show ---------------------------------------------------------------------------


def _kouan(seed):  # type: ignore[no-untyped-def]
    """口岸工作经费: 26 indicators, many findings (vague values, 达标 …)."""
    return next(p for p in seed if p.name == "口岸工作经费")


def test_review_page_shows_findings_beside_their_rows_and_presets_the_grade(seed, users, client_as) -> None:  # type: ignore[no-untyped-def]
    obj = _kouan(seed)
    put_in_state(obj, wf.SUBMITTED, users)
    response = client_as("reviewer").get(f"/projects/{obj.pk}/review/")
    reviewed = response.context["reviewed"]
    assert reviewed.summary.grade == "中"
    page = response.content.decode()
    row = page[page.index('id="ind-8"'):page.index('id="ind-9"')]
    assert "R-RELEVANT-VAGUE-NUMBER" in row and 'name="comment_ind_8"' in row
    assert 'name="grade" value="中" checked' in page
    assert 'value="return"' in page and 'value="approve"' in page


def test_editor_sees_findings_and_comments_but_no_decision(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.RETURNED, users)
    page = client_as("editor_a").get(f"/projects/{project.pk}/review/").content.decode()
    assert "请细化指标" in page[page.index('id="ind-0"'):page.index('id="ind-1"')]
    assert 'value="approve"' not in page and "重新提交" in page
    detail = client_as("editor_a").get(f"/projects/{project.pk}/").content.decode()
    assert "已退回修改" in detail and "请细化指标" in detail


def test_viewer_reads_but_may_not_comment_or_decide(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.SUBMITTED, users)
    page = client_as("viewer_a").get(f"/projects/{project.pk}/review/").content.decode()
    assert 'value="approve"' not in page and "review/comment/" not in page


def test_comment_on_a_renamed_indicator_is_kept_apart(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.RETURNED, users)  # the reviewer commented on row 0
    data = form_data(project)
    data["ind_name"][0] = "改过名字的指标"
    assert client_as("editor_a").post(f"/projects/{project.pk}/edit/", data).status_code == 302
    response = client_as("editor_a").get(f"/projects/{project.pk}/review/")
    assert [c.text for c in response.context["orphans"]] == ["请细化指标"]


def test_queue_is_oldest_first_and_filters(seed, users, client_as) -> None:  # type: ignore[no-untyped-def]
    for obj in (seed[3], seed[1], seed[2]):
        put_in_state(obj, wf.SUBMITTED, users)
    put_in_state(seed[4], wf.RESUBMITTED, users)
    response = client_as("reviewer").get("/review/")
    assert [obj.pk for obj, _ in response.context["items"]] == [seed[3].pk, seed[1].pk, seed[2].pk, seed[4].pk]
    assert client_as("reviewer").get("/review/?year=2019").context["items"] == []
    department = seed[0].department_id
    assert len(client_as("reviewer").get(f"/review/?department={department}").context["items"]) == 4
    assert client_as("reviewer").get("/review/?year=x").status_code == 200


def test_returned_list_holds_the_departments_returned_tables(seed, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(seed[1], wf.RETURNED, users)
    put_in_state(seed[2], wf.SUBMITTED, users)
    page = client_as("editor_a").get("/review/returned/")
    assert [obj.pk for obj in page.context["page"].object_list] == [seed[1].pk]
    assert list(client_as("editor_b").get("/review/returned/").context["page"].object_list) == []


def test_summary_names_the_rules_that_fire_most_and_the_projects_that_need_work(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("reviewer").get("/review/summary/")
    (summary,) = response.context["summaries"]
    assert summary["projects"] == 8 and summary["year"] == 2020
    assert summary["rules"][0]["findings"] >= summary["rules"][-1]["findings"]
    assert summary["worst"][0]["name"] == "商务对外宣传与合作" and summary["worst"][0]["grade"] == "差"
    page = response.content.decode()
    assert "R-RELEVANT-VAGUE-NUMBER" in page and f"/projects/{summary['worst'][0]['pk']}/review/" in page
    assert client_as("editor_b").get("/review/summary/").context["summaries"] == []


def test_rule_settings_change_the_findings_everywhere(seed, users, client_as, token_for) -> None:  # type: ignore[no-untyped-def]
    obj = _kouan(seed)
    admin = client_as("admin")
    before = admin.get(f"/projects/{obj.pk}/review/").context["reviewed"].findings
    assert any(f.rule == "R-RELEVANT-VAGUE-NUMBER" for f in before)
    response = admin.post("/review/rules/", {"framework": "shanghai-2020", "enabled_R-RELEVANT-VAGUE-NUMBER": "off",
                                             "severity_R-RELEVANT-VAGUE-STANDARD": "info"})
    assert response.status_code == 302
    after = admin.get(f"/projects/{obj.pk}/review/").context["reviewed"].findings
    assert not any(f.rule == "R-RELEVANT-VAGUE-NUMBER" for f in after)
    assert {f.severity for f in after if f.rule == "R-RELEVANT-VAGUE-STANDARD"} == {"info"}
    api = client_as(None).get(f"/api/v1/review/projects/{obj.pk}/findings",
                              headers={"Authorization": f"Bearer {token_for('reviewer')}"}).json()
    assert not any(f["rule"] == "R-RELEVANT-VAGUE-NUMBER" for f in api["findings"])
    page = admin.get("/review/rules/?framework=shanghai-2020").content.decode()
    assert '<option value="off" selected>' in page
    # another framework is not affected; "*" applies to all
    assert RuleConfig.objects.get(framework="shanghai-2020").rules["R-RELEVANT-VAGUE-NUMBER"] == {"enabled": False}
    admin.post("/review/rules/", {"framework": "shanghai-2020"})
    admin.post("/review/rules/", {"framework": "*", "enabled_R-RELEVANT-VAGUE-STANDARD": "off"})
    again = admin.get(f"/projects/{obj.pk}/review/").context["reviewed"].findings
    assert any(f.rule == "R-RELEVANT-VAGUE-NUMBER" for f in again)
    assert not any(f.rule == "R-RELEVANT-VAGUE-STANDARD" for f in again)


def test_rule_settings_refuse_an_unknown_framework(client_as) -> None:  # type: ignore[no-untyped-def]
    assert client_as("admin").get("/review/rules/?framework=nowhere").status_code == 404


def test_live_findings_follow_the_form_not_the_stored_table(project, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    edit = client.get(f"/projects/{project.pk}/edit/").content.decode()
    assert f'hx-post="/projects/{project.pk}/review/live/"' in edit
    data = form_data(project)
    data["ind_name"][2] = "数量1"
    data["ind_target"][2] = "合理"
    response = client.post(f"/projects/{project.pk}/review/live/", data, headers={"HX-Request": "true"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "R-COMPLETE-PLACEHOLDER-NAME" in page and "第 3 行" in page
    assert "<html" not in page  # a fragment
    project.refresh_from_db()
    assert project.version == 1  # nothing saved


def test_comments_are_written_with_their_row_and_audited(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.SUBMITTED, users)
    client = client_as("editor_a")
    response = client.post(f"/projects/{project.pk}/review/comment/", {"text": "已补充说明", "indicator": "2"})
    assert response.status_code == 302 and response["Location"].endswith("#comments")
    comment = Comment.objects.get(text="已补充说明")
    indicator = project.indicators.get(position=2)
    assert comment.indicator_name == indicator.name and comment.author.username == "editor_a"
    assert AuditEvent.objects.filter(action="comment", comment=comment).exists()
    assert client.post(f"/projects/{project.pk}/review/comment/", {"text": "x", "indicator": "999"}).status_code == 400
    assert client.post(f"/projects/{project.pk}/review/comment/", {"text": "  "}).status_code == 400
    assert client.post(f"/projects/{project.pk}/review/comment/", {"text": "x", "indicator": "a"}).status_code == 400


def test_history_page_lists_the_review_events(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    put_in_state(project, wf.APPROVED, users)
    page = client_as("viewer_a").get(f"/projects/{project.pk}/history/").content.decode()
    events = page[page.index("审核记录"):]
    assert "提交审核" in events and "审核通过" in events and "良" in events and "reviewer" in events


def test_navigation_by_role(users, client_as) -> None:  # type: ignore[no-untyped-def]
    assert "/review/rules/" in client_as("admin").get("/review/summary/").content.decode()
    reviewer = client_as("reviewer").get("/review/summary/").content.decode()
    assert 'href="/review/"' in reviewer and "/review/returned/" not in reviewer
    editor = client_as("editor_a").get("/review/summary/").content.decode()
    assert "/review/returned/" in editor and 'href="/review/"' not in editor


def test_review_pages_in_english(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    from django.conf import settings

    put_in_state(project, wf.SUBMITTED, users)
    client = client_as("reviewer")
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = client.get(f"/projects/{project.pk}/review/").content.decode()
    assert "Target review" in page and "Submitted" in page and "Approve" in page and "Comment on this row" in page
    assert "Review queue" in client.get("/review/").content.decode()
    from django.utils.html import escape

    from jixiao.web.projects.mapping import project_to_core
    from jixiao.web.review.findings import review_project

    (finding,) = review_project(project_to_core(project)).findings
    assert escape(finding.message_en) in page and escape(finding.message) not in page


def test_english_catalogue_is_complete_and_compiled() -> None:
    import gettext
    import re
    from pathlib import Path

    import jixiao.web.review

    folder = Path(jixiao.web.review.__file__).parent / "locale" / "en" / "LC_MESSAGES"
    po = folder.joinpath("django.po").read_text(encoding="utf-8")
    assert not re.search(r'^msgstr ""\n\n', po + "\n", re.M), "every string translated"
    with folder.joinpath("django.mo").open("rb") as f:
        mo = gettext.GNUTranslations(f)
    assert mo.gettext("审核队列") == "Review queue" and mo.gettext("已批复") == "Approved"


def test_rule_settings_in_django_admin(users, client_as) -> None:  # type: ignore[no-untyped-def]
    admin = client_as("admin")
    assert admin.get("/admin/review/ruleconfig/add/").status_code == 200
    response = admin.post("/admin/review/ruleconfig/add/", {"framework": "national-2015",
                                                             "rules": '{"R-NOPE": {"enabled": false}}'})
    assert response.status_code == 200 and "R-NOPE" in response.content.decode()  # refused, with the reason
    response = admin.post("/admin/review/ruleconfig/add/", {"framework": "national-2015",
                                                             "rules": '{"R-RELEVANT-VAGUE-NUMBER": {"severity": "info"}}'})
    assert response.status_code == 302
    assert RuleConfig.objects.get(framework="national-2015").updated_by == users["admin"]
    assert admin.get("/admin/review/auditevent/").status_code == 200
    assert admin.get("/admin/review/auditevent/add/").status_code == 403
