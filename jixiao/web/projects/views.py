"""Project pages. Each view: the access helper first, then parse input, call one service, render."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core import model as core
from jixiao.core.canonical import decimal_text
from jixiao.core.errors import InputError
from jixiao.web.accounts.models import ADMIN, Department
from jixiao.web.accounts.services import department_of, reads_all_departments, role_of
from jixiao.web.errors import Conflict
from jixiao.web.projects import (
    access,
    caching,
    charts,
    editing,
    forms,
    history,
    importing,
    locks,
    mapping,
    queries,
    sheet,
)
from jixiao.web.projects.models import Project, Revision
from jixiao.web.projects.presentation import (
    BUDGET_LABELS,
    NARRATIVE_LABELS,
    framework_branches,
    list_rows,
)
from jixiao.web.projects.targets import check_target


@require_GET
@login_required
def home(request: HttpRequest) -> HttpResponse:
    return redirect("projects:overview")


@require_GET
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    visible = access.visible_projects(request.user)
    department = None if reads_all_departments(request.user) else department_of(request.user)
    scope = access.visibility_key(request.user)
    version = caching.data_version()
    years = caching.cached(f"years:{scope}", lambda: queries.years(visible), version=version)
    year = queries.ProjectFilter.from_query(request.GET).year or (years[0] if years else None)
    figures = caching.cached(f"overview:{scope}:{year}",
                             lambda: queries.overview(visible, year, department.pk if department else None),
                             version=version)
    return render(request, "projects/overview.html", {
        "years": years, "year": year, "o": figures,
        "by_department": charts.with_bars(figures.by_department, "budget"),
        "by_category": charts.with_bars(figures.by_category, "budget"),
        "by_performance_type": charts.with_bars(figures.by_performance_type, "budget"),
        "by_level": charts.with_bars(figures.by_level, "n"),
        "quantified_bar": charts.bar(figures.quantified, figures.indicators),
    })


@require_GET
@login_required
def project_list(request: HttpRequest) -> HttpResponse:
    visible = access.visible_projects(request.user)
    f = queries.ProjectFilter.from_query(request.GET)
    scope = access.visibility_key(request.user)
    version = caching.data_version()
    page = Paginator(queries.listing(visible, f, scope, version), 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    rows = list_rows(page.object_list, reverse("projects:detail", args=[0])[:-2])
    context = {"page": page, "f": f, "query": query.urlencode(), "sorts": queries.SORTS, "rows": rows}
    if request.htmx and request.htmx.target == "results":
        return render(request, "projects/_results.html", context)
    context.update(caching.cached(f"choices:{scope}", lambda: {
        "departments": list(Department.objects.filter(pk__in=visible.values("department_id"))),
        "years": queries.years(visible), "categories": queries.choices(visible, "category"),
        "performance_types": queries.choices(visible, "performance_type"),
    }, version=version))
    return render(request, "projects/list.html", context)


def _project_context(request: HttpRequest, grant: access.ProjectAccess) -> dict[str, Any]:
    obj = grant.project
    # The sheet (table, provenance, diagnostics) is rendered once per revision and language; the rest of
    # the page (actions, review, links) is the reader's and is rendered each time. ``p`` outside the
    # sheet only needs the name and year, which the stored project has.
    # ``locked`` is asked only when the user may edit (the template calls it then).
    return {"obj": obj, "p": obj, "can_edit": grant.can_edit, "locked": lambda: locks.lock_reason(obj),
            "sheet": caching.per_revision(f"sheet:{obj.pk}:{obj.version}:{obj.updated_at.isoformat()}:"
                                          f"{get_language()}", lambda: _sheet(obj))}


def _sheet(obj: Project) -> str:
    # The indicators unordered: project_to_core puts them in the table's order, and compiling an ORDER BY
    # over the indicator's columns costs more than that sort.
    p = mapping.project_to_core(obj, obj.indicators.order_by())
    return sheet.sheet_html(obj, p, english=_english())


@require_GET
@login_required
def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    # The self-evaluation link and the review box (its state and who decided it) read these: with the
    # project, not in queries of their own.
    grant = access.project_access(request.user, pk, related=("self_evaluation", "review_state__decided_by"))
    return render(request, "projects/detail.html", _project_context(request, grant))


def _form_context(p: core.Project, version: int | None, errors: list[InputError], **more: Any) -> dict[str, Any]:
    by_field: dict[str, list[str]] = {}
    for e in errors:
        by_field.setdefault(e.field or "", []).append(e.message_en if _english() else e.message)
    return {
        "p": p, "version": version, "errors": errors, "field_errors": by_field,
        "indicator_errors": [m for key, found in by_field.items() if key.startswith("indicators") for m in found],
        "branches": framework_branches(p.framework),
        "indicator_rows": [_row_context(i, p.year) for i in p.indicators],
        "narrative_fields": [(key, label, getattr(p, key)) for key, label in NARRATIVE_LABELS.items()],
        "budget_fields": [(f"budget_{k}", label, decimal_text(getattr(p.budget, k)), by_field.get(f"budget_{k}", []))
                          for k, label in BUDGET_LABELS.items()],
        **more,
    }


def _row_context(ind: core.Indicator, year: int | None) -> dict[str, Any]:
    check = check_target(ind.target.raw, year) if ind.target.raw else None
    return {"ind": ind, "extra": forms.pass_through_json(ind), "check": check,
            "understood": check.describe(get_language() or "zh") if check and check.ok else ""}


def _english() -> bool:
    return (get_language() or "").startswith("en")


@require_http_methods(["GET", "POST"])
@login_required
def project_edit(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.project_access(request.user, pk)
    obj = grant.require_edit()
    locks.require_unlocked(obj)
    current = mapping.project_to_core(obj)
    if request.method == "GET":
        return render(request, "projects/edit.html", _form_context(current, obj.version, [], obj=obj))
    parsed = forms.parse_project_form(request.POST, framework=obj.framework)
    p = dataclasses.replace(parsed.project, extra=current.extra, department=obj.department.name)
    try:
        if parsed.errors:
            raise editing.Invalid(parsed.errors)
        editing.update_project(request.user, obj.pk, p, parsed.version)
    except editing.Invalid as exc:
        return render(request, "projects/edit.html", _form_context(p, parsed.version, exc.errors, obj=obj), status=400)
    except Conflict as exc:
        context = _form_context(p, parsed.version, [], obj=obj, conflict=exc)
        return render(request, "projects/edit.html", context, status=409)
    messages.success(request, _("已保存。"))
    return redirect("projects:detail", pk=obj.pk)


@require_http_methods(["GET", "POST"])
@login_required
def project_new(request: HttpRequest) -> HttpResponse:
    access.require_create(request.user)
    departments = Department.objects.all() if role_of(request.user) == ADMIN else None
    if request.method == "GET":
        blank = core.Project(name=None, year=None, framework="shanghai-2020")
        return render(request, "projects/edit.html", _form_context(blank, None, [], departments=departments))
    parsed = forms.parse_project_form(request.POST, framework="shanghai-2020")
    try:
        if parsed.errors:
            raise editing.Invalid(parsed.errors)
        obj = editing.create_project(request.user, parsed.project)
    except editing.Invalid as exc:
        context = _form_context(parsed.project, None, exc.errors, departments=departments)
        return render(request, "projects/edit.html", context, status=400)
    messages.success(request, _("项目已新建。"))
    return redirect("projects:detail", pk=obj.pk)


@require_POST
@login_required
def project_copy(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        obj = editing.copy_to_next_year(request.user, pk)
    except editing.Invalid as exc:
        messages.error(request, exc.message_en if _english() else exc.message)
        return redirect("projects:detail", pk=pk)
    messages.success(request, _("已复制为下一年度的同名项目。"))
    return redirect("projects:detail", pk=obj.pk)


@require_GET
@login_required
def project_history(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.project_access(request.user, pk)
    revisions = list(Revision.objects.filter(project=grant.project).select_related("actor", "source_document")
                     .defer("source_document__diagnostics"))
    return render(request, "projects/history.html", {"obj": grant.project, "can_edit": grant.can_edit,
                                                     "entries": history.entries(revisions)})


@require_GET
@login_required
def target_check(request: HttpRequest) -> HttpResponse:
    """HTMX: the target value as understood, or why it is not acceptable, while the user types."""
    raw = request.GET.get("raw", request.GET.get("ind_target", ""))[:500]
    try:
        year = int(request.GET.get("year") or 0) or None
    except ValueError:
        year = None
    check = check_target(raw, year)
    return render(request, "projects/_target_check.html", {"check": check, "understood": check.describe(
        get_language() or "zh") if check.ok else ""})


@require_http_methods(["GET", "POST"])
@login_required
def import_upload(request: HttpRequest) -> HttpResponse:
    if not access.may_create(request.user):
        raise PermissionDenied("只有部门编辑和管理员可以导入 / only editors and administrators may import")
    if request.method == "GET":
        return render(request, "projects/import.html", {})
    upload = request.FILES.get("file")
    if upload is None:
        error = InputError("请选择要导入的文件", "choose a file to import", field="file")
        return render(request, "projects/import.html", {"error": error}, status=400)
    try:
        result = importing.import_file(request.user, upload.name or "upload", upload.read())
    except InputError as exc:
        return render(request, "projects/import.html", {"error": exc}, status=400)
    return render(request, "projects/import.html", {"result": result, "projects": access.visible_projects(
        request.user).filter(pk__in=result.created + result.updated + result.unchanged).select_related("department")})
