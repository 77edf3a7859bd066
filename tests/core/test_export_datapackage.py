"""The open-data package: three linked CSV tables and a typed schema that frictionless validates."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from dataclasses import replace
from pathlib import Path

from frictionless import Package, validate

from jixiao.core.export import datapackage, tabular
from tests.core.export_helpers import export, long_project, seed


def _zip(tmp_path: Path, *items: object) -> Path:
    path = tmp_path / "package.zip"
    path.write_bytes(export("datapackage", items))
    return path


def _table(archive: zipfile.ZipFile, name: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(archive.read(name).decode("utf-8"), newline="")))


def test_the_zip_validates_and_holds_every_row(tmp_path: Path) -> None:
    path = _zip(tmp_path, seed())
    report = validate(str(path))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])
    rows = {task.name: task.stats["rows"] for task in report.tasks}
    assert rows == {"projects": 8, "budgets": 8, "indicators": 130}


def test_the_folder_validates_too(tmp_path: Path) -> None:
    folder = tmp_path / "package"
    datapackage.write_directory([seed()], folder)
    assert sorted(p.name for p in folder.iterdir()) == ["budgets.csv", "datapackage.json", "indicators.csv",
                                                       "projects.csv"]
    report = validate(str(folder / "datapackage.json"))
    assert report.valid, report.flatten(["rowNumber", "fieldName", "type", "note"])


def test_the_schema_is_typed_and_keyed() -> None:
    descriptor = datapackage.descriptor()
    resources = {r["name"]: r for r in descriptor["resources"]}
    assert list(resources) == ["projects", "budgets", "indicators"]
    fields = {f["name"]: f["type"] for f in resources["projects"]["schema"]["fields"]}
    assert fields["year"] == "integer" and fields["start_date"] == "date"
    assert fields["government_procurement"] == "boolean" and fields["name"] == "string"
    budget = {f["name"]: f["type"] for f in resources["budgets"]["schema"]["fields"]}
    assert budget["total"] == budget["previous_year_executed"] == "number"
    indicators = resources["indicators"]["schema"]
    assert indicators["primaryKey"] == ["project_id", "seq"]
    assert indicators["foreignKeys"] == [{"fields": "project_id",
                                          "reference": {"resource": "projects", "fields": "project_id"}}]
    assert all(r["schema"]["missingValues"] == [""] for r in resources.values())
    kinds = next(f for f in indicators["fields"] if f["name"] == "target_kind")
    assert kinds["constraints"]["enum"] == list(tabular.TARGET_KINDS)
    assert resources["projects"]["schema"]["fields"][2]["title"] == "年度"


def test_rows_are_typed_text_linked_by_the_project_id(tmp_path: Path) -> None:
    with zipfile.ZipFile(_zip(tmp_path, seed())) as archive:
        assert not archive.read("projects.csv").startswith(b"\xef\xbb\xbf")  # no BOM in open data
        projects, budgets, indicators = (_table(archive, f"{n}.csv") for n in datapackage.RESOURCES)
        described = json.loads(archive.read("datapackage.json"))
    assert described["name"] == datapackage.NAME
    first = projects[0]
    assert first["project_id"] == tabular.project_id(seed().projects[0])
    assert (first["year"], first["start_date"], first["government_procurement"]) == ("2020", "2020-01-01", "false")
    assert budgets[0]["total"] == "120000000" and budgets[0]["previous_year_executed"] == ""
    assert {i["project_id"] for i in indicators} == {p["project_id"] for p in projects}
    numeric = next(i for i in indicators if i["target_raw"] == ">1000家")
    assert (numeric["target_kind"], numeric["target_op"], numeric["target_number"]) == ("numeric", ">", "1000")
    grade = next(i for i in indicators if i["target_raw"] == "合理")
    assert grade["target_number"] == "" and grade["seq"] == "1"


def test_the_same_project_twice_keeps_the_keys_unique(tmp_path: Path) -> None:
    project = seed().projects[1]
    path = _zip(tmp_path, project, project)
    assert validate(str(path)).valid
    with zipfile.ZipFile(path) as archive:
        ids = [p["project_id"] for p in _table(archive, "projects.csv")]
    assert ids == [tabular.project_id(project), f"{tabular.project_id(project)}-2"]


def test_validation_catches_a_broken_link(tmp_path: Path) -> None:
    # The schema is not decoration: an indicator pointing at no project fails validation.
    folder = tmp_path / "package"
    datapackage.write_directory([seed().projects[1]], folder)
    indicators = folder / "indicators.csv"
    indicators.write_text(indicators.read_text(encoding="utf-8").replace(
        tabular.project_id(seed().projects[1]), "0000000000000000", 1), encoding="utf-8")
    report = validate(str(folder / "datapackage.json"))
    assert not report.valid
    assert {kind for (kind,) in report.flatten(["type"])} == {"foreign-key"}


def test_decimals_and_missing_values_read_back_typed(tmp_path: Path) -> None:
    project = replace(long_project(indicators=3), year=None, start_date=None)
    package = Package(str(_zip(tmp_path, project)))
    (budget,) = package.get_resource("budgets").read_rows()
    assert str(budget["total"]) == "1234567.5" and budget["previous_year"] is None
    (row,) = package.get_resource("projects").read_rows()
    assert row["year"] is None and row["government_procurement"] is True
