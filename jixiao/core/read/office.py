"""Containers that look like documents but are none the readers can read: said clearly, not guessed at.

A zip that is neither a workbook nor a Word document (an .xlsb, an .ods, an archive of files), and a
legacy or encrypted Office file (OLE2), each get one message saying what it is and what to do.
"""

from __future__ import annotations

from jixiao.core.errors import InputError
from jixiao.core.model import DocumentSource
from jixiao.core.read import sniff
from jixiao.core.read.cellgrid import Grid
from jixiao.core.read.layout import TraceEntry


def sniff_other_zip(data: bytes) -> bool:
    return sniff.is_zip(data)


def refuse_zip(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Grid:
    found = sniff.package(data)
    if not found or not found.names:
        raise InputError("zip 文件已损坏（可能是损坏的 XLSX 或 DOCX）",
                         "corrupt zip file (perhaps a damaged XLSX or DOCX)", path=source.path)
    if "xl/workbook.bin" in found.names:
        raise InputError("不支持 Excel 二进制工作簿（.xlsb），请另存为 .xlsx",
                         "Excel binary workbooks (.xlsb) are not supported; save it as .xlsx", path=source.path)
    if "content.xml" in found.names:
        raise InputError("不支持 OpenDocument 格式（.ods/.odt），请另存为 .xlsx 或 .docx",
                         "OpenDocument files (.ods/.odt) are not supported; save it as .xlsx or .docx",
                         path=source.path)
    raise InputError("这是 zip 压缩包，不是 XLSX 或 DOCX 文件", "a zip archive, not an XLSX or DOCX file",
                     path=source.path)


def sniff_ole2(data: bytes) -> bool:
    return sniff.is_ole2(data)


def refuse_ole2(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Grid:
    raise sniff.refuse_ole2(data, source.path)
