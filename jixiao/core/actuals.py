"""Reading what evaluators write as an actual value (实际完成值): a number with its unit, or a date.

An actual is written like a target without its operator — ``1120家``, ``98.6%``, ``1.2亿元``,
``2020年4月28日``, ``4月28日`` — so the same conventions hold: 万 = 10⁴ and 亿 = 10⁸ are applied,
``%`` and 百分比 are one unit, a date without a year takes the project's year. Text that is neither
a number nor a date is not guessed at: the readers return None and scoring asks for a judgement.

``target_from_text`` types a 指标目标值 written in a form with the target-value grammar.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from decimal import Decimal, InvalidOperation

from jixiao.core import values
from jixiao.core.model import TargetValue

MULTIPLIERS: dict[str, Decimal] = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}

_OPS: dict[str, str] = {"≥": ">=", "≤": "<=", "＝": "=", "＞": ">", "＜": "<", "=": "=", ">": ">", "<": "<",
                        ">=": ">=", "<=": "<=", "＞＝": ">=", "＜＝": "<="}
# Words evaluators put before a figure ("约1120家", "达到98%") that do not change it.
_LEAD = r"(?:约|共计|共|累计|合计|达到|达|完成|实际|为)?"
_NUMBER = re.compile(rf"^\s*{_LEAD}\s*([+-]?\d[\d,，]*(?:\.\d+)?)\s*(万|亿)?\s*(.*?)\s*$")
_OP = re.compile(r"^\s*(>=|<=|＞＝|＜＝|≥|≤|＝|=|>|<|＞|＜)\s*")
_ISO = re.compile(r"^\s*(\d{4})\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2})\s*日?)?\s*月?\s*(?:前|以前|之前)?\s*$")
_MONTH_DAY = re.compile(r"^\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:前|以前|之前)?\s*$")
_YEAR = re.compile(r"^\s*(\d{4})\s*年?\s*(?:底|末|内|前|以前|之前)?\s*$")


def normal_unit(unit: str) -> str:
    """The unit as compared: 百分比 is %, surrounding spaces go."""
    text = unit.strip()
    return "%" if text in ("%", "百分比", "%百分比", "％") else text.replace("％", "%")


def read_number(text: str | None) -> tuple[Decimal, str] | None:
    """(value, unit) of a figure such as ``1120家`` or ``1.2亿元``; None when the text is not a figure."""
    if not text:
        return None
    match = _NUMBER.match(_OP.sub("", text, count=1))
    if not match:
        return None
    digits, multiplier, unit = match.groups()
    try:
        value = Decimal(digits.replace(",", "").replace("，", ""))
    except InvalidOperation:
        return None
    if multiplier:
        value *= MULTIPLIERS[multiplier]
    return value, normal_unit(unit)


def _end_of(year: int, month: int | None, day: int | None) -> date | None:
    """The last day a year, month or day written as a deadline allows (2020 → 2020-12-31)."""
    month = month or 12
    if not 1 <= month <= 12:
        return None
    day = day or calendar.monthrange(year, month)[1]
    try:
        return date(year, month, day)
    except ValueError:
        return None


def read_date(text: str | None, year: int | None) -> date | None:
    """The date of ``2020-04-28``, ``2020年4月28日``, ``4月28日`` (in ``year``), ``2020年4月`` or ``2020年``.

    A month or a year stands for its last day, which is how a deadline written that way is read.
    """
    if not text:
        return None
    text = _OP.sub("", text, count=1)
    if match := _ISO.match(text):
        y, m, d = match.groups()
        return _end_of(int(y), int(m), int(d) if d else None)
    if (match := _MONTH_DAY.match(text)) and year:
        return _end_of(year, int(match.group(1)), int(match.group(2)))
    if match := _YEAR.match(text):
        return _end_of(int(match.group(1)), None, None)
    return None


def target_from_text(raw: str, year: int | None) -> TargetValue:
    """A 指标目标值 typed by the target-value grammar."""
    return values.parse(raw, year)
