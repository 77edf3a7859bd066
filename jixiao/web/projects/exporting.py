"""Exports from the database: the projects a user may see, in any target-table format of the export
registry, and the Excel template (填报模板) of a department and year. Used by the project page, the
project list, the API and ``jixiao export --from-db``.

Memory stays bounded whatever the number of projects: stored projects are read with ``.iterator()``
in chunks (each chunk's indicators fetched in one query) and turned into core objects one at a time.
Formats that stream (CSV, the data package, JSON) go out as they are made; the others (XLSX, the
template, DOCX, PDF) are written to a temporary file, which is then streamed.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable, Iterator
from typing import IO

from django.db.models import Prefetch, QuerySet
from django.http import FileResponse, HttpResponseBase, StreamingHttpResponse
from django.utils.http import content_disposition_header

from jixiao.core import model as core
from jixiao.core.errors import InputError
from jixiao.core.export import registry, template
from jixiao.core.export.registry import Exporter
from jixiao.web.accounts.models import Department
from jixiao.web.accounts.services import AnyUser
from jixiao.web.projects import access, mapping
from jixiao.web.projects.models import Indicator, Project
from jixiao.web.projects.queries import ProjectFilter

CHUNK = 200  # projects read per query; their indicators come in one more
Progress = Callable[[int], object]


def target_format(name: str | None) -> Exporter:
    """A format that writes target tables; an unknown one is bad input naming the known ones."""
    known = registry.names("targets")
    if name not in known:
        raise InputError(f"未知的导出格式 {name!r}（可用：{', '.join(known)}）",
                         f"unknown export format {name!r} (known: {', '.join(known)})", field="format")
    return registry.get(str(name))


def matching(user: AnyUser | None, f: ProjectFilter) -> QuerySet[Project]:
    """The projects the filter selects among those the user sees (``None``: the system, all)."""
    return f.apply(Project.objects.all() if user is None else access.visible_projects(user))


def core_projects(queryset: QuerySet[Project], progress: Progress | None = None) -> Iterator[core.Project]:
    """The stored projects as core objects, one at a time, in the queryset's order."""
    rows = (queryset.select_related("department")
            .prefetch_related(Prefetch("indicators", queryset=Indicator.objects.order_by("position")))
            .iterator(chunk_size=CHUNK))
    for obj in rows:
        yield mapping.project_to_core(obj)
        if progress is not None:
            progress(1)


def spooled(write: Callable[[IO[bytes]], object]) -> IO[bytes]:
    """What ``write`` writes, in a temporary file (deleted when closed) positioned at its start."""
    # Not a with-block: the file outlives this function; the response that streams it closes it.
    spool = tempfile.TemporaryFile()  # noqa: SIM115
    try:
        write(spool)
    except BaseException:
        spool.close()
        raise
    spool.seek(0)
    return spool


def response(exporter: Exporter, projects: Iterable[core.Project], stem: str) -> HttpResponseBase:
    """An attachment named ``stem`` plus the format's extension: streamed as made when the format can,
    else written to a temporary file first and streamed from it."""
    if exporter.chunks is not None:
        out: HttpResponseBase = StreamingHttpResponse(exporter.chunks(projects), content_type=exporter.media_type)
    else:
        out = FileResponse(spooled(lambda stream: exporter.write(projects, stream)),  # type: ignore[arg-type]
                           content_type=exporter.media_type)
    out["Content-Disposition"] = content_disposition_header(True, f"{stem}{exporter.extension}")
    out["X-Content-Type-Options"] = "nosniff"
    return out


def export_stem(f: ProjectFilter) -> str:
    """A file name saying what was exported: 绩效目标表-2020 or 绩效目标表-2020-<department>."""
    parts = ["绩效目标表"]
    if f.year is not None:
        parts.append(str(f.year))
    if f.department is not None:
        department = Department.objects.filter(pk=f.department).first()
        if department is not None:
            parts.append(department.name)
    return "-".join(parts)


# --- the template --------------------------------------------------------------------------------


TEMPLATE = "xlsx-template"


def template_projects(user: AnyUser | None, department: Department, year: int, empty: bool,
                      progress: Progress | None = None) -> Iterator[core.Project]:
    """The projects a department's template for ``year`` is filled with (none when ``empty``)."""
    if empty:
        return iter(())
    f = ProjectFilter(department=department.pk, year=year, sort="name")
    return core_projects(matching(user, f), progress)


def write_template(user: AnyUser | None, department: Department, year: int, empty: bool,
                   stream: IO[bytes], progress: Progress | None = None) -> int:
    """The template of a department and year to ``stream``; returns the number of projects in it."""
    projects = template_projects(user, department, year, empty, progress)
    return template.write_template(projects, stream, department=department.name, year=year)  # type: ignore[arg-type]


def template_response(user: AnyUser, department: Department, year: int, empty: bool) -> HttpResponseBase:
    exporter = registry.get(TEMPLATE)
    out = FileResponse(spooled(lambda stream: write_template(user, department, year, empty, stream)),
                       content_type=exporter.media_type)
    name = f"{department.name}-{year}年度-绩效目标表{'空白' if empty else ''}填报模板{exporter.extension}"
    out["Content-Disposition"] = content_disposition_header(True, name)
    return out


def parse_year(raw: object) -> int:
    try:
        year = int(str(raw))
    except (TypeError, ValueError):
        raise InputError("请给出年度（如 2024）", "give a year (e.g. 2024)", field="year") from None
    if not 1949 <= year <= 2200:
        raise InputError(f"年度 {year} 不合理", f"year {year} is out of range", field="year")
    return year
