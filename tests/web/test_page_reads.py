"""What a page reads: the user's role with the user, the project page's review state and self-evaluation
with the project, cached figures until the data changes (no timings here: the benchmark shows speed)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jixiao.core import workflow as wf
from jixiao.web.accounts.backends import MembershipBackend
from jixiao.web.accounts.services import department_of, role_of
from jixiao.web.projects import caching
from jixiao.web.projects.models import Revision
from tests.web.review_helpers import put_in_state

pytestmark = pytest.mark.django_db


def test_role_and_department_are_read_with_the_user(users) -> None:  # type: ignore[no-untyped-def]
    user = MembershipBackend().get_user(users["editor_a"].pk)
    assert user is not None
    with CaptureQueriesContext(connection) as queries:
        assert role_of(user) == "editor" and department_of(user).name == "上海市商务委员会"
    assert len(queries) == 0
    users["viewer_a"].is_active = False
    users["viewer_a"].save()
    assert MembershipBackend().get_user(users["viewer_a"].pk) is None


@pytest.mark.parametrize("state", [wf.DRAFT, wf.SUBMITTED, wf.RETURNED, wf.APPROVED])
@pytest.mark.parametrize("persona", ["editor_a", "reviewer"])
def test_project_page_reads_the_self_evaluation_and_review_state_with_the_project(  # type: ignore[no-untyped-def]
        state, persona, project, users, client_as) -> None:
    put_in_state(project, state, users)
    with CaptureQueriesContext(connection) as queries:
        page = client_as(persona).get(f"/projects/{project.pk}/").content.decode()
    assert not [q for q in queries if 'FROM "selfeval_evaluation"' in q["sql"]]
    # The review box's state and who decided it come with the project; the lock (the same row, read again
    # by the projects app's lock hook) only for whoever may edit.
    states = [q for q in queries if 'FROM "review_reviewstate"' in q["sql"]]
    assert len(states) == (1 if persona == "editor_a" else 0)
    assert not [q for q in queries if 'FROM "auth_user"' in q["sql"] and "membership" not in q["sql"]]
    assert wf.STATE_LABELS[state][0] in page
    assert (f"/projects/{project.pk}/edit/" in page) == (persona == "editor_a" and state in (wf.DRAFT, wf.RETURNED))
    assert ("请细化指标" in page) == (state == wf.RETURNED)
    decider = users["reviewer"].username
    assert (f"退回人 {decider} " in page) == (state == wf.RETURNED)
    assert (f"（{decider} " in page) == (state == wf.APPROVED)


def test_cached_values_are_computed_once_per_data_version(project) -> None:  # type: ignore[no-untyped-def]
    calls: list[int] = []

    def compute() -> int:
        calls.append(1)
        return len(calls)

    assert caching.cached("test-key", compute) == 1
    assert caching.cached("test-key", compute) == 1
    Revision.objects.create(project=project, version=project.version + 1, action="update", snapshot={})
    assert caching.cached("test-key", compute) == 2
    assert caching.cached("test-key", compute) == 2


def test_file_cache_checks_its_size_now_and_then_and_stays_bounded(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from jixiao.web import filecache

    monkeypatch.setattr(filecache, "CHECK_EVERY", 5)
    cache = filecache.FileCache(str(tmp_path), {"OPTIONS": {"MAX_ENTRIES": 20, "CULL_FREQUENCY": 2}})
    listings = []
    monkeypatch.setattr(cache, "_list_cache_files", lambda: listings.append(1) or
                        [str(p) for p in tmp_path.glob("*.djcache")])
    for n in range(200):
        cache.set(f"key-{n}", n)
    assert len(listings) == 40
    assert 0 < len(list(tmp_path.glob("*.djcache"))) <= 20 + 5
    assert cache.get("key-199") == 199


def test_a_project_seen_for_the_first_time_costs_four_queries(project, client_as,  # type: ignore[no-untyped-def]
                                                              django_assert_num_queries) -> None:
    """The reviewer's first view: the user (with role and department), the project with everything its page
    shows beside the sheet (department, source, self-evaluation, review state and decider), its indicators
    for the sheet, and its latest monitoring round. Seen again, the sheet comes from the cache."""
    client = client_as("reviewer")
    with django_assert_num_queries(4):
        assert client.get(f"/projects/{project.pk}/").status_code == 200
    with django_assert_num_queries(3):
        assert client.get(f"/projects/{project.pk}/").status_code == 200


def test_the_monitoring_link_names_the_latest_round(project, client_as) -> None:  # type: ignore[no-untyped-def]
    from decimal import Decimal

    from django.conf import settings

    from jixiao.web.monitoring.models import Round

    rounds = [Round.objects.create(project=project, months=m, period=f"{project.year}年1–{m}月", budget=Decimal(1),
                                   spent=Decimal(0), expected_spending=Decimal(1)) for m in (3, 7, 5)]
    client = client_as("reviewer")
    page = client.get(f"/projects/{project.pk}/").content.decode()
    assert f'href="/monitoring/{rounds[1].pk}/">运行监控（{project.year}年1–7月）</a>' in page
    assert f'href="/monitoring/{rounds[0].pk}/"' not in page and f'href="/monitoring/{rounds[2].pk}/"' not in page
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    assert f"(January–July {project.year})" in client.get(f"/projects/{project.pk}/").content.decode()


def test_cached_page_addresses_are_those_reverse_gives(project, client_as) -> None:  # type: ignore[no-untyped-def]
    from django.urls import reverse

    from jixiao.core.export import registry

    page = client_as("admin").get(f"/projects/{project.pk}/").content.decode()
    for name in ("projects:overview", "projects:list", "projects:new", "projects:import", "review:queue",
                 "review:returned", "review:summary", "monitoring:board", "selfeval:list", "review:rules",
                 "selfeval:settings", "admin:index", "password_change", "logout", "set_language"):
        assert f'"{reverse(name)}"' in page
    for e in registry.formats("targets"):
        assert f'href="{reverse("projects:export_project", args=[project.pk, e.name])}" download' in page


def test_pages_read_the_source_document_without_the_whole_files_diagnostics(  # type: ignore[no-untyped-def]
        project, client_as, token_for) -> None:
    # A large file's diagnostics run to thousands; the pages show the project's own and the file's name.
    document = project.source_document
    document.diagnostics = [{"code": "cell-merged", "severity": "warning", "line": n, "message": "合并单元格",
                             "message_en": "merged cell", "text": "—"} for n in range(3000)]
    document.save()
    reads = [(f"/projects/{project.pk}/", client_as("reviewer").get),
             (f"/projects/{project.pk}/history/", client_as("editor_a").get),
             (f"/api/v1/projects/{project.pk}",
              lambda path: client_as(None).get(path, HTTP_AUTHORIZATION=f"Bearer {token_for('viewer_a')}"))]
    for path, get in reads:
        with CaptureQueriesContext(connection) as queries:
            response = get(path)
        assert response.status_code == 200, path
        assert not [q for q in queries if '"projects_sourcedocument"."diagnostics"' in q["sql"]], path
        if not path.startswith("/api/"):
            assert document.name in response.content.decode(), path
