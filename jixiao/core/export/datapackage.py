"""Open data: a Frictionless Data Package (v1, tabular) that anyone can validate.

Three CSV resources — ``projects.csv``, ``budgets.csv``, ``indicators.csv`` — linked by the stable
``project_id`` (see ``tabular.project_id``), and ``datapackage.json`` with a typed Table Schema per
resource: primary keys, foreign keys to ``projects``, ``missingValues: [""]``. The CSVs are plain
UTF-8 without a byte-order mark, as the Data Package spec expects, with machine column names; the
Chinese labels are the fields' titles.

``write`` makes a zip (the registry's format); ``write_directory`` the same files in a folder.
Both take one pass over the projects and hold one project at a time: the zip can have only one
member open for writing, so ``budgets.csv`` and ``indicators.csv`` are spooled to temporary files
(on disk once large) while ``projects.csv`` streams straight in.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any, cast

from jixiao.core.export import tabular
from jixiao.core.export.registry import (
    CHUNK_BYTES,
    Exporter,
    Item,
    Sink,
    iter_projects,
    register,
    write_chunks,
)

NAME = "jixiao-performance-targets"
RESOURCES = ("projects", "budgets", "indicators")
# A fixed timestamp makes the same input give a byte-identical zip.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)
_SPOOL_BYTES = 8 * 2**20


def _field(column: tabular.Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "title": column.label, "type": column.type,
                             "description": column.description}
    if column.enum:
        field["constraints"] = {"enum": list(column.enum)}
    if column.name == "project_id":
        field["constraints"] = {"required": True}
    return field


_FOREIGN_KEY = {"fields": "project_id", "reference": {"resource": "projects", "fields": "project_id"}}


def _resource(name: str, columns: tuple[tabular.Column, ...], primary_key: str | list[str],
              linked: bool, title: str) -> dict[str, Any]:
    schema: dict[str, Any] = {"fields": [_field(c) for c in columns], "missingValues": [""],
                              "primaryKey": primary_key}
    if linked:
        schema["foreignKeys"] = [_FOREIGN_KEY]
    return {"name": name, "path": f"{name}.csv", "title": title, "profile": "tabular-data-resource",
            "format": "csv", "mediatype": "text/csv", "encoding": "utf-8",
            "dialect": {"delimiter": ",", "doubleQuote": True, "header": True}, "schema": schema}


def descriptor() -> dict[str, Any]:
    """The ``datapackage.json``: the same for every export, since it describes the columns only."""
    return {
        "profile": "tabular-data-package",
        "name": NAME,
        "title": "财政项目支出绩效目标 / Performance targets of public project spending",
        "description": ("Target tables (财政项目支出绩效目标表) exported by jixiao: one row per project, "
                        "its budget in 元, and one row per indicator. Target values are kept as "
                        "written (target_raw) beside their typed reading."),
        "resources": [
            _resource("projects", tabular.PROJECT_COLUMNS, "project_id", False, "项目 / projects"),
            _resource("budgets", tabular.BUDGET_COLUMNS, "project_id", True, "预算 / budgets (元)"),
            _resource("indicators", tabular.INDICATOR_COLUMNS, ["project_id", "seq"], True,
                      "绩效指标 / indicators"),
        ],
    }


def descriptor_bytes() -> bytes:
    return (json.dumps(descriptor(), ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def _row(columns: tuple[tabular.Column, ...], values: tabular.Row) -> list[str]:
    return [tabular.cell_text(values.get(c.name)) for c in columns]


def write_tables(items: Iterable[Item], projects: IO[str], budgets: IO[str], indicators: IO[str]) -> int:
    """Write the three CSVs side by side in one pass; returns the number of projects."""
    return sum(1 for _ in tables_stepwise(items, projects, budgets, indicators))


def tables_stepwise(items: Iterable[Item], projects: IO[str], budgets: IO[str], indicators: IO[str]) -> Iterator[None]:
    """``write_tables``, yielding after each project (so that a caller may pass on what is written)."""
    outs = {name: csv.writer(stream) for name, stream in
            (("projects", projects), ("budgets", budgets), ("indicators", indicators))}
    outs["projects"].writerow([c.name for c in tabular.PROJECT_COLUMNS])
    outs["budgets"].writerow([c.name for c in tabular.BUDGET_COLUMNS])
    outs["indicators"].writerow([c.name for c in tabular.INDICATOR_COLUMNS])
    ids = tabular.ProjectIds()
    for project in iter_projects(items):
        pid = ids.next(project)
        outs["projects"].writerow(_row(tabular.PROJECT_COLUMNS, tabular.project_row(pid, project)))
        outs["budgets"].writerow(_row(tabular.BUDGET_COLUMNS, tabular.budget_row(pid, project)))
        outs["indicators"].writerows(_row(tabular.INDICATOR_COLUMNS, r)
                                     for r in tabular.indicator_rows(pid, project))
        yield


def _text(binary: IO[bytes]) -> io.TextIOWrapper:
    return io.TextIOWrapper(binary, encoding="utf-8", newline="")


def _member(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


@contextmanager
def _spooled() -> Iterator[tuple[io.TextIOWrapper, IO[bytes]]]:
    """A text stream over a temporary file that stays in memory until it is large."""
    with tempfile.SpooledTemporaryFile(max_size=_SPOOL_BYTES) as spool:
        binary = cast(IO[bytes], spool)
        text = _text(binary)
        yield text, binary
        text.detach()


def chunks(items: Iterable[Item]) -> Iterator[bytes]:
    """The data package as one zip, ``datapackage.json`` at its root, in pieces of about CHUNK_BYTES
    made as the projects come (``projects.csv`` first; the two spooled tables follow)."""
    sink = Sink()
    with zipfile.ZipFile(sink, "w") as archive, _spooled() as budgets, _spooled() as indicators:
        archive.writestr(_member("datapackage.json"), descriptor_bytes())
        with archive.open(_member("projects.csv"), "w") as member:
            projects = _text(member)
            for _ in tables_stepwise(items, projects, budgets[0], indicators[0]):
                if sink.size >= CHUNK_BYTES:
                    yield sink.drain()
            projects.flush()
            projects.detach()
        for name, (text, binary) in (("budgets.csv", budgets), ("indicators.csv", indicators)):
            text.flush()
            binary.seek(0)
            with archive.open(_member(name), "w") as member:
                while block := binary.read(CHUNK_BYTES):
                    member.write(block)
                    if sink.size >= CHUNK_BYTES:
                        yield sink.drain()
    yield sink.drain()


write = write_chunks(chunks)


def write_directory(items: Iterable[Item], folder: Path) -> None:
    """The data package as files in ``folder`` (created if needed)."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "datapackage.json").write_bytes(descriptor_bytes())
    with (open(folder / "projects.csv", "w", encoding="utf-8", newline="") as projects,
          open(folder / "budgets.csv", "w", encoding="utf-8", newline="") as budgets,
          open(folder / "indicators.csv", "w", encoding="utf-8", newline="") as indicators):
        write_tables(items, projects, budgets, indicators)


register(Exporter(
    name="datapackage", extension=".zip", media_type="application/zip", write=write, chunks=chunks,
    title="开放数据包（Frictionless Data Package：项目、预算、指标三张表）",
    title_en="open-data package (Frictionless Data Package: projects, budgets, indicators)",
    binary=True,
))
