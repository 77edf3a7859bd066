"""Self-evaluation scoring (绩效自评评分): pure, settings passed in.

The rules are those of 财预〔2020〕10号《项目支出绩效评价管理办法》 (第十四条 weights, 第十五条 scoring,
grades 优/良/中/差); every figure a region or year may change is a field of ``ScoringSettings``, whose
defaults cite their source (``jixiao.core.score_settings``). Nothing here reads a file, a clock or the
environment. Monitoring alerts, which use the same settings, are in ``jixiao.core.alerts``.

Each indicator is first *assessed* — what share of its weight it earned, by which rule, and why — and
then weighed: weights given in the form are used as given; indicators without one share their
group's weight evenly; indicators that do not apply are left out and what remains is rescaled to
100. Every score carries its explanation in Chinese and English, and a Diagnostic for each thing a
person must still do (write a reason for a shortfall, fill in a missing actual).

Rounding: arithmetic is exact ``Decimal``; a score is shown rounded to ``settings.places`` (2)
decimals, ROUND_HALF_UP (四舍五入, as the forms print them). The total is the sum of the *unrounded*
scores, rounded once, so that a project that meets every target scores exactly 100 even when 50
points are shared by 16 indicators (3.125 each, shown 3.13); the rows shown may therefore differ from
the total in the last place. The grade is read from the rounded total, the figure everyone sees.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Any, Literal

from jixiao.core import frameworks
from jixiao.core.actuals import normal_unit, read_date, read_number
from jixiao.core.canonical import decimal_text
from jixiao.core.model import Diagnostic, Indicator, TargetValue
from jixiao.core.score_settings import (
    DEFAULT_SETTINGS,
    GROUP_NAMES,
    ONE,
    ZERO,
    ScoringSettings,
    band_of,
    grade_of,
    in_band,
    percent,
    points,
    rounded,
    settings_to_dict,
)
from jixiao.core.selfeval import EvaluatedIndicator, Execution, SelfEvaluation, header_to_dict

# The money block's units as an English sentence writes them.
MONEY_UNITS_EN = {"元": "yuan", "万元": "ten thousand yuan", "千元": "thousand yuan", "亿元": "hundred million yuan"}


def direction_of(indicator: Indicator) -> Literal["higher", "lower", "equal"]:
    """Which way is better: 指标方向 when written (反向 = lower), else the operator; = and none are equal."""
    written = indicator.direction or ""
    if "反" in written:
        return "lower"
    if "正" in written:
        return "higher"
    op = indicator.target.op
    if op in ("<", "<="):
        return "lower"
    return "higher" if op in (">", ">=") else "equal"


def _flag(code: str, severity: Literal["error", "warning", "info"], zh: str, en: str) -> Diagnostic:
    return Diagnostic(code=code, severity=severity, message=zh, message_en=en)


# --- assessing one indicator ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Assessment:
    """What share of its weight an indicator earned, by which rule, and the words for it."""

    rule: str  # higher, lower, equal-zero, deadline, band, missing, unjudged
    share: Decimal
    met: bool | None
    said: str
    said_en: str
    ratio: Decimal | None = None  # how far the target was reached: actual ÷ target (target ÷ actual if lower)
    formula: str | None = None  # what multiplies the weight: "× 72 ÷ 80"
    over: bool = False
    flags: tuple[Diagnostic, ...] = ()


def _said(target: TargetValue, actual: str, zh: str, en: str) -> tuple[str, str]:
    shown = target.raw or "（未填）"
    return f"目标 {shown}，实际 {actual}，{zh}", f"target {target.raw or '(none)'}, actual {actual}: {en}"


def assess_higher(target: TargetValue, actual_text: str, want: Decimal, got: Decimal,
                  s: ScoringSettings) -> Assessment:
    """≥ / > (and = when the target is not 0): full weight when reached, else weight × actual ÷ target.

    第十五条: "完成指标值的，记该指标所赋全部分值 … 未完成指标值的，按照完成值与指标值的比例记分". A strict
    ``>`` reached exactly scores full: the proportion cannot tell the two apart.
    """
    if want <= 0:
        met = got >= want
        return Assessment("higher", ONE if met else ZERO, met, *_said(target, actual_text, *_verdict(met)))
    ratio = got / want
    met = got >= want
    share = ONE if met else max(ratio, ZERO)
    over = ratio >= s.over_achievement
    zh, en = _verdict(met)
    if over:
        zh, en = f"超额完成（{percent(ratio)}）", f"exceeded ({percent(ratio)} of target)"
    formula = None if met else f"× {decimal_text(got)} ÷ {decimal_text(want)}"
    return Assessment("higher", share, met, *_said(target, actual_text, zh, en), ratio=ratio, formula=formula,
                      over=over)


def assess_lower(target: TargetValue, actual_text: str, cap: Decimal, got: Decimal,
                 s: ScoringSettings) -> Assessment:
    """≤ / < or 反向: full weight when within; otherwise ``settings.lower_is_better`` decides.

    A target of 0 (e.g. 安全事故 ≤0) scores only when the actual is 0: neither formula can divide by it.
    """
    ratio = cap / got if got > 0 else None
    if got <= cap:
        over = cap > 0 and (ratio is None or ratio >= s.over_achievement)
        zh, en = ("远低于目标上限，超额完成", "far below the cap (exceeded)") if over else _verdict(True)
        return Assessment("lower", ONE, True, *_said(target, actual_text, zh, en), ratio=ratio, over=over)
    if cap <= 0:
        share, formula = ZERO, None
    elif s.lower_is_better == "ratio":
        share, formula = cap / got, f"× {decimal_text(cap)} ÷ {decimal_text(got)}"
    else:
        share = max(ONE - (got - cap) / cap, ZERO)
        formula = f"× (1 − ({decimal_text(got)} − {decimal_text(cap)}) ÷ {decimal_text(cap)})"
    zh, en = "超出目标上限，未达成", "above the cap: not reached"
    return Assessment("lower", share, False, *_said(target, actual_text, zh, en), ratio=ratio, formula=formula)


def assess_zero(target: TargetValue, actual_text: str, got: Decimal) -> Assessment:
    """= 0: reached only by an actual of exactly 0 (domain.md §6); nothing in between."""
    met = got == 0
    zh, en = _verdict(met)
    if not met:
        zh, en = f"{zh}（目标为 0，实际须为 0）", f"{en} (target 0 needs an actual of 0)"
    return Assessment("equal-zero", ONE if met else ZERO, met, *_said(target, actual_text, zh, en))


def _verdict(met: bool) -> tuple[str, str]:
    return ("达成", "reached") if met else ("未达成", "not reached")


def _decimal(text: str | None) -> Decimal | None:
    try:
        number = Decimal(text) if text is not None else None
    except ArithmeticError:
        return None
    return number if number is not None and number.is_finite() else None


def assess_number(ind: Indicator, actual_text: str, s: ScoringSettings) -> Assessment | None:
    found = read_number(actual_text)
    if found is None or ind.target.value is None:
        return None
    got, unit = found
    want = _decimal(ind.target.value)
    if want is None:
        return None
    direction = direction_of(ind)
    if direction == "equal" and want == 0:
        result = assess_zero(ind.target, actual_text, got)
    elif direction == "lower":
        result = assess_lower(ind.target, actual_text, want, got, s)
    else:
        result = assess_higher(ind.target, actual_text, want, got, s)
    want_unit = normal_unit(ind.target.unit or "")
    if unit and want_unit and unit != want_unit:
        flag = _flag("unit-differs", "warning", f"实际值单位“{unit}”与目标单位“{want_unit}”不同，按数字比较",
                     f"actual unit {unit!r} differs from target unit {want_unit!r}; compared as numbers")
        result = _with_flags(result, flag)
    return result


def assess_deadline(ind: Indicator, actual_text: str, year: int | None, start: date | None,
                    s: ScoringSettings) -> Assessment | None:
    """A deadline: full weight when done by the date; late, ``settings.late_deadline`` decides."""
    due = read_date(ind.target.end or ind.target.value, year)
    done = read_date(actual_text, year or (due.year if due else None))
    if due is None or done is None:
        return None
    if done <= due:
        return Assessment("deadline", ONE, True, *_said(ind.target, actual_text, "按时完成", "on time"))
    late = (done - due).days
    zh, en = f"逾期 {late} 天", f"{late} days late"
    if s.late_deadline == "zero":
        return Assessment("deadline", ZERO, False, *_said(ind.target, actual_text, f"{zh}，逾期不得分",
                                                            f"{en}; late scores nothing"))
    begin = start or date(due.year, 1, 1)
    planned, taken = (due - begin).days + 1, (done - begin).days + 1
    share = Decimal(planned) / Decimal(taken) if planned > 0 else ZERO
    return Assessment("deadline", share, False, *_said(ind.target, actual_text, f"{zh}，按计划用时比例计分",
                                                         f"{en}; scored by planned ÷ actual duration"),
                      formula=f"× {planned} ÷ {taken}（计划用时 ÷ 实际用时，天）")


def _same_words(actual: str, target: TargetValue) -> bool:
    def key(text: str | None) -> str:
        return "".join((text or "").split()).lstrip("=＝")
    return key(actual) != "" and key(actual) in (key(target.raw), key(target.value))


def assess_judgement(row: EvaluatedIndicator, actual_text: str, weight: Decimal,
                     s: ScoringSettings) -> Assessment:
    """Qualitative (and anything not measurable): the evaluator's band and score in it (第十五条).

    A band with a score outside it, or a band alone, scores the band's default; a score alone names its
    band; an actual written exactly as the target is 达成; otherwise it is left at 0 for a person to judge.
    """
    target, flags = row.indicator.target, []
    given = row.score / weight if row.score is not None and weight > 0 else None
    band = row.band or (band_of(given, s) if given is not None else None)
    if band is None and _same_words(actual_text, target):
        band = "达成"
        flags.append(_flag("band-inferred", "info", "实际完成值与目标一致，视为达成",
                           "actual written as the target: taken as reached"))
    if band is None:
        flag = _flag("band-missing", "warning", "定性指标未评定档次（达成/部分达成/未达成）或得分，暂计 0 分",
                     "qualitative indicator without a band or score: scored 0 until judged")
        return Assessment("unjudged", ZERO, None, *_said(target, actual_text, "未评定", "not judged"),
                          flags=(flag,))
    share = given if given is not None and in_band(given, band, s) else s.band_defaults[band]
    if given is not None and share != given:
        flags.append(_flag("score-outside-band", "warning",
                           f"得分 {points(row.score or ZERO)} 不在“{band}”档内，按该档默认 {percent(share)} 计",
                           f"score outside the band {band}; its default {percent(share)} used"))
    zh, en = f"评价档次 {band}（{band_range_text(band, s)}）", f"band {band} ({band_range_text(band, s)})"
    return Assessment("band", share, band == "达成", *_said(target, actual_text, zh, en),
                      formula=None if share == ONE else f"× {percent(share)}", flags=tuple(flags))


def band_range_text(band: str, s: ScoringSettings) -> str:
    """"80%–100%" for 达成 under the default floors."""
    names = [name for name, _ in s.band_floors]
    at = names.index(band)
    ceiling = ONE if at == 0 else s.band_floors[at - 1][1]
    return f"{percent(s.band_floors[at][1], 0)}–{percent(ceiling, 0)}"


def _with_flags(a: Assessment, *flags: Diagnostic) -> Assessment:
    return Assessment(a.rule, a.share, a.met, a.said, a.said_en, a.ratio, a.formula, a.over, a.flags + flags)


def assess(row: EvaluatedIndicator, weight: Decimal, year: int | None, start: date | None,
           s: ScoringSettings = DEFAULT_SETTINGS) -> Assessment:
    """Score one applicable row as a share of its weight: measured when its actual can be read, judged if not."""
    actual = (row.actual or "").strip()
    target = row.indicator.target
    if not actual:
        flag = _flag("actual-missing", "warning", "未填写实际完成值，计 0 分", "no actual value: scored 0")
        return Assessment("missing", ZERO, None, *_said(target, "（未填）", "缺实际值", "missing"), flags=(flag,))
    measured = None
    if target.kind == "numeric":
        measured = assess_number(row.indicator, actual, s)
    elif target.kind == "deadline":
        measured = assess_deadline(row.indicator, actual, year, start, s)
    if measured is not None:
        return measured
    judged = assess_judgement(row, actual, weight, s)
    if target.kind in ("numeric", "deadline"):
        unreadable = _flag("actual-unreadable", "info", f"实际完成值“{actual}”无法按{_KIND_ZH[target.kind]}读取，按评价档次计",
                           f"actual {actual!r} is not a {target.kind} value: scored by band")
        judged = _with_flags(judged, unreadable)
    return judged


_KIND_ZH = {"numeric": "数字", "deadline": "日期"}


# --- weighing and adding up ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IndicatorScore:
    """One row scored. ``weight`` is the 分值 given or allotted, ``effective_weight`` after rescaling to 100;
    ``exact`` is unrounded (what the total adds), ``score`` what is shown. Rows that do not apply have
    no weight and no score."""

    row: EvaluatedIndicator
    group: str
    rule: str
    weight: Decimal | None
    effective_weight: Decimal | None
    share: Decimal | None
    exact: Decimal | None
    score: Decimal | None
    met: bool | None
    needs_explanation: bool
    explanation: str
    explanation_en: str
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class ExecutionScore:
    """预算执行率: 全年执行数 ÷ 全年预算数, scored rate × weight, capped at the weight."""

    rate: Decimal | None
    weight: Decimal
    effective_weight: Decimal
    exact: Decimal
    score: Decimal
    explanation: str
    explanation_en: str
    diagnostics: tuple[Diagnostic, ...] = ()


@dataclass(frozen=True)
class ScoreReport:
    """A scored self-evaluation: execution, every row, the points that apply (``possible``), the factor
    that rescales them to 100, the total and the grade, and the notes about the whole."""

    evaluation: SelfEvaluation
    framework: str | None
    execution: ExecutionScore
    indicators: tuple[IndicatorScore, ...]
    possible: Decimal  # weights of everything that applies, before rescaling
    factor: Decimal  # total_points ÷ possible
    total: Decimal
    grade: str
    diagnostics: tuple[Diagnostic, ...] = ()

    def all_diagnostics(self) -> list[Diagnostic]:
        found = list(self.diagnostics) + list(self.execution.diagnostics)
        for row in self.indicators:
            found.extend(row.diagnostics)
        return found


def score_execution(ex: Execution, weight: Decimal, factor: Decimal,
                    s: ScoringSettings = DEFAULT_SETTINGS) -> ExecutionScore:
    """执行率 = 全年执行数 ÷ 全年预算数; score = 执行率 × 分值, capped at the 分值 (财预〔2020〕10号 自评表)."""
    effective = weight * factor
    if ex.full_year_budget is None or ex.executed is None or ex.full_year_budget <= 0:
        flag = _flag("execution-missing", "warning", "缺全年预算数或全年执行数，预算执行率计 0 分",
                     "全年预算数 or 全年执行数 missing: budget execution scored 0")
        return ExecutionScore(None, weight, effective, ZERO, ZERO, "缺全年预算数或全年执行数，得 0 分",
                              "budget or spending missing: 0 points", (flag,))
    rate = ex.executed / ex.full_year_budget
    exact = min(rate, ONE) * effective
    score = rounded(exact, s.places)
    money = f"全年预算数 {decimal_text(ex.full_year_budget)}{ex.unit}，全年执行数 {decimal_text(ex.executed)}{ex.unit}"
    zh = f"{money}，执行率 {percent(rate)}，得 {points(score)} 分"
    unit_en = MONEY_UNITS_EN.get(ex.unit, ex.unit)
    en = (f"budget {decimal_text(ex.full_year_budget)} {unit_en}, spent {decimal_text(ex.executed)} {unit_en}: "
          f"{percent(rate)} executed, {points(score)} points")
    if rate < ONE:
        zh += f" = {points(effective)} × {percent(rate)}"
        en += f" = {points(effective)} × {percent(rate)}"
    flags = []
    if ex.score is not None and rounded(ex.score, s.places) != rounded(min(rate, ONE) * weight, s.places):
        flags.append(_given_differs(ex.score, min(rate, ONE) * weight))
    return ExecutionScore(rate, weight, effective, exact, score, zh, en, tuple(flags))


def _given_differs(given: Decimal, computed: Decimal) -> Diagnostic:
    return _flag("score-differs", "info", f"表中得分 {points(given)}，按规则应为 {points(computed)}",
                 f"the form says {points(given)}; the rules give {points(computed)}")


def framework_of(ev: SelfEvaluation) -> tuple[frameworks.Framework | None, list[Diagnostic]]:
    """The evaluation's framework as named, else the one its first-level labels fit best."""
    if ev.project.framework:
        try:
            return frameworks.get(ev.project.framework), []
        except KeyError:
            pass
    labels = [r.indicator.level1 for r in ev.indicators if r.indicator.level1]
    found = frameworks.detect(labels)
    if found is None:
        return None, [_flag("framework-unknown", "warning", "无法确定指标体系，所有指标按产出指标计",
                            "indicator framework unknown: every indicator scored with outputs")]
    return found, []


