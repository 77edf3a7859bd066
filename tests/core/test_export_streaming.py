"""Formats that stream (CSV, the data package, JSON) hand their output over as they make it: the
first bytes leave before most projects are even made, and the pieces are exactly what ``write`` writes."""

from __future__ import annotations

import importlib
import io
from collections.abc import Iterator
from functools import cache

import pytest

from jixiao.core import canonical
from jixiao.core.export import registry
from jixiao.core.model import Project
from tests.core.export_helpers import export, first_two, seed

STREAMING = ("json", "csv", "datapackage")


@cache
def _corpus() -> tuple[Project, ...]:
    from bench.corpus import generate_projects

    return tuple(generate_projects(400, seed=3))


class Counted:
    """The projects, counting how many were asked for."""

    def __init__(self, projects: tuple[Project, ...]) -> None:
        self.projects = projects
        self.taken = 0

    def __iter__(self) -> Iterator[Project]:
        for p in self.projects:
            self.taken += 1
            yield p


@pytest.mark.parametrize("name", STREAMING)
def test_the_first_chunk_leaves_before_most_projects_are_made(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # smaller chunks than in use (64 KB), so that 400 projects make many: the deflated data package
    # holds about 200 bytes a project
    monkeypatch.setattr(importlib.import_module(registry.get(name).chunks.__module__), "CHUNK_BYTES", 8192)
    items = Counted(_corpus())
    pieces = registry.get(name).chunks(items)
    assert next(pieces) and items.taken < len(_corpus()) // 2
    assert sum(1 for _ in pieces) > 3


@pytest.mark.parametrize("name", STREAMING)
def test_the_chunks_are_what_write_writes(name: str) -> None:
    exporter = registry.get(name)
    assert exporter.chunks is not None
    for items in ([seed()], list(_corpus()[:50]), []):
        assert b"".join(exporter.chunks(items)) == export(name, items)


def test_streamed_json_is_the_canonical_text_byte_for_byte() -> None:
    bare = list(_corpus()[:5])
    for items in ([seed(), first_two()], bare, [bare[0], seed(), *bare[1:]], []):
        expected = canonical.dumps(list(registry.iter_documents(items))) + "\n"
        assert export("json", items).decode("utf-8") == expected


def test_workbooks_and_pdfs_are_written_whole() -> None:
    assert {e.name for e in registry.formats() if e.chunks is None} == {"xlsx", "xlsx-template", "docx", "pdf"}
    out = io.BytesIO()
    registry.get("csv").write(iter([seed()]), out)  # write still takes a stream
    assert out.getvalue().startswith(b"\xef\xbb\xbf")
