"""The review on the seed: the defects reviewers would mark are found, and nothing else (noise bound).

The seed (2020 target tables of 上海市商务委员会) was read finding by finding; every finding below
is one a reviewer would write. If a rule or the reader changes and these counts move, look at the
new findings before changing the numbers.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.core.model import Document, Project
from jixiao.core.read import read_path
from jixiao.core.review import Finding, count_by_rule, review

SEED = Path(__file__).parents[1] / "data" / "seed" / "shanghai-2020-commerce.txt"

# Findings per rule on the seed, repaired rows aside (those follow the reader).
EXPECTED_COUNTS = {
    "R-RELEVANT-VAGUE-NUMBER": 14,
    "R-COMPLETE-PLACEHOLDER-NAME": 7,
    "R-RELEVANT-VAGUE-STANDARD": 6,
    "R-RELEVANT-BRANCH-NAME": 5,
    "R-COMPLETE-SATISFACTION-MISSING": 2,
    "R-COMPLETE-VALUE-MISSING": 1,
    "R-RELEVANT-DUPLICATE": 1,
}
MAX_REPAIRED_ROWS = 12
MAX_TOTAL = 48


@pytest.fixture(scope="module")
def seed() -> Document:
    return read_path(SEED)


@pytest.fixture(scope="module")
def findings(seed: Document) -> list[tuple[Project, Finding]]:
    return [(p, f) for p in seed.projects for f in review(p)]


def named(findings: list[tuple[Project, Finding]], code: str) -> list[tuple[str | None, str | None, int | None]]:
    """(project, indicator name, line) of each finding of ``code``."""
    out = []
    for project, f in findings:
        if f.rule == code:
            name = project.indicators[f.indicator].name if f.indicator is not None else None
            out.append((project.name, name, f.line))
    return out


def test_missing_value_of_service_enterprises(findings: list[tuple[Project, Finding]]) -> None:
    assert named(findings, "R-COMPLETE-VALUE-MISSING") == [("单一窗口经费—运维费", "服务企业数", 94)]


def test_placeholder_names(findings: list[tuple[Project, Finding]]) -> None:
    found = {(name, line) for _, name, line in named(findings, "R-COMPLETE-PLACEHOLDER-NAME")}
    assert found == {("数量1", 257), ("数量2", 258), ("数量3", 259), ("质量1", 261), ("质量2", 262),
                     ("时效1", 264), ("其他指标", 184)}


def test_indicator_named_like_its_branch(findings: list[tuple[Project, Finding]]) -> None:
    found = named(findings, "R-RELEVANT-BRANCH-NAME")
    assert ("打响上海购物品牌", "投入管理", 58) in found
    assert {name for _, name, _ in found} == {"投入管理", "财务管理", "项目实施管理", "资产管理", "经济效益"}


def test_vague_dabiao_values_of_the_port_project(seed: Document, findings: list[tuple[Project, Finding]]) -> None:
    port = next(p for p in seed.projects if p.name == "口岸工作经费")
    dabiao = {i.source.line for i in port.indicators if i.target.raw.strip() == "达标"}
    assert dabiao == {172, 175, 176, 177, 181, 182, 183, 184}
    reported = {f.line for p, f in findings if p is port and f.rule in (
        "R-RELEVANT-VAGUE-NUMBER", "R-RELEVANT-VAGUE-STANDARD", "R-COMPLETE-PLACEHOLDER-NAME")}
    assert dabiao <= reported


def test_public_service_projects_without_satisfaction(findings: list[tuple[Project, Finding]]) -> None:
    assert {p for p, _, _ in named(findings, "R-COMPLETE-SATISFACTION-MISSING")} == {"打响上海购物品牌", "家政管理体系建设专项"}


def test_no_noise(findings: list[tuple[Project, Finding]]) -> None:
    counts = count_by_rule(f for _, f in findings)
    repaired = counts.pop("R-IMPORT-REPAIRED-ROW", 0)
    assert counts == EXPECTED_COUNTS
    assert repaired <= MAX_REPAIRED_ROWS
    assert len(findings) <= MAX_TOTAL


def test_each_row_gets_at_most_one_finding_per_rule(findings: list[tuple[Project, Finding]]) -> None:
    keys = [(p.name, f.rule, f.line) for p, f in findings if f.indicator is not None]
    assert len(keys) == len(set(keys))


def test_projects_without_defects_are_left_alone(findings: list[tuple[Project, Finding]]) -> None:
    audit = [f for p, f in findings if p.name == "专项审计及项目评审"]
    assert {f.rule for f in audit} <= {"R-IMPORT-REPAIRED-ROW"}
