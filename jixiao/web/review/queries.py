"""Lists of the review pages: the reviewer's queue, what was returned to an editor, the summary."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import QueryDict

from jixiao.core import workflow as wf
from jixiao.core.review import all_rules
from jixiao.core.review.summary import DepartmentSummary, summarise_department
from jixiao.web.accounts.services import AnyUser, role_of
from jixiao.web.projects import access, mapping
from jixiao.web.projects.models import Project
from jixiao.web.review.findings import Reviewed, current_ruleset, review_project

PENDING = [s for s in wf.STATES if wf.is_pending(s)]


@dataclass(frozen=True)
class QueueFilter:
    department: int | None = None
    year: int | None = None
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, query: QueryDict | dict) -> QueueFilter:
        errors: list[str] = []
        return cls(department=_int(query.get("department"), "department", errors),
                   year=_int(query.get("year"), "year", errors), errors=errors)

    def apply(self, projects: QuerySet[Project]) -> QuerySet[Project]:
        if self.department is not None:
            projects = projects.filter(department_id=self.department)
        if self.year is not None:
            projects = projects.filter(year=self.year)
        return projects


def _int(raw: object, name: str, errors: list[str]) -> int | None:
    if raw in (None, ""):
        return None
    try:
        return int(str(raw))
    except ValueError:
        errors.append(name)
        return None


def require_reviewer(user: AnyUser) -> None:
    if not may_see_queue(user):
        raise PermissionDenied("只有审核人和管理员可以查看审核队列 / only reviewers and administrators see the "
                               "review queue")


def require_editor(user: AnyUser) -> None:
    if role_of(user) not in (wf.EDITOR, wf.ADMIN):
        raise PermissionDenied("只有部门编辑和管理员有退回的项目 / only editors and administrators have returned "
                               "tables to revise")


def queue(user: AnyUser, f: QueueFilter) -> QuerySet[Project]:
    """Submitted and resubmitted tables, oldest submission first (first come, first reviewed)."""
    require_reviewer(user)
    pending = access.visible_projects(user).filter(review_state__state__in=PENDING)
    return f.apply(pending).select_related("department", "review_state", "review_state__submitted_by") \
        .prefetch_related("indicators").order_by("review_state__submitted_at", "pk")


def returned(user: AnyUser, f: QueueFilter) -> QuerySet[Project]:
    """Tables returned for revision that this editor may change, longest waiting first."""
    require_editor(user)
    mine = access.visible_projects(user).filter(review_state__state=wf.RETURNED)
    return f.apply(mine).select_related("department", "review_state", "review_state__decided_by") \
        .order_by("review_state__decided_at", "pk")


def with_reviews(projects: list[Project]) -> list[tuple[Project, Reviewed]]:
    """Each project beside its findings, with the configured rules (one rule set for the page)."""
    ruleset = current_ruleset()
    return [(obj, review_project(mapping.project_to_core(obj), ruleset)) for obj in projects]


def department_summaries(user: AnyUser, f: QueueFilter) -> list[dict[str, Any]]:
    """Per department and year: which rules fire most, which projects need most work (worst first)."""
    projects = f.apply(access.visible_projects(user)).select_related("department").prefetch_related("indicators")
    ruleset = current_ruleset()
    reviewed, ids = [], {}
    for obj in projects.order_by("department__name", "year", "pk"):
        p = mapping.project_to_core(obj)
        reviewed.append((p, review_project(p, ruleset).findings))
        ids[(p.department, p.year, p.name)] = obj.pk
    titles = {r.code: (r.title, r.title_en) for r in all_rules()}
    return [_summary_view(s, ids, titles) for s in summarise_department(reviewed)]


def _summary_view(s: DepartmentSummary, ids: dict[tuple[Any, Any, Any], int],
                  titles: dict[str, tuple[str, str]]) -> dict[str, Any]:
    return {
        "department": s.department, "year": s.year, "projects": s.projects, "grades": s.grades,
        "rules": [{"code": code, "title": titles.get(code, (code, code)), "findings": n, "projects": n_projects}
                  for code, n, n_projects in s.rules],
        "worst": [{"pk": ids.get((w.department, w.year, w.project)), "name": w.project, "score": w.score,
                   "grade": w.grade, "findings": w.total} for w in s.worst],
    }


def may_see_queue(user: AnyUser) -> bool:
    return role_of(user) in (wf.REVIEWER, wf.ADMIN)
