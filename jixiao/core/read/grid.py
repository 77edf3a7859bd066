"""The grid every reader produces: rows of cleaned cells, each row knowing where it came from.

Text is split into rows by line and into cells by tab, or by "|" for tables flattened from web pages.
Cells lose layout debris (HTML tags and entities, non-breaking and full-width spaces at the ends);
what was removed is recorded on the row so that the layout engine can report it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field

from jixiao.core.model import SourceRef

_TAG = re.compile(r"</?(?:p|br|div|span|td|tr|th|table|tbody|thead|b|strong|i|em|u|font|li|ul|ol|h\d)\b[^>]*>",
                  re.IGNORECASE)
_ENTITY = re.compile(r"&(?:[a-zA-Z]{2,8}|#\d{2,6}|#x[0-9a-fA-F]{2,5});")
_SPACES = " \t\u3000\u00a0\ufeff"


@dataclass(slots=True)
class Row:
    """One row of a grid: its cells (trailing empty cells dropped), the non-empty ones, its place in
    the source, and what was cleaned out of it."""

    line: int
    cells: list[str]
    raw: str
    where: SourceRef | None = None
    cleaned: list[str] = field(default_factory=list)
    filled: list[str] = field(init=False)

    def __post_init__(self) -> None:
        self.filled = [c for c in self.cells if c]

    @property
    def source(self) -> SourceRef:
        return self.where or SourceRef(line=self.line)

    def is_blank(self) -> bool:
        return not self.filled


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
    removed: list[str] = []
    parts = split_cells(line)
    if "<" in line or "&" in line:
        cells = [clean_cell(c, removed) for c in parts]
    else:
        cells = [c.strip(_SPACES) for c in parts]
    while cells and not cells[-1]:
        cells.pop()
    return Row(line=number, cells=cells, raw=line, cleaned=removed)


def text_to_rows(text: str) -> list[Row]:
    return [line_to_row(n, line) for n, line in enumerate(text.split("\n"), start=1)]
