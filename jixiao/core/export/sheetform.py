"""Forms other than the target table — the 项目支出绩效自评表 and the monitoring table — drawn in XLSX,
DOCX and PDF with the target table's own machinery.

A ``SheetForm`` is a title, a few lines under it, a *head* block of labelled cells that may span rows
and columns (the money block's 项目资金 label spans its five rows, as on paper), then an indicator
table exactly like the target table's (``form.Form``: header repeated on every page, 一级/二级 merged
over runs, merged cells cut where a PDF page ends — drawn by ``xlsx``, ``word`` and ``pdf``
themselves), and a *foot* block (总分, the legend). All three parts share one column grid, so that a
spreadsheet's columns line up from the header to the total. This module describes a form; the
writers are in ``sheetwriters``.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jixiao.core.export import form as layout

SpanKind = Literal["label", "value", "money", "number", "narrative", "header", "section"]


@dataclass(frozen=True, slots=True)
class Span:
    """One cell of a head or foot block, placed at ``col`` and spanning columns and rows.
    ``amount`` keeps money (and ``ratio`` a percentage) as a number for spreadsheets."""

    text: str
    col: int
    colspan: int = 1
    rowspan: int = 1
    kind: SpanKind = "value"
    amount: Decimal | None = None
    ratio: Decimal | None = None


Block = tuple[tuple[Span, ...], ...]


@dataclass(frozen=True, slots=True)
class SheetForm:
    title: str
    subtitle: str
    lines: tuple[str, ...]
    sheet_name: str
    head: Block
    table: layout.Form  # header, indicator rows, widths and the line above the table
    foot: Block = ()
    landscape: bool = False

    @property
    def widths(self) -> tuple[float, ...]:
        return self.table.widths

    @property
    def columns(self) -> int:
        return len(self.widths)


def indicator_table(title: str, widths: Sequence[float], header: Sequence[str],
                    rows: Iterable[Sequence[str]]) -> layout.Form:
    """The indicator part as the target table's writers draw it."""
    total = sum(widths)
    return layout.Form(title="", subtitle="", department="", table_title=title,
                       widths=tuple(w / total for w in widths), facts=(), header=tuple(header),
                       indicators=tuple(tuple(r) for r in rows))


def covered(block: Block) -> list[set[int]]:
    """Per row, the columns a span from a row above reaches into."""
    out: list[set[int]] = [set() for _ in block]
    for r, row in enumerate(block):
        for s in row:
            for below in range(r + 1, min(r + s.rowspan, len(block))):
                out[below].update(range(s.col, s.col + s.colspan))
    return out


def form_text(f: SheetForm) -> Iterable[str]:
    """Every piece of text a form prints (the PDF font carries only these glyphs)."""
    yield from (f.title, f.subtitle, *f.lines, f.table.table_title, *f.table.header)
    yield from (s.text for block in (f.head, f.foot) for row in block for s in row)
    yield from (text for row in f.table.indicators for text in row)
