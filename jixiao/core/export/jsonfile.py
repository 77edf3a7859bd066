"""The canonical JSON (``jixiao/targets@1``), exactly as ``jixiao parse --format json`` prints it.

It is one JSON object, yet it is made as the projects come: ``json``'s own encoder writes it piece by
piece (``iterencode``), and the lists of documents and of a document's projects are handed to it as
lists whose items are made only when it reaches them. So an export of many projects holds one
project at a time, like the CSV and the data package.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from itertools import chain, groupby
from typing import Any

from jixiao.core import canonical
from jixiao.core.export.registry import (
    CHUNK_BYTES,
    UNNAMED_SOURCE,
    Exporter,
    Item,
    register,
    write_chunks,
)
from jixiao.core.model import Document


class Streamed(list):
    """A list to ``json``'s encoder whose items are made as it encodes them. With ``indent`` the
    encoder is the pure-Python one, which asks a list only whether it is empty and iterates it once;
    a Streamed list is never empty (callers pass a plain [] for that)."""

    def __init__(self, items: Iterator[Any]) -> None:
        super().__init__()
        self.items = items

    def __iter__(self) -> Iterator[Any]:
        return self.items

    def __len__(self) -> int:
        return 1


def _streamed(items: Iterator[Any]) -> list[Any]:
    first = next(items, _END)
    return [] if first is _END else Streamed(chain([first], items))


_END = object()


def _documents(items: Iterable[Item]) -> Iterator[dict[str, Any]]:
    """Each Document as its dict; consecutive bare Projects as one document with an empty source
    (as ``registry.iter_documents`` gathers them), their projects made one at a time."""
    for is_document, group in groupby(items, key=lambda item: isinstance(item, Document)):
        if is_document:
            yield from (canonical.document_to_dict(d) for d in group)  # type: ignore[arg-type]
        else:
            d = canonical.document_to_dict(Document(source=UNNAMED_SOURCE, projects=()))
            d["projects"] = _streamed(canonical.project_to_dict(p) for p in group)  # type: ignore[arg-type]
            yield d


def chunks(items: Iterable[Item]) -> Iterator[bytes]:
    tree = {"schema": canonical.SCHEMA, "documents": _streamed(_documents(items))}
    pieces: list[str] = []
    size = 0
    for piece in json.JSONEncoder(ensure_ascii=False, indent=2).iterencode(tree):
        pieces.append(piece)
        size += len(piece)
        if size >= CHUNK_BYTES // 3:  # characters: a CJK character is three bytes
            yield "".join(pieces).encode("utf-8")
            pieces, size = [], 0
    pieces.append("\n")
    yield "".join(pieces).encode("utf-8")


write = write_chunks(chunks)

register(Exporter(
    name="json", extension=".json", media_type="application/json", write=write, chunks=chunks,
    title="规范 JSON（jixiao/targets@1）", title_en="canonical JSON (jixiao/targets@1)",
    keeps_documents=True,
))
