"""Self-evaluation scoring (财预〔2020〕10号): a worked example for every rule, and each rule's boundaries.

Targets are built by hand (``num``, ``deadline``, ``word``) so that these examples do not depend on the
target-value grammar; the figures in the comments are the arithmetic a person would do on paper.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal as D
from pathlib import Path
from typing import Any, Literal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core import frameworks
from jixiao.core.errors import InputError
from jixiao.core.model import Indicator, TargetValue
from jixiao.core.score import IndicatorScore, ScoreReport, group_of, score_selfeval
from jixiao.core.score_settings import (
    DEFAULT_SETTINGS,
    ScoringSettings,
    band_of,
    grade_of,
    in_band,
    settings_from_dict,
    settings_to_dict,
)
from jixiao.core.selfeval import (
    BANDS,
    EvaluatedIndicator,
    Execution,
    ProjectHeader,
    SelfEvaluation,
    loads_selfeval,
)

EXAMPLES = Path(__file__).parent.parent / "data" / "selfeval"


def num(raw: str, op: str | None, value: str, unit: str | None = None) -> TargetValue:
    return TargetValue(raw=raw, kind="numeric", op=op, value=value, unit=unit)


def deadline(raw: str, op: str | None, value: str) -> TargetValue:
    return TargetValue(raw=raw, kind="deadline", op=op, value=value)


def word(raw: str) -> TargetValue:
    return TargetValue(raw=raw, kind="qualitative", value=raw)


def row(target: TargetValue, actual: str | None, weight: str | None = "10", *, level1: str = "产出目标",
        level2: str = "数量", name: str = "指标", direction: str | None = None, band: str | None = None,
        score: D | None = None, deviation_reason: str | None = None, applicable: bool = True) -> EvaluatedIndicator:
    ind = Indicator(level1=level1, level2=level2, name=name, target=target, direction=direction)
    return EvaluatedIndicator(indicator=ind, actual=actual, weight=D(weight) if weight else None, score=score,
                              deviation_reason=deviation_reason, applicable=applicable, band=band)


FULL_EXECUTION = Execution(initial_budget=D(100), full_year_budget=D(100), executed=D(100))


def evaluate(*rows: EvaluatedIndicator, execution: Execution = FULL_EXECUTION, start: date | None = None,
             settings: ScoringSettings = DEFAULT_SETTINGS) -> ScoreReport:
    ev = SelfEvaluation(project=ProjectHeader("测试项目", year=2020, framework="shanghai-2020", start_date=start),
                        execution=execution, indicators=rows)
    return score_selfeval(ev, settings)


def codes(scored: IndicatorScore) -> set[str]:
    return {d.code for d in scored.diagnostics}


def ten(target: TargetValue, actual: str | None, **kw: Any) -> IndicatorScore:
    """A 10-point row, with 80 more points met elsewhere so that the weights total 100."""
    filler = row(word("合理"), "合理", "80", level2="质量", name="其他")
    report = evaluate(row(target, actual, "10", **kw), filler)
    assert report.factor == 1
    return report.indicators[0]


# --- settings ----------------------------------------------------------------------------------------------


def test_defaults_are_those_of_caiyu_2020_10() -> None:
    s = DEFAULT_SETTINGS
    assert dict(s.group_weights) == {"execution": 10, "output": 50, "outcome": 30, "satisfaction": 10}
    assert sum(s.group_weights.values()) == s.total_points == 100
    assert s.grades == (("优", 90), ("良", 80), ("中", 60), ("差", 0))
    assert s.band_floors == (("达成", D("0.8")), ("部分达成", D("0.6")), ("未达成", 0))
    assert s.over_achievement == D("1.3") and s.lower_is_better == "ratio" and s.late_deadline == "zero"
    assert (s.red_below, s.green_from, s.blue_from) == (D("0.6"), D("0.8"), D("1.2"))


def test_shanghai_branches_map_onto_the_four_groups_explicitly() -> None:
    fw = frameworks.get("shanghai-2020")
    place = {(l1, l2): group_of(Indicator(l1, l2, "x", word("合理")), fw, DEFAULT_SETTINGS)[0]
             for l1, l2 in [("投入与管理", "投入管理"), ("产出目标", "成本"), ("效果目标", "社会效益"),
                            ("效果目标", "满意度"), ("影响力目标", "长效管理")]}
    assert place == {("投入与管理", "投入管理"): "output", ("产出目标", "成本"): "output",
                     ("效果目标", "社会效益"): "outcome", ("效果目标", "满意度"): "satisfaction",
                     ("影响力目标", "长效管理"): "outcome"}


def test_management_can_be_made_a_group_of_its_own() -> None:
    s = replace(DEFAULT_SETTINGS, group_weights={**DEFAULT_SETTINGS.group_weights, "management": D(10)},
                category_groups={**DEFAULT_SETTINGS.category_groups, "management": "management"})
    report = evaluate(row(word("健全"), "健全", None, level1="投入与管理", level2="财务管理"), settings=s)
    assert report.indicators[0].group == "management"
    # execution 10 + management 10 = 20 points apply, rescaled to 100: both full, total 100
    assert report.possible == 20 and report.total == 100


def test_settings_that_cannot_work_are_refused_naming_the_setting() -> None:
    with pytest.raises(InputError) as exc:
        replace(DEFAULT_SETTINGS, category_groups={"output": "nowhere"})
    assert exc.value.field == "settings.category_groups"
    with pytest.raises(InputError) as exc:
        replace(DEFAULT_SETTINGS, band_defaults={"达成": D("0.7"), "部分达成": D("0.6"), "未达成": D(0)})
    assert exc.value.field == "settings.band_defaults"
    with pytest.raises(InputError):
        replace(DEFAULT_SETTINGS, grades=(("优", D(90)), ("良", D(95)), ("差", D(0))))


def test_settings_as_json_round_trip_and_errors_name_the_key() -> None:
    assert settings_from_dict(settings_to_dict(DEFAULT_SETTINGS)) == DEFAULT_SETTINGS
    province = settings_from_dict({"grades": {"优": "80", "良": "70", "中": "60", "差": "0"},
                                   "late_deadline": "proportional"})
    assert grade_of(D(80), province) == "优" and province.late_deadline == "proportional"
    with pytest.raises(InputError) as exc:
        settings_from_dict({"grades": {"优": "ninety"}})
    assert exc.value.field == "settings.grades.优"
    with pytest.raises(InputError) as exc:
        settings_from_dict({"colour": "red"})
    assert exc.value.field == "settings.colour"


# --- higher is better (≥, >) -----------------------------------------------------------------------------------


def test_higher_reached_is_full_weight_with_its_explanation() -> None:
    scored = ten(num(">1000家", ">", "1000", "家"), "1120家")
    assert scored.score == 10 and scored.met and not scored.needs_explanation
    assert scored.explanation == "目标 >1000家，实际 1120家，达成，得 10 分"
    assert scored.explanation_en == "target >1000家, actual 1120家: reached, 10 points"


@pytest.mark.parametrize("op", [">=", ">"])
def test_exactly_at_target_is_full_weight(op: str) -> None:
    scored = ten(num(f"{op}1000家", op, "1000", "家"), "1000家")
    assert scored.score == 10 and scored.met


def test_higher_shortfall_scores_the_proportion_and_needs_a_reason() -> None:
    # 10 × 72 ÷ 80 = 9
    scored = ten(num(">=80%", ">=", "80", "%"), "72%")
    assert scored.score == 9 and scored.met is False and scored.needs_explanation
    assert "= 10 × 72 ÷ 80" in scored.explanation and "需说明偏差原因" in scored.explanation
    assert "explanation-missing" in codes(scored)
    explained = ten(num(">=80%", ">=", "80", "%"), "72%", deviation_reason="受疫情影响，线下培训推迟。")
    assert explained.needs_explanation and "explanation-missing" not in codes(explained)


def test_over_achievement_from_130_percent_needs_a_reason() -> None:
    at_130 = ten(num(">=1000家", ">=", "1000", "家"), "1300家")
    assert at_130.score == 10 and at_130.met and at_130.needs_explanation
    assert "超额完成（130.00%）" in at_130.explanation and "explanation-missing" in codes(at_130)
    below = ten(num(">=1000家", ">=", "1000", "家"), "1299家")
    assert not below.needs_explanation and codes(below) == set()


def test_multipliers_and_units_are_read_from_the_actual() -> None:
    # =120000000元 (1.2亿) reached by 1.6亿元: 133 %, full weight, explanation required
    scored = ten(num("=1.2亿元", "=", "120000000", "元"), "1.6亿元")
    assert scored.score == 10 and scored.needs_explanation
    other_unit = ten(num(">1000家", ">", "1000", "家"), "1100个")
    assert "unit-differs" in codes(other_unit) and other_unit.score == 10


# --- lower is better (≤, <, 反向) ----------------------------------------------------------------------------------


def test_lower_within_and_exactly_at_the_cap_is_full_weight() -> None:
    assert ten(num("<=100万元", "<=", "1000000", "元"), "100万元").score == 10
    assert ten(num("<=100万元", "<=", "1000000", "元"), "90万元").score == 10


@pytest.mark.parametrize(("formula", "actual", "expected"), [
    ("ratio", "125", "8"),  # 10 × 100 ÷ 125
    ("ratio", "200", "5"),  # 10 × 100 ÷ 200: the ratio never reaches zero
    ("linear", "125", "7.5"),  # 10 × (1 − 25 ÷ 100)
    ("linear", "200", "0"),  # twice the target: zero
    ("linear", "300", "0"),  # beyond: still zero, never negative
])
def test_lower_shortfall_formulas(formula: Literal["ratio", "linear"], actual: str, expected: str) -> None:
    s = replace(DEFAULT_SETTINGS, lower_is_better=formula)
    filler = row(word("合理"), "合理", "80", level2="质量", name="其他")
    report = evaluate(row(num("<=100", "<=", "100"), actual, "10"), filler, settings=s)
    assert report.indicators[0].score == D(expected)
    assert report.indicators[0].met is False and report.indicators[0].needs_explanation


def test_direction_reverse_makes_an_equal_target_lower_is_better() -> None:
    scored = ten(num("=50天", "=", "50", "天"), "40天", direction="反向")
    assert scored.score == 10 and scored.met
    assert ten(num("=50天", "=", "50", "天"), "100天", direction="反向").score == 5


def test_lower_far_under_the_cap_counts_as_over_achievement() -> None:
    scored = ten(num("<=100万元", "<=", "1000000", "元"), "70万元")  # 100 ÷ 70 = 143 %
    assert scored.score == 10 and scored.needs_explanation


# --- equal (=), and a target of 0 ------------------------------------------------------------------------------


def test_target_zero_scores_only_an_actual_of_zero() -> None:
    assert ten(num("=0起", "=", "0", "起"), "0起").score == 10
    missed = ten(num("=0起", "=", "0", "起"), "1起")
    assert missed.score == 0 and missed.rule == "equal-zero" and "目标为 0" in missed.explanation
    assert ten(num("<=0起", "<=", "0", "起"), "0起").score == 10
    assert ten(num("<=0起", "<=", "0", "起"), "2起").score == 0


def test_equal_non_zero_scores_as_higher_is_better() -> None:
    assert ten(num("=100%", "=", "100", "%"), "100%").score == 10
    assert ten(num("=100%", "=", "100", "%"), "98.6%").score == D("9.86")
    assert ten(num("40000名", None, "40000", "名"), "36000名").score == 9  # no operator: as =
    above = ten(num("=100%", "=", "100", "%"), "120%")
    assert above.score == 10 and not above.needs_explanation  # 120 % < 130 %


# --- deadlines ------------------------------------------------------------------------------------------------


DUE = deadline("<=4月30日", "<=", "2020-04-30")


def test_deadline_met_on_the_day_is_full_weight() -> None:
    scored = ten(DUE, "2020-04-30")
    assert scored.score == 10 and scored.met and "按时完成" in scored.explanation
    assert ten(DUE, "4月28日").score == 10  # the project's year fills in


def test_late_deadline_scores_zero_by_default() -> None:
    scored = ten(DUE, "2020年5月31日")
    assert scored.score == 0 and scored.met is False and "逾期 31 天" in scored.explanation


def test_late_deadline_proportional_rule() -> None:
    s = replace(DEFAULT_SETTINGS, late_deadline="proportional")
    filler = row(word("合理"), "合理", "80", level2="质量", name="其他")
    # planned 1 Jan–30 Apr = 121 days, taken 1 Jan–31 May = 152 days: 10 × 121 ÷ 152 = 7.96
    scored = evaluate(row(DUE, "2020-05-31", "10"), filler, settings=s).indicators[0]
    assert scored.score == D("7.96") and "× 121 ÷ 152" in scored.explanation
    # from the project's own start, 1 March: 61 ÷ 92 days
    later = evaluate(row(DUE, "2020-05-31", "10"), filler, settings=s, start=date(2020, 3, 1)).indicators[0]
    assert later.score == D("6.63")


def test_year_deadline_is_met_within_the_year() -> None:
    assert ten(deadline("=2020年", "=", "2020"), "2020年12月20日").score == 10
    assert ten(deadline("=2020年", "=", "2020"), "2021年1月5日").score == 0


# --- qualitative bands ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("share", "band"), [
    ("1", "达成"), ("0.80", "达成"), ("0.7999", "部分达成"), ("0.60", "部分达成"), ("0.5999", "未达成"), ("0", "未达成"),
])
def test_band_boundaries(share: str, band: str) -> None:
    assert band_of(D(share)) == band and in_band(D(share), band)


def test_band_with_a_score_in_it() -> None:
    scored = ten(word("完善"), "基本完善", band="部分达成", score=D(7))
    assert scored.score == 7 and scored.met is False and "部分达成（60%–80%）" in scored.explanation


def test_band_without_a_score_takes_its_default() -> None:
    assert ten(word("完善"), "基本完善", band="部分达成").score == 6
    assert ten(word("完善"), "完善", band="达成").score == 10
    assert ten(word("完善"), "未建立", band="未达成").score == 0


def test_a_score_alone_names_its_band() -> None:
    assert ten(word("满意"), "较满意", score=D(8)).met is True  # 80 % is 达成
    short = ten(word("满意"), "较满意", score=D("7.99"))
    assert short.met is False and short.needs_explanation and short.score == D("7.99")


def test_a_score_outside_its_band_is_flagged_and_the_default_used() -> None:
    scored = ten(word("健全"), "健全", band="达成", score=D(7))
    assert scored.score == 10 and "score-outside-band" in codes(scored)


def test_qualitative_actual_written_as_the_target_is_reached() -> None:
    scored = ten(word("健全"), "健全")
    assert scored.score == 10 and scored.met and "band-inferred" in codes(scored)


def test_qualitative_without_band_or_score_waits_for_a_judgement() -> None:
    scored = ten(word("健全"), "基本健全")
    assert scored.score == 0 and scored.rule == "unjudged" and "band-missing" in codes(scored)


def test_unreadable_actual_of_a_numeric_target_falls_back_to_the_band() -> None:
    scored = ten(num("=100%", "=", "100", "%"), "全部完成", band="达成")
    assert scored.score == 10 and "actual-unreadable" in codes(scored)


# --- missing actuals, indicators that do not apply, weights ----------------------------------------------------------


def test_missing_actual_scores_zero_and_is_flagged_but_keeps_its_weight() -> None:
    scored = ten(num(">1000家", ">", "1000", "家"), None)
    assert scored.score == 0 and scored.weight == 10 and "actual-missing" in codes(scored)


def test_not_applicable_is_left_out_and_the_rest_rescaled_to_100() -> None:
    rows = (row(num(">1000家", ">", "1000", "家"), "1200家", "50", level1="产出目标"),
            row(num(">=90%", ">=", "90", "%"), "45%", "20", level1="效果目标", level2="社会效益",
                deviation_reason="原因"),
            row(word("有效"), "不适用", "10", level1="效果目标", level2="经济效益", applicable=False),
            row(num(">=90%", ">=", "90", "%"), "95%", "10", level1="效果目标", level2="满意度"))
    report = evaluate(*rows)
    # 10 + 50 + 20 + 10 = 90 points apply; factor 100 ÷ 90
    assert report.possible == 90 and report.indicators[2].score is None
    assert report.indicators[2].rule == "not-applicable"
    # earned 10 + 50 + 10 (half of 20) + 10 = 80 → 80 × 100 ÷ 90 = 88.89
    assert report.total == D("88.89") and report.grade == "良"
    assert report.indicators[1].score == D("11.11")  # 20 × 100 ÷ 90 × 0.5
    assert report.execution.score == D("11.11")  # 10 × 100 ÷ 90
    assert "rescaled" in {d.code for d in report.diagnostics}


def test_unweighted_indicators_share_their_group_weight_evenly() -> None:
    rows = (row(word("合理"), "合理", None, level1="产出目标", level2="数量", name="a"),
            row(word("合理"), "合理", None, level1="产出目标", level2="质量", name="b"),
            row(word("合理"), "合理", None, level1="效果目标", level2="社会效益", name="c"),
            row(word("合理"), "合理", None, level1="效果目标", level2="满意度", name="d"))
    report = evaluate(*rows)
    assert [r.weight for r in report.indicators] == [25, 25, 30, 10]
    assert report.factor == 1 and report.total == 100
    one_out = evaluate(rows[0], replace(rows[1], applicable=False), *rows[2:])
    assert one_out.indicators[0].weight == 50 and one_out.total == 100


def test_a_group_with_no_indicators_is_rescaled_away() -> None:
    report = evaluate(row(word("合理"), "合理", None, level1="产出目标"),
                      row(word("合理"), "合理", None, level1="效果目标", level2="社会效益"))
    assert report.possible == 90 and report.total == 100  # no 满意度 indicator


def test_given_and_missing_weights_mixed_in_a_group() -> None:
    rows = (row(word("合理"), "合理", "30", name="given"), row(word("合理"), "合理", None, name="a"),
            row(word("合理"), "合理", None, name="b"))
    assert [r.weight for r in evaluate(*rows).indicators] == [30, 10, 10]


def test_rounding_half_up_per_row_total_from_exact_scores() -> None:
    # 50 points over 16 indicators: 3.125 each, shown 3.13 (ROUND_HALF_UP); the total is still exactly 100
    rows = [row(word("合理"), "合理", None, name=f"n{n}") for n in range(16)]
    rows += [row(word("合理"), "合理", None, level1="效果目标", level2="社会效益"),
             row(word("合理"), "合理", None, level1="效果目标", level2="满意度")]
    report = evaluate(*rows)
    assert report.indicators[0].score == D("3.13") and report.total == D("100.00")


def test_a_given_score_that_differs_from_the_rules_is_flagged() -> None:
    assert "score-differs" in codes(ten(num("=100%", "=", "100", "%"), "98.6%", score=D(10)))
    assert "score-differs" not in codes(ten(num("=100%", "=", "100", "%"), "98.6%", score=D("9.86")))


# --- execution, total and grade --------------------------------------------------------------------------------------


@pytest.mark.parametrize(("executed", "expected"), [("9860000", "9.86"), ("10000000", "10"), ("10500000", "10")])
def test_execution_rate_times_ten_capped(executed: str, expected: str) -> None:
    ex = Execution(initial_budget=D(10_000_000), full_year_budget=D(10_000_000), executed=D(executed))
    report = evaluate(row(word("合理"), "合理", "90"), execution=ex)
    assert report.execution.score == D(expected)
    assert report.execution.rate == D(executed) / D(10_000_000)


def test_execution_explained_in_words() -> None:
    ex = Execution(full_year_budget=D(10_000_000), executed=D(9_860_000))
    text = evaluate(row(word("合理"), "合理", "90"), execution=ex).execution.explanation
    assert text == "全年预算数 10000000元，全年执行数 9860000元，执行率 98.60%，得 9.86 分 = 10 × 98.60%"
    english = evaluate(row(word("合理"), "合理", "90"), execution=ex).execution.explanation_en
    assert english == "budget 10000000 yuan, spent 9860000 yuan: 98.60% executed, 9.86 points = 10 × 98.60%"


def test_missing_execution_figures_score_zero_and_are_flagged() -> None:
    report = evaluate(row(word("合理"), "合理", "90"), execution=Execution())
    assert report.execution.score == 0 and report.total == 90
    assert {d.code for d in report.execution.diagnostics} == {"execution-missing"}


@pytest.mark.parametrize(("total", "grade"), [
    ("100", "优"), ("90", "优"), ("89.99", "良"), ("80", "良"), ("79.99", "中"), ("60", "中"), ("59.99", "差"), ("0", "差"),
])
def test_grade_boundaries(total: str, grade: str) -> None:
    assert grade_of(D(total)) == grade


def test_total_exactly_90_grades_excellent() -> None:
    # execution 10 + a 90-point indicator reached at 80 of 90 (× 80 ÷ 90): 10 + 80 = 90 → 优
    report = evaluate(row(num(">=90", ">=", "90"), "80", "90", deviation_reason="原因"))
    assert report.total == 90 and report.grade == "优"


def test_framework_detected_from_labels_when_not_named() -> None:
    ev = SelfEvaluation(project=ProjectHeader("x", year=2020), execution=FULL_EXECUTION,
                        indicators=(row(word("合理"), "合理", None, level1="影响力目标", level2="长效管理"),))
    report = score_selfeval(ev)
    assert report.framework == "shanghai-2020" and report.indicators[0].group == "outcome"


def test_seed_project_example_scores_97_79_excellent() -> None:
    """口岸工作经费: 98.6 % executed, one shortfall, one partly reached, 资产管理 not applicable."""
    ev, = loads_selfeval((EXAMPLES / "kouan-2020.json").read_text(encoding="utf-8"))
    report = score_selfeval(ev)
    # earned 9.86 + 17.972 + 28.5 + 30 + 9.5 = 95.832 of 98 applicable points → × 100 ÷ 98 = 97.79
    assert report.possible == 98 and report.total == D("97.79") and report.grade == "优"
    by_name = {r.row.indicator.name: r for r in report.indicators}
    assert by_name["按时完成计划"].score == D("3.57") and by_name["按时完成计划"].met is False
    assert by_name["资产管理情况"].rule == "not-applicable"
    warnings = [d for d in report.all_diagnostics() if d.severity == "warning"]
    assert warnings == []  # every shortfall in the example carries its reason


# --- properties --------------------------------------------------------------------------------------------------

TARGETS = [num(">1000家", ">", "1000", "家"), num("<=100", "<=", "100"), num("=0起", "=", "0", "起"),
           num("=100%", "=", "100", "%"), DUE, deadline("=2020年", "=", "2020"), word("健全"),
           TargetValue(raw="", kind="missing"), TargetValue(raw="x", kind="numeric", value="abc")]
ACTUALS = st.one_of(st.none(), st.sampled_from(["1120家", "0", "98.6%", "2020-05-31", "健全", "不适用", "-5", "1.2亿"]),
                    st.text(max_size=8))
ROWS = st.builds(
    row, st.sampled_from(TARGETS), ACTUALS, st.one_of(st.none(), st.sampled_from(["0", "2", "12.5", "90"])),
    level1=st.sampled_from(["产出目标", "效果目标", "投入与管理", "影响力目标", "不认识"]),
    band=st.one_of(st.none(), st.sampled_from(BANDS)),
    score=st.one_of(st.none(), st.decimals(min_value=-5, max_value=200, allow_nan=False, places=2)),
    applicable=st.booleans())


@settings(max_examples=300, deadline=None)
@given(st.lists(ROWS, max_size=8), st.sampled_from(["0", "50", "100", "150"]),
       st.sampled_from(["ratio", "linear"]), st.sampled_from(["zero", "proportional"]))
def test_any_form_scores_between_0_and_100_without_raising(rows: list[EvaluatedIndicator], executed: str,
                                                           formula: Literal["ratio", "linear"],
                                                           late: Literal["zero", "proportional"]) -> None:
    s = replace(DEFAULT_SETTINGS, lower_is_better=formula, late_deadline=late)
    ex = Execution(full_year_budget=D(100), executed=D(executed))
    report = evaluate(*rows, execution=ex, settings=s)
    assert 0 <= report.total <= 100 and report.grade in ("优", "良", "中", "差")
    for scored in report.indicators:
        if scored.row.applicable:
            assert scored.score is not None and scored.effective_weight is not None and scored.exact is not None
            assert 0 <= scored.exact <= scored.effective_weight
            assert scored.explanation and scored.explanation_en
        else:
            assert scored.score is None
