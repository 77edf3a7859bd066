"""Downloads: one project in any export format, the filtered list, and a department's Excel template
for a year. Each view: the access helper first, then parse input, call the export service, answer."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponseBase
from django.views.decorators.http import require_GET

from jixiao.core.errors import InputError
from jixiao.web.projects import access, exporting, mapping
from jixiao.web.projects.queries import ProjectFilter


@require_GET
@login_required
def project_export(request: HttpRequest, pk: int, fmt: str) -> HttpResponseBase:
    grant = access.project_access(request.user, pk)
    try:
        exporter = exporting.target_format(fmt)
    except InputError:
        raise Http404("no such format") from None
    p = mapping.project_to_core(grant.project)
    return exporting.response(exporter, [p], f"{p.year}-{p.name}")


@require_GET
@login_required
def list_export(request: HttpRequest) -> HttpResponseBase:
    """Every project the list's filter matches (as the list page reads it: unusable values ignored)."""
    exporter = exporting.target_format(request.GET.get("format"))
    f = ProjectFilter.from_query(request.GET)
    projects = exporting.core_projects(exporting.matching(request.user, f))
    return exporting.response(exporter, projects, exporting.export_stem(f))


@require_GET
@login_required
def department_template(request: HttpRequest) -> HttpResponseBase:
    """The template of a department (the user's own when none is named) and year; ``empty=1`` for
    a blank form, otherwise filled with the year's projects the user sees."""
    department = access.department_access(request.user, request.GET.get("department"))
    year = exporting.parse_year(request.GET.get("year"))
    empty = request.GET.get("empty") in ("1", "on", "true")
    return exporting.template_response(request.user, department, year, empty)
