"""Readers: published target tables (text, and other formats) into Documents of Projects.

Every reader turns its source into a grid — rows of cells, each row knowing where it came from — and
hands it to one layout engine (``jixiao.core.read.layout``) that finds the projects, their facts,
budget and indicator table, repairs the damage and reports every repair as a Diagnostic.

``read_bytes`` picks the reader from the content, never from the file name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from jixiao.core.errors import InputError
from jixiao.core.model import Document, DocumentSource
from jixiao.core.read.layout import TraceEntry

# A sniffer says whether the bytes are its format; a reader turns them into a Document, recording how
# it classified each row in the trace when one is given (``jixiao parse --explain``).
Sniffer = Callable[[bytes], bool]
Reader = Callable[[bytes, DocumentSource, "list[TraceEntry] | None"], Document]
_READERS: list[tuple[str, Sniffer, Reader]] = []

MAX_BYTES = 200 * 1024 * 1024


def register(fmt: str, sniff: Sniffer, read: Reader) -> None:
    """Add a reader; the first whose sniffer accepts the bytes reads them. Text comes last."""
    _READERS.insert(len(_READERS) - 1 if _READERS and _READERS[-1][0] == "text" else len(_READERS),
                    (fmt, sniff, read))


def read_bytes(data: bytes, name: str, trace: list[TraceEntry] | None = None) -> Document:
    """Read one document. Raises InputError (naming ``name``) for input that is not a target table."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError("文件为空", "the file is empty", path=name)
    if len(data) > MAX_BYTES:
        raise InputError(f"文件过大（超过 {MAX_BYTES // 2**20} MB）", f"file too large (over {MAX_BYTES // 2**20} MB)",
                         path=name)
    _load_builtins()
    source = DocumentSource(path=name, sha256=hashlib.sha256(data).hexdigest())
    for fmt, sniff, read in _READERS:
        if sniff(data):
            return read(data, DocumentSource(path=source.path, sha256=source.sha256, format=fmt), trace)
    raise InputError("无法识别的文件格式", "unrecognised file format", path=name)


def read_path(path: str | Path, trace: list[TraceEntry] | None = None) -> Document:
    p = Path(path)
    try:
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("文件不存在", "no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("这是一个目录，不是文件", "is a directory, not a file", path=str(path)) from None
    except PermissionError:
        raise InputError("没有读取权限", "permission denied", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}", path=str(path)) from None
    return read_bytes(data, str(path), trace)


def _load_builtins() -> None:
    if _READERS:
        return
    from jixiao.core.read import docx, html, office, pdf, text, xlsx

    # Most specific first: packages by their main part, then PDF, legacy/encrypted Office, HTML, text.
    _READERS.append(("xlsx", xlsx.sniff, xlsx.read))
    _READERS.append(("docx", docx.sniff, docx.read))
    _READERS.append(("zip", office.sniff_other_zip, office.refuse_zip))
    _READERS.append(("pdf", pdf.sniff, pdf.read))
    _READERS.append(("office", office.sniff_ole2, office.refuse_ole2))
    _READERS.append(("html", html.sniff, html.read))
    _READERS.append(("text", text.sniff, text.read))
