"""The access helper for projects, called first by every view and endpoint that touches one.

Editors see and edit their own department's projects; viewers only read them; reviewers read all;
administrators read and edit all. A project the user may not see does not exist for them (404);
one they may see but not change is forbidden (403).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from jixiao.web.accounts.models import ADMIN, EDITOR, REVIEWER, VIEWER, Department
from jixiao.web.accounts.services import AnyUser, department_of, role_of
from jixiao.web.orm import first_unordered
from jixiao.web.projects.models import Project


@dataclass(frozen=True)
class ProjectAccess:
    project: Project
    can_edit: bool

    def require_edit(self) -> Project:
        if not self.can_edit:
            raise PermissionDenied("只读用户不能修改项目 / read-only users cannot change projects")
        return self.project


def visible_projects(user: AnyUser) -> QuerySet[Project]:
    role = role_of(user)
    if role in (REVIEWER, ADMIN):
        return Project.objects.all()
    department = department_of(user)
    if role in (EDITOR, VIEWER) and department is not None:
        return Project.objects.filter(department=department)
    return Project.objects.none()


def visibility_key(user: AnyUser) -> str:
    """Which projects ``visible_projects`` gives this user, as a short key (for caches)."""
    role = role_of(user)
    if role in (REVIEWER, ADMIN):
        return "all"
    department = department_of(user)
    return f"department:{department.pk}" if role in (EDITOR, VIEWER) and department is not None else "none"


def may_edit_department(user: AnyUser, department: Department | str | None) -> bool:
    role = role_of(user)
    if role == ADMIN:
        return True
    own = department_of(user)
    if role != EDITOR or own is None or department is None:
        return False
    return own.name == department if isinstance(department, str) else own.pk == department.pk


def may_create(user: AnyUser) -> bool:
    return role_of(user) in (EDITOR, ADMIN)


def require_create(user: AnyUser) -> None:
    if not may_create(user):
        raise PermissionDenied("只有部门编辑和管理员可以新建或导入项目 / only editors and administrators may "
                               "create or import projects")


def visible_one(queryset: QuerySet, pk: object, what: str, *, for_update: bool = False) -> Any:
    """The object with this id among those a user may see (``queryset``), locked for update if asked;
    Http404 when there is none, or the id is not a number. Every object kind's access helper starts here."""
    try:
        key = int(pk)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise Http404(f"no such {what}") from None
    if for_update:
        queryset = queryset.select_for_update(of=("self",))
    found = first_unordered(queryset.filter(pk=key))
    if found is None:
        raise Http404(f"no such {what}")
    return found


def project_access(user: AnyUser, pk: int | str, *, for_update: bool = False,
                   related: tuple[str, ...] = ()) -> ProjectAccess:
    """The project and what the user may do with it; Http404 when it does not exist for them.

    ``related``: one-to-one relations the page shows, read in the same query (``select_related``). The
    source document comes without its diagnostics: they are the whole file's (grid repairs, lines outside
    any table: 14 for the seed's 8 projects printed to PDF, so thousands for a large file), and what any
    page shows is the project's own."""
    queryset = (visible_projects(user).select_related("department", "source_document", *related)
                .defer("source_document__diagnostics"))
    project: Project = visible_one(queryset, pk, "project", for_update=for_update)
    return ProjectAccess(project=project, can_edit=may_edit_department(user, project.department))


def readable_departments(user: AnyUser) -> QuerySet[Department]:
    """The departments whose projects the user reads (as ``visible_projects`` sees them)."""
    role = role_of(user)
    if role in (REVIEWER, ADMIN):
        return Department.objects.order_by("name")
    department = department_of(user)
    if role in (EDITOR, VIEWER) and department is not None:
        return Department.objects.filter(pk=department.pk)
    return Department.objects.none()


def department_access(user: AnyUser, pk: int | str | None) -> Department:
    """A department the user reads (their own when ``pk`` is empty); Http404 for any other."""
    if pk in (None, ""):
        own = department_of(user)
        pk = own.pk if own is not None else None
    try:
        pk = int(pk)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        raise Http404("no such department") from None
    department = readable_departments(user).filter(pk=pk).first()
    if department is None:
        raise Http404("no such department")
    return department
