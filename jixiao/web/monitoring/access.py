"""The access helper for monitoring rounds: a round is seen by whoever sees its project (other
departments' do not exist for an editor — 404) and changed by those who may edit the project
(the department's editors and administrators; others 403)."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet

from jixiao.web.accounts.services import AnyUser
from jixiao.web.monitoring.models import Round
from jixiao.web.projects import access as project_access


@dataclass(frozen=True)
class RoundAccess:
    round: Round
    can_edit: bool

    def require_edit(self) -> Round:
        if not self.can_edit:
            raise PermissionDenied("只读用户不能修改监控数据 / read-only users cannot change monitoring data")
        return self.round


def visible_rounds(user: AnyUser) -> QuerySet[Round]:
    return Round.objects.filter(project__in=project_access.visible_projects(user))


def round_access(user: AnyUser, pk: int | str, *, for_update: bool = False) -> RoundAccess:
    queryset = visible_rounds(user).select_related("project", "project__department")
    obj: Round = project_access.visible_one(queryset, pk, "monitoring round", for_update=for_update)
    return RoundAccess(obj, project_access.may_edit_department(user, obj.project.department))
