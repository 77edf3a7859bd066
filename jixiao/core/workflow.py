"""The review workflow of anything reviewable, as a table: states, actions, who may take each.

A target table (绩效目标表) and, later, a self-evaluation (绩效自评表) go through the same cycle
(domain.md §1, §4): the department declares (申报), the finance office or bureau reviews (审核) and
either returns it for revision or approves it (批复) with a grade 优/良/中/差. Nothing here knows
what is being reviewed: callers pass a state, an action, the actor's role and whether the actor
submitted the item under review, and get a yes, or a refusal with a bilingual reason.

    draft ──submit──▶ submitted ──┬──approve (grade)──▶ approved ──adjust──▶ draft (new revision: 调整)
                                  └──return──▶ returned ──resubmit──▶ resubmitted
    resubmitted ──approve (grade)──▶ approved;  resubmitted ──return──▶ returned

Roles are the web's role names (editor, viewer, reviewer, admin). An editor here means an editor of
the item's own department: other departments' items do not exist for them (the access helper's 404).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

DRAFT, SUBMITTED, RETURNED, RESUBMITTED, APPROVED = "draft", "submitted", "returned", "resubmitted", "approved"
STATES: tuple[str, ...] = (DRAFT, SUBMITTED, RETURNED, RESUBMITTED, APPROVED)
SUBMIT, RETURN, RESUBMIT, APPROVE, ADJUST = "submit", "return", "resubmit", "approve", "adjust"
ACTIONS: tuple[str, ...] = (SUBMIT, RETURN, RESUBMIT, APPROVE, ADJUST)
EDITOR, VIEWER, REVIEWER, ADMIN = "editor", "viewer", "reviewer", "admin"

# The four grades of target review (财预〔2015〕88号; domain.md §4), best first.
GRADES: tuple[str, ...] = ("优", "良", "中", "差")
GRADE_EN = {"优": "excellent", "良": "good", "中": "fair", "差": "poor"}
GRADE_CONSEQUENCE = {
    "优": ("按计划推进", "proceeds as planned"),
    "良": ("部门修改完善、财政确认后推进", "proceeds after the department revises and the bureau confirms"),
    "中": ("应修改后重新报送", "should be revised and resubmitted"),
    "差": ("不予安排资金", "does not proceed to funding"),
}

STATE_LABELS: dict[str, tuple[str, str]] = {
    DRAFT: ("草稿", "draft"),
    SUBMITTED: ("已提交待审", "submitted"),
    RETURNED: ("已退回修改", "returned"),
    RESUBMITTED: ("已重新提交待审", "resubmitted"),
    APPROVED: ("已批复", "approved"),
}
ACTION_LABELS: dict[str, tuple[str, str]] = {
    SUBMIT: ("提交审核", "submit"),
    RETURN: ("退回修改", "return"),
    RESUBMIT: ("重新提交", "resubmit"),
    APPROVE: ("审核通过", "approve"),
    ADJUST: ("发起调整", "start an adjustment"),
}
ROLE_LABELS: dict[str, tuple[str, str]] = {
    EDITOR: ("部门编辑", "department editors"),
    VIEWER: ("只读用户", "read-only users"),
    REVIEWER: ("审核人", "reviewers"),
    ADMIN: ("管理员", "administrators"),
}

RefusalKind = Literal["unknown", "state", "role", "self", "grade"]


@dataclass(frozen=True)
class Refusal:
    """Why an action is not possible. ``kind`` tells the web which status to answer: a wrong state
    is a conflict (409), a wrong role or one's own submission is forbidden (403), a bad grade is
    bad input (400)."""

    kind: RefusalKind
    message: str
    message_en: str


@dataclass(frozen=True)
class Transition:
    action: str
    sources: tuple[str, ...]
    target: str
    roles: tuple[str, ...]
    # Separation of duties (审核与申报分离): whoever submitted the item may not decide on it. The
    # submitter may hold any role (an administrator, a reviewer acting for a department), so the
    # caller checks by user id, not by role.
    submitter_may: bool = True
    needs_grade: bool = False


@dataclass(frozen=True)
class Workflow:
    """A state machine as data: the transitions, which states may be edited, who may comment."""

    transitions: Mapping[str, Transition]
    editable: tuple[str, ...]
    commenters: tuple[str, ...]
    initial: str = DRAFT
    lock_messages: Mapping[str, tuple[str, str]] = field(default_factory=dict)


REVIEWABLE = Workflow(
    transitions={
        SUBMIT: Transition(SUBMIT, (DRAFT,), SUBMITTED, (EDITOR, ADMIN)),
        RETURN: Transition(RETURN, (SUBMITTED, RESUBMITTED), RETURNED, (REVIEWER, ADMIN), submitter_may=False),
        RESUBMIT: Transition(RESUBMIT, (RETURNED,), RESUBMITTED, (EDITOR, ADMIN)),
        APPROVE: Transition(APPROVE, (SUBMITTED, RESUBMITTED), APPROVED, (REVIEWER, ADMIN),
                            submitter_may=False, needs_grade=True),
        # A change after approval (调整) starts a new revision that is reviewed again from the start.
        ADJUST: Transition(ADJUST, (APPROVED,), DRAFT, (EDITOR, ADMIN)),
    },
    # While under review the table stays as submitted, so that what is approved is what was read.
    editable=(DRAFT, RETURNED),
    commenters=(EDITOR, REVIEWER, ADMIN),
    lock_messages={
        SUBMITTED: ("项目正在审核中，不能修改；如需修改，请审核人退回。",
                    "the table is under review and cannot be changed; ask the reviewer to return it"),
        RESUBMITTED: ("项目正在审核中，不能修改；如需修改，请审核人退回。",
                      "the table is under review and cannot be changed; ask the reviewer to return it"),
        APPROVED: ("项目已批复，不能直接修改；如需变更，请先发起调整（调整后须重新审核）。",
                   "the table is approved and cannot be changed; start an adjustment (调整) first, "
                   "which is reviewed again"),
    },
)


def _label(table: Mapping[str, tuple[str, str]], key: str) -> tuple[str, str]:
    return table.get(key, (key, key))


def refusal(state: str, action: str, actor_role: str | None, actor_is_submitter: bool,
            workflow: Workflow = REVIEWABLE) -> Refusal | None:
    """None when the actor may take ``action`` on an item in ``state``; otherwise why not.

    Who may act is asked before the state: someone who may never approve is told so (403), not that
    the item is not ready (409)."""
    t = workflow.transitions.get(action)
    if t is None:
        return Refusal("unknown", f"未知操作：{action}", f"unknown action: {action}")
    zh, en = _label(ACTION_LABELS, action)
    if actor_role not in t.roles:
        who_zh, who_en = _label(ROLE_LABELS, actor_role or "")
        if actor_role is None:
            who_zh, who_en = "没有角色的用户", "users without a role"
        return Refusal("role", f"{who_zh}不能{zh}", f"{who_en} cannot {en}")
    if state not in t.sources:
        here_zh, here_en = _label(STATE_LABELS, state)
        need_zh = "、".join(_label(STATE_LABELS, s)[0] for s in t.sources)
        need_en = " or ".join(_label(STATE_LABELS, s)[1] for s in t.sources)
        return Refusal("state", f"当前状态为“{here_zh}”，不能{zh}（仅限“{need_zh}”）",
                       f"the item is {here_en}: it cannot {en} (only when {need_en})")
    if actor_is_submitter and not t.submitter_may:
        return Refusal("self", "不能审核自己提交的项目：审核须由提交人以外的人完成",
                       "you cannot decide on an item you submitted yourself: someone other than the "
                       "submitter must review it")
    return None


def allowed(state: str, action: str, actor_role: str | None, actor_is_submitter: bool,
            workflow: Workflow = REVIEWABLE) -> bool:
    return refusal(state, action, actor_role, actor_is_submitter, workflow) is None


def grade_refusal(action: str, grade: str | None, workflow: Workflow = REVIEWABLE) -> Refusal | None:
    """Approval needs one of the four grades; other actions take none."""
    t = workflow.transitions.get(action)
    if t is None or not t.needs_grade:
        return None
    if grade not in GRADES:
        return Refusal("grade", "请选择审核等级（优、良、中、差）", "choose a grade (优, 良, 中 or 差)")
    return None


def next_state(state: str, action: str, workflow: Workflow = REVIEWABLE) -> str:
    """The state after ``action``; the caller has checked that it is allowed."""
    t = workflow.transitions[action]
    if state not in t.sources:
        raise ValueError(f"{action} is not possible from {state}")
    return t.target


def available(state: str, actor_role: str | None, actor_is_submitter: bool,
              workflow: Workflow = REVIEWABLE) -> list[str]:
    """The actions this actor may take now, in the table's order (for the buttons on a page)."""
    return [a for a in workflow.transitions if allowed(state, a, actor_role, actor_is_submitter, workflow)]


def submission_action(state: str, workflow: Workflow = REVIEWABLE) -> str | None:
    """Submit from a draft, resubmit a returned item: the one "send for review" button."""
    for action in (SUBMIT, RESUBMIT):
        t = workflow.transitions.get(action)
        if t is not None and state in t.sources:
            return action
    return None


def editable(state: str, workflow: Workflow = REVIEWABLE) -> bool:
    return state in workflow.editable


def lock_reason(state: str, workflow: Workflow = REVIEWABLE) -> tuple[str, str] | None:
    """(Chinese, English) why an item in ``state`` cannot be changed, or None when it can."""
    if editable(state, workflow):
        return None
    here_zh, here_en = _label(STATE_LABELS, state)
    return workflow.lock_messages.get(state, (f"“{here_zh}”状态不能修改", f"an item that is {here_en} cannot be changed"))


def may_comment(actor_role: str | None, workflow: Workflow = REVIEWABLE) -> bool:
    return actor_role in workflow.commenters


def is_pending(state: str, workflow: Workflow = REVIEWABLE) -> bool:
    """Waiting for a reviewer's decision (the reviewer's queue)."""
    return any(state in workflow.transitions[a].sources for a in (RETURN, APPROVE) if a in workflow.transitions)
