"""The DOCX reader: a Word document's paragraphs and tables, in order, as rows for the layout engine.

python-docx opens the package; the rows are read from its XML, because python-docx's cell API
repeats a merged cell's text in every grid position it covers. Here a horizontally merged cell
(``w:gridSpan``) gives its text once and leaves the positions it spans empty, and a vertically
merged continuation cell (``w:vMerge`` without ``restart``) is empty — what the flattened text of the
same table looks like, so that the engine carries 一级/二级 down. A table nested in a cell is read
after the row holding it. A paragraph between tables is a row of its own (split at tabs). Content
controls (``w:sdt``) are read through; deleted text of tracked changes is not read. Macro-enabled
documents (.docm) are read without their macros.
"""

from __future__ import annotations

import io
import re
import zipfile
from typing import Any

from jixiao.core.errors import InputError
from jixiao.core.model import Document, DocumentSource, SourceRef
from jixiao.core.read import diagnose
from jixiao.core.read.cellgrid import Grid, GridBuilder, column_letter, grid_to_document
from jixiao.core.read.layout import TraceEntry
from jixiao.core.read.sniff import check_package, is_docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_P, _TBL, _TR, _TC, _SDT, _CONTENT, _CUSTOM = (W + t for t in ("p", "tbl", "tr", "tc", "sdt", "sdtContent",
                                                                  "customXml"))
_MACRO_TYPES = re.compile(rb"application/vnd\.ms-word\.(document|template)\.macroEnabled\.main\+xml")
_DOCUMENT_TYPE = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"

sniff = is_docx


