"""The PDF reader: pages of ruled and unruled tables, in reading order, as rows for the layout engine.

Per page, pdfplumber finds the ruled tables (``find_tables``: cells bounded by drawn lines; a merged
cell is one bounding box, the positions it covers are empty). Each cell's characters are set in lines,
and the lines of a cell joined: text wrapped inside a cell — a long narrative, a label such as
"保证项目实施的制度、措/施：", a vertical label one character per line — is one text again. Text
outside the ruled tables is set in lines too, and a line is split into cells where its words stand
apart; once a line reads as an indicator table header, the following lines place their cells under
the header's columns by position, so that a blank 一级 cell stays blank (an unruled table).

Tables running over pages are read as one: the header the next page repeats is recognised by the
layout engine, and page furniture ("-1-", "第 1 页") is dropped by it with a diagnostic. A page without
any text is a scan: when no page has text the file is refused ("no text layer; OCR is not supported").

Fonts: fpdf2 (among others) writes a CID font's encoding as an embedded CMap stream that pdfminer
cannot load, which leaves the page without text. For such a font the codes are the CIDs its
ToUnicode map and widths are keyed by, so it is read with the identity encoding.
"""

from __future__ import annotations

import io
import itertools
import re
from dataclasses import dataclass
from typing import Any

from jixiao.core.errors import InputError
from jixiao.core.model import Document, DocumentSource, SourceRef
from jixiao.core.read import diagnose
from jixiao.core.read.cellgrid import Grid, GridBuilder, cell_name, grid_to_document
from jixiao.core.read.grid import Row
from jixiao.core.read.layout import TraceEntry, join_text
from jixiao.core.read.sniff import is_pdf
from jixiao.core.read.vocabulary import column_role

sniff = is_pdf

NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·%‰,.;:?!)]}")
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")
_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%+\-_/]*")
LINE_TOLERANCE = 0.45  # characters whose tops differ by less than this share of their size share a line
CELL_GAP = 1.6  # a gap wider than this many character heights separates two cells of an unruled line
COLUMN_SLACK = 6.0  # points a cell may start left of its header's column
WRAP_GAP = 0.6  # a line closer than this share of its height under the one before wraps its cells


