"""The review workflow table: every (state, action, role, submitter) combination, by hand."""

from __future__ import annotations

import itertools

import pytest

from jixiao.core import workflow as wf
from jixiao.core.workflow import (
    ADJUST,
    ADMIN,
    APPROVE,
    APPROVED,
    DRAFT,
    EDITOR,
    RESUBMIT,
    RESUBMITTED,
    RETURN,
    RETURNED,
    REVIEWER,
    SUBMIT,
    SUBMITTED,
    VIEWER,
)

ROLES = (EDITOR, VIEWER, REVIEWER, ADMIN, None)

# (action, from, to, roles that may, whether the submitter may)
EXPECTED = [
    (SUBMIT, DRAFT, SUBMITTED, {EDITOR, ADMIN}, True),
    (RETURN, SUBMITTED, RETURNED, {REVIEWER, ADMIN}, False),
    (RETURN, RESUBMITTED, RETURNED, {REVIEWER, ADMIN}, False),
    (RESUBMIT, RETURNED, RESUBMITTED, {EDITOR, ADMIN}, True),
    (APPROVE, SUBMITTED, APPROVED, {REVIEWER, ADMIN}, False),
    (APPROVE, RESUBMITTED, APPROVED, {REVIEWER, ADMIN}, False),
    (ADJUST, APPROVED, DRAFT, {EDITOR, ADMIN}, True),
]
LEGAL = {(action, source) for action, source, *_ in EXPECTED}


@pytest.mark.parametrize(("action", "source", "target", "roles", "submitter_may"), EXPECTED)
@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "none")
@pytest.mark.parametrize("is_submitter", [False, True], ids=["other", "submitter"])
def test_legal_transitions_by_role(action, source, target, roles, submitter_may, role, is_submitter) -> None:  # type: ignore[no-untyped-def]
    may = role in roles and (submitter_may or not is_submitter)
    assert wf.allowed(source, action, role, is_submitter) is may
    refusal = wf.refusal(source, action, role, is_submitter)
    if may:
        assert refusal is None
        assert wf.next_state(source, action) == target
    else:
        assert refusal is not None
        assert refusal.kind == ("role" if role not in roles else "self")
        assert refusal.message and refusal.message_en


@pytest.mark.parametrize(("state", "action"), [(s, a) for s, a in itertools.product(wf.STATES, wf.ACTIONS)
                                               if (a, s) not in LEGAL])
def test_every_other_state_refuses_those_who_may_act_with_a_state_reason(state: str, action: str) -> None:
    roles = set(wf.REVIEWABLE.transitions[action].roles)
    for role, is_submitter in itertools.product(ROLES, (False, True)):
        refusal = wf.refusal(state, action, role, is_submitter)
        assert refusal is not None and refusal.kind == ("state" if role in roles else "role")
    with pytest.raises(ValueError):
        wf.next_state(state, action)


def test_reasons_are_bilingual_and_name_the_state() -> None:
    r = wf.refusal(DRAFT, APPROVE, REVIEWER, False)
    assert r is not None and "草稿" in r.message and "draft" in r.message_en
    r = wf.refusal(SUBMITTED, APPROVE, EDITOR, False)
    assert r is not None and r.message == "部门编辑不能审核通过" and r.message_en == "department editors cannot approve"
    r = wf.refusal(SUBMITTED, APPROVE, ADMIN, True)
    assert r is not None and r.kind == "self" and "自己提交" in r.message
    r = wf.refusal(SUBMITTED, "delete", ADMIN, False)
    assert r is not None and r.kind == "unknown"


def test_approval_needs_one_of_the_four_grades() -> None:
    assert wf.grade_refusal(APPROVE, None) is not None
    assert wf.grade_refusal(APPROVE, "A") is not None
    for grade in ("优", "良", "中", "差"):
        assert wf.grade_refusal(APPROVE, grade) is None
    assert wf.grade_refusal(RETURN, None) is None


def test_available_actions_for_the_buttons() -> None:
    assert wf.available(DRAFT, EDITOR, False) == [SUBMIT]
    assert wf.available(SUBMITTED, REVIEWER, False) == [RETURN, APPROVE]
    assert wf.available(SUBMITTED, ADMIN, True) == []
    assert wf.available(APPROVED, ADMIN, False) == [ADJUST]
    assert wf.available(RETURNED, VIEWER, False) == []


def test_submission_action() -> None:
    assert wf.submission_action(DRAFT) == SUBMIT
    assert wf.submission_action(RETURNED) == RESUBMIT
    assert wf.submission_action(APPROVED) is None


@pytest.mark.parametrize(("state", "locked"), [(DRAFT, False), (RETURNED, False), (SUBMITTED, True),
                                               (RESUBMITTED, True), (APPROVED, True)])
def test_locking(state: str, locked: bool) -> None:
    assert wf.editable(state) is not locked
    reason = wf.lock_reason(state)
    assert (reason is not None) is locked
    if state == APPROVED:
        assert reason is not None and "调整" in reason[0] and "adjustment" in reason[1]


def test_who_may_comment() -> None:
    assert [r for r in ROLES if wf.may_comment(r)] == [EDITOR, REVIEWER, ADMIN]


def test_pending_states() -> None:
    assert [s for s in wf.STATES if wf.is_pending(s)] == [SUBMITTED, RESUBMITTED]


def test_a_workflow_is_data_another_reviewable_thing_can_use() -> None:
    # e.g. a self-evaluation reviewed by reviewers only, with no adjustment after approval
    only = wf.Workflow(transitions={a: t for a, t in wf.REVIEWABLE.transitions.items() if a != ADJUST},
                       editable=(DRAFT, RETURNED), commenters=(REVIEWER,))
    assert not wf.allowed(APPROVED, ADJUST, ADMIN, False, only)
    assert wf.refusal(APPROVED, ADJUST, ADMIN, False, only).kind == "unknown"  # type: ignore[union-attr]
    assert wf.allowed(SUBMITTED, APPROVE, REVIEWER, False, only)
    assert not wf.may_comment(EDITOR, only)
