"""The review services: submit, return, resubmit, approve, adjust, comment — one place for pages and API.

Each function checks access (the projects' access helper: other departments 404), asks the core
workflow whether this actor may take this action now, changes the review state and writes the audit
event for it in one ``transaction.atomic()``: either both are stored or neither is.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from jixiao.core import workflow as wf
from jixiao.core.errors import InputError
from jixiao.web.accounts.services import AnyUser, role_of
from jixiao.web.errors import Conflict
from jixiao.web.orm import first_unordered
from jixiao.web.projects import access, mapping
from jixiao.web.projects.models import ADJUST, Project, Revision
from jixiao.web.review.findings import review_project
from jixiao.web.review.models import COMMENT, AuditEvent, Comment, ReviewState

MAX_COMMENT = 5000


@dataclass(frozen=True)
class CommentIn:
    """A comment to write: on the project (``indicator`` None) or on the indicator at that position."""

    text: str
    indicator: int | None = None


@dataclass(frozen=True)
class Standing:
    """Where a project stands and what this user may do with it now."""

    state: str
    row: ReviewState | None
    role: str | None
    is_submitter: bool
    actions: list[str]
    can_comment: bool
    lock: tuple[str, str] | None

    @property
    def submission(self) -> str | None:
        action = wf.submission_action(self.state)
        return action if action in self.actions else None

    @property
    def can_decide(self) -> bool:
        return wf.APPROVE in self.actions or wf.RETURN in self.actions

    @property
    def own_submission_pending(self) -> bool:
        """A reviewer or administrator looking at what they submitted themselves: someone else decides."""
        return self.is_submitter and wf.is_pending(self.state) and self.role in (wf.REVIEWER, wf.ADMIN)


def state_of(project: Project) -> str:
    state = ReviewState.objects.filter(project_id=project.pk).values_list("state", flat=True).first()
    return state or wf.DRAFT


def review_lock(project: Project) -> tuple[str, str] | None:
    """The projects app's lock hook: tables under review or approved are not changed."""
    return wf.lock_reason(state_of(project))


def row_of(project: Project) -> ReviewState | None:
    """The project's review state as read with it (a page's ``related=("review_state__decided_by", …)``; a
    query otherwise), or None when it has none yet. Only for showing it: the row may be as old as the request."""
    try:
        return project.review_state
    except ReviewState.DoesNotExist:
        return None


def standing(user: AnyUser, grant: access.ProjectAccess) -> Standing:
    row = first_unordered(ReviewState.objects.filter(project_id=grant.project.pk)
                          .select_related("submitted_by", "decided_by"))
    return standing_with(user, grant, row)


def standing_with(user: AnyUser, grant: access.ProjectAccess, row: ReviewState | None) -> Standing:
    """``standing`` when the caller has read the project's review state (``row_of``)."""
    state = row.state if row else wf.DRAFT
    role = _workflow_role(user, grant)
    mine = _is_submitter(user, row)
    return Standing(state=state, row=row, role=role, is_submitter=mine, actions=wf.available(state, role, mine),
                    can_comment=wf.may_comment(role), lock=wf.lock_reason(state))


def _workflow_role(user: AnyUser, grant: access.ProjectAccess) -> str | None:
    # The access helper has already hidden other departments' projects from editors and viewers;
    # an editor who cannot edit this one (never the case today) is treated as read-only.
    role = role_of(user)
    if role == wf.EDITOR and not grant.can_edit:
        return wf.VIEWER
    return role


def _is_submitter(user: AnyUser, row: ReviewState | None) -> bool:
    # By user id, whatever their role: an administrator who submitted does not approve it either.
    return row is not None and row.submitted_by_id is not None and row.submitted_by_id == user.pk


def _refuse(refusal: wf.Refusal) -> Exception:
    if refusal.kind == "state":
        return Conflict(refusal.message, refusal.message_en)
    if refusal.kind in ("role", "self"):
        return PermissionDenied(f"{refusal.message} / {refusal.message_en}")
    return InputError(refusal.message, refusal.message_en, field="grade" if refusal.kind == "grade" else "action")


def _locked_state(project: Project) -> ReviewState:
    row, _ = ReviewState.objects.get_or_create(project=project)
    return ReviewState.objects.select_for_update().get(pk=row.pk)


def _check(actor: User, grant: access.ProjectAccess, row: ReviewState, action: str, grade: str | None) -> None:
    role = _workflow_role(actor, grant)
    refusal = wf.refusal(row.state, action, role, _is_submitter(actor, row)) or wf.grade_refusal(action, grade)
    if refusal is not None:
        raise _refuse(refusal)


def _checked_comments(project: Project, comments: Sequence[CommentIn]) -> list[CommentIn]:
    kept = []
    count = project.indicators.count()
    for c in comments:
        text = (c.text or "").strip()
        if not text:
            continue
        if len(text) > MAX_COMMENT:
            raise InputError(f"意见过长（最多 {MAX_COMMENT} 字）", f"the comment is too long ({MAX_COMMENT} characters)",
                             field="comment")
        if c.indicator is not None and not 0 <= c.indicator < count:
            raise InputError(f"没有第 {c.indicator + 1} 行指标", f"there is no indicator row {c.indicator + 1}",
                             field="indicator")
        kept.append(dataclasses.replace(c, text=text))
    return kept


