"""Exports where users find them, and Excel both ways: the project page's downloads, the filtered list's
exports (streamed), the department template, the API, and a workbook that goes out, is edited offline
and comes back through the one import service. The files are opened and looked into."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import unquote

import openpyxl
import pytest
from django.http import FileResponse, StreamingHttpResponse
from django.test import Client

from jixiao.core import canonical
from jixiao.core.model import Project as CoreProject
from jixiao.core.model import SourceRef
from jixiao.core.read import read_bytes
from jixiao.web.accounts.models import Department
from jixiao.web.projects import mapping
from jixiao.web.projects.models import REIMPORT, Project, Revision
from tests.web.conftest import DEPT_A, DEPT_B

LOGIN = "login"


def _body(response: Any) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return bytes(response.content)


def _plain(p: CoreProject) -> CoreProject:
    """A project less provenance and the reader's diagnostics."""
    return replace(p, source=SourceRef(), diagnostics=(),
                   indicators=tuple(replace(i, source=SourceRef()) for i in p.indicators))


def exporter_ext(fmt: str) -> str:
    from jixiao.core.export import registry

    return registry.get(fmt).extension


def _stored(queryset: Any) -> list[CoreProject]:
    return [_plain(mapping.project_to_core(obj)) for obj in queryset.select_related("department")]


# --- the persona battery ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Case:
    name: str
    url: str  # {pk}: the seed project of department A; {a}, {b}: the departments' ids
    expect: dict[str | None, int | str]
    api: bool = False


OWN = {"editor_a": 200, "editor_b": 404, "viewer_a": 200, "reviewer": 200, "admin": 200, None: LOGIN}
ALL = {"editor_a": 200, "editor_b": 200, "viewer_a": 200, "reviewer": 200, "admin": 200, None: LOGIN}
BAD = {"editor_a": 404, "editor_b": 404, "viewer_a": 404, "reviewer": 404, "admin": 404, None: LOGIN}
OWN_DEPARTMENT = {"editor_a": 200, "editor_b": 200, "viewer_a": 200, "reviewer": 404, "admin": 404, None: LOGIN}
BAD_INPUT = {"editor_a": 400, "editor_b": 400, "viewer_a": 400, "reviewer": 400, "admin": 400, None: LOGIN}


def _api(expect: dict[str | None, int | str]) -> dict[str | None, int | str]:
    return {**expect, None: 401}


CASES = [
    *(Case(f"project-{fmt}", f"/projects/{{pk}}/export/{fmt}/", OWN)
      for fmt in ("json", "csv", "xlsx", "xlsx-template", "docx", "pdf", "datapackage")),
    Case("project-unknown-format", "/projects/{pk}/export/xls/", {**BAD, "editor_b": 404}),
    Case("project-bad-id", "/projects/999999/export/csv/", BAD),
    Case("list-csv", "/projects/export/?format=csv&year=2020", ALL),
    Case("list-xlsx", "/projects/export/?format=xlsx&q=港口", ALL),
    Case("list-unknown-format", "/projects/export/?format=xls", BAD_INPUT),
    Case("template", "/projects/template/?department={a}&year=2020", OWN),
    Case("template-empty", "/projects/template/?department={a}&year=2021&empty=1", OWN),
    Case("template-other-department", "/projects/template/?department={b}&year=2020",
         {**OWN, "editor_a": 404, "viewer_a": 404, "editor_b": 200}),
    Case("template-own-department", "/projects/template/?year=2020", OWN_DEPARTMENT),
    Case("template-no-year", "/projects/template/?department={a}", {**BAD_INPUT, "editor_b": 404}),
    Case("template-bad-department", "/projects/template/?department=999999&year=2020", BAD),
    Case("api-export", "/api/v1/projects/export?format=csv&year=2020", _api(ALL), api=True),
    Case("api-export-bad-filter", "/api/v1/projects/export?format=csv&budget_min=lots", _api(BAD_INPUT), api=True),
    Case("api-template", "/api/v1/projects/template?department={a}&year=2020", _api(OWN), api=True),
]
PERSONAS = ["editor_a", "editor_b", "viewer_a", "reviewer", "admin", None]


