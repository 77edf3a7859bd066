"""The target-value grammar: every written form, every value of the seed, and its properties."""

from __future__ import annotations

from datetime import date
from decimal import Decimal, localcontext
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from jixiao.core.model import TargetValue
from jixiao.core.values import (
    QUALITATIVE_GRADES,
    as_decimal,
    compact,
    describe,
    is_percentage,
    latest_date,
    parse,
    to_text,
)
from jixiao.core.values.lexicon import NORMALISE

SEED = Path(__file__).resolve().parents[1] / "data" / "seed" / "shanghai-2020-commerce.txt"

Expected = tuple[str, str | None, str | None, str | None, str | None]  # kind, op, value, unit, end


def typed(tv: TargetValue) -> Expected:
    return tv.kind, tv.op, tv.value, tv.unit, tv.end


def N(op: str | None, value: str, unit: str | None = None) -> Expected:
    return "numeric", op, value, unit, None


def D(op: str | None, value: str, end: str | None = None) -> Expected:
    return "deadline", op, value, None, end


def Q(word: str) -> Expected:
    return "qualitative", None, word, None, None


TEXT: Expected = ("text", None, None, None, None)
MISSING: Expected = ("missing", None, None, None, None)

# Every distinct value of the seed's 指标目标值 column (2020 tables), with the parse we expect.
SEED_VALUES: dict[str, Expected] = {
    "合理": Q("合理"), "=100%": N("=", "100", "%"), "健全": Q("健全"), "有效": Q("有效"),
    "规范": Q("规范"), ">1000家": N(">", "1000", "家"), "=100%百分比": N("=", "100", "%"),
    "<=4月30日": D("<=", "2020-04-30"), "=120000000元": N("=", "120000000", "元"),
    ">=80%百分比": N(">=", "80", "%"), "公开招标": TEXT, "=1个": N("=", "1", "个"),
    "有较强参考价值": TEXT, "=2020年": D("=", "2020"), "较强": Q("较强"), "2035年以前": D("<=", "2035"),
    "合规": Q("合规"), "制度完备齐全": TEXT, "合格": Q("合格"), "服务企业数": TEXT, "稳定": Q("稳定"),
    "免费": Q("免费"), "满意": Q("满意"), "完善": Q("完善"), "40000名": N(None, "40000", "名"),
    "=1000人": N("=", "1000", "人"), "=2500人": N("=", "2500", "人"), "=200人": N("=", "200", "人"),
    "及时": Q("及时"), "250000名": N(None, "250000", "名"), "达标": Q("达标"), "完成": Q("完成"),
    "及时规范": TEXT, "无": Q("无"), "可持续": Q("可持续"), "有利": Q("有利"),
    "预测执行效率100%": TEXT, ">95%": N(">", "95", "%"), "财务制度健全": TEXT, "资金使用合规": TEXT,
    "专款专用": TEXT, "第三方数据和信息的发布": TEXT, "按计划，配合出版物的编写和发行": TEXT,
    "形成信息和数据服务产品": TEXT, "信息内容安全": TEXT, "政府网站的安全性保障达到市平均水平": TEXT,
    "外资领域信息和数据的搜集，信息获取后3个工作日内发布": TEXT, "收到反馈立即解决": TEXT,
    "公益性服务，非盈利": TEXT, "有效跟踪": TEXT, "获采用": Q("获采用"), "通过检测": TEXT,
    "较好": Q("较好"), "明确性": TEXT, "适应": Q("适应"), ">5亿": N(">", "500000000"),
    ">=95%": N(">=", "95", "%"), "提高": Q("提高"), "长期": Q("长期"),
}

