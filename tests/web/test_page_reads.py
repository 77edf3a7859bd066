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
