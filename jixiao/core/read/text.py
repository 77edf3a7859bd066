"""The text reader: text extracted from published target tables (the seed's family of layouts).

bytes → text (``decode``) → rows of cells (``grid``) → projects (``layout``) or self-evaluation forms
(``selfeval``).
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.core.model import Document, DocumentSource
from jixiao.core.read.cellgrid import Grid, grid_to_document
from jixiao.core.read.decode import decode_bytes
from jixiao.core.read.grid import text_to_rows
from jixiao.core.read.layout import TraceEntry


def sniff(data: bytes) -> bool:
    """The last resort: whatever no other reader claimed is tried as text (and refused if binary)."""
    return True


def to_rows(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Grid:
    text, encoding = decode_bytes(data, source.path)
    return Grid(text_to_rows(text), replace(source, encoding=encoding, format="text"))


def read(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Document:
    return grid_to_document(to_rows(data, source, trace), trace)