# Forms beyond the seed (domain.md §3 and their relatives), parsed in a 2020 table.
EXAMPLES: dict[str, Expected] = {
    # operators, symbols and words
    "≥1000家": N(">=", "1000", "家"), "＝100%": N("=", "100", "%"), "==100%": N("=", "100", "%"),
    "≧90%": N(">=", "90", "%"), "≦5天": N("<=", "5", "天"), "＞3项": N(">", "3", "项"),
    "＜2次": N("<", "2", "次"), "＞＝80％": N(">=", "80", "%"), "≤ 10 个工作日": N("<=", "10", "个工作日"),
    "不低于90%": N(">=", "90", "%"), "不少于50场": N(">=", "50", "场"), "大于等于3篇": N(">=", "3", "篇"),
    "至少2期": N(">=", "2", "期"), "达到100%": N(">=", "100", "%"), "高于80%": N(">", "80", "%"),
    "多于10户": N(">", "10", "户"), "超过5亿": N(">", "500000000"), "不高于5%": N("<=", "5", "%"),
    "不超过3次": N("<=", "3", "次"), "不多于2起": N("<=", "2", "起"), "小于等于1%": N("<=", "1", "%"),
    "最多3天": N("<=", "3", "天"), "低于5%": N("<", "5", "%"), "少于3人": N("<", "3", "人"),
    # suffixes: 以上/以下/以内 include the number
    "5个工作日以内": N("<=", "5", "个工作日"), "90%以上": N(">=", "90", "%"), "3天内": N("<=", "3", "天"),
    "100人及以上": N(">=", "100", "人"), "5%以下": N("<=", "5", "%"), "=90%以上": N(">=", "90", "%"),
    "≥90%以上": N(">=", "90", "%"), "<=90%以上": TEXT,
    # numbers: separators, full-width digits, decimals, signs, multipliers
    "=120,000,000元": N("=", "120000000", "元"), "１２０，０００": N(None, "120000"),
    "≥１２０，０００元": N(">=", "120000", "元"), "98.50%": N(None, "98.5", "%"), "-5%": N(None, "-5", "%"),
    "≥-0.5%": N(">=", "-0.5", "%"), "+3%": N(None, "3", "%"), "0100": N(None, "100"),
    "250万": N(None, "2500000"), "250万元": N(None, "2500000", "元"), "5亿": N(None, "500000000"),
    "1.2亿元": N(None, "120000000", "元"), "3千": N(None, "3000"), "2万人次": N(None, "20000", "人次"),
    "1.5千万元": N(None, "15000000", "元"), "0.5万元/人": N(None, "5000", "元/人"),
    "5千克": N(None, "5", "千克"), "3个百分点": N(None, "3", "个百分点"), "2百分点": N(None, "2", "百分点"),
    # units
    "10辆": N(None, "10", "辆"), "≥80M": N(">=", "80", "M"), "≥2GB": N(">=", "2", "GB"),
    "=500平方米": N("=", "500", "平方米"), "500㎡": N(None, "500", "㎡"), "3km": N(None, "3", "km"),
    "2公里": N(None, "2", "公里"), "5‰": N(None, "5", "‰"), "80百分比": N(None, "80", "%"),
    "百分之90": N(None, "90", "%"), "=3年": N("=", "3", "年"), "6个月": N(None, "6", "个月"),
    "18岁": N(None, "18", "岁"), "1000家企业": N(None, "1000", "家企业"), "12小时": N(None, "12", "小时"),
    # deadlines, resolved against 2020
    "=2020年": D("=", "2020"), "2020年度": D(None, "2020"), "2035年以前": D("<=", "2035"),
    "2020年6月底前": D("<=", "2020-06-30"), "6月底前": D("<=", "2020-06-30"), "6月底": D(None, "2020-06-30"),
    "年底前": D("<=", "2020-12-31"), "年内": D("<=", "2020-12-31"), "年底": D(None, "2020-12-31"),
    "2020年12月31日前": D("<=", "2020-12-31"), "2020年底": D(None, "2020-12-31"),
    "2021年年底前": D("<=", "2021-12-31"), "2020-04-30": D(None, "2020-04-30"),
    "2020/4/30": D(None, "2020-04-30"), "2020.4.30": D(None, "2020-04-30"), "≤2020-04-30": D("<=", "2020-04-30"),
    "截止2020年6月30日": D("<=", "2020-06-30"), "4月30日前": D("<=", "2020-04-30"),
    "2020年6月": D(None, "2020-06"), "=6月": D("=", "2020-06"), "2020-06": D(None, "2020-06"),
    "9月上旬": D(None, "2020-09-10"), "9月下旬": D(None, "2020-09-30"), "2月底": D(None, "2020-02-29"),
    "2020年内": D("<=", "2020"), "2035年以后": D(">=", "2035"),
    "一季度": D("<=", "2020-03-31"), "第二季度": D("<=", "2020-06-30"), "3季度末": D("<=", "2020-09-30"),
    "上半年": D("<=", "2020-06-30"), "下半年": D("<=", "2020-12-31"), "2021年上半年": D("<=", "2021-06-30"),
    # periods
    "2023.07-2024.01": D(None, "2023-07", "2024-01"), "2020年1月-6月": D(None, "2020-01", "2020-06"),
    "1-3月": D(None, "2020-01", "2020-03"), "1月-3月": D(None, "2020-01", "2020-03"),
    "2020.1-6": D(None, "2020-01", "2020-06"), "2018-2020年": D(None, "2018", "2020"),
    "2020-01-01至2020-06-30": D(None, "2020-01-01", "2020-06-30"),
    "2020-01-01-2020-06-30": D(None, "2020-01-01", "2020-06-30"), "2020年3月~5月": D(None, "2020-03", "2020-05"),
    "2024.01-2023.07": TEXT, "5-10": TEXT, "2018-2020": TEXT,
    # not dates: durations, impossible dates, a bare 2023.07
    "2月30日": TEXT, "13月": N(None, "13", "月"), "2023.07": N(None, "2023.07"), "=5000年": N("=", "5000", "年"),
    # qualitative grades, matched exactly
    "=合理": Q("合理"), " 良好 ": Q("良好"), "优良": Q("优良"), "基本满意": Q("基本满意"), "是": Q("是"),
    "否": Q("否"), "有所提高": Q("有所提高"), "全覆盖": Q("全覆盖"), "达到": Q("达到"), "高": Q("高"),
    "合理性": TEXT, "明确性": TEXT, "财务制度健全": TEXT, "合理。": TEXT,
    # text: a number inside a sentence is not a number
    "信息获取后3个工作日内发布": TEXT, "预测执行效率100%": TEXT, "有较强参考价值": TEXT,
    "公益性服务，非盈利": TEXT, "100余家": TEXT, "100多人": TEXT, "约100人": TEXT, "100人左右": TEXT,
    "5天完成": TEXT, "3日前": TEXT, "1,00": TEXT, "1e5": TEXT, "5万万": TEXT, "5百": TEXT,
    "—": TEXT, "/": TEXT, "-": TEXT, "100%覆盖": TEXT, "90%-95%": TEXT, "≠5": TEXT,
    # missing: only nothing at all
    "": MISSING, "   ": MISSING, "\u3000\t\n": MISSING,
}