def group_of(ind: Indicator, fw: frameworks.Framework | None, s: ScoringSettings) -> tuple[str, list[Diagnostic]]:
    """The scoring group an indicator counts in: its branch's category, mapped by the settings."""
    category = fw.category(ind.level1, ind.level2) if fw else None
    group = s.category_groups.get(category) if category else None
    if group is not None:
        return group, []
    if fw is None:
        return s.fallback_group, []
    name = GROUP_NAMES.get(s.fallback_group, (s.fallback_group, s.fallback_group))
    return s.fallback_group, [_flag("group-unknown", "warning",
                                    f"一级指标“{ind.level1}”不在指标体系 {fw.code} 中，按{name[0]}计",
                                    f"branch {ind.level1!r} is not in {fw.code}: scored with {name[1]}")]


def allot_weights(rows: tuple[EvaluatedIndicator, ...], groups: list[str],
                  s: ScoringSettings) -> tuple[list[Decimal | None], int]:
    """Each applicable row's 分值: as given (form, else target table), else an even share of what its
    group's weight leaves after the given ones. Returns the weights and how many were allotted."""
    given = [r.weight if r.weight is not None else r.indicator.weight for r in rows]
    weights: list[Decimal | None] = [w if r.applicable else None for r, w in zip(rows, given, strict=True)]
    allotted = 0
    for group in dict.fromkeys(groups):
        members = [n for n, r in enumerate(rows) if groups[n] == group and r.applicable]
        open_rows = [n for n in members if given[n] is None]
        if not open_rows:
            continue
        pool = s.group_weights[group] - sum((given[n] or ZERO) for n in members)
        for n in open_rows:
            weights[n] = max(pool, ZERO) / len(open_rows)
        allotted += len(open_rows)
    return weights, allotted