def record(project: Project, action: str, actor: User, before: str, after: str, *, round: int,
           grade: str | None = None, comment: Comment | None = None, details: dict | None = None) -> AuditEvent:
    """The audit event of one change; called inside the transaction of the change itself."""
    return AuditEvent.objects.create(project=project, action=action, actor=actor, from_state=before, to_state=after,
                                     version=project.version, round=round, grade=grade, comment=comment,
                                     details=details or {})


def _write_comments(project: Project, actor: User, row: ReviewState, comments: Sequence[CommentIn]) -> None:
    positions = {c.indicator for c in comments if c.indicator is not None}
    rows = {i.position: i for i in project.indicators.filter(position__in=positions)}
    for c in comments:
        ind = rows.get(c.indicator) if c.indicator is not None else None
        saved = Comment.objects.create(
            project=project, author=actor, text=c.text, round=row.round, version=project.version,
            indicator_position=c.indicator, indicator_level1=ind.level1 if ind else None,
            indicator_level2=ind.level2 if ind else None, indicator_name=ind.name if ind else None,
            indicator_target=ind.target_raw if ind else None)
        record(project, COMMENT, actor, row.state, row.state, round=row.round, comment=saved)


def submit(actor: User, pk: int | str, comment: str = "") -> ReviewState:
    """Send a draft for review, or a returned table back (the one "submit" button decides which)."""
    with transaction.atomic():
        grant = access.project_access(actor, pk, for_update=True)
        row = _locked_state(grant.project)
        action = wf.submission_action(row.state) or wf.SUBMIT
        _check(actor, grant, row, action, None)
        comments = _checked_comments(grant.project, [CommentIn(comment)])
        before = row.state
        row.state = wf.next_state(before, action)
        row.round += 1
        row.submitted_by, row.submitted_at, row.submitted_version = actor, timezone.now(), grant.project.version
        row.decided_by = row.decided_at = row.grade = None
        row.save()
        record(grant.project, action, actor, before, row.state, round=row.round)
        _write_comments(grant.project, actor, row, comments)
    return row


def decide(actor: User, pk: int | str, action: str, *, grade: str | None = None,
           comments: Sequence[CommentIn] = (), expected_round: int | None = None) -> ReviewState:
    """A reviewer's decision: return with comments, or approve with a grade (comments optional)."""
    if action not in (wf.RETURN, wf.APPROVE):
        raise InputError("请选择“退回修改”或“审核通过”", "choose return or approve", field="decision")
    with transaction.atomic():
        grant = access.project_access(actor, pk, for_update=True)
        row = _locked_state(grant.project)
        _check(actor, grant, row, action, grade)
        if expected_round is not None and expected_round != row.round:
            raise Conflict("项目在您审核期间已重新提交，请刷新页面后再审核。",
                           "the table was resubmitted while you reviewed it; reload the page and review again")
        kept = _checked_comments(grant.project, comments)
        if action == wf.RETURN and not kept:
            raise InputError("退回时请写明意见（对项目或对某一指标）",
                             "write what needs changing (on the project or on an indicator) when returning it",
                             field="comment")
        _apply_decision(actor, grant.project, row, action, grade, kept)
    return row


def _apply_decision(actor: User, project: Project, row: ReviewState, action: str, grade: str | None,
                    comments: list[CommentIn]) -> None:
    reviewed = review_project(mapping.project_to_core(project))
    before = row.state
    _write_comments(project, actor, row, comments)
    row.state = wf.next_state(before, action)
    row.decided_by, row.decided_at = actor, timezone.now()
    row.grade = grade if action == wf.APPROVE else None
    if action == wf.APPROVE:
        row.approved_version = project.version
    row.save()
    record(project, action, actor, before, row.state, round=row.round, grade=row.grade,
           details={"suggested_grade": reviewed.summary.grade, "score": str(reviewed.summary.score),
                    "findings": len(reviewed.findings)})


def start_adjustment(actor: User, pk: int | str) -> ReviewState:
    """调整: an approved table is changed only through a new revision that goes back to draft and is
    reviewed again; the approved version stays in the history to compare against."""
    with transaction.atomic():
        grant = access.project_access(actor, pk, for_update=True)
        row = _locked_state(grant.project)
        _check(actor, grant, row, wf.ADJUST, None)
        project = grant.project
        before = row.state
        project.version += 1
        project.updated_by = actor
        project.save(update_fields=["version", "updated_by", "updated_at"])
        Revision.objects.create(project=project, version=project.version, action=ADJUST, actor=actor,
                                snapshot=mapping.snapshot(mapping.project_to_core(project)))
        row.state = wf.next_state(before, wf.ADJUST)
        row.grade = None
        row.save()
        record(project, wf.ADJUST, actor, before, row.state, round=row.round,
               details={"approved_version": row.approved_version})
    return row


def add_comment(actor: User, pk: int | str, comment: CommentIn) -> Comment:
    """A comment outside a decision: a reviewer's note, an editor's answer."""
    with transaction.atomic():
        grant = access.project_access(actor, pk, for_update=True)
        if not wf.may_comment(_workflow_role(actor, grant)):
            raise PermissionDenied("只读用户不能发表意见 / read-only users cannot comment")
        kept = _checked_comments(grant.project, [comment])
        if not kept:
            raise InputError("意见不能为空", "the comment is empty", field="comment")
        row = ReviewState.objects.filter(project=grant.project).first() or ReviewState(project=grant.project)
        _write_comments(grant.project, actor, row, kept)
    return Comment.objects.filter(project=grant.project).latest("pk")
