"""The access helper for self-evaluations, called first by every view and endpoint that touches one.

A self-evaluation is seen by whoever sees its project (``projects.access``: other departments' do not
exist for an editor — 404). What they may do with it is the self-evaluation workflow's answer for
their role: the department's editors fill it in and submit it, reviewers return or approve it, and
whoever submitted it may not decide on it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from jixiao.core import workflow as wf
from jixiao.core.errors import InputError
from jixiao.core.selfeval_workflow import SELF_EVALUATION
from jixiao.web.accounts.services import AnyUser, role_of
from jixiao.web.errors import Conflict
from jixiao.web.projects import access as project_access
from jixiao.web.selfeval.models import Evaluation


@dataclass(frozen=True)
class EvaluationAccess:
    evaluation: Evaluation
    can_edit_project: bool
    role: str | None
    is_submitter: bool

    @property
    def state(self) -> str:
        return self.evaluation.state

    @property
    def actions(self) -> list[str]:
        return wf.available(self.state, self.role, self.is_submitter, SELF_EVALUATION)

    @property
    def can_edit(self) -> bool:
        """May change the form now: the department's editor (or an administrator), while it is editable."""
        return self.can_edit_project and wf.editable(self.state, SELF_EVALUATION)

    @property
    def lock(self) -> tuple[str, str] | None:
        return wf.lock_reason(self.state, SELF_EVALUATION)

    def require_edit(self) -> Evaluation:
        if not self.can_edit_project:
            raise PermissionDenied("只读用户不能修改自评表 / read-only users cannot change the self-evaluation")
        if self.lock is not None:
            raise Conflict(*self.lock)
        return self.evaluation

    def require(self, action: str) -> None:
        refusal = wf.refusal(self.state, action, self.role, self.is_submitter, SELF_EVALUATION)
        if refusal is None:
            return
        if refusal.kind == "state":
            raise Conflict(refusal.message, refusal.message_en)
        if refusal.kind in ("role", "self"):
            raise PermissionDenied(f"{refusal.message} / {refusal.message_en}")
        raise InputError(refusal.message, refusal.message_en, field="action")


def workflow_role(user: AnyUser, can_edit_project: bool) -> str | None:
    """An editor who may not edit the project (never the case today: the project would be hidden)
    counts as read-only."""
    role = role_of(user)
    return wf.VIEWER if role == wf.EDITOR and not can_edit_project else role


def visible_evaluations(user: AnyUser) -> QuerySet[Evaluation]:
    return Evaluation.objects.filter(project__in=project_access.visible_projects(user))


def evaluation_access(user: AnyUser, pk: int | str, *, for_update: bool = False) -> EvaluationAccess:
    """The evaluation and what the user may do with it; Http404 when it does not exist for them."""
    queryset = visible_evaluations(user).select_related("project", "project__department")
    obj: Evaluation = project_access.visible_one(queryset, pk, "self-evaluation", for_update=for_update)
    can_edit = project_access.may_edit_department(user, obj.project.department)
    mine = obj.submitted_by_id is not None and obj.submitted_by_id == user.pk
    return EvaluationAccess(obj, can_edit, workflow_role(user, can_edit), mine)
