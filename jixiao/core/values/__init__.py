"""The target-value grammar (指标目标值): ``parse(raw, year) -> TargetValue`` and back to text.

What departments write in the last column of a target table (domain.md §3) becomes one typed
value: a figure (``>1000家`` → ``>`` 1000 家), a deadline (``<=4月30日`` in a 2020 table →
``<=`` 2020-04-30), a grade word (合理, 健全, 达标 …), free text (kept, never turned into a number),
or missing (nothing written). ``raw`` is always the text exactly as given.

``to_text`` writes the canonical form, a fixed point of parsing: for every string ``x`` and year
``y``, ``to_text(parse(to_text(parse(x, y)), y)) == to_text(parse(x, y))``.

Conventions (the tables and their sources are in ``lexicon``):
- 以上/以下/以内 include the number (《民法典》第1259条), so ``90%以上`` is ``>=``; 超过 is ``>``.
- 前/以前/之前 after a date are ``<=``: "4月30日前完成" is met on the 30th; 以后 is ``>=``.
- A quarter or half-year (一季度, 上半年) is its end date with ``<=``; 年内 is ``<=`` 12-31.
- A month or day without a year takes the project's year; with no project year it stays text.
- A year alone is a date only as 1900–2099 with 年 (``=2020年``); ``2020`` alone is a number.
- Grade words match exactly (after whitespace and a leading "="): 明确性 or 财务制度健全 is text.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.core.model import TargetValue
from jixiao.core.values import dates, numbers
from jixiao.core.values.lexicon import NORMALISE, QUALITATIVE_GRADES
from jixiao.core.values.ops import split_prefix
from jixiao.core.values.render import describe, to_text

__all__ = ["QUALITATIVE_GRADES", "as_decimal", "describe", "is_percentage", "latest_date", "parse", "to_text"]


_TO_NORMALISE = re.compile("[" + "".join(re.escape(chr(code)) for code in NORMALISE) + "]")


def compact(raw: str) -> str:
    """The working copy: full-width forms to ASCII, variant signs unified, all whitespace removed."""
    if _TO_NORMALISE.search(raw):  # translating char by char is the slow part: only when needed
        raw = raw.translate(NORMALISE)
    return "".join(raw.split())


def grade_of(text: str) -> str | None:
    """The grade word ``text`` is (a leading "=" allowed: "=合理"), or None."""
    word = text[1:] if text.startswith("=") else text
    return word if word in QUALITATIVE_GRADES else None


# The reader parses every cell of every table; the same few hundred spellings recur, and a
# TargetValue is immutable, so sharing one per (raw, year) is safe.
@lru_cache(maxsize=65536)
def parse(raw: str, year: int | None = None) -> TargetValue:
    """The typed value of ``raw``; ``year`` is the project's year, for dates written without one.

    Never raises: what cannot be typed is kind ``text`` with ``raw`` kept.
    """
    text = compact(raw)
    if not text:
        return TargetValue(raw=raw, kind="missing")
    grade = grade_of(text)
    if grade is not None:
        return TargetValue(raw=raw, kind="qualitative", value=grade)
    op, core = split_prefix(text)
    found = dates.deadline(raw, op, core, year)
    if found is None:
        found = numbers.numeric(raw, op, core, year)
    return found if isinstance(found, TargetValue) else TargetValue(raw=raw, kind="text")


def is_percentage(tv: TargetValue) -> bool:
    """A numeric target in % (written %, ％, 百分比 or both)."""
    return tv.kind == "numeric" and tv.unit == "%"


def as_decimal(tv: TargetValue) -> Decimal | None:
    """The number of a numeric target, multipliers applied; None for any other kind."""
    if tv.kind != "numeric" or tv.value is None:
        return None
    try:
        return Decimal(tv.value)
    except (InvalidOperation, ValueError):
        return None


def latest_date(tv: TargetValue) -> date | None:
    """The last day a deadline names (its end for a period; 2020 → 2020-12-31, 2020-06 → 2020-06-30).

    The operator is not applied: this is the date to compare with the project's end date.
    """
    iso = (tv.end or tv.value) if tv.kind == "deadline" else None
    if not iso:
        return None
    try:
        parts = [int(p) for p in iso.split("-")]
        year, month = parts[0], parts[1] if len(parts) > 1 else 12
        day = parts[2] if len(parts) > 2 else calendar.monthrange(year, month)[1]
        return date(year, month, day)
    except (ValueError, IndexError, calendar.IllegalMonthError):
        return None