@pytest.mark.parametrize("raw", list(SEED_VALUES))
def test_every_seed_value_parses_as_expected(raw: str) -> None:
    tv = parse(raw, 2020)
    assert typed(tv) == SEED_VALUES[raw]
    assert tv.raw == raw


def _seed_target_column() -> set[str]:
    """The last cell of each row of the seed's indicator tables (after 一级目标 … 指标目标值)."""
    found: set[str] = set()
    inside = False
    for line in SEED.read_text(encoding="utf-8").splitlines():
        if line.startswith("一级目标\t"):
            inside = True
        elif line.startswith("财政项目支出绩效目标表"):
            inside = False
        elif inside and line.strip():
            cells = [cell for cell in line.split("\t") if cell]
            found.add(cells[-1])
    return found


def test_the_seed_table_covers_every_distinct_seed_value() -> None:
    assert _seed_target_column() == set(SEED_VALUES)


@pytest.mark.parametrize("raw", list(EXAMPLES))
def test_example_forms(raw: str) -> None:
    tv = parse(raw, 2020)
    assert typed(tv) == EXAMPLES[raw], raw
    assert tv.raw == raw


@pytest.mark.parametrize("raw", ["<=4月30日", "6月底前", "年内", "一季度", "1-3月", "=6月", "3季度末"])
def test_a_date_without_any_year_stays_text(raw: str) -> None:
    assert parse(raw).kind == "text"
    assert parse(raw, None).raw == raw


