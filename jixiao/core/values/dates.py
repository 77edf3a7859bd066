"""Deadlines (时效指标): a date, month, year, named period or period, resolved against the project's year.

Values are ISO text of the granularity written: ``2020-04-30``, ``2020-06`` or ``2020``; a period
keeps its start in ``value`` and its end in ``end``. A month or day written without a year takes
the project's year; when that is unknown the value stays text (an ISO value cannot be half a date,
and guessing a year would invent data).
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import NamedTuple

from jixiao.core.model import TargetValue
from jixiao.core.values.lexicon import (
    DATE_SUFFIX_OPS,
    MONTH_PART_DAYS,
    NAMED_PERIODS,
    PERIOD_SEPARATORS,
)
from jixiao.core.values.ops import merge_ops, split_suffix


class Unresolved:
    """Marker: the text is a date or an operator clash, but not a value we can type; it stays text."""


UNRESOLVED = Unresolved()

_HINT = re.compile(r"[年月季\-/.至到~—–―底末旬]")
_YEAR = re.compile(r"([0-9]{4})年度?")
_CN_DATE = re.compile(r"(?:([0-9]{4})年)?([0-9]{1,2})月(?:([0-9]{1,2})[日号]|(底|末|上旬|中旬|下旬))?")
_SEP_DATE = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})(?:\2([0-9]{1,2}))?")
_YEAR_PREFIXED = re.compile(r"([0-9]{4})年度?(.+)")
_BARE_YEAR = re.compile(r"[0-9]{4}")
_BARE_MONTH = re.compile(r"[0-9]{1,2}")

# A year alone is a calendar year only in this range; "=3年" or "≥5000年" are durations.
_CALENDAR_YEARS = range(1900, 2100)
_LAST_DAY = -1
# The longest form, "2020年12月31日至2021年12月31日", has 23 characters: longer cells are sentences
# (and trying every hyphen of a long sentence as a period separator would cost quadratic time).
_LONGEST_DATE = 40


class Point(NamedTuple):
    """A point as written: year None takes the context's; day ``_LAST_DAY`` is the month's last."""

    year: int | None
    month: int | None = None
    day: int | None = None


Found = tuple[str | None, str, str | None]  # (implied op, value, end)


def text_to_point(text: str, in_period: bool) -> Point | None:
    """The point of ``2020年``, ``2020年4月30日``, ``6月底``, ``2020-04-30`` or ``2020/4``.

    ``2023.07`` is a year-month only inside a period: alone it is the number 2023.07.
    """
    if match := _YEAR.fullmatch(text):
        calendar_year = int(match.group(1))
        return Point(calendar_year) if calendar_year in _CALENDAR_YEARS else None
    if match := _CN_DATE.fullmatch(text):
        y, m, d, part = match.groups()
        return Point(int(y) if y else None, int(m), _day(d, part))
    if match := _SEP_DATE.fullmatch(text):
        y, sep, m, d = match.groups()
        if sep == "." and d is None and not in_period:
            return None
        return Point(int(y), int(m), int(d) if d else None)
    return None


def _day(day: str | None, part: str | None) -> int | None:
    if day:
        return int(day)
    if part:
        return MONTH_PART_DAYS[part] or _LAST_DAY
    return None


def point_to_iso(point: Point, year: int | None) -> str | Unresolved | None:
    """ISO text of a point, its year defaulting to ``year``; UNRESOLVED when no year is known."""
    y = point.year if point.year is not None else year
    if y is None:
        return UNRESOLVED
    if not 1 <= y <= 9999:
        return None
    if point.month is None:
        return f"{y:04d}"
    if not 1 <= point.month <= 12:
        return None
    if point.day is None:
        return f"{y:04d}-{point.month:02d}"
    day = calendar.monthrange(y, point.month)[1] if point.day == _LAST_DAY else point.day
    try:
        return date(y, point.month, day).isoformat()
    except ValueError:
        return None


def named_to_found(text: str, year: int | None) -> Found | Unresolved | None:
    """年底, 上半年, 第一季度, 年内 (in the project's year) or 2020年上半年, 2020年底 (in their own)."""
    own_year = None
    if text not in NAMED_PERIODS and (match := _YEAR_PREFIXED.fullmatch(text)):
        own_year, text = int(match.group(1)), match.group(2)
        text = "年底" if text in ("底", "末", "终") else text
    if text not in NAMED_PERIODS:
        return None
    month, day, implied = NAMED_PERIODS[text]
    iso = point_to_iso(Point(own_year, month, day), year)
    return iso if not isinstance(iso, str) else (implied, iso, None)


def single_to_found(text: str, year: int | None) -> Found | Unresolved | None:
    point = text_to_point(text, in_period=False)
    if point is None:
        return None
    iso = point_to_iso(point, year)
    return iso if not isinstance(iso, str) else (None, iso, None)


def _bare_point(text: str, other: Point) -> Point | None:
    """A bare number at one end of a period, read at the other end's granularity: 1-3月, 2018-2020年."""
    if other.month is None and _BARE_YEAR.fullmatch(text) and int(text) in _CALENDAR_YEARS:
        return Point(int(text))
    if other.month is not None and other.day is None and _BARE_MONTH.fullmatch(text):
        return Point(None, int(text))
    return None


def _sides(start: str, end: str) -> tuple[Point, Point] | None:
    a, b = text_to_point(start, in_period=True), text_to_point(end, in_period=True)
    if a is None and b is not None:
        a = _bare_point(start, b)
    elif b is None and a is not None:
        b = _bare_point(end, a)
    return (a, b) if a is not None and b is not None else None


def _split_points(text: str) -> list[tuple[str, str]]:
    """Every way of cutting ``text`` at one separator; a hyphen may also sit inside an ISO date."""
    for sep in PERIOD_SEPARATORS:
        if sep in text:
            return [(text[:i], text[i + len(sep):]) for i in range(len(text)) if text.startswith(sep, i)]
    return []


def period_to_found(text: str, year: int | None) -> Found | Unresolved | None:
    """``2023.07-2024.01``, ``2020年1月-6月``, ``1-3月``: start and end, the missing year borrowed."""
    for start, end in _split_points(text):
        sides = _sides(start, end)
        if sides is None:
            continue
        a, b = sides
        first = point_to_iso(a if a.year is not None else a._replace(year=b.year), year)
        last = point_to_iso(b if b.year is not None else b._replace(year=a.year), year)
        if isinstance(first, Unresolved) or isinstance(last, Unresolved):
            return UNRESOLVED
        if first is None or last is None or not _in_order(first, last):
            return None
        return None, first, last
    return None


def _in_order(first: str, last: str) -> bool:
    width = min(len(first), len(last))
    return first[:width] <= last[:width]


def core_to_found(core: str, year: int | None) -> tuple[str | None, Found | Unresolved | None]:
    """(suffix operator, what the core names) — named periods are tried before a suffix is cut off,
    so that 年内 stays a word and 年底前 becomes 年底 with ``<=``."""
    found = named_to_found(core, year)
    if found is not None:
        return None, found
    suffix_op, core = split_suffix(core, DATE_SUFFIX_OPS)
    if not core:
        return None, None
    for reader in (named_to_found, single_to_found, period_to_found):
        found = reader(core, year)
        if found is not None:
            return suffix_op, found
    return None, None


def deadline(raw: str, prefix_op: str | None, core: str, year: int | None) -> TargetValue | Unresolved | None:
    """The deadline ``core`` names, None when it names none, UNRESOLVED when it cannot be typed."""
    if len(core) > _LONGEST_DATE or not _HINT.search(core):
        return None
    suffix_op, found = core_to_found(core, year)
    if found is None or isinstance(found, Unresolved):
        return found
    implied, value, end = found
    agreed, op = merge_ops(prefix_op, implied, suffix_op)
    if not agreed:
        return UNRESOLVED
    return TargetValue(raw=raw, kind="deadline", op=op, value=value, end=end)
