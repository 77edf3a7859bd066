"""What the readers of formats with cells share: turning their tables into the engine's Rows.

Every such reader (XLSX, DOCX, PDF, HTML) meets a table as a rectangle of cells in which a merged
cell covers several grid positions. It gives the merged cell's text to the top-left position and
leaves the covered ones empty — exactly what text extracted from the same table looks like — and
numbers its rows with one running ``line`` across the whole document, each Row carrying where it
was (sheet and cell, page, table and row). What the reader itself repaired (merged cells
de-duplicated, a repeated header dropped, wrapped lines joined) becomes a Diagnostic of the
document, and what it detected (each grid and its size) a trace entry for ``--explain``. All of it is
one ``Grid``, which goes to the target-table engine (``grid_to_document``) or to the self-evaluation
one (``selfeval.rows_to_selfeval``), as the dispatcher decides.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from jixiao.core.errors import InputError
from jixiao.core.model import Diagnostic, Document, DocumentSource, SourceRef
from jixiao.core.read.grid import Row, clean_cell
from jixiao.core.read.layout import TraceEntry, rows_to_document

_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA (spreadsheet column names)."""
    name = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        name = _LETTERS[rest] + name
    return name


def cell_name(row: int, column: int) -> str:
    """A 0-based (row, column) as a spreadsheet cell name: (11, 1) → "B12"."""
    return f"{column_letter(column)}{row + 1}"


@dataclass
class GridBuilder:
    """Collects the rows of one document, numbering them, and what the reader noted about them."""

    trace: list[TraceEntry] | None
    rows: list[Row] = field(default_factory=list)
    notes: list[TraceEntry] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def next_line(self) -> int:
        return len(self.rows) + 1

    def add(self, cells: Sequence[str | None], where: SourceRef, raw: str | None = None,
            covered: frozenset[int] = frozenset()) -> Row | None:
        """One row of cells (None or "" for an empty cell); blank rows are skipped. ``covered``: the
        columns whose cell lies under a merged cell begun in a row above (see ``Row.covered``)."""
        removed: list[str] = []
        texts = [clean_cell(c, removed) if c else "" for c in cells]
        while texts and not texts[-1]:
            texts.pop()
        if not texts:
            return None
        line = self.next_line
        row = Row(line=line, cells=texts, raw=raw if raw is not None else " | ".join(texts),
                  where=replace(where, line=line), cleaned=removed, covered=covered)
        self.rows.append(row)
        return row

    def note(self, kind: str, detail: str) -> None:
        """A trace entry about what comes next (a grid and its size), shown before its first row."""
        if self.trace is not None:
            self.notes.append(TraceEntry(self.next_line, kind, detail))

    def diag(self, diagnostic: Diagnostic) -> None:
        self.diagnostics.append(diagnostic)

    def grid(self, source: DocumentSource, what: str) -> Grid:
        """The rows collected, for either engine: target tables or self-evaluation forms."""
        return Grid(self.rows, source, what, self.diagnostics, self.notes)


@dataclass
class Grid:
    """What a reader saw in one document: its rows, where they came from, what the reader repaired
    (diagnostics) and what it detected (trace notes). ``what`` names the format in messages ("XLSX");
    empty for text, which needs no name."""

    rows: list[Row]
    source: DocumentSource
    what: str = ""
    diagnostics: list[Diagnostic] = field(default_factory=list)
    notes: list[TraceEntry] = field(default_factory=list)


def grid_to_document(grid: Grid, trace: list[TraceEntry] | None = None) -> Document:
    """Hand the rows to the target-table engine; refuse a file that holds no target table."""
    engine_trace: list[TraceEntry] | None = [] if trace is not None else None
    document = rows_to_document(grid.rows, grid.source, engine_trace)
    if trace is not None and engine_trace is not None:
        # the reader's notes go before the engine's entry for the same line
        merged = sorted([(e.line, 0, n, e) for n, e in enumerate(grid.notes)]
                        + [(e.line, 1, n, e) for n, e in enumerate(engine_trace)])
        trace.extend(e for *_, e in merged)
    if not document.projects:
        zh_in = f"{grid.what} 中" if grid.what else ""
        en_in = f" in the {grid.what}" if grid.what else ""
        raise InputError(f"{zh_in}没有找到绩效目标表（既无项目字段，也无指标表头）",
                         f"no target table found{en_in} (no project fields and no indicator table header)",
                         path=grid.source.path)
    return replace(document, diagnostics=tuple(grid.diagnostics) + document.diagnostics)


def dedupe_repeats(cells: list[str | None]) -> tuple[list[str | None], int]:
    """A row in which a merged cell's text is repeated in each position it spans (as python-docx and
    some HTML exports give it): the repeats after the first emptied. Returns the row and how many
    repeats were emptied. Only adjacent equal texts are repeats."""
    out = list(cells)
    emptied = 0
    for i in range(1, len(out)):
        if out[i] and out[i] == cells[i - 1]:
            out[i] = None
            emptied += 1
    return out, emptied