@pytest.mark.django_db
@pytest.mark.parametrize("persona", PERSONAS, ids=lambda p: p or "anonymous")
@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_battery(case: Case, persona: str | None, project, client_as, token_for) -> None:  # type: ignore[no-untyped-def]
    Department.objects.get_or_create(name=DEPT_B)
    ids = {d.name: d.pk for d in Department.objects.all()}
    url = case.url.format(pk=project.pk, a=ids[DEPT_A], b=ids[DEPT_B])
    if case.api:
        headers = {"Authorization": f"Bearer {token_for(persona)}"} if persona else {}
        response = Client().get(url, headers=headers)
    else:
        response = client_as(persona).get(url)
    expected = case.expect[persona]
    if expected == LOGIN:
        assert response.status_code == 302 and response["Location"].startswith("/accounts/login/")
    else:
        assert response.status_code == expected, _body(response)[:300]
    if response.status_code == 200:
        assert response["Content-Disposition"].startswith("attachment")


@pytest.mark.django_db
def test_uploading_a_workbook_needs_the_csrf_token(project, client_as) -> None:  # type: ignore[no-untyped-def]
    data = _body(client_as("editor_a").get(f"/projects/{project.pk}/export/xlsx-template/"))
    upload = io.BytesIO(data)
    upload.name = "template.xlsx"
    assert client_as("editor_a", csrf=True).post("/import/", {"file": upload}).status_code == 403
    assert Revision.objects.filter(project=project).count() == 1


# --- what the files hold -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_each_format_from_the_project_page_holds_the_project(project, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("viewer_a")
    stored = _stored(Project.objects.filter(pk=project.pk))
    for fmt in ("xlsx", "xlsx-template", "docx", "pdf"):
        response = client.get(f"/projects/{project.pk}/export/{fmt}/")
        assert isinstance(response, FileResponse)
        disposition = unquote(response["Content-Disposition"])
        assert disposition.startswith("attachment") and disposition.endswith(f"2020-{project.name}{exporter_ext(fmt)}")
        back = read_bytes(_body(response), f"page.{fmt.split('-')[0]}")
        assert [(p.name, [i.target.raw for i in p.indicators]) for p in back.projects] == \
            [(s.name, [i.target.raw for i in s.indicators]) for s in stored]
    data = _body(client.get(f"/projects/{project.pk}/export/json/"))
    (doc,) = canonical.loads(data.decode("utf-8"))
    assert [_plain(p) for p in doc.projects] == stored
    rows = list(csv.DictReader(io.StringIO(_body(client.get(f"/projects/{project.pk}/export/csv/")).decode("utf-8-sig"))))
    assert {r["项目名称"] for r in rows} == {project.name} and len(rows) == project.indicator_count


