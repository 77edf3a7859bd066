"""Projects in the JSON API: list and filter, read, create and update in the canonical JSON, import;
export the matching projects in any format (streamed) and download a department's Excel template."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponseBase
from ninja import File, Query, Router, Schema, Status
from ninja.files import UploadedFile

from jixiao.core import canonical
from jixiao.core import model as core
from jixiao.core.errors import InputError
from jixiao.web.projects import access, editing, exporting, importing, mapping, queries
from jixiao.web.projects.models import Project
from jixiao.web.schemas import ErrorOut

router = Router(tags=["projects"])
imports = Router(tags=["imports"])


class ProjectFilterIn(Schema):
    department: int | None = None
    year: int | None = None
    category: str | None = None
    performance_type: str | None = None
    budget_min: str | None = None
    budget_max: str | None = None
    q: str | None = None
    sort: str = queries.DEFAULT_SORT
    page: int = 1
    page_size: int = 50


class ExportFilterIn(Schema):
    format: str = "json"
    department: int | None = None
    year: int | None = None
    category: str | None = None
    performance_type: str | None = None
    budget_min: str | None = None
    budget_max: str | None = None
    q: str | None = None
    sort: str = queries.DEFAULT_SORT


class TemplateIn(Schema):
    year: int
    department: int | None = None
    empty: bool = False


_FILE = {"description": "The file, as an attachment (streamed)."}


class ProjectSummary(Schema):
    id: int
    version: int
    department: str
    year: int
    name: str
    category: str | None
    performance_type: str | None
    budget_current_year: str | None
    indicator_count: int
    quantified_count: int


class ProjectPage(Schema):
    count: int
    page: int
    page_size: int
    items: list[ProjectSummary]


class ProjectOut(Schema):
    id: int
    version: int
    project: dict[str, Any]


class ProjectIn(Schema):
    project: dict[str, Any]


class ProjectUpdateIn(Schema):
    version: int
    project: dict[str, Any]


class ImportOut(Schema):
    name: str
    sha256: str
    already_imported: bool
    created: list[int]
    updated: list[int]
    unchanged: list[int]
    diagnostics: int


def _summary(obj: Project) -> dict[str, Any]:
    return {"id": obj.pk, "version": obj.version, "department": obj.department.name, "year": obj.year,
            "name": obj.name, "category": obj.category, "performance_type": obj.performance_type,
            "budget_current_year": canonical.decimal_text(mapping.stored_money(obj.budget_current_year)),
            "indicator_count": obj.indicator_count, "quantified_count": obj.quantified_count}


def _out(obj: Project) -> dict[str, Any]:
    return {"id": obj.pk, "version": obj.version, "project": canonical.project_to_dict(mapping.project_to_core(obj))}


def _core_project(data: dict[str, Any]) -> core.Project:
    try:
        return canonical.project_from_dict(data, "$.project")
    except canonical.CanonicalError as exc:
        raise InputError(f"项目 JSON 无效：{exc}", f"invalid project JSON: {exc}", field="project") from None


@router.get("", response=ProjectPage, summary="List and filter projects")
def list_projects(request: HttpRequest, filters: Query[ProjectFilterIn]) -> dict[str, Any]:
    f = queries.ProjectFilter.from_query(filters.dict())
    if f.errors:
        raise InputError(f"筛选条件无效：{', '.join(f.errors)}", f"invalid filter: {', '.join(f.errors)}",
                         field=f.errors[0])
    size = max(1, min(filters.page_size, 500))
    paginator = Paginator(queries.list_columns(f.apply(access.visible_projects(request.user))), size)
    page = paginator.get_page(filters.page)
    return {"count": paginator.count, "page": page.number, "page_size": size,
            "items": [_summary(obj) for obj in page.object_list]}


def _filter(data: dict[str, Any]) -> queries.ProjectFilter:
    f = queries.ProjectFilter.from_query(data)
    if f.errors:
        raise InputError(f"筛选条件无效：{', '.join(f.errors)}", f"invalid filter: {', '.join(f.errors)}",
                         field=f.errors[0])
    return f


@router.get("/export", response={400: ErrorOut}, summary="Export the matching projects (streamed file)",
            description="Every project the filters select among those the caller may see, in one export "
                        "format (json, csv, xlsx, xlsx-template, docx, pdf, datapackage). CSV, JSON and the "
                        "data package stream as they are made; the others are written first, then streamed.",
            openapi_extra={"responses": {200: _FILE}})
def export_projects(request: HttpRequest, filters: Query[ExportFilterIn]) -> HttpResponseBase:
    exporter = exporting.target_format(filters.format)
    f = _filter(filters.dict())
    projects = exporting.core_projects(exporting.matching(request.user, f))
    return exporting.response(exporter, projects, exporting.export_stem(f))


@router.get("/template", response={400: ErrorOut, 404: ErrorOut},
            summary="The Excel template of a department and year (填报模板)",
            description="The official XLSX form with drop-down lists and notes, filled with the year's projects "
                        "of the department (the caller's own when omitted), or blank with empty=true. Fill it "
                        "in offline and send it back to POST /imports.",
            openapi_extra={"responses": {200: _FILE}})
def department_template(request: HttpRequest, params: Query[TemplateIn]) -> HttpResponseBase:
    department = access.department_access(request.user, params.department)
    year = exporting.parse_year(params.year)
    return exporting.template_response(request.user, department, year, params.empty)


@router.get("/{int:project_id}", response={200: ProjectOut, 404: ErrorOut}, summary="One project, canonical JSON")
def get_project(request: HttpRequest, project_id: int) -> dict[str, Any]:
    return _out(access.project_access(request.user, project_id).project)


@router.post("", response={201: ProjectOut, 400: ErrorOut, 403: ErrorOut}, summary="Create a project")
def create_project(request: HttpRequest, body: ProjectIn) -> Status:
    obj = editing.create_project(request.user, _core_project(body.project))
    return Status(201, _out(Project.objects.select_related("department").get(pk=obj.pk)))


@router.put("/{int:project_id}", response={200: ProjectOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut,
                                           409: ErrorOut}, summary="Update a project (optimistic locking)")
def update_project(request: HttpRequest, project_id: int, body: ProjectUpdateIn) -> dict[str, Any]:
    obj = editing.update_project(request.user, project_id, _core_project(body.project), body.version)
    return _out(Project.objects.select_related("department").get(pk=obj.pk))


@imports.post("", response={200: ImportOut, 400: ErrorOut, 403: ErrorOut}, summary="Import a document")
def import_document(request: HttpRequest, file: File[UploadedFile]) -> dict[str, Any]:
    access.require_create(request.user)
    result = importing.import_file(request.user, file.name or "upload", file.read())
    return {"name": result.name, "sha256": result.sha256, "already_imported": result.already_imported,
            "created": result.created, "updated": result.updated, "unchanged": result.unchanged,
            "diagnostics": result.diagnostics}