def _needs_reason(a: Assessment, row: EvaluatedIndicator, s: ScoringSettings) -> tuple[bool, list[Diagnostic]]:
    """第十五条 / 第十六条: a shortfall needs its reason, and so does over-achievement, which may mean the
    target was set too low ("如果是由于年初指标值设定明显偏低造成的，要按照偏离度适度调减分值" — a
    judgement left to the person: the score is not cut automatically)."""
    needs = a.met is False or a.over
    if not needs or (row.deviation_reason or "").strip():
        return needs, []
    if a.over:
        limit = percent(s.over_achievement, 0)
        return True, [_flag("explanation-missing", "warning",
                            f"完成值达目标 {limit} 以上，须说明原因（目标是否偏低）",
                            f"at {limit} of target or more: explain why (was the target too low?)")]
    return True, [_flag("explanation-missing", "warning", "未达成目标，须填写偏差原因分析及改进措施",
                        "target not reached: 偏差原因分析及改进措施 is required")]


def score_row(row: EvaluatedIndicator, group: str, weight: Decimal | None, factor: Decimal,
              year: int | None, start: date | None, s: ScoringSettings = DEFAULT_SETTINGS) -> IndicatorScore:
    if weight is None:
        return IndicatorScore(row, group, "not-applicable", None, None, None, None, None, None, False,
                              "不适用，不计分，其余分值折算为100分", "does not apply: left out, the rest rescaled to 100")
    a = assess(row, weight, year, start, s)
    effective = weight * factor
    exact = a.share * effective
    score = rounded(exact, s.places)
    zh, en = f"{a.said}，得 {points(score)} 分", f"{a.said_en}, {points(score)} points"
    if a.formula:
        zh, en = f"{zh} = {points(effective)} {a.formula}", f"{en} = {points(effective)} {a.formula}"
    needs, flags = _needs_reason(a, row, s)
    if flags:
        zh, en = f"{zh}；需说明偏差原因", f"{en}; explanation required"
    if row.score is not None and a.rule not in ("band", "unjudged", "missing") and \
            rounded(row.score, s.places) != rounded(a.share * weight, s.places):
        flags.append(_given_differs(row.score, a.share * weight))
    return IndicatorScore(row, group, a.rule, weight, effective, a.share, exact, score, a.met, needs, zh, en,
                          a.flags + tuple(flags))


