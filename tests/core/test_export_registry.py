"""The export registry: built-ins register as an extension would, unknown names are bad input."""

from __future__ import annotations

import io
from collections.abc import Iterable
from typing import BinaryIO

import pytest

from jixiao.core import canonical
from jixiao.core.errors import InputError
from jixiao.core.export import registry
from jixiao.core.model import Document, Project
from tests.core.export_helpers import export, first_two, seed


def test_the_built_in_formats_in_order_with_their_file_types() -> None:
    found = {e.name: (e.extension, e.media_type, e.binary) for e in registry.formats()}
    assert list(found) == ["json", "csv", "xlsx", "xlsx-template", "docx", "pdf", "datapackage"]
    assert found["csv"] == (".csv", "text/csv; charset=utf-8", False)
    assert found["xlsx"][0] == ".xlsx" and found["xlsx"][2] is True
    assert found["pdf"] == (".pdf", "application/pdf", True)
    assert all(e.several_projects for e in registry.formats())


def test_unknown_format_is_bad_input_naming_the_known_ones() -> None:
    with pytest.raises(InputError) as caught:
        registry.get("xls")
    assert "xls" in str(caught.value) and "xlsx" in str(caught.value) and caught.value.field == "format"


def test_an_extension_registers_like_a_built_in_and_cannot_take_a_built_in_name(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(registry, "_EXPORTERS", dict(registry._EXPORTERS))

    def names_only(items: Iterable[Document | Project], stream: BinaryIO) -> None:
        stream.write("\n".join(p.name or "" for p in registry.iter_projects(items)).encode())

    registry.register(registry.Exporter(name="names", extension=".txt", media_type="text/plain",
                                        write=names_only, title="项目名称", title_en="project names"))
    assert registry.names()[-1] == "names"
    assert export("names", [seed()]).decode().splitlines()[1] == "打响上海购物品牌"
    with pytest.raises(ValueError, match="already registered"):
        registry.register(registry.Exporter(name="csv", extension=".csv", media_type="text/csv",
                                            write=names_only, title="", title_en=""))


def test_items_may_mix_documents_and_bare_projects() -> None:
    doc = first_two()
    loose = seed().projects[2]
    documents = list(registry.iter_documents([doc, loose, loose]))
    assert [len(d.projects) for d in documents] == [2, 2]
    assert documents[0] is doc and documents[1].source.path == ""
    assert [p.name for p in registry.iter_projects([doc, loose])][-1] == "单一窗口经费—运维费"


def test_json_is_the_canonical_json_and_reads_back_equal() -> None:
    data = export("json", [seed()])
    assert data.endswith(b"\n") and "上海市商务委员会".encode() in data  # Chinese not escaped
    assert canonical.loads(data.decode()) == [seed()]
    assert data.decode() == canonical.dumps([seed()]) + "\n"


def test_json_of_bare_projects_wraps_them_in_a_document() -> None:
    (document,) = canonical.loads(export("json", list(first_two().projects)))
    assert document.projects == first_two().projects and document.source.path == ""


def test_writers_leave_the_callers_stream_open() -> None:
    for name in ("csv", "json"):
        stream = io.BytesIO()
        registry.get(name).write([first_two()], stream)
        assert not stream.closed and stream.getvalue()
