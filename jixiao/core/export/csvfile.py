"""CSV for Excel and WPS users: one row per indicator, its project's facts and money beside it.

UTF-8 with a byte-order mark, because Excel opens a CSV without one in the local code page and
shows the Chinese as mojibake. Text that Excel would take for a formula (the target value "=100%")
is written as ="=100%" so that it shows as written (``excel_text``); this CSV is for spreadsheets,
the data package is the one for programs. Headers are the Chinese labels of the official form; money is plain
decimal text in 元 (no thousands separators, no float rounding); 是/否 for yes/no. The six
narrative fields are left out: repeated on every indicator row they would swamp the table (they are
in the JSON, XLSX and data package exports). The 项目编号 column is the data package's project id.

Written row by row: memory does not grow with the number of projects.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any, BinaryIO, cast

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
from jixiao.core.model import Project

_PROJECT_NAMES = ("project_id", "department", "year", "name", "category", "start_date", "end_date",
                  "government_procurement", "performance_type")
_BUDGET_NAMES = ("total", "current_year", "previous_year", "previous_year_executed")


Source = str  # which table a column comes from: "project", "budget" or "indicator"


def _columns() -> tuple[tuple[Source, tabular.Column], ...]:
    project = {c.name: c for c in tabular.PROJECT_COLUMNS}
    budget = {c.name: c for c in tabular.BUDGET_COLUMNS}
    return (tuple(("project", project[n]) for n in _PROJECT_NAMES)
            + tuple(("budget", budget[n]) for n in _BUDGET_NAMES)
            + tuple(("indicator", c) for c in tabular.INDICATOR_COLUMNS[1:]))


# The project and the indicator both have a "name", so columns are looked up by (table, name).
COLUMNS = _columns()
HEADER = tuple(c.label for _, c in COLUMNS)


_PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?%?")


def excel_text(text: str) -> str:
    """Text that Excel and WPS show as written. A cell starting with = + - or @ is a formula to them:
    "=100%" would show as 1 and "=120000000元" as #NAME?. Written as the formula ="=100%", it shows
    as =100%. Plain numbers ("-5", "+3.5%") are left alone."""
    if text[:1] in ("=", "+", "-", "@") and not _PLAIN_NUMBER.fullmatch(text):
        return '="' + text.replace('"', '""') + '"'
    return text


def _spell(name: str, value: Any) -> str:
    if isinstance(value, bool):
        return "是" if value else "否"
    if name == "target_kind" and isinstance(value, str):
        return tabular.KIND_LABELS.get(value, value)
    return excel_text(tabular.cell_text(value))


def project_to_rows(pid: str, project: Project) -> Iterator[list[str]]:
    """The CSV rows of one project: one per indicator, or one with empty indicator columns when it
    has none, so that no project disappears from the table."""
    tables: dict[Source, tabular.Row] = {"project": tabular.project_row(pid, project),
                                        "budget": tabular.budget_row(pid, project)}
    for indicator in list(tabular.indicator_rows(pid, project)) or [{}]:
        tables["indicator"] = indicator
        yield [_spell(c.name, tables[source].get(c.name)) for source, c in COLUMNS]


def chunks(items: Iterable[Item]) -> Iterator[bytes]:
    """The CSV in pieces of about CHUNK_BYTES, made as the projects come."""
    sink = Sink()
    text = io.TextIOWrapper(cast(BinaryIO, sink), encoding="utf-8-sig", newline="", write_through=True)
    out = csv.writer(text)
    out.writerow(HEADER)
    ids = tabular.ProjectIds()
    for project in iter_projects(items):
        out.writerows(project_to_rows(ids.next(project), project))
        if sink.size >= CHUNK_BYTES:
            yield sink.drain()
    text.flush()
    yield sink.drain()


write = write_chunks(chunks)


register(Exporter(
    name="csv", extension=".csv", media_type="text/csv; charset=utf-8", write=write, chunks=chunks,
    title="CSV 表格（每个指标一行，带 BOM，Excel/WPS 可直接打开）",
    title_en="CSV, one row per indicator (UTF-8 with BOM for Excel/WPS)",
))