def score_selfeval(ev: SelfEvaluation, s: ScoringSettings = DEFAULT_SETTINGS) -> ScoreReport:
    """Score a self-evaluation: execution, every indicator, the total rescaled to 100 and the grade."""
    fw, diagnostics = framework_of(ev)
    placed = [group_of(r.indicator, fw, s) for r in ev.indicators]
    groups = [g for g, _ in placed]
    weights, allotted = allot_weights(ev.indicators, groups, s)
    exec_weight = ev.execution.weight if ev.execution.weight is not None else s.group_weights["execution"]
    possible = exec_weight + sum((w for w in weights if w is not None), ZERO)
    factor = s.total_points / possible if possible > 0 else ZERO
    year = ev.project.year
    execution = score_execution(ev.execution, exec_weight, factor, s)
    rows = tuple(_with_row_flags(score_row(r, g, w, factor, year, ev.project.start_date, s), extra)
                 for r, g, w, (_, extra) in zip(ev.indicators, groups, weights, placed, strict=True))
    total = rounded(execution.exact + sum((r.exact for r in rows if r.exact is not None), ZERO), s.places)
    grade = grade_of(total, s)
    diagnostics += _report_flags(ev, possible, allotted, total, grade, s)
    return ScoreReport(ev, fw.code if fw else None, execution, rows, possible, factor, total, grade,
                       tuple(diagnostics))