def read(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Document:
    return grid_to_document(to_rows(data, source, trace), trace)


def to_rows(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Grid:
    check_package(data, source.path, "DOCX")
    body = open_body(data, source.path)
    grid = GridBuilder(trace)
    reader = BodyReader(grid)
    reader.block(body)
    if reader.repeats:
        grid.diag(diagnose.merged_repeats(1, "DOCX", reader.repeats))
    return grid.grid(source, "DOCX")


def open_body(data: bytes, path: str) -> Any:
    import docx  # imported when a document is read, so that reading text never pays for it

    try:
        return docx.Document(io.BytesIO(without_macros(data))).element.body
    except (zipfile.BadZipFile, KeyError, ValueError, OSError, SyntaxError) as exc:
        raise InputError(f"DOCX 文件已损坏，无法读取（{str(exc)[:80]}）",
                         f"corrupt DOCX file, cannot be read ({str(exc)[:80]})", path=path) from None
    except Exception as exc:  # lxml's XMLSyntaxError and python-docx's own errors have no common base
        if type(exc).__module__.startswith(("lxml", "docx")):
            raise InputError(f"DOCX 文件已损坏，无法读取（{str(exc)[:80]}）",
                             f"corrupt DOCX file, cannot be read ({str(exc)[:80]})", path=path) from None
        raise


def without_macros(data: bytes) -> bytes:
    """A .docm as a plain .docx: python-docx refuses the macro-enabled content type, and the macros
    (``vbaProject.bin``) are never wanted. Plain documents are returned as they are."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        types = archive.read("[Content_Types].xml")
        if not _MACRO_TYPES.search(types):
            return data
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as clean:
            for info in archive.infolist():
                if info.filename.endswith("vbaProject.bin"):
                    continue
                content = archive.read(info)
                if info.filename == "[Content_Types].xml":
                    content = _MACRO_TYPES.sub(_DOCUMENT_TYPE, content)
                clean.writestr(info, content)
    return out.getvalue()


def paragraph_text(p: Any) -> str:
    """A paragraph's text: runs, tabs and line breaks, without deleted text (``w:delText``)."""
    parts: list[str] = []
    for el in p.iter(W + "t", W + "tab", W + "br", W + "cr", W + "noBreakHyphen"):
        tag = el.tag
        if tag == W + "t":
            parts.append(el.text or "")
        elif tag == W + "tab":
            parts.append("\t")
        elif tag == W + "noBreakHyphen":
            parts.append("-")
        else:
            parts.append("\n")
    return "".join(parts)


def unwrap(parent: Any) -> list[Any]:
    """Children of an element, reading through content controls and custom XML wrappers."""
    out: list[Any] = []
    for child in parent:
        if child.tag in (_SDT, _CUSTOM):
            inner = child.find(_CONTENT) if child.tag == _SDT else child
            if inner is not None:
                out.extend(unwrap(inner))
        else:
            out.append(child)
    return out


def _prop(tc: Any, name: str) -> Any:
    props = tc.find(W + "tcPr")
    return props.find(W + name) if props is not None else None


class BodyReader:
    def __init__(self, grid: GridBuilder) -> None:
        self.grid = grid
        self.tables = 0
        self.paragraphs = 0
        self.repeats = 0

    def block(self, parent: Any) -> None:
        for child in unwrap(parent):
            if child.tag == _P:
                self.paragraph(child)
            elif child.tag == _TBL:
                self.table(child, label=None)

    def paragraph(self, p: Any) -> None:
        self.paragraphs += 1
        text = paragraph_text(p)
        if text.strip():
            cells = [c for c in text.split("\t")] if "\t" in text else [text]
            self.grid.add(cells, SourceRef(cell=f"paragraph {self.paragraphs}"), raw=text)

    def table(self, tbl: Any, label: str | None) -> None:
        self.tables += 1
        name = label or f"table {self.tables}"
        rows = [tr for tr in unwrap(tbl) if tr.tag == _TR]
        width = self.grid_width(tbl, rows)
        self.grid.note("grid", f"{name}: {len(rows)} rows × {width} columns")
        for r, tr in enumerate(rows):
            cells, nested, covered = self.row_cells(tr)
            self.grid.add(cells, SourceRef(sheet=name, cell=self.first_cell(cells, r)), covered=covered)
            for n, (col, inner) in enumerate(nested, start=1):
                self.table(inner, label=f"{name} {column_letter(col)}{r + 1}.{n}")

    @staticmethod
    def grid_width(tbl: Any, rows: list[Any]) -> int:
        grid = tbl.find(W + "tblGrid")
        return len(grid.findall(W + "gridCol")) if grid is not None else max(
            (len(tr.findall(_TC)) for tr in rows), default=0)

    @staticmethod
    def first_cell(cells: list[str | None], row: int) -> str:
        first = next((i for i, c in enumerate(cells) if c), 0)
        return f"{column_letter(first)}{row + 1}"

    def row_cells(self, tr: Any) -> tuple[list[str | None], list[tuple[int, Any]], frozenset[int]]:
        """The grid positions of one table row, the tables nested in its cells (with their column), and
        the columns covered by a cell merged down from a row above (empty, but not missing)."""
        cells: list[str | None] = [None] * _grid_before(tr)
        nested: list[tuple[int, Any]] = []
        covered: set[int] = set()
        for tc in (c for c in unwrap(tr) if c.tag == _TC):
            span_el = _prop(tc, "gridSpan")
            span = int(span_el.get(W + "val", "1")) if span_el is not None else 1
            merge = _prop(tc, "vMerge")
            continued = merge is not None and merge.get(W + "val", "continue") != "restart"
            column = len(cells)
            texts = []
            for child in unwrap(tc):
                if child.tag == _P:
                    texts.append(paragraph_text(child))
                elif child.tag == _TBL:
                    nested.append((column, child))
            text = "\n".join(texts).strip()
            if continued and text:
                self.repeats += 1  # a continuation cell should be empty; its text is the merged cell's
            if continued:
                covered.update(range(column, column + span))
            cells.append(None if continued else text)
            cells.extend([None] * (span - 1))
        return cells, nested, frozenset(covered)


def _grid_before(tr: Any) -> int:
    props = tr.find(W + "trPr")
    before = props.find(W + "gridBefore") if props is not None else None
    return int(before.get(W + "val", "0")) if before is not None else 0
