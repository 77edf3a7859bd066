"""The text reader: text extracted from published target tables (the seed's family of layouts).

bytes → text (``decode``) → rows of cells (``grid``) → projects (``layout``).
"""

from __future__ import annotations

from dataclasses import replace

from jixiao.core.errors import InputError
from jixiao.core.model import Document, DocumentSource
from jixiao.core.read.decode import decode_bytes
from jixiao.core.read.grid import text_to_rows
from jixiao.core.read.layout import TraceEntry, rows_to_document


def sniff(data: bytes) -> bool:
    """The last resort: whatever no other reader claimed is tried as text (and refused if binary)."""
    return True


def read(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Document:
    text, encoding = decode_bytes(data, source.path)
    source = replace(source, encoding=encoding, format="text")
    document = rows_to_document(text_to_rows(text), source, trace)
    if not document.projects:
        raise InputError("没有找到绩效目标表（既无项目字段，也无指标表头）",
                         "no target table found (no project fields and no indicator table header)",
                         path=source.path)
    return document
