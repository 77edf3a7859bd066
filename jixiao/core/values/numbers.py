"""Numeric targets: ``>1000家``, ``=100%百分比``, ``40000名``, ``>5亿``, ``250万元``, ``5个工作日以内``.

The whole core must be a figure — an optional sign, the digits (thousands separators allowed), an
optional multiplier and an optional unit. A number inside a sentence ("信息获取后3个工作日内发布")
is not a figure and the value stays text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal

from jixiao.core.canonical import decimal_text
from jixiao.core.model import TargetValue, plain_constructor
from jixiao.core.values import dates
from jixiao.core.values.lexicon import (
    GENERIC_UNIT_RE,
    MULTIPLIER_STARTS,
    MULTIPLIERS,
    NUMBER_SUFFIX_OPS,
    PERCENT_FORMS,
    SYMBOL_UNITS,
    UNITS_LIKE_MULTIPLIERS,
)
from jixiao.core.values.ops import merge_ops, split_suffix

_FIGURE = re.compile(r"([+-]?)([0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?)(.*)", re.DOTALL)
_PERCENT_WORD = "百分之"  # 百分之90 is 90%
# A unit starting with one of these could, once the number is normalised, read as a date (2020年,
# 6月, 1季度); such a figure is typed as that date so that its canonical text reads back the same.
_DATE_UNIT_STARTS = frozenset("年月季")
# TargetValue(raw, kind, op, value, unit), made directly: most values a reader meets are figures
_numeric_target: Callable[[str, str, str | None, str, str | None], TargetValue] = \
    plain_constructor(TargetValue, ("raw", "kind", "op", "value", "unit"))


def scaled(digits: str, exponent: int) -> str:
    """``digits`` × 10^exponent as a plain decimal string, exactly (no context rounding)."""
    if exponent == 0 and digits.isdigit():  # the common case, "1000": only leading zeros to drop
        return digits.lstrip("0") or "0"
    sign, numerals, exp = Decimal(digits).as_tuple()
    return decimal_text(Decimal((sign, numerals, int(exp) + exponent))) or "0"


def unit_word(text: str) -> str | None:
    """The unit as kept: % for the percent family, else as written when it is a unit at all."""
    if text in PERCENT_FORMS:
        return "%"
    if text in SYMBOL_UNITS or text in UNITS_LIKE_MULTIPLIERS:
        return text
    if text[0] not in MULTIPLIER_STARTS and GENERIC_UNIT_RE.fullmatch(text):
        return text
    return None


def tail_to_unit(tail: str) -> tuple[int, str | None] | None:
    """(power of ten, unit) of what follows the digits: ``万元`` → (4, 元), ``亿`` → (8, None)."""
    if not tail:
        return 0, None
    if tail in UNITS_LIKE_MULTIPLIERS:
        return 0, tail
    exponent = 0
    if tail[0] in MULTIPLIER_STARTS:
        for word, power in MULTIPLIERS:
            if tail.startswith(word):
                exponent, tail = power, tail[len(word):]
                break
    if not tail:
        return exponent, None
    unit = unit_word(tail)
    return (exponent, unit) if unit else None


def core_to_figure(core: str) -> tuple[str, str | None] | None:
    """(normalised value, unit) of a figure, or None when ``core`` is not one."""
    percent_word = core.startswith(_PERCENT_WORD)
    if percent_word:
        core = core[len(_PERCENT_WORD):]
    match = _FIGURE.fullmatch(core)
    if match is None:
        return None
    sign, digits, tail = match.groups()
    if percent_word and tail:
        return None
    typed = tail_to_unit(tail)
    if typed is None:
        return None
    exponent, unit = typed
    return scaled(sign + digits.replace(",", ""), exponent), "%" if percent_word else unit


def numeric(raw: str, prefix_op: str | None, core: str,
            year: int | None) -> TargetValue | dates.Unresolved | None:
    """The numeric target ``core`` writes, None when it is no figure."""
    suffix_op, core = split_suffix(core, NUMBER_SUFFIX_OPS)
    figure = core_to_figure(core)
    if figure is None:
        return None
    agreed, op = merge_ops(prefix_op, suffix_op)
    if not agreed:
        return dates.UNRESOLVED
    value, unit = figure
    if unit and unit[0] in _DATE_UNIT_STARTS:
        as_date = dates.deadline(raw, op, value + unit, year)
        if as_date is not None:
            return as_date
    return _numeric_target(raw, "numeric", op, value, unit)
