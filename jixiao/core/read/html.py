"""The HTML reader: web pages and saved tables (the standard library's ``html.parser``) as rows.

Each ``<table>`` is laid out on its grid — a cell with ``rowspan``/``colspan`` gives its text to the
top-left position and leaves the positions it covers empty, as flattened text does — and a table
nested in a cell is read after the row that holds it. Text outside tables becomes one row per block
(paragraph, heading, list item, line break). Whitespace collapses as a browser shows it; ``<br>`` and
paragraphs inside a cell are line breaks. Scripts, styles and the page head are not read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from jixiao.core.model import Document, DocumentSource, SourceRef
from jixiao.core.read.cellgrid import Grid, GridBuilder, cell_name, grid_to_document
from jixiao.core.read.decode import decode_bytes
from jixiao.core.read.layout import TraceEntry
from jixiao.core.read.sniff import is_html

sniff = is_html

_BLOCKS = frozenset(["p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "section", "article", "header", "footer", "blockquote", "pre", "caption", "center", "form", "dl", "dt", "dd", "hr", "address"])
_SKIPPED = frozenset(("script", "style", "head", "template", "noscript"))
_SPACE = re.compile(r"[ \t\r\n\f]+")
MAX_SPAN = 1000  # a rowspan="65534" must not build a million empty rows


def read(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Document:
    return grid_to_document(to_rows(data, source, trace), trace)


def to_rows(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Grid:
    text, encoding = decode_bytes(data, source.path)
    grid = GridBuilder(trace)
    parser = PageParser(grid)
    parser.feed(text)
    parser.close()
    parser.flush_text()
    source = DocumentSource(path=source.path, sha256=source.sha256, encoding=encoding, format="html")
    return grid.grid(source, "HTML")


@dataclass
class Cell:
    parts: list[str] = field(default_factory=list)
    rowspan: int = 1
    colspan: int = 1

    def text(self) -> str:
        lines = [_SPACE.sub(" ", line).strip() for line in "".join(self.parts).split("\n")]
        return "\n".join(line for line in lines if line)


@dataclass
class Table:
    name: str
    rows: list[list[Cell]] = field(default_factory=list)
    nested: dict[int, list[Table]] = field(default_factory=dict)  # row index -> tables inside it
    cell: Cell | None = None


def table_to_grid(table: Table) -> list[list[str | None]]:
    """Cells placed on the table's grid: spans give their text to the top-left position only."""
    grid: list[list[str | None]] = []
    taken: set[tuple[int, int]] = set()
    for r, cells in enumerate(table.rows):
        while len(grid) <= r:
            grid.append([])
        c = 0
        for cell in cells:
            while (r, c) in taken:
                c += 1
            for dr in range(min(cell.rowspan, MAX_SPAN)):
                for dc in range(min(cell.colspan, MAX_SPAN)):
                    taken.add((r + dr, c + dc))
            row = grid[r]
            row.extend([None] * (c + 1 - len(row)))
            row[c] = cell.text()
            c += cell.colspan
    return grid


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or "1"), MAX_SPAN))
    except ValueError:
        return 1


class PageParser(HTMLParser):
    def __init__(self, grid: GridBuilder) -> None:
        super().__init__(convert_charrefs=True)
        self.grid = grid
        self.stack: list[Table] = []
        self.count = 0
        self.blocks = 0
        self.text: list[str] = []
        self.skipping = 0

    # --- text outside tables ------------------------------------------------------------------------

    def flush_text(self) -> None:
        text = _SPACE.sub(" ", "".join(self.text)).strip()
        self.text = []
        if text:
            self.blocks += 1
            self.grid.add([text], SourceRef(cell=f"paragraph {self.blocks}"))

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        if self.stack:
            cell = self.stack[-1].cell
            if cell is not None:
                cell.parts.append(data)
        else:
            self.text.append(data)

    # --- tags -----------------------------------------------------------------------------------------

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _SKIPPED:
            self.skipping += 1
            return
        if self.skipping:
            return
        if tag == "table":
            self.open_table()
        elif self.stack and tag in ("td", "th"):
            table = self.stack[-1]
            if not table.rows:
                table.rows.append([])
            values = dict(attrs)
            table.cell = Cell(rowspan=_span(values.get("rowspan")), colspan=_span(values.get("colspan")))
            table.rows[-1].append(table.cell)
        elif self.stack and tag == "tr":
            self.stack[-1].rows.append([])
            self.stack[-1].cell = None
        elif tag == "br" or tag in _BLOCKS:
            self.line_break()

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag in _SKIPPED:
            self.skipping -= 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED:
            self.skipping = max(0, self.skipping - 1)
            return
        if self.skipping:
            return
        if tag == "table" and self.stack:
            self.close_table()
        elif self.stack and tag in ("td", "th"):
            self.stack[-1].cell = None
        elif tag in _BLOCKS:
            self.line_break()

    def line_break(self) -> None:
        if self.stack:
            cell = self.stack[-1].cell
            if cell is not None:
                cell.parts.append("\n")
        else:
            self.flush_text()

    def open_table(self) -> None:
        self.count += 1
        if self.stack:
            outer = self.stack[-1]
            row = max(len(outer.rows) - 1, 0)
            table = Table(name=f"{outer.name} {cell_name(row, max(len(outer.rows[-1]) - 1, 0) if outer.rows else 0)}"
                               f".{len(outer.nested.get(row, [])) + 1}")
            outer.nested.setdefault(row, []).append(table)
        else:
            self.flush_text()
            table = Table(name=f"table {self.count}")
        self.stack.append(table)

    def close_table(self) -> None:
        table = self.stack.pop()
        if not self.stack:
            self.emit(table)

    def emit(self, table: Table) -> None:
        grid = table_to_grid(table)
        width = max((len(r) for r in grid), default=0)
        self.grid.note("grid", f"{table.name}: {len(grid)} rows × {width} columns")
        for r, cells in enumerate(grid):
            first = next((i for i, c in enumerate(cells) if c), 0)
            self.grid.add(cells, SourceRef(sheet=table.name, cell=cell_name(r, first)))
            for inner in table.nested.get(r, []):
                self.emit(inner)
