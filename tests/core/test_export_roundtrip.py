"""What jixiao exports, jixiao reads back the same: the strongest check that nobody has to retype
an exported table. Every fact, narrative, amount and indicator, through each office format."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from jixiao.core.model import Project, SourceRef
from jixiao.core.read import read_bytes
from tests.core.export_helpers import export, indicator, long_project, seed


def _content(p: Project) -> dict[str, Any]:
    return {
        "facts": (p.name, p.department, p.year, p.category, p.start_date, p.end_date, p.government_procurement,
                  p.performance_type),
        "narratives": (p.overview, p.basis, p.necessity, p.safeguards, p.implementation_plan, p.goals),
        "budget": (p.budget.total, p.budget.current_year, p.budget.previous_year, p.budget.previous_year_executed),
        "indicators": [(i.level1, i.level2, i.name, i.target.raw) for i in p.indicators],
    }


@pytest.mark.parametrize("name", ["xlsx", "docx", "pdf"])
def test_the_seed_reads_back_unchanged(name: str) -> None:
    back = read_bytes(export(name, [seed()]), f"seed.{name}")
    assert back.source.format == name
    assert [_content(p) for p in back.projects] == [_content(p) for p in seed().projects]


@pytest.mark.parametrize("name", ["xlsx", "docx", "pdf"])
def test_a_table_cut_across_pages_reads_back_whole(name: str) -> None:
    # In the PDF the narrative is cut into rows labelled （续） and the merged 一级/二级 cells are cut at
    # page ends; the reader joins them again.
    project = long_project(indicators=70, narrative_chars=4000)
    (back,) = read_bytes(export(name, [project]), f"long.{name}").projects
    assert _content(back) == _content(project)


def test_a_narrative_cut_into_continued_rows_keeps_its_spaces_and_paragraphs() -> None:
    # Excel rows stop at 409 pt, so the XLSX cuts this text into （续） rows; the cuts must not fall
    # next to a space or a line break, which a reader trims from each cell.
    paragraph = "上海市商务委员会 关于共同推进长三角区域市场一体化发展的合作协议。" * 12
    text = "\n".join([paragraph, paragraph, paragraph])
    project = replace(long_project(indicators=3), necessity=text)
    (back,) = read_bytes(export("xlsx", [project]), "spaces.xlsx").projects
    assert back.necessity == text


# --- exactly: every field of the core objects, not just what the form prints -----------------------


def _without_provenance(p: Project) -> Project:
    """The project less where it was read from and what the reader said about it."""
    return replace(p, source=SourceRef(), diagnostics=(),
                   indicators=tuple(replace(i, source=SourceRef()) for i in p.indicators))


def _assert_same_projects(before: list[Project], after: list[Project]) -> None:
    assert len(after) == len(before)
    for a, b in zip(before, after, strict=True):
        assert _without_provenance(b) == _without_provenance(a), a.name


def test_the_seed_comes_back_from_xlsx_exactly() -> None:
    projects = list(seed().projects)
    back = read_bytes(export("xlsx", projects), "seed.xlsx")
    _assert_same_projects(projects, list(back.projects))


@pytest.mark.slow
def test_two_hundred_synthetic_projects_come_back_from_xlsx_exactly() -> None:
    # The corpus recombines the seed's rows, so indicators named like their own 二级 (资产管理/资产管理)
    # land inside merged 二级 runs: the reader must not take them for a drifted 二级.
    from bench.corpus import generate_projects

    projects = generate_projects(200, seed=7)
    back = read_bytes(export("xlsx", projects), "corpus.xlsx")
    _assert_same_projects(projects, list(back.projects))


def test_an_indicator_named_like_its_branch_inside_a_merged_run_stays_an_indicator() -> None:
    rows = (indicator("投入与管理", "资产管理", "资产管理制度"), indicator("投入与管理", "资产管理", "资产管理", "健全"))
    project = replace(long_project(indicators=1), indicators=rows)
    (back,) = read_bytes(export("xlsx", [project]), "branch-name.xlsx").projects
    assert [(i.level2, i.name, i.target.raw) for i in back.indicators] == [
        ("资产管理", "资产管理制度", "=100%"), ("资产管理", "资产管理", "健全")]
    assert not [d for d in back.diagnostics if d.code == "row-realigned"]