@pytest.mark.django_db
def test_the_filtered_list_streams_exactly_the_matching_projects(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("reviewer")
    query = "year=2020&category=其他一次性项目&sort=name"
    wanted = Project.objects.filter(year=2020, category="其他一次性项目").order_by("name")
    assert 0 < wanted.count() < len(seed)
    response = client.get(f"/projects/export/?format=csv&{query}")
    assert isinstance(response, StreamingHttpResponse) and response["Content-Type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(_body(response).decode("utf-8-sig"))))
    assert list(dict.fromkeys(r["项目名称"] for r in rows)) == [p.name for p in wanted]
    assert len(rows) == sum(p.indicator_count for p in wanted)

    package = client.get(f"/projects/export/?format=datapackage&{query}")
    assert isinstance(package, StreamingHttpResponse)
    with zipfile.ZipFile(io.BytesIO(_body(package))) as z:
        names = [r["name"] for r in csv.DictReader(io.StringIO(z.read("projects.csv").decode("utf-8")))]
        assert names == [p.name for p in wanted]
        assert len(z.read("indicators.csv").decode("utf-8").splitlines()) == 1 + len(rows)

    streamed_json = client.get(f"/projects/export/?format=json&{query}")
    assert isinstance(streamed_json, StreamingHttpResponse)
    (doc,) = canonical.loads(_body(streamed_json).decode("utf-8"))
    assert [_plain(p) for p in doc.projects] == _stored(wanted)

    workbook = client.get(f"/projects/export/?format=xlsx&{query}")
    assert isinstance(workbook, FileResponse)
    assert [_plain(p) for p in read_bytes(_body(workbook), "list.xlsx").projects] == _stored(wanted)


@pytest.mark.django_db
def test_a_list_export_holds_only_what_the_user_may_see(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    rows = _body(client_as("editor_b").get("/projects/export/?format=csv")).decode("utf-8-sig").splitlines()
    assert len(rows) == 1  # the header only: department B has no projects
    rows = _body(client_as("viewer_a").get("/projects/export/?format=csv")).decode("utf-8-sig").splitlines()
    assert len(rows) == 1 + sum(p.indicator_count for p in seed)


@pytest.mark.django_db
def test_the_api_export_streams_with_the_lists_filters(seed, api_client) -> None:  # type: ignore[no-untyped-def]
    response = api_client.get("/api/v1/projects/export?format=json&q=港口")
    assert isinstance(response, StreamingHttpResponse)
    (doc,) = canonical.loads(_body(response).decode("utf-8"))
    assert [p.name for p in doc.projects] == list(Project.objects.filter(search_text__contains="港口")
                                                   .order_by("-year", "name", "id").values_list("name", flat=True))
    bad = api_client.get("/api/v1/projects/export?format=xls")
    assert bad.status_code == 400 and "xlsx-template" in json.loads(bad.content)["detail"]["message_en"]


@pytest.fixture
def api_client(token_for) -> Client:  # type: ignore[no-untyped-def]
    return Client(headers={"Authorization": f"Bearer {token_for('editor_a')}"})


@pytest.mark.django_db
def test_the_department_template_has_drop_downs_notes_and_the_years_projects(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    department = Department.objects.get(name=DEPT_A)
    response = client_as("editor_a").get(f"/projects/template/?department={department.pk}&year=2020")
    assert "filename*=utf-8''" in response["Content-Disposition"]
    data = _body(response)
    wb = openpyxl.load_workbook(io.BytesIO(data))
    assert wb.sheetnames[0] == "填写说明" and wb.sheetnames[-1] == "下拉选项"
    sheet = wb[seed[0].name[:31]]
    formulas = {dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert "一级目标清单" in formulas and any(f.startswith("INDIRECT(") for f in formulas)
    header = next(row for row in sheet.iter_rows() if row[0].value == "一级目标")
    assert "≥" in header[3].comment.text and "年6月30日" in header[3].comment.text
    back = read_bytes(data, "template.xlsx")
    assert [_plain(p) for p in back.projects] == _stored(Project.objects.filter(year=2020, department=department)
                                                          .order_by("name", "id"))
    blank = openpyxl.load_workbook(io.BytesIO(_body(client_as("editor_a").get(
        f"/projects/template/?department={department.pk}&year=2024&empty=1"))))
    assert blank.sheetnames == ["填写说明", "新项目", "下拉选项"]
    assert blank["新项目"]["A2"].value == "(2024年度)" and blank["新项目"]["A3"].value == f"申报单位名称：{DEPT_A}"


# --- Excel both ways: out, edited offline, back in ---------------------------------------------------


def _upload(client: Client, data: bytes, name: str = "tables.xlsx") -> Any:
    upload = io.BytesIO(data)
    upload.name = name
    return client.post("/import/", {"file": upload})


@pytest.mark.django_db
@pytest.mark.parametrize("fmt", ["xlsx", "xlsx-template"])
def test_export_then_upload_changes_nothing(fmt: str, seed, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    before = (Revision.objects.count(), list(Project.objects.order_by("pk").values_list("version", flat=True)))
    data = _body(client.get(f"/projects/export/?format={fmt}"))
    response = _upload(client, data)
    assert response.status_code == 200
    result = response.context["result"]
    assert not result.created and not result.updated and len(result.unchanged) == len(seed)
    assert (Revision.objects.count(), list(Project.objects.order_by("pk").values_list("version", flat=True))) == before


def _edited(data: bytes, sheet_name: str, old: str, new: str) -> bytes:
    """The workbook with one cell's text changed, as someone would change it in Excel."""
    wb = openpyxl.load_workbook(io.BytesIO(data))
    ws = wb[sheet_name]
    (cell,) = [c for row in ws.iter_rows() for c in row if c.value == old][:1]
    cell.value = new
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


@pytest.mark.django_db
def test_an_edited_cell_updates_that_project_with_a_revision(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    department = Department.objects.get(name=DEPT_A)
    data = _body(client.get(f"/projects/template/?department={department.pk}&year=2020"))
    target = seed[1]  # 打响上海购物品牌
    indicator = target.indicators.order_by("position").first()
    edited = _edited(data, target.name[:31], indicator.target_raw, "≥98%")
    result = _upload(client, edited, "edited.xlsx").context["result"]
    assert result.updated == [target.pk] and len(result.unchanged) == len(seed) - 1 and not result.created
    target.refresh_from_db()
    assert target.version == 2
    first = target.indicators.order_by("position").first()
    assert (first.target_raw, first.target_kind, first.target_op, first.target_value) == ("≥98%", "numeric", ">=", "98")
    revision = Revision.objects.get(project=target, version=2)
    assert revision.action == REIMPORT and revision.source_document.name == "edited.xlsx"
    history = client.get(f"/projects/{target.pk}/history/").content.decode()
    assert "edited.xlsx" in history
    # the same file again: already imported, nothing changes
    again = _upload(client, edited, "edited-again.xlsx").context["result"]
    assert again.already_imported and Revision.objects.filter(project=target).count() == 2


@pytest.mark.django_db
def test_the_api_takes_the_edited_workbook_back(seed, client_as, api_client) -> None:  # type: ignore[no-untyped-def]
    data = _body(api_client.get("/api/v1/projects/template?year=2020"))  # the caller's own department
    edited = _edited(data, seed[0].name[:31], "预算编制合理性", "预算编制科学合理性")
    upload = io.BytesIO(edited)
    upload.name = "api.xlsx"
    body = json.loads(api_client.post("/api/v1/imports", {"file": upload}).content)
    assert body["updated"] == [seed[0].pk] and len(body["unchanged"]) == len(seed) - 1
    assert seed[0].indicators.filter(name="预算编制科学合理性").exists()


# --- where the buttons are ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_pages_link_to_the_exports(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    department = Department.objects.get(name=DEPT_A)
    page = client.get(f"/projects/{seed[0].pk}/").content.decode()
    for fmt in ("json", "csv", "xlsx", "xlsx-template", "docx", "pdf", "datapackage"):
        assert f"/projects/{seed[0].pk}/export/{fmt}/" in page
    listing = client.get(f"/projects/?department={department.pk}&year=2020&q=港口").content.decode()
    for fmt in ("csv", "xlsx", "datapackage", "json"):
        assert f"format={fmt}" in listing
    assert f"/projects/export/?department={department.pk}&amp;year=2020&amp;q=" in listing
    assert f"/projects/template/?department={department.pk}&amp;year=2020" in listing
    upload_page = client.get("/import/").content.decode()
    assert 'action="/projects/template/"' in upload_page and f'value="{department.pk}"' in upload_page
