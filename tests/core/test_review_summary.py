"""Grades per project and the department-year summary, from a configurable rubric."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from jixiao.core.errors import InputError
from jixiao.core.model import TargetValue
from jixiao.core.review import review
from jixiao.core.review.summary import (
    DEFAULT_RUBRIC,
    Rubric,
    department_summary_to_dict,
    grade,
    project_summary_to_dict,
    rubric_from_data,
    score,
    summarise_department,
    summarise_project,
)
from tests.core.review_helpers import CLEAN, ind, replacing, with_indicator
from tests.core.review_helpers import grade as grade_value


@pytest.mark.parametrize(("points", "expected"), [
    (Decimal(100), "优"), (Decimal(90), "优"), (Decimal("89.9"), "良"), (Decimal(80), "良"),
    (Decimal(79), "中"), (Decimal(60), "中"), (Decimal(59), "差"), (Decimal(0), "差"),
])
def test_default_grades_follow_90_80_60(points: Decimal, expected: str) -> None:
    assert grade(points) == expected


def test_a_clean_project_is_excellent() -> None:
    summary = summarise_project(CLEAN, review(CLEAN))
    assert (summary.score, summary.grade, summary.total) == (Decimal(100), "优", 0)


def test_deductions_by_severity_and_capped_per_rule() -> None:
    many_vague = with_indicator(CLEAN, ind("产出目标", "数量", "培训人数", grade_value("较好"), 30))
    for name in ("受益企业数", "补贴资金到位率", "服务对象满意度", "预算执行率", "单个企业服务成本"):
        many_vague = replacing(many_vague, name, target=grade_value("较好"))
    findings = review(many_vague)
    assert [f.rule for f in findings].count("R-RELEVANT-VAGUE-NUMBER") == 6
    # 6 warnings x 3 = 18, capped at 15 for one rule
    assert score(findings) == Decimal(85)
    assert score(findings, replace(DEFAULT_RUBRIC, max_per_rule=None)) == Decimal(82)


def test_dimensions_are_counted() -> None:
    project = replacing(CLEAN, "受益企业数", target=TargetValue.missing())
    summary = summarise_project(project, review(project))
    assert summary.by_dimension["completeness"]["error"] == 1
    assert summary.by_severity == {"error": 1, "warning": 0, "info": 0}
    assert summary.grade == "优" and summary.score == Decimal(90)
    data = project_summary_to_dict(summary)
    assert data["grade_en"] == "excellent" and data["score"] == "90"


def test_department_summary_ranks_rules_and_projects() -> None:
    bad = replace(replacing(replacing(CLEAN, "受益企业数", name="数量1"), "补贴资金到位率", name="质量1"), name="差项目")
    worse = replace(replacing(bad, "完成时间", name="时效1", target=TargetValue.missing()), name="更差项目")
    other_year = replace(bad, year=2021)
    reviewed = [(p, review(p)) for p in (CLEAN, bad, worse, other_year)]
    summaries = summarise_department(reviewed)
    assert [(s.department, s.year, s.projects) for s in summaries] == [
        ("上海市商务委员会", 2020, 3), ("上海市商务委员会", 2021, 1)]
    first = summaries[0]
    assert first.rules[0] == ("R-COMPLETE-PLACEHOLDER-NAME", 5, 2)
    assert [s.project for s in first.worst] == ["更差项目", "差项目", "测试项目"]
    assert first.grades["优"] == 1
    assert department_summary_to_dict(first)["rules"][0]["rule"] == "R-COMPLETE-PLACEHOLDER-NAME"


def test_rubric_from_data() -> None:
    rubric = rubric_from_data({"deductions": {"warning": 5}, "grades": [[80, "优"], [70, "良"], [60, "中"], [0, "差"]],
                               "max_per_rule": None})
    assert rubric.deductions["warning"] == Decimal(5) and rubric.deductions["error"] == Decimal(10)
    assert rubric.max_per_rule is None
    assert grade(Decimal(75), rubric) == "良"
    assert isinstance(rubric, Rubric)


@pytest.mark.parametrize("data", [[], {"bogus": 1}, {"deductions": {"fatal": 1}}, {"start": "abc"}])
def test_bad_rubric_is_an_input_error(data: object) -> None:
    with pytest.raises(InputError):
        rubric_from_data(data)