@pytest.mark.parametrize(("raw", "expected"), [
    ("=2020年", D("=", "2020")), ("2020-04-30", D(None, "2020-04-30")),
    ("2020年6月底前", D("<=", "2020-06-30")), ("2023.07-2024.01", D(None, "2023-07", "2024-01")),
    ("2021年上半年", D("<=", "2021-06-30")), ("2019年1月-6月", D(None, "2019-01", "2019-06")),
])
def test_a_date_with_its_own_year_needs_no_project_year(raw: str, expected: Expected) -> None:
    assert typed(parse(raw)) == expected
    assert typed(parse(raw, 1999)) == expected


def test_the_project_year_is_the_one_applied() -> None:
    assert parse("<=4月30日", 2021).value == "2021-04-30"
    assert parse("2月底", 2021).value == "2021-02-28"
    assert parse("年内", 2019).value == "2019-12-31"


def test_invisible_characters_and_long_sentences() -> None:
    assert typed(parse("1000家\u200b", 2020)) == N(None, "1000", "家")
    assert parse("-".join(["2020"] * 3000), 2020).kind == "text"


def test_raw_is_kept_exactly() -> None:
    for raw in (" >1000家 ", "=100%百分比", "　合理　", "2020年 6月底前", "信息获取后3个工作日内发布"):
        assert parse(raw, 2020).raw == raw


@pytest.mark.parametrize(("raw", "text"), [
    (">1000家", ">1000家"), ("≥1000家", "≥1000家"), (">=1000家", "≥1000家"), ("不低于1000家", "≥1000家"),
    ("=100%百分比", "=100%"), ("=120,000,000元", "=120000000元"), ("250万元", "2500000元"),
    (">5亿", ">500000000"), ("5个工作日以内", "≤5个工作日"), ("<=4月30日", "≤2020-04-30"),
    ("=2020年", "=2020年"), ("2035年以前", "≤2035年"), ("2023.07-2024.01", "2023-07至2024-01"),
    ("2018-2020年", "2018年至2020年"), ("=合理", "合理"), (" 健全 ", "健全"),
    ("信息获取后3个工作日内发布", "信息获取后3个工作日内发布"), ("  ", ""), ("98.50%", "98.5%"),
])
def test_canonical_text(raw: str, text: str) -> None:
    assert to_text(parse(raw, 2020)) == text


@pytest.mark.parametrize(("raw", "zh", "en"), [
    (">=1000家", "≥ 1000 家", "≥ 1000 家"), ("=100%", "= 100 %", "= 100 %"), ("40000名", "40000 名", "40000 名"),
    (">5亿", "> 500000000", "> 500000000"), ("<=4月30日", "截止 2020-04-30", "by 2020-04-30"),
    ("=2020年", "于 2020", "in 2020"), ("2020-04-30", "时间 2020-04-30", "at 2020-04-30"),
    ("2035年以后", "不早于 2035", "not before 2035"),
    ("2023.07-2024.01", "2023-07 至 2024-01", "2023-07 to 2024-01"),
    ("合理", "定性：合理", "qualitative: 合理"), ("预测执行效率100%", "文本", "text"), ("", "未填写", "missing"),
])
def test_describe(raw: str, zh: str, en: str) -> None:
    tv = parse(raw, 2020)
    assert describe(tv) == zh
    assert describe(tv, "zh") == zh
    assert describe(tv, "en") == en