def read(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Document:
    return grid_to_document(to_rows(data, source, trace), trace)


def to_rows(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Grid:
    pdf = open_pdf(data, source.path)
    grid = GridBuilder(trace)
    pages_with_text = 0
    try:
        columns = TableColumns()
        for number, page in enumerate(pdf.pages, start=1):
            if page_to_rows(page, number, grid, columns):
                pages_with_text += 1
            page.close()  # drop the page's parsed objects: memory stays flat over a long document
        if pages_with_text == 0:
            raise InputError("PDF 没有文字层（可能是扫描件）；不支持 OCR 文字识别",
                             "the PDF has no text layer (a scan?); OCR is not supported", path=source.path)
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many kinds on a damaged file; all mean the same here
        raise InputError(f"PDF 文件已损坏，无法读取（{str(exc)[:80]}）",
                         f"corrupt PDF file, cannot be read ({str(exc)[:80]})", path=source.path) from None
    finally:
        pdf.close()
    return grid.grid(source, "PDF")


# --- opening ---------------------------------------------------------------------------------------


_CIDCHAR = re.compile(rb"begincidchar(.*?)endcidchar", re.DOTALL)
_CIDRANGE = re.compile(rb"begincidrange(.*?)endcidrange", re.DOTALL)
_CHAR_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*(\d+)")
_RANGE_ENTRY = re.compile(rb"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*(\d+)")


def embedded_code_to_cid(encoding: Any) -> dict[int, int]:
    """The code → CID map of a font's embedded encoding CMap stream, or {} (pdfminer's own CMap
    parser reads ``cidchar`` entries as Unicode mappings, so they are read here)."""
    from pdfminer.pdftypes import PDFStream

    if not isinstance(encoding, PDFStream):
        return {}
    data = encoding.get_data()
    found: dict[int, int] = {}
    for block in _CIDCHAR.findall(data):
        found.update((int(code, 16), int(cid)) for code, cid in _CHAR_ENTRY.findall(block))
    for block in _CIDRANGE.findall(data):
        for start, end, cid in _RANGE_ENTRY.findall(block):
            first, last = int(start, 16), int(end, 16)
            found.update((code, int(cid) + code - first) for code in range(first, min(last, first + 65535) + 1))
    return found


def resource_manager() -> Any:
    """pdfminer's resource manager, reading CID fonts whose encoding it cannot load.

    fpdf2 (among others) writes a Type0 font's encoding as an embedded CMap stream named like a
    ToUnicode map, which pdfminer looks up by name, fails to find, and so reads no text at all. In
    such a font the ToUnicode map is keyed by the codes and the widths by the CIDs the embedded CMap
    maps them to: so the codes are read as they are, and the widths re-keyed by code.
    """
    from pdfminer.cmapdb import CMap, IdentityCMap
    from pdfminer.pdffont import PDFCIDFont
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.pdftypes import resolve1

    class CompatResourceManager(PDFResourceManager):
        def get_font(self, objid: object, spec: Any) -> Any:
            font = super().get_font(objid, spec)
            if isinstance(font, PDFCIDFont) and type(font.cmap) is CMap and not font.cmap.code2cid:
                codes = embedded_code_to_cid(resolve1(spec.get("Encoding")))
                font.cmap = IdentityCMap(WMode=0)
                if codes:
                    font.widths = {code: font.widths.get(cid, font.default_width) for code, cid in codes.items()}
            return font

    return CompatResourceManager(caching=True)


def open_pdf(data: bytes, path: str) -> Any:
    import pdfplumber
    from pdfplumber.utils.exceptions import PdfminerException

    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except PdfminerException as exc:
        cause = exc.args[0] if exc.args else exc
        name = type(cause).__name__
        if "Password" in name or "Encrypt" in name:
            raise InputError("PDF 已加密（需要密码才能打开），请先去除密码再读取",
                             "the PDF is encrypted (a password is needed to open it); remove the password first",
                             path=path) from None
        raise InputError(f"PDF 文件已损坏，无法读取（{name}）", f"corrupt PDF file, cannot be read ({name})",
                         path=path) from None
    except Exception as exc:
        raise InputError(f"PDF 文件已损坏，无法读取（{type(exc).__name__}）",
                         f"corrupt PDF file, cannot be read ({type(exc).__name__})", path=path) from None
    pdf.rsrcmgr = resource_manager()
    return pdf


# --- characters to lines to text -------------------------------------------------------------------


@dataclass(slots=True)
class Line:
    top: float
    bottom: float
    x0: float
    x1: float
    chars: list[dict[str, Any]]

    @property
    def text(self) -> str:
        return "".join(c["text"] for c in self.chars)


def chars_to_lines(chars: list[dict[str, Any]]) -> list[Line]:
    """Characters set in lines, top to bottom, each line left to right. Upright characters only: the
    rotated text of a page's margin (a stamp, a watermark) is not content."""
    lines: list[Line] = []
    for ch in sorted((c for c in chars if c.get("upright", True)), key=lambda c: (round(c["top"], 1), c["x0"])):
        size = ch["bottom"] - ch["top"]
        line = lines[-1] if lines else None
        if line is not None and abs(ch["top"] - line.top) < LINE_TOLERANCE * size:
            line.chars.append(ch)
            line.bottom = max(line.bottom, ch["bottom"])
        else:
            lines.append(Line(ch["top"], ch["bottom"], 0.0, 0.0, [ch]))
    for line in lines:
        line.chars.sort(key=lambda c: c["x0"])
        line.x0, line.x1 = line.chars[0]["x0"], line.chars[-1]["x1"]
    return lines


def line_text(chars: list[dict[str, Any]]) -> str:
    """A line's characters, with a space where a gap stands for one that the PDF does not draw."""
    out: list[str] = []
    prev: dict[str, Any] | None = None
    for ch in chars:
        if prev is not None and ch["x0"] - prev["x1"] > 0.3 * (ch["bottom"] - ch["top"]) \
                and prev["text"] != " " and ch["text"] != " ":
            out.append(" ")
        out.append(ch["text"])
        prev = ch
    return "".join(out).strip()


def _first_unit_width(line: Line) -> float:
    """The width of what the next line starts with that could not have been split: a Latin word or
    number, or a character with the one after it when either may not stand alone at a line's edge
    (a sign such as "+" before a character, a mark such as “ or ， after it)."""
    text = line.text
    word = _WORD.match(text)
    n = len(word.group(0)) if word else 1
    if not word and len(text) > 1 and (not _is_ideograph(text[0]) or text[1] in NO_LINE_START
                                       or text[1] in NO_LINE_END):
        n = 3 if text[1] in NO_LINE_END and len(text) > 2 else 2  # an opening mark holds on to what follows
    return line.chars[n - 1]["x1"] - line.chars[0]["x0"]


def _is_ideograph(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def separator(line: Line, after: Line, right: float) -> str:
    """What stood between two lines of one cell: a space when the line was broken short of the cell's
    right edge though the next line's first word would have fit there (a space or a paragraph ended
    the line), or between two Latin words; nothing when the text merely wrapped."""
    last, first = line.text.rstrip()[-1:], after.text.lstrip()[:1]
    if last.isascii() and last.isalnum() and first.isascii() and first.isalnum():
        return " "
    second = after.text.lstrip()[1:2]
    if first in NO_LINE_END or second in NO_LINE_START or first in NO_LINE_START:
        return ""  # a unit carried over by the line-breaking rules (避头尾), not a space
    return " " if right - line.x1 > _first_unit_width(after) + 1.0 else ""


def lines_to_text(lines: list[Line], right: float | None) -> str:
    """The text of a cell's lines. ``right`` is the cell's inner right edge (None: unknown)."""
    if not lines:
        return ""
    text = line_text(lines[0].chars)
    for prev, line in itertools.pairwise(lines):
        sep = separator(prev, line, right) if right is not None else ""
        text += sep + line_text(line.chars)
    return text


# --- ruled tables ----------------------------------------------------------------------------------


def inside(ch: dict[str, Any], bbox: tuple[float, float, float, float]) -> bool:
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return bbox[0] <= x < bbox[2] and bbox[1] <= y < bbox[3]


def cell_text(chars: list[dict[str, Any]], bbox: tuple[float, float, float, float]) -> tuple[str, int]:
    """A cell's text and how many lines were joined to make it."""
    lines = chars_to_lines(chars)
    if not lines:
        return "", 0
    pad = min(line.x0 for line in lines) - bbox[0]
    right = max(bbox[2] - pad, max(line.x1 for line in lines))
    return lines_to_text(lines, right), len(lines) - 1


@dataclass(slots=True)
class Block:
    """One row of a page in reading order: a table row or a line of text, with its cells."""

    top: float
    cells: list[str]
    where: SourceRef
    x0s: list[float] | None = None  # where each cell starts (lines outside ruled tables)
    starts: list[tuple[str, float]] | None = None  # a ruled row's cells that start in it, with their x
    note: str | None = None  # what the trace says before this row (a table starts here)
    continues: bool = False  # the first row of a page: it may continue the table of the page before
    joined: int = 0  # wrapped lines joined into this row (lines outside ruled tables)


def chars_by_cell(table: Any, chars: list[dict[str, Any]]) -> dict[tuple[int, int], list[dict[str, Any]]]:
    """Each character of a table under the smallest cell that holds it: a cell holding a nested
    table (whose lines pdfplumber finds as cells of their own) keeps only its own text."""
    cells = [((r, c), bounds, (bounds[2] - bounds[0]) * (bounds[3] - bounds[1]))
             for r, row in enumerate(table.rows) for c, bounds in enumerate(row.cells) if bounds is not None]
    cells.sort(key=lambda cell: cell[2])
    found: dict[tuple[int, int], list[dict[str, Any]]] = {}
    for ch in chars:
        for key, bounds, _ in cells:
            if inside(ch, bounds):
                found.setdefault(key, []).append(ch)
                break
    return found


def table_blocks(table: Any, chars: list[dict[str, Any]], page: int, name: str) -> tuple[list[Block], int]:
    by_cell = chars_by_cell(table, [c for c in chars if inside(c, table.bbox)])
    blocks: list[Block] = []
    joined = 0
    for r, row in enumerate(table.rows):
        cells: list[str] = []
        for c, bounds in enumerate(row.cells):
            if bounds is None:
                cells.append("")
                continue
            text, n = cell_text(by_cell.get((r, c), []), bounds)
            joined += 1 if n else 0
            cells.append(text)
        first = next((i for i, c in enumerate(cells) if c), 0)
        starts = [(text, bounds[0]) for text, bounds in zip(cells, row.cells, strict=True) if bounds is not None]
        blocks.append(Block(row.bbox[1], cells, SourceRef(page=page, sheet=name, cell=cell_name(r, first)),
                            starts=starts))
    return blocks, joined


# --- text outside ruled tables ---------------------------------------------------------------------


def line_to_cells(line: Line) -> tuple[list[str], list[float]]:
    """A line split where its words stand far apart: the cells of an unruled table row."""
    groups: list[list[dict[str, Any]]] = [[]]
    prev: dict[str, Any] | None = None
    for ch in line.chars:
        height = ch["bottom"] - ch["top"]
        if prev is not None and ch["x0"] - prev["x1"] > CELL_GAP * height:
            groups.append([])
        groups[-1].append(ch)
        prev = ch
    cells = [line_text(g) for g in groups]
    return cells, [g[0]["x0"] for g in groups]


def lines_to_blocks(lines: list[Line], page: int) -> list[Block]:
    """Lines outside ruled tables as rows: a line set close under another (closer than half a line
    height) whose pieces start under the other's cells is the wrapped rest of those cells (a long
    label, a narrative, a name in an unruled table), and is joined to them column by column."""
    blocks: list[Block] = []
    previous: Line | None = None
    for line in lines:
        cells, x0s = line_to_cells(line)
        block = blocks[-1] if blocks else None
        height = line.bottom - line.top
        if block is not None and previous is not None and block.x0s is not None \
                and line.top - previous.bottom < WRAP_GAP * height and _under(x0s, block.x0s):
            for text, x in zip(cells, x0s, strict=True):
                column = max(i for i, a in enumerate(block.x0s) if a - COLUMN_SLACK <= x)
                block.cells[column] = join_text([block.cells[column], text]) if block.cells[column] else text
            block.joined += 1
        else:
            blocks.append(Block(line.top, cells, SourceRef(page=page), x0s))
        previous = line
    return blocks


def _under(x0s: list[float], columns: list[float]) -> bool:
    """Every piece starts at one of the columns (left-aligned text wrapped in its cell)."""
    return all(any(abs(x - c) <= COLUMN_SLACK for c in columns) for x in x0s)


@dataclass
class TableColumns:
    """The columns of the indicator table, from the x of its header's cells, kept across pages.

    Rows after the header are placed under its columns by where their cells start: a blank 一级 cell
    of an unruled table stays blank, and a ruled table whose grid has extra lines (a table nested in
    another cell, a continuation page drawn with other widths) keeps the header's columns. A row
    whose cells do not stand under the header's columns ends the table's placement.
    """

    anchors: list[float] | None = None
    ruled: bool = False
    roles: list[str | None] | None = None  # the header's column roles
    last: Row | None = None  # the last table row placed under the header

    def place(self, cells: list[str], x0s: list[float], exact: bool) -> list[str] | None:
        """The cells under the header's columns (the header's own cells for the header), or None when
        the row is not placed (and the header is dropped if the row does not fit under it). ``exact``: a ruled row's cells start on the
        header's column lines, not merely right of them."""
        roles = [column_role(c) for c in cells]
        if len(cells) >= 3 and sum(r is not None for r in roles) >= 3:
            self.anchors, self.ruled, self.roles, self.last = list(x0s), exact, roles, None
            return list(cells)
        if self.anchors is None or self.ruled != exact or len(cells) < 2:
            return None  # a ruled table's columns do not place text lines, nor the reverse
        if len(cells) > len(self.anchors) or x0s[0] < self.anchors[0] - COLUMN_SLACK or (
                exact and any(min(abs(x - a) for a in self.anchors) > COLUMN_SLACK for x in x0s)):
            self.anchors = None
            return None
        placed = [""] * len(self.anchors)
        for text, x in zip(cells, x0s, strict=True):
            column = max(i for i, a in enumerate(self.anchors) if a - COLUMN_SLACK <= x)
            placed[column] = f"{placed[column]} {text}".strip() if placed[column] else text
        return placed


def page_to_rows(page: Any, number: int, grid: GridBuilder, columns: TableColumns) -> bool:
    chars = page.chars
    if not chars:
        grid.note("grid", f"page {number}: no text (an image?)")
        return False
    tables = page.find_tables()
    blocks: list[Block] = []
    for n, table in enumerate(tables, start=1):
        name = f"p{number} table {n}"
        found, joined = table_blocks(table, chars, number, name)
        blocks.extend(found)
        if not found:
            continue
        cols = max((len(r.cells) for r in table.rows), default=0)
        found[0].note = f"page {number} table {n}: {len(found)} rows × {cols} columns (ruled)"
        if joined:
            grid.diag(diagnose.lines_joined(grid.next_line, f"第 {number} 页表 {n} / page {number} table {n}", joined))
    boxes = [t.bbox for t in tables]
    loose = [c for c in chars if not any(inside(c, b) for b in boxes)]
    blocks.extend(lines_to_blocks(chars_to_lines(loose), number))
    blocks.sort(key=lambda b: b.top)
    if blocks:
        blocks[0].continues = True  # a table at the top of a page may go on from the page before
    for block in blocks:
        emit(block, grid, columns, number)
    return True


def emit(block: Block, grid: GridBuilder, columns: TableColumns, page: int) -> None:
    split_candidate = False
    if block.note is not None:
        grid.note("grid", block.note)
        split_candidate = block.continues and columns.anchors is not None
        if not block.continues:
            columns.anchors = None
    cells = block.cells
    if block.starts is not None:
        placed = columns.place([t for t, _ in block.starts], [x for _, x in block.starts], exact=True)
        if placed is not None and len(placed) != len(block.cells):
            cells = placed
        if split_candidate and placed is not None and join_split_row(grid, columns, placed, page):
            return
    elif block.x0s is not None:
        had = columns.anchors
        split_candidate = block.continues and had is not None and not columns.ruled
        placed = columns.place(block.cells, block.x0s, exact=False)
        cells = placed if placed is not None else cells
        if columns.anchors is not None and columns.anchors is not had:
            grid.note("grid", f"page {page}: unruled table, {len(cells)} columns placed by position")
        if split_candidate and placed is not None and join_split_row(grid, columns, placed, page):
            return
    row = grid.add(cells, block.where)
    if row is not None and columns.anchors is not None and (block.starts is not None or block.x0s is not None):
        columns.last = row


def join_split_row(grid: GridBuilder, columns: TableColumns, cells: list[str], page: int) -> bool:
    """The first row of a table continuing at the top of a page may be the rest of the previous page's
    last row, which a word processor split over the page break: then it has text only in columns where
    that row had text, and lacks text in a column (other than 一级/二级, which merged cells leave blank)
    where that row had some. Its text is joined to that row."""
    last = columns.last
    if last is None or not grid.rows or grid.rows[-1] is not last or columns.roles is None:
        return False
    before = last.cells + [""] * (len(cells) - len(last.cells))
    roles = columns.roles + [None] * (len(cells) - len(columns.roles))
    if any(text and not before[i] for i, text in enumerate(cells)):
        return False
    if not any(before[i] and not text and roles[i] not in ("level1", "level2") for i, text in enumerate(cells)):
        return False
    joined = [join_text([b, c]) if c else b for b, c in zip(before, cells, strict=True)]
    grid.rows[-1] = Row(line=last.line, cells=joined, raw=f"{last.raw} + {' | '.join(cells)}", where=last.where)
    columns.last = grid.rows[-1]
    grid.diag(diagnose.row_split_joined(last.line, page))
    return True
