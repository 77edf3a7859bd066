"""The target value as the user types it: typed by ``jixiao.core.values`` and judged acceptable or not.

Acceptable is anything the domain allows people to write (numbers, deadlines, grades, free text).
Refused: an empty value (every indicator needs a target), and a value that starts with a comparison
(">=", "不低于" …) but is not understood as a number or a date — e.g. ">=家" — because a comparison
promises a measurable target and silently keeping it as text would hide the mistake.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jixiao.core import values
from jixiao.core.model import TargetValue

_COMPARISON = re.compile(r"^\s*(>=|<=|>|<|=|≥|≤|＞|＜|＝|不低于|不少于|不高于|不超过|不大于|不小于|大于|小于|达到)")


def parse(raw: str, year: int | None) -> TargetValue:
    return values.parse(raw, year)


@dataclass(frozen=True)
class TargetCheck:
    value: TargetValue
    error: str | None = None
    error_en: str | None = None

    @property
    def ok(self) -> bool:
        return self.error is None

    def describe(self, lang: str) -> str:
        return values.describe(self.value, "en" if lang.startswith("en") else "zh")


def check_target(raw: str, year: int | None) -> TargetCheck:
    text = raw.strip()
    if not text:
        return TargetCheck(TargetValue.missing(), "指标目标值不能为空", "the target value is empty")
    value = parse(text, year)
    if _COMPARISON.match(text) and value.kind not in ("numeric", "deadline"):
        return TargetCheck(value, f"无法识别：“{text}”有比较符号但没有可识别的数值或日期",
                           f"not understood: {text!r} has a comparison but no number or date")
    return TargetCheck(value)
