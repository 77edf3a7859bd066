"""Readers: published target tables and self-evaluation forms, in text and other formats.

Every reader turns its source into a grid — rows of cells, each row knowing where it came from
(``to_rows``) — and the grid goes to one of two engines: target tables to the layout engine
(``jixiao.core.read.layout``), which finds the projects, their facts, budget and indicator table,
repairs the damage and reports every repair as a Diagnostic; self-evaluation forms (项目支出绩效自评表)
to ``jixiao.core.read.selfeval``. Which one is told by the header found: an indicator table with a
实际完成值 or 得分 column is a self-evaluation, and reading it as a target table is refused with a
pointer to ``jixiao score`` rather than reading nonsense.

The reader is picked from the content, never from the file name.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from jixiao.core.errors import InputError
from jixiao.core.model import Document, DocumentSource
from jixiao.core.read.cellgrid import Grid, grid_to_document
from jixiao.core.read.layout import TraceEntry
from jixiao.core.read.selfeval import cell_where, indicator_header, is_selfeval, rows_to_selfeval
from jixiao.core.selfeval import SelfEvaluation

# A sniffer says whether the bytes are its format; a reader turns them into a grid, noting what it
# detected for the trace when one is given (``jixiao parse --explain``).
Sniffer = Callable[[bytes], bool]
ToRows = Callable[[bytes, DocumentSource, "list[TraceEntry] | None"], Grid]
_READERS: list[tuple[str, Sniffer, ToRows]] = []

MAX_BYTES = 200 * 1024 * 1024


def register(fmt: str, sniff: Sniffer, to_rows: ToRows) -> None:
    """Add a reader; the first whose sniffer accepts the bytes reads them. Text comes last."""
    _READERS.insert(len(_READERS) - 1 if _READERS and _READERS[-1][0] == "text" else len(_READERS),
                    (fmt, sniff, to_rows))


def read_grid(data: bytes, name: str, trace: list[TraceEntry] | None = None) -> Grid:
    """The rows of one document, by the reader its content calls for. Raises InputError naming ``name``."""
    if not data.strip(b" \t\r\n\x00\xef\xbb\xbf\xff\xfe"):
        raise InputError("文件为空", "the file is empty", path=name)
    if len(data) > MAX_BYTES:
        raise InputError(f"文件过大（超过 {MAX_BYTES // 2**20} MB）", f"file too large (over {MAX_BYTES // 2**20} MB)",
                         path=name)
    _load_builtins()
    source = DocumentSource(path=name, sha256=hashlib.sha256(data).hexdigest())
    for fmt, sniff, to_rows in _READERS:
        if sniff(data):
            return to_rows(data, DocumentSource(path=source.path, sha256=source.sha256, format=fmt), trace)
    raise InputError("无法识别的文件格式", "unrecognised file format", path=name)


def read_bytes(data: bytes, name: str, trace: list[TraceEntry] | None = None) -> Document:
    """Read one target table document. Raises InputError (naming ``name``) for input that is not one."""
    grid = read_grid(data, name, trace)
    header = is_selfeval(grid.rows)
    if header is not None:
        columns = indicator_header(header) or {}
        field, line = cell_where(header, columns.get("actual", columns.get("score", 0)))
        raise InputError("这是项目支出绩效自评表（有“实际完成值”或“得分”列），不是绩效目标表；请用 jixiao score 读取",
                         "this is a self-evaluation form (项目支出绩效自评表, with 实际完成值 or 得分 columns), not a "
                         "target table; read it with `jixiao score`", path=name, line=line, field=field)
    return grid_to_document(grid, trace)


def read_selfeval_bytes(data: bytes, name: str) -> list[SelfEvaluation]:
    """Every self-evaluation form (项目支出绩效自评表) in one document, whatever its format."""
    grid = read_grid(data, name)
    return rows_to_selfeval(grid.rows, grid.source)


def path_to_bytes(path: str | Path) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("文件不存在", "no such file", path=str(path)) from None
    except IsADirectoryError:
        raise InputError("这是一个目录，不是文件", "is a directory, not a file", path=str(path)) from None
    except PermissionError:
        raise InputError("没有读取权限", "permission denied", path=str(path)) from None
    except OSError as exc:
        raise InputError(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}", path=str(path)) from None


def read_path(path: str | Path, trace: list[TraceEntry] | None = None) -> Document:
    return read_bytes(path_to_bytes(path), str(path), trace)


def read_selfeval_path(path: str | Path) -> list[SelfEvaluation]:
    return read_selfeval_bytes(path_to_bytes(path), str(path))


def _load_builtins() -> None:
    if _READERS:
        return
    from jixiao.core.read import docx, html, office, pdf, text, xlsx

    # Most specific first: packages by their main part, then PDF, legacy/encrypted Office, HTML, text.
    _READERS.append(("xlsx", xlsx.sniff, xlsx.to_rows))
    _READERS.append(("docx", docx.sniff, docx.to_rows))
    _READERS.append(("zip", office.sniff_other_zip, office.refuse_zip))
    _READERS.append(("pdf", pdf.sniff, pdf.to_rows))
    _READERS.append(("office", office.sniff_ole2, office.refuse_ole2))
    _READERS.append(("html", html.sniff, html.to_rows))
    _READERS.append(("text", text.sniff, text.to_rows))
