"""Each built-in review rule on a minimal failing and a minimal passing project built from the model."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from jixiao.core.model import Project, TargetValue
from jixiao.core.review import all_rules, review
from tests.core.review_helpers import (
    CLEAN,
    deadline,
    grade,
    ind,
    num,
    replacing,
    text,
    with_diagnostic,
    with_indicator,
    without,
)

P = CLEAN

CASES: list[tuple[str, Project, Project]] = [
    ("R-COMPLETE-FACT-MISSING", replace(P, department=None), P),
    ("R-COMPLETE-FACT-MISSING", replace(P, end_date=None), P),
    ("R-COMPLETE-BUDGET-MISSING", replace(P, budget=replace(P.budget, current_year=None)), P),
    ("R-COMPLETE-NARRATIVE-MISSING", replace(P, goals="  "), replace(P, necessity=None, safeguards=None)),
    ("R-COMPLETE-NARRATIVE-MISSING", replace(P, framework="national-2015", goals=None),
     replace(P, framework="national-2015", overview=None)),
    ("R-COMPLETE-NO-INDICATORS", replace(P, indicators=()), P),
    ("R-COMPLETE-VALUE-MISSING", replacing(P, "受益企业数", target=TargetValue.missing()), P),
    ("R-FEASIBLE-DATES-REVERSED", replace(P, start_date=date(2020, 7, 1)), P),
    ("R-COMPLETE-OUTPUT-BRANCH-MISSING", without(P, "完成时间"), without(P, "单个企业服务成本")),
    ("R-COMPLETE-OUTCOME-MISSING", without(P, "企业减负", "长效管理制度建设"), without(P, "企业减负")),
    ("R-COMPLETE-SATISFACTION-MISSING", without(P, "服务对象满意度"),
     replace(without(P, "服务对象满意度"), government_procurement=False)),
    ("R-COMPLETE-SATISFACTION-MISSING",
     replace(without(P, "服务对象满意度"), government_procurement=False, performance_type="公共服务类"), P),
    ("R-COMPLETE-PLACEHOLDER-NAME", replacing(P, "受益企业数", name="数量1"), P),
    ("R-COMPLETE-PLACEHOLDER-NAME", replacing(P, "长效管理制度建设", level2="其它", name="其他指标"),
     replacing(P, "受益企业数", name="数量达标企业数")),
    ("R-COMPLETE-PLACEHOLDER-NAME", replacing(P, "补贴资金到位率", name="质量 2"), P),
    ("R-COMPLETE-PLACEHOLDER-NAME", replacing(P, "补贴资金到位率", name=None), P),
    ("R-RELEVANT-BRANCH-NAME", with_indicator(P, ind("投入与管理", "投入管理", "投入管理", text("公开招标"), 30)),
     with_indicator(P, ind("投入与管理", "投入管理", "预算编制合理性", grade("合理"), 30))),
    ("R-RELEVANT-BRANCH-NAME", with_indicator(P, ind("投入与管理", "实施管理", "项目实施管理", text("资金使用合规"), 30)),
     with_indicator(P, ind("影响力目标", "长效管理", "长效管理主体", grade("明确"), 30))),
    ("R-RELEVANT-DUPLICATE", with_indicator(P, ind("投入与管理", "投入管理", "预算执行率", num("=100%", "=", "100", "%"), 30)),
     with_indicator(P, ind("投入与管理", "投入管理", "出国预算执行率", num("=100%", "=", "100", "%"), 30))),
    ("R-RELEVANT-DUPLICATE",
     with_indicator(with_indicator(P, ind("效果目标", "社会效益", "持证上门服务广覆盖", text("250000名"), 30)),
                    ind("影响力目标", "长效管理", "家政持证上门服务广覆盖", text("250000名"), 31)),
     with_indicator(with_indicator(P, ind("投入与管理", "投入管理", "资金到位率", num(">95%", ">", "95", "%"), 30)),
                    ind("投入与管理", "投入管理", "出国预算资金到位率", num(">95%", ">", "95", "%"), 31))),
    ("R-RELEVANT-SATISFACTION-MISPLACED",
     with_indicator(P, ind("效果目标", "社会效益", "群众满意度", num(">=90%", ">=", "90", "%"), 30)),
     with_indicator(P, ind("产出目标", "数量", "满意度调查样本数", num(">=500份", ">=", "500", "份"), 30))),
    ("R-RELEVANT-MANAGEMENT-AS-EFFECT",
     with_indicator(P, ind("效果目标", "社会效益", "财务管理制度健全性", grade("健全"), 30)), P),
    ("R-RELEVANT-MANAGEMENT-AS-EFFECT",
     with_indicator(P, ind("影响力目标", "信息共享", "预算执行率", num("=100%", "=", "100", "%"), 30)),
     with_indicator(P, ind("效果目标", "经济效益", "提高被审计资金的使用效益", grade("提高"), 30))),
    ("R-RELEVANT-VAGUE-NUMBER", replacing(P, "受益企业数", target=grade("稳定")), P),
    ("R-RELEVANT-VAGUE-NUMBER", replacing(P, "补贴资金到位率", target=grade("达标")),
     with_indicator(P, ind("效果目标", "社会效益", "有无投诉", grade("无"), 30))),
    ("R-RELEVANT-VAGUE-NUMBER", replacing(P, "服务对象满意度", target=grade("满意")),
     with_indicator(P, ind("投入与管理", "财务管理", "资金使用规范性", grade("规范"), 30))),
    ("R-RELEVANT-VAGUE-NUMBER", replacing(P, "单个企业服务成本", name="按实际成本核算", target=grade("合理")),
     replacing(P, "单个企业服务成本", name="企业使用平台公共服务", target=text("免费"))),
    ("R-RELEVANT-VAGUE-STANDARD", with_indicator(P, ind("效果目标", "社会效益", "满足社会服务", grade("达标"), 30)),
     with_indicator(P, ind("效果目标", "社会效益", "满足社会服务", text("平均等待时间≤30分钟"), 30))),
    ("R-RELEVANT-VAGUE-STANDARD", with_indicator(P, ind("产出目标", "质量", "供应点质量", text("符合要求"), 30)),
     with_indicator(P, replace(ind("产出目标", "质量", "供应点质量", grade("达标"), 30),
                               standard="《清真食品供应点设置规范》"))),
    ("R-FEASIBLE-PERCENT-OVER-100", replacing(P, "补贴资金到位率", target=num("=120%", "=", "120", "%")),
     with_indicator(P, ind("效果目标", "经济效益", "营业额增长率", num(">=150%", ">=", "150", "%"), 30))),
    ("R-APPROPRIATE-COST-LOWER-BOUND", replacing(P, "单个企业服务成本", target=num(">=500元", ">=", "500", "元")),
     with_indicator(P, ind("产出目标", "成本", "运维成本节约率", num(">=10%", ">=", "10", "%"), 30))),
    ("R-APPROPRIATE-COST-LOWER-BOUND",
     with_indicator(P, ind("产出目标", "数量", "培训费用", num(">50000元", ">", "50000", "元"), 30)), P),
    ("R-FEASIBLE-DEADLINE-OUTSIDE", replacing(P, "完成时间", target=deadline("<=9月30日", "<=", "2020-09-30")),
     with_indicator(P, ind("影响力目标", "长效管理", "有效期", deadline("2035年以前", "<", "2035"), 30))),
    ("R-FEASIBLE-DEADLINE-OUTSIDE", replacing(P, "完成时间", target=deadline("=2019年", "=", "2019")),
     replacing(P, "完成时间", target=deadline("=2020年", "=", "2020"))),
    ("R-APPROPRIATE-CURRENT-ABOVE-TOTAL",
     replace(P, budget=replace(P.budget, current_year=Decimal(130000000))), P),
    ("R-APPROPRIATE-EXECUTED-ABOVE-BUDGET",
     replace(P, budget=replace(P.budget, previous_year_executed=Decimal(130000000))),
     replace(P, budget=replace(P.budget, previous_year_executed=Decimal(110000000)))),
    ("R-APPROPRIATE-TARGET-ABOVE-BUDGET",
     with_indicator(P, ind("产出目标", "数量", "发放补贴资金", num("=1.5亿元", "=", "150000000", "元"), 30)),
     with_indicator(P, ind("效果目标", "经济效益", "带动社会投资", num(">5亿元", ">", "500000000", "元"), 30))),
    ("R-APPROPRIATE-TARGET-ABOVE-BUDGET",
     with_indicator(P, ind("产出目标", "成本", "运维成本", num("<=13000万元", "<=", "130000000", "元"), 30)),
     with_indicator(P, ind("产出目标", "成本", "运维成本", num("<=12000万元", "<=", "120000000", "元"), 30))),
    ("R-IMPORT-REPAIRED-ROW", with_diagnostic(P, "row-realigned", 23), with_diagnostic(P, "value-missing", 23)),
]


def codes(project: Project) -> list[str]:
    return [f.rule for f in review(project)]


def test_the_clean_project_has_no_findings() -> None:
    assert review(CLEAN) == []


def test_every_rule_has_an_example() -> None:
    assert {r.code for r in all_rules()} == {code for code, _, _ in CASES}


@pytest.mark.parametrize(("code", "failing", "passing"), CASES,
                         ids=[f"{c}-{i}" for i, (c, _, _) in enumerate(CASES)])
def test_rule_fires_on_failing_and_not_on_passing(code: str, failing: Project, passing: Project) -> None:
    assert code in codes(failing)
    assert code not in codes(passing)


@pytest.mark.parametrize(("code", "failing"), [(c, f) for c, f, _ in CASES])
def test_finding_names_where_and_why(code: str, failing: Project) -> None:
    for finding in review(failing):
        if finding.rule != code:
            continue
        assert finding.message and finding.message_en and finding.hint and finding.hint_en
        assert finding.source.document and finding.source.clause
        assert finding.project == failing.name
        if finding.indicator is not None:
            indicator = failing.indicators[finding.indicator]
            assert finding.line == indicator.source.line
            assert f"第{indicator.source.line}行" in finding.message
            assert f"line {indicator.source.line}" in finding.message_en
            assert (indicator.name or "（无名称）") in finding.message
        else:
            assert finding.field is not None or finding.line is not None


def test_a_placeholder_is_not_also_reported_as_a_branch_name() -> None:
    project = replacing(P, "长效管理制度建设", level2="其它", name="其他指标")
    assert codes(project).count("R-COMPLETE-PLACEHOLDER-NAME") == 1
    assert "R-RELEVANT-BRANCH-NAME" not in codes(project)


def test_a_rate_valued_dabiao_is_reported_once() -> None:
    project = replacing(P, "补贴资金到位率", target=grade("达标"))
    found = codes(project)
    assert found.count("R-RELEVANT-VAGUE-NUMBER") == 1
    assert "R-RELEVANT-VAGUE-STANDARD" not in found


def test_output_branch_message_lists_every_missing_branch() -> None:
    project = without(P, "完成时间", "补贴资金到位率")
    [finding] = [f for f in review(project) if f.rule == "R-COMPLETE-OUTPUT-BRANCH-MISSING"]
    assert "质量、时效" in finding.message


def test_branch_rules_wait_for_a_framework() -> None:
    project = replace(without(P, "完成时间"), framework=None,
                      indicators=tuple(replace(i, level1="不认识的目标") for i in P.indicators))
    assert "R-COMPLETE-OUTPUT-BRANCH-MISSING" not in codes(project)


def test_framework_is_detected_when_the_reader_left_it_open() -> None:
    project = replace(without(P, "完成时间"), framework=None)
    assert "R-COMPLETE-OUTPUT-BRANCH-MISSING" in codes(project)


def test_findings_come_in_reading_order() -> None:
    project = replacing(replacing(P, "完成时间", name="时效1"), "受益企业数", target=TargetValue.missing())
    lines = [f.line for f in review(project)]
    assert lines == sorted(lines, key=lambda n: (n is None, n or 0))


def test_repairs_of_one_row_are_one_finding() -> None:
    project = with_diagnostic(with_diagnostic(with_diagnostic(P, "row-realigned", 23), "merged-cells-filled", 23),
                              "row-realigned", 24)
    found = [f for f in review(project) if f.rule == "R-IMPORT-REPAIRED-ROW"]
    assert [f.line for f in found] == [23, 24]
    assert "row-realigned" in found[0].message and "merged-cells-filled" in found[0].message
    assert found[0].severity == "info"


def test_a_placeholder_valued_dabiao_is_one_finding() -> None:
    project = replacing(P, "长效管理制度建设", level2="其它", name="其他指标", target=grade("达标"))
    assert [c for c in codes(project) if c != "R-COMPLETE-OUTCOME-MISSING"] == ["R-COMPLETE-PLACEHOLDER-NAME"]
