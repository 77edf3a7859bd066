"""The audit event is written in the same transaction as the change: a failure after the change leaves
neither the change nor the event behind."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from jixiao.core import workflow as wf
from jixiao.web.projects.models import Revision
from jixiao.web.review import services
from jixiao.web.review.models import AuditEvent, Comment, ReviewState
from tests.web.review_helpers import put_in_state, state

pytestmark = pytest.mark.django_db(transaction=True)


class Boom(Exception):
    pass


def _fail_at_last_event(monkeypatch: pytest.MonkeyPatch, events: int) -> list[tuple[AuditEvent, str]]:
    """The service's last audit event is written (after every change it makes), then the service fails."""
    written: list[tuple[AuditEvent, str]] = []
    real: Callable[..., AuditEvent] = services.record

    def record_then_fail(*args: Any, **kwargs: Any) -> AuditEvent:
        event = real(*args, **kwargs)
        written.append((event, services.state_of(event.project)))  # as seen inside the transaction
        if len(written) == events:
            raise Boom
        return event

    monkeypatch.setattr(services, "record", record_then_fail)
    return written


def _snapshot(project) -> tuple[Any, ...]:  # type: ignore[no-untyped-def]
    row = ReviewState.objects.filter(project=project).values_list("state", "round", "grade").first()
    project.refresh_from_db()
    return (row, project.version, AuditEvent.objects.count(), Comment.objects.count(), Revision.objects.count())


# name: (start state, the state after, audit events written, the service call)
ACTIONS: dict[str, tuple[str, str, int, Callable[..., Any]]] = {
    "submit": (wf.DRAFT, wf.SUBMITTED, 2, lambda u, pk: services.submit(u["editor_a"], pk, "请审核")),
    "return": (wf.SUBMITTED, wf.RETURNED, 2, lambda u, pk: services.decide(
        u["reviewer"], pk, wf.RETURN, comments=[services.CommentIn("量化", 1)])),
    "approve": (wf.SUBMITTED, wf.APPROVED, 1, lambda u, pk: services.decide(u["reviewer"], pk, wf.APPROVE, grade="优")),
    "resubmit": (wf.RETURNED, wf.RESUBMITTED, 1, lambda u, pk: services.submit(u["editor_a"], pk)),
    "adjust": (wf.APPROVED, wf.DRAFT, 1, lambda u, pk: services.start_adjustment(u["editor_a"], pk)),
    "comment": (wf.SUBMITTED, wf.SUBMITTED, 1, lambda u, pk: services.add_comment(
        u["reviewer"], pk, services.CommentIn("注意", 2))),
}


@pytest.mark.parametrize("name", list(ACTIONS))
def test_failure_after_the_change_writes_nothing(name: str, project, users, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    start, end, events, act = ACTIONS[name]
    put_in_state(project, start, users)
    before = _snapshot(project)
    written = _fail_at_last_event(monkeypatch, events)
    with pytest.raises(Boom):
        act(users, project.pk)
    assert len(written) == events and written[-1][1] == end, "the failure came after the change"
    assert _snapshot(project) == before
    assert not AuditEvent.objects.filter(pk__in=[e.pk for e, _ in written]).exists()
    assert state(project) == start


@pytest.mark.parametrize("name", list(ACTIONS))
def test_success_writes_the_change_and_its_event_together(name: str, project, users) -> None:  # type: ignore[no-untyped-def]
    start, end, events, act = ACTIONS[name]
    put_in_state(project, start, users)
    before = AuditEvent.objects.count()
    act(users, project.pk)
    assert AuditEvent.objects.count() == before + events
    assert state(project) == end
    latest = AuditEvent.objects.order_by("-pk").first()
    assert latest is not None and latest.project_id == project.pk
    if name == "comment":
        assert latest.action == "comment" and latest.comment is not None and latest.comment.indicator_position == 2
