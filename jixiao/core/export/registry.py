"""The one registry of export formats.

A format is an ``Exporter``: a name (``--format`` on the CLI), a file extension, a media type, a
``write(items, stream)`` function and what it can do. The built-in formats register themselves here
exactly as an extension would: by calling ``register`` when their module is imported. A package
outside jixiao adds a format by declaring an entry point in the group ``jixiao.exporters`` that names
a module (or callable) doing the same.

``items`` is an iterable of Documents or bare Projects, consumed once: a writer must not need to
see it twice, so that exports of many projects stream. A format that can hand its output over as it
makes it (CSV, the data package, JSON) also has ``chunks(items)``, a generator of bytes, for responses
that stream; the others (a workbook, a PDF) are written whole.
"""

from __future__ import annotations

import importlib
import io
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import BinaryIO

from jixiao.core.errors import InputError
from jixiao.core.model import Document, DocumentSource, Project

Item = Document | Project
Writer = Callable[[Iterable[Item], BinaryIO], None]
Chunks = Callable[[Iterable[Item]], Iterator[bytes]]
CHUNK_BYTES = 64 * 1024  # what a streaming writer gathers before handing it over
XLSX_MEDIA_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

ENTRY_POINT_GROUP = "jixiao.exporters"
BUILTIN_MODULES = ("jsonfile", "csvfile", "xlsx", "template", "word", "pdf", "datapackage", "selfeval_forms",
                   "monitoring_forms")


@dataclass(frozen=True, slots=True)
class Exporter:
    """One export format.

    ``several_projects``: the format can hold more than one project in one file.
    ``binary``: the output is not text and cannot go to a terminal.
    ``keeps_documents``: the output records which document each project came from, so callers
    should pass Documents rather than bare Projects.
    ``kind``: the form written — ``targets`` (the target table and its data), ``selfeval`` (the
    自评表) or ``monitoring`` (the monitoring table). Every writer takes target tables; the others
    also take the self-evaluations or monitoring reports their form is about.
    ``chunks``: the same bytes as ``write``, yielded as they are made (None: written whole only).
    """

    name: str
    extension: str
    media_type: str
    write: Writer
    title: str
    title_en: str
    several_projects: bool = True
    binary: bool = False
    keeps_documents: bool = False
    kind: str = "targets"
    chunks: Chunks | None = None


_EXPORTERS: dict[str, Exporter] = {}
_loaded = False


def register(exporter: Exporter) -> None:
    """Add a format. A second format of the same name is a programming error, not a silent override.

    The built-ins are loaded first, whoever registers first, so that they keep their order and an
    extension cannot take a built-in's name."""
    _load()
    if exporter.name in _EXPORTERS:
        raise ValueError(f"export format {exporter.name!r} is already registered")
    _EXPORTERS[exporter.name] = exporter


def formats(kind: str | None = "targets") -> tuple[Exporter, ...]:
    """Every registered format of a kind (None: of every kind): the built-ins in their own order
    (whichever module was imported first), then the others in registration order."""
    _load()
    return tuple(sorted((e for e in _EXPORTERS.values() if kind in (None, e.kind)), key=_rank))


def _rank(exporter: Exporter) -> int:
    module = exporter.write.__module__.rpartition(".")[2]
    if exporter.write.__module__.startswith(__package__ or "") and module in BUILTIN_MODULES:
        return BUILTIN_MODULES.index(module)
    return len(BUILTIN_MODULES)


def names(kind: str | None = "targets") -> tuple[str, ...]:
    return tuple(e.name for e in formats(kind))


def get(name: str) -> Exporter:
    """The format called ``name``; an unknown name is bad input (the user typed it)."""
    _load()
    try:
        return _EXPORTERS[name]
    except KeyError:
        known = ", ".join(_EXPORTERS)
        raise InputError(f"未知的导出格式 {name!r}（可用：{known}）",
                         f"unknown export format {name!r} (known: {known})", field="format") from None


def _load() -> None:
    global _loaded
    if _loaded:
        return
    _loaded = True
    for module in BUILTIN_MODULES:
        importlib.import_module(f"jixiao.core.export.{module}")
    for point in entry_points(group=ENTRY_POINT_GROUP):
        loaded = point.load()
        if callable(loaded):
            loaded()


# --- what writers share: walking the items, streaming --------------------------------------------


class Sink(io.BufferedIOBase):
    """A stream that keeps what is written until ``drain`` takes it: a writer that writes to a stream
    (csv, zipfile, a text wrapper) becomes a generator of chunks by draining its sink as it goes.
    Not seekable, so zipfile writes with data descriptors and never goes back."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[bytes] = []
        self.size = 0

    def writable(self) -> bool:
        return True

    def write(self, data: bytes) -> int:  # type: ignore[override]
        self.parts.append(bytes(data))
        self.size += len(data)
        return len(data)

    def drain(self) -> bytes:
        out = b"".join(self.parts)
        self.parts.clear()
        self.size = 0
        return out


def write_chunks(chunks: Chunks) -> Writer:
    """The ``write`` of a format that has ``chunks``: one implementation for both."""
    def write(items: Iterable[Item], stream: BinaryIO) -> None:
        for chunk in chunks(items):
            stream.write(chunk)
    write.__module__ = chunks.__module__  # the built-ins' order is told by the writer's module
    return write



def iter_projects(items: Iterable[Item]) -> Iterator[Project]:
    """The projects of the items, in order, one at a time."""
    for item in items:
        if isinstance(item, Document):
            yield from item.projects
        else:
            yield item


UNNAMED_SOURCE = DocumentSource(path="", sha256="", format="model")


def iter_documents(items: Iterable[Item]) -> Iterator[Document]:
    """The items as Documents: consecutive bare Projects are gathered into one Document with an
    empty source, since they did not come from a file."""
    loose: list[Project] = []
    for item in items:
        if isinstance(item, Document):
            if loose:
                yield Document(source=UNNAMED_SOURCE, projects=tuple(loose))
                loose = []
            yield item
        else:
            loose.append(item)
    if loose:
        yield Document(source=UNNAMED_SOURCE, projects=tuple(loose))