def _with_row_flags(row: IndicatorScore, flags: list[Diagnostic]) -> IndicatorScore:
    if not flags:
        return row
    return IndicatorScore(**{**{f: getattr(row, f) for f in row.__dataclass_fields__},
                             "diagnostics": tuple(flags) + row.diagnostics})


def _report_flags(ev: SelfEvaluation, possible: Decimal, allotted: int, total: Decimal, grade: str,
                  s: ScoringSettings) -> list[Diagnostic]:
    found = []
    if allotted:
        found.append(_flag("weights-allotted", "info", f"{allotted} 个指标未填分值，按所在评分组分值平均分配",
                           f"{allotted} indicators had no weight: each group's weight shared evenly"))
    if possible != s.total_points:
        found.append(_flag("rescaled", "info",
                           f"适用指标分值合计 {points(possible)}，按 {points(s.total_points)} ÷ {points(possible)} 折算",
                           f"weights that apply sum to {points(possible)}: rescaled to {points(s.total_points)}"))
    if ev.total is not None and rounded(ev.total, s.places) != total:
        found.append(_flag("total-differs", "info", f"表中总分 {points(ev.total)}，按规则应为 {points(total)}",
                           f"the form's total is {points(ev.total)}; the rules give {points(total)}"))
    if ev.grade and ev.grade != grade:
        found.append(_flag("grade-differs", "info", f"表中等级 {ev.grade}，按规则应为 {grade}",
                           f"the form's grade is {ev.grade}; the rules give {grade}"))
    return found


