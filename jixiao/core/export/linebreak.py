"""Line breaking for Chinese text in a fixed width, with the basic rules of Chinese typesetting
(GB/T 15834 标点符号用法; 避头尾): no line starts with a closing mark such as ，。、）》, no line
ends with an opening mark such as （《“, and a run of Latin letters or digits ("2019", "PM2.5") is
not cut unless it is longer than a whole line.

Pure: the caller passes the width of a piece of text in its own units (millimetres for a PDF,
character widths for a spreadsheet).
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Callable

Measure = Callable[[str], float]

# 避头: may not begin a line.
NO_LINE_START = frozenset("，。、；：？！）》」』】〕〉”’…—·%‰,.;:?!)]}%")
# 避尾: may not end a line.
NO_LINE_END = frozenset("（《「『【〔〈“‘([{")

# A Latin word, a number (with its decimal point, sign, per-cent) or one other character.
_UNIT = re.compile(r"[A-Za-z0-9][A-Za-z0-9.,%+\-_/]*[A-Za-z0-9%]|[A-Za-z0-9]|\s+|.", re.DOTALL)


def units(text: str) -> list[str]:
    """The pieces a line may break between: Latin words and numbers whole, anything else alone."""
    return _UNIT.findall(text)


def break_lines(text: str, width: float, measure: Measure) -> list[str]:
    """The lines ``text`` takes in ``width``, keeping its own line breaks."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        lines.extend(_break_paragraph(paragraph, width, measure))
    return lines


def chunks(text: str, width: float, measure: Measure, max_lines: int) -> list[str]:
    """``text`` cut where lines begin into pieces of at most ``max_lines`` lines each, for a cell
    that cannot grow past a height (a cut next to a space moves a character back, so a piece may
    end a character early). The pieces put end to end give the text back exactly."""
    cuts: list[int] = []  # offsets in ``text`` where a piece begins
    count, offset = 0, 0
    for paragraph in text.split("\n"):
        for start in _line_starts(paragraph, _break_paragraph(paragraph, width, measure)):
            if count == max_lines:
                cuts.append(_clean_cut(text, offset + start, cuts[-1] if cuts else 0))
                count = 0
            count += 1
        offset += len(paragraph) + 1
    bounds = [0, *cuts, len(text)]
    return [text[a:b] for a, b in itertools.pairwise(bounds)]


def _clean_cut(text: str, cut: int, floor: int) -> int:
    """A cut moved back until it falls between two characters that are not spaces or line breaks:
    whoever reads the pieces back may trim each one, and would lose a space or a paragraph break
    at its edge. Kept where it is when there is no such place after ``floor``."""
    moved = cut
    while floor < moved < len(text) and (text[moved - 1].isspace() or text[moved].isspace()):
        moved -= 1
    return moved if moved > floor else cut


def _line_starts(paragraph: str, lines: list[str]) -> list[int]:
    """Where each line begins in its paragraph. Lines are the paragraph less the spaces dropped
    where they break, so they are matched by their characters other than spaces."""
    visible = [i for i, ch in enumerate(paragraph) if not ch.isspace()]
    starts, seen = [], 0
    for line in lines:
        starts.append(visible[seen] if seen < len(visible) else len(paragraph))
        seen += sum(1 for ch in line if not ch.isspace())
    starts[0] = 0  # the first line takes any leading spaces
    return starts


def _break_paragraph(paragraph: str, width: float, measure: Measure) -> list[str]:
    lines: list[list[str]] = [[]]
    used = 0.0
    for unit in _fitting_units(paragraph, width, measure):
        size = measure(unit)
        line = lines[-1]
        if used + size <= width or all(u.isspace() for u in line):  # never leave a blank line
            line.append(unit)
            used += size
        elif not unit.isspace():  # a space where a line breaks disappears
            lines.append([*_carry_over(line, unit), unit])
            used = sum(measure(u) for u in lines[-1])
    return ["".join(line).rstrip() for line in lines]


def _fitting_units(paragraph: str, width: float, measure: Measure) -> list[str]:
    """The units of a paragraph, a word longer than a whole line cut into pieces that fit."""
    out: list[str] = []
    for unit in units(paragraph):
        out.extend(_cut_word(unit, width, measure) if len(unit) > 1 and measure(unit) > width else [unit])
    return out


def _carry_over(line: list[str], unit: str) -> list[str]:
    """Units moved from the end of a full line to the next, so that the next line does not start
    with a closing mark and the full line does not end with an opening one. Spaces where the line
    now ends disappear. Never leaves a line without text."""
    carried: list[str] = []

    def take() -> None:
        while line and line[-1].isspace():
            line.pop()
        carried.insert(0, line.pop())

    def can_take() -> bool:
        return sum(1 for u in line if not u.isspace()) > 1

    if unit[0] in NO_LINE_START:
        while can_take() and _last(line)[0] in NO_LINE_START:
            take()
        if can_take():
            take()
    while can_take() and _last(line)[-1] in NO_LINE_END:
        take()
    return carried


def _last(line: list[str]) -> str:
    """The last unit of a line that is not a space."""
    return next(u for u in reversed(line) if not u.isspace())


def _cut_word(word: str, width: float, measure: Measure) -> list[str]:
    pieces = [""]
    for ch in word:
        if pieces[-1] and measure(pieces[-1] + ch) > width:
            pieces.append("")
        pieces[-1] += ch
    return pieces
