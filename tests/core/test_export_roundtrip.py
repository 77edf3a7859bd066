"""What jixiao exports, jixiao reads back the same: the strongest check that nobody has to retype
an exported table. Every fact, narrative, amount and indicator, through each office format."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import pytest

from jixiao.core.model import Project
from jixiao.core.read import read_bytes
from tests.core.export_helpers import export, long_project, seed


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