# --- the report as JSON (``jixiao/score@1``) --------------------------------------------------------------

REPORT_SCHEMA = "jixiao/score@1"


def _shown(value: Decimal | None, places: int) -> str | None:
    """A figure for display: rounded like the forms (exact figures stay inside the report)."""
    return None if value is None else decimal_text(rounded(value, places))


def _diagnostics(found: tuple[Diagnostic, ...]) -> list[dict[str, str]]:
    return [{"code": d.code, "severity": d.severity, "message": d.message, "message_en": d.message_en}
            for d in found]


def row_to_dict(r: IndicatorScore, places: int) -> dict[str, Any]:
    ind = r.row.indicator
    return {"level1": ind.level1, "level2": ind.level2, "name": ind.name, "target": ind.target.raw,
            "actual": r.row.actual, "applicable": r.row.applicable, "group": r.group, "rule": r.rule,
            "weight": _shown(r.weight, places), "effective_weight": _shown(r.effective_weight, places),
            "share": _shown(r.share, 4), "score": _shown(r.score, places), "met": r.met,
            "needs_explanation": r.needs_explanation, "deviation_reason": r.row.deviation_reason,
            "explanation": r.explanation, "explanation_en": r.explanation_en,
            "diagnostics": _diagnostics(r.diagnostics)}


def report_to_dict(report: ScoreReport, s: ScoringSettings = DEFAULT_SETTINGS) -> dict[str, Any]:
    """One scored self-evaluation as plain data; figures rounded for display, as decimal strings."""
    ex, p = report.execution, s.places
    return {
        "project": header_to_dict(report.evaluation.project), "framework": report.framework,
        "execution": {"rate": _shown(ex.rate, 4), "weight": _shown(ex.weight, p),
                      "effective_weight": _shown(ex.effective_weight, p), "score": _shown(ex.score, p),
                      "explanation": ex.explanation, "explanation_en": ex.explanation_en,
                      "diagnostics": _diagnostics(ex.diagnostics)},
        "indicators": [row_to_dict(r, p) for r in report.indicators],
        "possible": _shown(report.possible, p), "factor": _shown(report.factor, 6),
        "total": _shown(report.total, p), "grade": report.grade,
        "diagnostics": _diagnostics(report.diagnostics),
    }


def reports_to_dict(reports: list[ScoreReport], s: ScoringSettings = DEFAULT_SETTINGS) -> dict[str, Any]:
    return {"schema": REPORT_SCHEMA, "settings": settings_to_dict(s),
            "results": [report_to_dict(r, s) for r in reports]}