def test_helpers() -> None:
    assert is_percentage(parse("=100%百分比"))
    assert is_percentage(parse("≥80％"))
    assert not is_percentage(parse("=100元"))
    assert not is_percentage(parse("预测执行效率100%"))
    assert as_decimal(parse(">5亿")) == Decimal("500000000")
    assert as_decimal(parse("98.5%")) == Decimal("98.5")
    assert as_decimal(parse("合理")) is None
    assert as_decimal(parse("2020-04-30")) is None
    assert latest_date(parse("<=4月30日", 2020)) == date(2020, 4, 30)
    assert latest_date(parse("=2020年")) == date(2020, 12, 31)
    assert latest_date(parse("2020年2月")) == date(2020, 2, 29)
    assert latest_date(parse("2023.07-2024.01")) == date(2024, 1, 31)
    assert latest_date(parse(">5亿")) is None


def test_the_grade_vocabulary() -> None:
    for word in ("合理", "健全", "规范", "有效", "达标", "较好", "满意", "及时", "无", "优良", "获采用"):
        assert word in QUALITATIVE_GRADES
    assert all(parse(word).kind == "qualitative" for word in QUALITATIVE_GRADES)
    assert all(to_text(parse(word)) == word for word in QUALITATIVE_GRADES)


# -- properties ----------------------------------------------------------------------------------

YEARS = st.one_of(st.none(), st.integers(1990, 2060), st.integers(-10**6, 10**6))

# Pieces of the grammar, so that generated strings come close to what the parser accepts.
TOKENS = [
    "=", "==", ">", "<", ">=", "<=", "≥", "≤", "≧", "＝", "＞", "不低于", "不超过", "超过", "达到", "截止",
    "0", "1", "2", "3", "6", "9", "12", "30", "31", "100", "2020", "2035", "1,000", "１２", "，", ".", ",",
    "-", "+", "−", "至", "~", "—", "/", "万", "千", "亿", "百", "百万", "元", "%", "％", "百分比", "‰",
    "家", "人", "个", "工作日", "千克", "百分点", "M", "年", "月", "日", "号", "底", "末", "上旬", "季度",
    "第", "一", "上半年", "年底", "年内", "以上", "以下", "以内", "内", "前", "以前", "后", " ", "\u3000",
    "合理", "无", "是", "高", "达标", "性", "\t", "\x00",
]
GRAMMAR_TEXT = st.lists(st.sampled_from(TOKENS), max_size=8).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.text(), YEARS)
def test_parse_never_raises_and_keeps_raw(raw: str, year: int | None) -> None:
    tv = parse(raw, year)
    assert tv.raw == raw
    assert tv.kind in ("numeric", "deadline", "qualitative", "text", "missing")


def _assert_fixed_point(raw: str, year: int | None) -> None:
    first = parse(raw, year)
    text = to_text(first)
    again = parse(text, year)
    assert to_text(again) == text
    if first.kind != "text":
        assert typed(again) == typed(first)


@settings(max_examples=400, deadline=None)
@given(st.text(), YEARS)
def test_canonical_text_is_a_fixed_point_for_any_text(raw: str, year: int | None) -> None:
    _assert_fixed_point(raw, year)


@settings(max_examples=1000, deadline=None)
@given(GRAMMAR_TEXT, YEARS)
@example("0.202万年", 2020)
@example("0.0006万月", 2020)
@example("0.0001万季度", 2020)
@example("0.0006万月", None)
@example("5万万", 2020)
def test_canonical_text_is_a_fixed_point_near_the_grammar(raw: str, year: int | None) -> None:
    _assert_fixed_point(raw, year)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(sorted(chr(c) for c in NORMALISE) + list("90%家 \t年＝≥")), max_size=12)
       | st.text())
def test_compact_translates_only_when_a_character_needs_it(raw: str) -> None:
    # the working copy skips str.translate when nothing in the text is in the table: the same copy
    assert compact(raw) == "".join(raw.translate(NORMALISE).split())


OP_SPELLINGS = [("", None), ("=", "="), ("＝", "="), (">", ">"), ("＞", ">"), (">=", ">="), ("≥", ">="),
                ("≧", ">="), ("<", "<"), ("<=", "<="), ("≤", "<="), ("≦", "<="), ("不低于", ">="),
                ("超过", ">"), ("不超过", "<="), ("低于", "<"), ("至少", ">=")]
