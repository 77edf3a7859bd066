"""Monitoring pages. Each view: the access helper first, then parse input, call one service, render."""

from __future__ import annotations

import io
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from jixiao.core.errors import InputError
from jixiao.core.export import registry
from jixiao.core.export.monitoring_forms import Monitored
from jixiao.core.selfeval import BANDS, DEVIATION_REASONS, LIKELIHOODS
from jixiao.web.accounts.models import Department
from jixiao.web.accounts.services import reads_all_departments
from jixiao.web.errors import Conflict
from jixiao.web.monitoring import display, forms, mapping, services
from jixiao.web.monitoring.access import RoundAccess, round_access
from jixiao.web.monitoring.models import MonitoredRow, Round
from jixiao.web.projects import access as project_access
from jixiao.web.projects import queries as project_queries
from jixiao.web.projects.presentation import indicator_table
from jixiao.web.selfeval.scoring import active_settings

EXPORTS = {"xlsx": "monitoring-xlsx", "docx": "monitoring-docx", "pdf": "monitoring-pdf"}
MONTHS = tuple(range(1, 13))


def _int(text: str | None) -> int | None:
    try:
        return int(text or "")
    except ValueError:
        return None


def _latest_rounds(projects: Any) -> dict[int, Round]:
    rounds = Round.objects.filter(project__in=projects).select_related("project").prefetch_related(
        Prefetch("rows", queryset=MonitoredRow.objects.order_by("position")))
    latest: dict[int, Round] = {}
    for r in rounds.order_by("project_id", "-months"):
        latest.setdefault(r.project_id, r)
    return latest


@require_GET
@login_required
def overview(request: HttpRequest) -> HttpResponse:
    """Per department, each project's latest round: the spending light and its indicators' lights."""
    visible = project_access.visible_projects(request.user)
    years = project_queries.years(visible)
    year = _int(request.GET.get("year")) or (years[0] if years else None)
    projects = visible.filter(year=year).select_related("department").order_by("department__name", "name")
    department = _int(request.GET.get("department")) if reads_all_departments(request.user) else None
    if department:
        projects = projects.filter(department_id=department)
    latest = _latest_rounds(projects)
    groups: dict[str, list[dict[str, Any]]] = {}
    for p in projects:
        groups.setdefault(p.department.name, []).append(_project_line(p, latest.get(p.pk)))
    return render(request, "monitoring/overview.html", {
        "years": years, "year": year, "groups": groups, "department": department,
        "departments": Department.objects.filter(pk__in=visible.values("department_id")) if reads_all_departments(
            request.user) else None,
        "legend": display.legend(active_settings())})


def _project_line(project: Any, obj: Round | None) -> dict[str, Any]:
    if obj is None:
        return {"project": project, "round": None}
    spending, *lights = (display.light_view(a) for a in services.alerts(mapping.round_to_core(obj)))
    return {"project": project, "round": obj, "spending": spending, "counts": display.counts(lights)}


@require_http_methods(["GET", "POST"])
@login_required
def project_rounds(request: HttpRequest, pk: int) -> HttpResponse:
    grant = project_access.project_access(request.user, pk)
    if request.method == "POST":
        months = _int(request.POST.get("months"))
        obj = services.start(request.user, pk, months if months is not None else 0)
        return redirect("monitoring:edit", pk=obj.pk)
    rounds = Round.objects.filter(project=grant.project).order_by("-months")
    return render(request, "monitoring/rounds.html", {"project": grant.project, "rounds": rounds,
                                                      "can_edit": grant.can_edit, "months": MONTHS})


def _context(grant: RoundAccess, report: Any, errors: list[InputError], **more: Any) -> dict[str, Any]:
    spending, *lights = (display.light_view(a) for a in services.alerts(report))
    table = indicator_table(tuple(m.indicator for m in report.indicators))
    by_field: dict[str, list[str]] = {}
    for e in errors:
        by_field.setdefault(e.field or "", []).append(e.message_en if display.english() else e.message)
    rows = [{"n": n, "m": m, "t": t, "light": light} for n, (m, t, light) in
            enumerate(zip(report.indicators, table, lights, strict=True))]
    return {"obj": grant.round, "project": grant.round.project, "report": report, "spending": spending,
            "rows": rows, "can_edit": grant.can_edit, "legend": display.legend(active_settings()),
            "errors": [m for found in by_field.values() for m in found], "bands": BANDS,
            "reasons": DEVIATION_REASONS, "likelihoods": LIKELIHOODS,
            "exports": [(key, registry.get(name)) for key, name in EXPORTS.items()], **more}


@require_GET
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = round_access(request.user, pk)
    return render(request, "monitoring/detail.html", _context(grant, mapping.round_to_core(grant.round), []))


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    grant = round_access(request.user, pk)
    obj = grant.require_edit()
    stored = mapping.round_to_core(obj)
    if request.method == "GET":
        return render(request, "monitoring/edit.html", _context(grant, stored, [], version=obj.version))
    parsed = forms.parse(request.POST, stored)
    try:
        if parsed.errors:
            raise services.Invalid(parsed.errors)
        services.save(request.user, pk, parsed.report, parsed.version)
    except services.Invalid as exc:
        return render(request, "monitoring/edit.html", _context(grant, parsed.report, exc.errors,
                                                                version=parsed.version), status=400)
    except InputError as exc:
        return render(request, "monitoring/edit.html", _context(grant, parsed.report, [exc], version=parsed.version),
                      status=400)
    except Conflict as exc:
        return render(request, "monitoring/edit.html", _context(grant, parsed.report, [], version=parsed.version,
                                                                conflict=exc), status=409)
    messages.success(request, _("已保存。"))
    return redirect("monitoring:detail", pk=pk)


@require_GET
@login_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404("no such format")
    grant = round_access(request.user, pk)
    exporter = registry.get(EXPORTS[fmt])
    out = io.BytesIO()
    items: list[Any] = [Monitored(mapping.round_to_core(grant.round), active_settings())]
    exporter.write(items, out)
    p = grant.round.project
    name = f"{p.year}-{p.name}-监控表-{grant.round.period}{exporter.extension}"
    response = HttpResponse(out.getvalue(), content_type=exporter.media_type)
    response["Content-Disposition"] = f"attachment; filename=\"monitoring{exporter.extension}\"; filename*=UTF-8''{quote(name)}"
    return response
