"""What jixiao exports, jixiao reads back the same: the strongest check that nobody has to retype
an exported table. Every fact, narrative, amount and indicator, through each office format."""

from __future__ import annotations

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