SUFFIXES = [("以上", ">="), ("以下", "<="), ("以内", "<="), ("及以上", ">=")]
MULTIPLIER_WORDS = [("", 0), ("千", 3), ("万", 4), ("亿", 8), ("百万", 6), ("千万", 7), ("万亿", 12)]
UNITS = ["", "家", "人", "人次", "名", "个", "元", "次", "天", "个工作日", "小时", "辆", "项", "平方米", "㎡",
         "公里", "km", "吨", "M", "GB", "%", "％", "百分比", "%百分比", "‰", "千克", "元/人", "个百分点"]


def _digits(whole: int, separated: bool, full_width: bool) -> str:
    text = f"{whole:,}" if separated else str(whole)
    return text.translate(str.maketrans("0123456789,", "０１２３４５６７８９，")) if full_width else text


@st.composite
def well_formed(draw: st.DrawFn) -> tuple[str, str | None, Decimal, str | None]:
    """(text, op, value, unit) of an operator + number + multiplier + unit (+ suffix) figure."""
    prefix, op = draw(st.sampled_from(OP_SPELLINGS))
    suffix = ""
    if prefix == "" and draw(st.booleans()):
        suffix, op = draw(st.sampled_from(SUFFIXES))
    sign = draw(st.sampled_from(["", "-", "+"]))
    whole = draw(st.integers(0, 10**15))
    fraction = draw(st.one_of(st.just(""), st.from_regex(r"[0-9]{1,6}", fullmatch=True)))
    word, power = draw(st.sampled_from(MULTIPLIER_WORDS))
    unit = draw(st.sampled_from(UNITS))
    number = _digits(whole, draw(st.booleans()), draw(st.booleans())) + (f".{fraction}" if fraction else "")
    with localcontext() as ctx:
        ctx.prec = 60
        value = Decimal(f"{sign}{whole}.{fraction or 0}") * Decimal(10) ** power
    expected_unit = "%" if unit in ("%", "％", "百分比", "%百分比") else unit or None
    return f"{prefix}{sign}{number}{word}{unit}{suffix}", op, value, expected_unit


@settings(max_examples=600, deadline=None)
@given(well_formed(), YEARS)
def test_well_formed_figures_parse_exactly(case: tuple[str, str | None, Decimal, str | None],
                                           year: int | None) -> None:
    raw, op, value, unit = case
    tv = parse(raw, year)
    assert (tv.kind, tv.op, tv.unit) == ("numeric", op, unit), raw
    assert tv.value is not None and Decimal(tv.value) == value
    assert "E" not in tv.value and not (("." in tv.value) and tv.value.endswith("0"))
    _assert_fixed_point(raw, year)


DATE_FORMS = ["{y}-{m:02d}-{d:02d}", "{y}/{m}/{d}", "{y}.{m}.{d}", "{y}年{m}月{d}日", "{m}月{d}日",
              "{y}年{m}月{d}号"]


@settings(max_examples=400, deadline=None)
@given(st.dates(date(1950, 1, 1), date(2090, 12, 31)), st.sampled_from(DATE_FORMS),
       st.sampled_from(OP_SPELLINGS[:12]), st.sampled_from(["", "前", "以前", "之前"]))
def test_well_formed_dates_parse_exactly(day: date, form: str, prefix: tuple[str, str | None], suffix: str) -> None:
    spelling, op = prefix
    if suffix and op in (">", ">="):
        op = None  # contradicts 前: stays text, checked below
    elif suffix:
        op = op if op in ("<", "<=") else "<="
    raw = spelling + form.format(y=day.year, m=day.month, d=day.day) + suffix
    tv = parse(raw, day.year)
    if suffix and prefix[1] in (">", ">="):
        assert tv.kind == "text"
        return
    assert typed(tv) == D(op, day.isoformat())
    _assert_fixed_point(raw, day.year)
