"""The words of the target-value grammar: operators, suffixes, multipliers, units, grades, periods.

Data only; the grammar in ``numbers`` and ``dates`` reads these tables. Where a word's meaning is a
convention rather than obvious, the comment cites where the convention comes from.
"""

from __future__ import annotations

import calendar
import re

# Full-width ASCII (！..～) to ASCII, the ideographic space to a space, and the variant signs people
# type for the same thing. Applied to a working copy only: ``raw`` is always kept as written.
_WIDTH: dict[int, str] = {code: chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
NORMALISE = str.maketrans({
    **_WIDTH, 0x3000: " ", ord("≧"): "≥", ord("≦"): "≤", ord("−"): "-", ord("﹣"): "-",
    ord("﹪"): "%", ord("〜"): "~", ord("﹤"): "<", ord("﹥"): ">", ord("﹦"): "=",
    # Zero-width characters that text copied from web pages and PDFs carries invisibly.
    0x200B: None, 0x200C: None, 0x200D: None, 0x2060: None, 0xFEFF: None,
})

UP, DOWN = frozenset({">", ">="}), frozenset({"<", "<="})

# What may stand before the number or date. Symbols first, then words. 以上/以下/以内 and their
# kin include the number itself (《民法典》第一千二百五十九条: "以上、以下、以内、届满包括本数；
# 不满、超过、以外不包括本数"), hence 不超过 is ``<=`` and 超过 is ``>``.
PREFIX_OPS: dict[str, str] = {
    ">=": ">=", "=>": ">=", "≥": ">=", "<=": "<=", "=<": "<=", "≤": "<=",
    "==": "=", "=": "=", ">": ">", "<": "<",
    "大于或等于": ">=", "大于等于": ">=", "不低于": ">=", "不少于": ">=", "不小于": ">=",
    "不得低于": ">=", "不得少于": ">=", "至少": ">=", "达到": ">=", "达": ">=", "不早于": ">=",
    "高于": ">", "多于": ">", "超过": ">", "大于": ">", "晚于": ">",
    "小于或等于": "<=", "小于等于": "<=", "不高于": "<=", "不超过": "<=", "不多于": "<=", "不大于": "<=",
    "不得超过": "<=", "不得高于": "<=", "最多": "<=", "至多": "<=", "控制在": "<=", "不晚于": "<=",
    "截止到": "<=", "截至到": "<=", "截止": "<=", "截至": "<=",
    "低于": "<", "少于": "<", "小于": "<", "不足": "<", "不满": "<", "未满": "<", "早于": "<",
    "等于": "=", "为": "=",
}
PREFIX_OP_RE = re.compile("|".join(re.escape(w) for w in sorted(PREFIX_OPS, key=len, reverse=True)))

# After a number. 以上 includes the number: the civil code above, and the statistical usage that
# follows it (国家统计局 "规模以上" = 2000万元及以上), so "90%以上" is ``>=90 %``.
NUMBER_SUFFIX_OPS: tuple[tuple[str, str], ...] = (
    ("及以上", ">="), ("或以上", ">="), ("以上", ">="),
    ("及以下", "<="), ("或以下", "<="), ("以下", "<="),
    ("以内", "<="), ("之内", "<="), ("内", "<="),
)

# After a date. 前/以前/之前 are read as ``<=``: a 完成时限 "4月30日前" is met by finishing on the
# 30th, the same inclusive reading the civil code gives 以内 and 届满, and how a self-evaluation
# scores "met on time" (财预〔2020〕10号). Likewise 以后 is ``>=``.
DATE_SUFFIX_OPS: tuple[tuple[str, str], ...] = (
    ("以前", "<="), ("之前", "<="), ("前", "<="),
    ("以内", "<="), ("之内", "<="), ("内", "<="),
    ("以后", ">="), ("之后", ">="), ("后", ">="),
)

# Multipliers written between the number and the unit, longest first (万 = 10⁴, 亿 = 10⁸).
MULTIPLIERS: tuple[tuple[str, int], ...] = (
    ("万亿", 12), ("千亿", 11), ("百亿", 10), ("千万", 7), ("百万", 6), ("亿", 8), ("万", 4), ("千", 3),
)
MULTIPLIER_STARTS = frozenset("万千百亿")

# One unit: percent, and 百分比 (and both together) written after the figure.
PERCENT_FORMS = frozenset({"%", "百分比", "%百分比", "百分率"})

# Units that begin with a multiplier character but are units of their own: 5千克 is not 5000克.
UNITS_LIKE_MULTIPLIERS = frozenset({
    "千克", "千米", "千瓦", "千瓦时", "千伏", "千帕", "千焦", "千卡", "千赫", "百分点",
})
SYMBOL_UNITS = frozenset({"‰", "㎡", "㎞", "㎏", "℃", "°C", "°", "m²", "m³", "km²"})

# Characters that make a trailing word a phrase rather than a unit ("100余家", "5天完成", "3日前").
_NOT_IN_UNIT = "前后内外以上下左右约近余多至到及或和与的为是不未超低高少于等达完成发解决实现开展提"
_CJK_UNIT_CHAR = rf"(?:(?![{_NOT_IN_UNIT}])[\u4e00-\u9fff])"
_UNIT_WORD = rf"(?:{_CJK_UNIT_CHAR}{{1,4}}|[A-Za-z]{{1,5}}[23]?)"
GENERIC_UNIT_RE = re.compile(rf"{_UNIT_WORD}(?:/{_UNIT_WORD})?")

# The grade words departments write as a qualitative target (定性指标). Matched exactly, after
# whitespace and a leading "=" are removed: "财务制度健全" or "明确性" is text, not a grade.
QUALITATIVE_GRADES: frozenset[str] = frozenset({
    "合理", "较合理", "基本合理", "健全", "较健全", "基本健全", "规范", "较规范", "基本规范",
    "有效", "较有效", "达标", "基本达标", "全部达标", "好", "较好", "良好", "很好", "优", "良", "优良",
    "优秀", "优质", "满意", "基本满意", "较满意", "比较满意", "非常满意", "及时", "较及时", "按时", "按期",
    "准时", "完善", "较完善", "基本完善", "不断完善", "逐步完善", "稳定", "基本稳定", "合格", "合规",
    "明确", "清晰", "提高", "提升", "有所提高", "有所提升", "逐步提高", "逐步提升", "不断提高",
    "不断提升", "稳步提升", "明显提升", "显著提升", "大幅提升", "显著", "明显", "持续", "可持续",
    "长期", "长效", "高", "较高", "强", "较强", "增强", "完成", "按时完成", "全部完成", "基本完成",
    "达到", "达到预期", "符合要求", "符合标准", "是", "否", "无", "有", "安全", "正常", "准确",
    "全覆盖", "有利", "通过", "免费", "适应", "获采用", "到位", "齐全", "完备", "完好", "改善",
    "有所改善", "明显改善", "降低", "有所降低", "减少", "增加", "扩大", "畅通", "顺利", "可控", "积极",
})


def _month_end(month: int) -> tuple[int, int]:
    # Any leap year gives February its 29th; the real year is applied when the date is resolved.
    return month, calendar.monthrange(2000, month)[1]


def _named_periods() -> dict[str, tuple[int, int, str | None]]:
    """Words that name a point of the project's year: (month, day of the period's end, implied op).

    A quarter or half-year as a target means "within it", so it is its end date with ``<=``;
    年底 is a point (its own op, if any, is written: 年底前).
    """
    named: dict[str, tuple[int, int, str | None]] = {}
    for i, numeral in enumerate("一二三四", start=1):
        month, day = _month_end(3 * i)
        for base in (f"{numeral}季度", f"第{numeral}季度", f"{i}季度", f"第{i}季度"):
            for tail in ("", "末", "底"):
                named[base + tail] = (month, day, "<=")
    for word, month in (("上半年", 6), ("下半年", 12)):
        named[word] = (*_month_end(month), "<=")
        named[word + "末"] = (*_month_end(month), "<=")
    for word in ("年底", "年末", "年终", "年度末", "年中"):
        named[word] = (*_month_end(6 if word == "年中" else 12), None)
    for word in ("年内", "年度内", "本年内", "当年内", "本年度内", "全年", "当年", "本年", "本年度"):
        named[word] = (12, 31, "<=")
    return named


NAMED_PERIODS = _named_periods()

# Day words after a month: 6月底 is its last day; 上旬/中旬/下旬 end on the 10th, 20th and last day.
MONTH_PART_DAYS: dict[str, int | None] = {"底": None, "末": None, "上旬": 10, "中旬": 20, "下旬": None}

# Separators between the two ends of a period ("2023.07-2024.01", "2020年1月至6月").
PERIOD_SEPARATORS: tuple[str, ...] = ("至", "到", "~", "—", "–", "―", "-")
