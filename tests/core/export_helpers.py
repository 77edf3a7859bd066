"""Inputs for the export tests: the real seed read by the real reader, the hand-written canonical
JSON of its first two projects, and projects built from the model to push a layout to its limits."""

from __future__ import annotations

import io
from collections.abc import Iterable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from jixiao.core import canonical
from jixiao.core.export import registry
from jixiao.core.model import Budget, Document, Indicator, Project, TargetValue
from jixiao.core.read import read_path

DATA = Path(__file__).parents[1] / "data"
SEED = DATA / "seed" / "shanghai-2020-commerce.txt"
FIRST_TWO = DATA / "export" / "seed-first-two.json"


@cache
def seed() -> Document:
    return read_path(SEED)


@cache
def first_two() -> Document:
    (document,) = canonical.loads(FIRST_TWO.read_text(encoding="utf-8"))
    return document


def export(name: str, items: Iterable[Document | Project]) -> bytes:
    out = io.BytesIO()
    registry.get(name).write(items, out)
    return out.getvalue()


def indicator(level1: str, level2: str, name: str, raw: str = "=100%") -> Indicator:
    return Indicator(level1=level1, level2=level2, name=name,
                     target=TargetValue(raw=raw, kind="numeric", op="=", value="100", unit="%"))


def long_project(indicators: int = 70, narrative_chars: int = 4000) -> Project:
    """A project whose narrative and indicator table each need more than one page: one 一级 branch
    with many rows, and sentences whose commas fall at every possible place in a line."""
    sentence = "为进一步优化跨境贸易营商环境，降低企业进出口成本（含PM2.5监测），保证排名稳中有进。"
    text = (sentence * (narrative_chars // len(sentence) + 1))[:narrative_chars]
    rows = [indicator("产出目标", "数量" if i < indicators // 2 else "质量", f"指标{i + 1:03d}")
            for i in range(indicators)]
    return Project(
        name="长表测试项目", department="上海市测试局", year=2021, category="专项资金",
        start_date=date(2021, 1, 1), end_date=date(2021, 12, 31), government_procurement=True,
        performance_type="其他类", overview="概况", basis="依据", necessity=text, safeguards="措施",
        implementation_plan="计划", goals="目标",
        budget=Budget(total=Decimal("1234567.5"), current_year=Decimal("1000000")),
        indicators=tuple(rows),
    )


def with_name(project: Project, name: str | None) -> Project:
    return replace(project, name=name)
