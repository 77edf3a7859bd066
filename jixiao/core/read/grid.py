"""The grid every reader produces: rows of cleaned cells, each row knowing where it came from.

Text is split into rows by line and into cells by tab, or by "|" for tables flattened from web pages.
Cells lose layout debris (HTML tags and entities, non-breaking and full-width spaces at the ends);
what was removed is recorded on the row so that the layout engine can report it.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence
from functools import lru_cache

from jixiao.core.model import SourceRef

_TAG = re.compile(r"</?(?:p|br|div|span|td|tr|th|table|tbody|thead|b|strong|i|em|u|font|li|ul|ol|h\d)\b[^>]*>",
                  re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_SPACES = " \t\u3000\u00a0\ufeff"


class Row:
    """One row of a grid: its cells (trailing empty cells dropped), the non-empty ones, its place in
    the source, and what was cleaned out of it. A plain slotted class: readers make millions of these."""

    __slots__ = ("cells", "cleaned", "covered", "filled", "line", "raw", "where")

    def __init__(self, line: int, cells: list[str], raw: str, where: SourceRef | None = None,
                 cleaned: Sequence[str] = (), covered: frozenset[int] = frozenset()) -> None:
        self.line = line
        # Columns (0-based) whose empty cell is known to lie under a merged cell begun in a row above
        # (readers of formats that record merges say so): empty by merging, not left blank.
        self.covered = covered
        self.cells = cells
        self.raw = raw
        self.where = where
        self.cleaned = cleaned
        # the same list as ``cells`` when no cell is empty (most rows): neither is changed once made
        self.filled = cells if all(cells) else [c for c in cells if c]

    def __repr__(self) -> str:
        return f"Row(line={self.line}, cells={self.cells!r})"

    @property
    def source(self) -> SourceRef:
        return self.where or line_ref(self.line)

    def is_blank(self) -> bool:
        return not self.filled


@lru_cache(maxsize=65536)
def line_ref(line: int) -> SourceRef:
    """The SourceRef of a text line, one shared (frozen) object per line number: every indicator has one."""
    return SourceRef(line=line)


def clean_cell(text: str, removed: list[str]) -> str:
    """A cell's text without HTML remnants and surrounding space; what was removed goes to ``removed``."""
    if "<" in text:
        found = _TAG.findall(text)
        if found:
            removed.extend(found)
            text = _TAG.sub("", text)
    if "&" in text:
        found = _ENTITY.findall(text)
        if found:
            removed.extend(found)
            text = html.unescape(text)
    return text.strip(_SPACES)


def split_cells(line: str) -> list[str]:
    """Cells of one text line: tab-separated, or "|"-separated when the line is a flattened web table."""
    if "\t" in line:
        return line.split("\t")
    if line.count("|") >= 2 or line.count("｜") >= 2:
        parts = re.split(r"[|｜]", line)
        if not parts[0].strip():
            parts = parts[1:]
        if parts and not parts[-1].strip():
            parts = parts[:-1]
        return parts
    return [line]


def line_to_row(number: int, line: str) -> Row:
    removed: list[str] | None = None
    if "<" in line or "&" in line:
        removed = []
        cells = [clean_cell(c, removed) for c in split_cells(line)]
    else:
        cells = line.split("\t") if "\t" in line else split_cells(line)
        # only a line holding one of _SPACES other than the tab (which separates cells) has anything to strip
        if " " in line or "\u3000" in line or "\u00a0" in line or "\ufeff" in line:
            cells = [c.strip(_SPACES) for c in cells]
    while cells and not cells[-1]:
        cells.pop()
    return Row(number, cells, line, None, removed or ())


def text_to_rows(text: str) -> list[Row]:
    """The rows of a text, blank lines left out (they carry nothing; rows keep their line numbers)."""
    return [line_to_row(n, line) for n, line in enumerate(text.split("\n"), start=1) if line and not line.isspace()]
