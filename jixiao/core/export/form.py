"""The official target table (财政项目支出绩效目标表, Shanghai layout) as a grid, built once.

The XLSX, DOCX and PDF writers all draw the same ``Form``: the title lines, a facts block of label
and value cells (project facts, the six narrative fields, the money), the line "2020年绩效目标",
then the indicator table
一级目标 / 二级目标 / 三级目标 / 指标目标值 whose first two columns are merged over runs of equal
values. Other layouts' optional columns (计量单位, 分值 …) are appended to the indicator table only
when a project uses them, so nothing a reader found is dropped and the Shanghai form stays four
columns wide. Labels keep the full-width colon of the published form.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from jixiao.core.canonical import decimal_text
from jixiao.core.model import Indicator, Project

TITLE = "财政项目支出绩效目标表"
BASE_HEADER = ("一级目标", "二级目标", "三级目标", "指标目标值")
MERGED_COLUMNS = 2  # 一级 and 二级 are merged over runs of equal values

# The optional indicator columns of other layouts: (attribute of Indicator, header).
OPTIONAL_COLUMNS: tuple[tuple[str, str], ...] = (
    ("nature", "指标性质"), ("measure_unit", "计量单位"), ("direction", "指标方向"),
    ("weight", "分值"), ("standard", "绩效标准"), ("note", "备注"),
)

NARRATIVE_LABELS: tuple[tuple[str, str], ...] = (
    ("overview", "项目概况："), ("basis", "立项依据："), ("necessity", "项目设立的必要性："),
    ("safeguards", "保证项目实施的制度、措施："), ("implementation_plan", "项目实施计划："),
    ("goals", "总目标及阶段性目标："),
)

# Relative widths of the four base columns; the facts block uses the same grid.
BASE_WIDTHS = (0.24, 0.16, 0.31, 0.29)
OPTIONAL_WIDTH = 0.12

CellKind = Literal["label", "value", "money", "narrative", "section"]


@dataclass(frozen=True, slots=True)
class FormCell:
    """One cell of the facts block. ``amount`` is set for money, so spreadsheets can keep a number."""

    text: str
    kind: CellKind
    span: int = 1
    amount: Decimal | None = None


FormRow = tuple[FormCell, ...]


@dataclass(frozen=True, slots=True)
class Run:
    """A run of equal values in one column of the indicator table: rows ``start`` … ``start+length-1``."""

    start: int
    length: int


@dataclass(frozen=True, slots=True)
class Form:
    title: str
    subtitle: str
    department: str
    table_title: str
    widths: tuple[float, ...]
    facts: tuple[FormRow, ...]
    header: tuple[str, ...]
    indicators: tuple[tuple[str, ...], ...]

    @property
    def columns(self) -> int:
        return len(self.widths)


def money_text(amount: Decimal | None) -> str:
    """Money as the published form prints it: thousands separators, no trailing zeros (120,000,000)."""
    text = decimal_text(amount)
    return format(Decimal(text), ",f") if text is not None else ""


def yes_no(value: bool | None) -> str:
    return "" if value is None else ("是" if value else "否")


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return decimal_text(value) or ""
    return str(value)


def _pair_row(columns: int, *pairs: tuple[str, str]) -> FormRow:
    """Label, value, label, value across the grid; the last value takes the remaining columns."""
    cells: list[FormCell] = []
    for label, value in pairs:
        cells += [FormCell(label, "label"), FormCell(value, "value")]
    last = cells[-1]
    cells[-1] = FormCell(last.text, last.kind, span=columns - len(cells) + 1)
    return tuple(cells)


def _money_row(columns: int, *pairs: tuple[str, Decimal | None]) -> FormRow:
    cells: list[FormCell] = []
    for label, amount in pairs:
        cells += [FormCell(label, "label"), FormCell(money_text(amount), "money", amount=amount)]
    last = cells[-1]
    cells[-1] = FormCell(last.text, "money", span=columns - len(cells) + 1, amount=last.amount)
    return tuple(cells)


def _wide_row(columns: int, label: str, text: str) -> FormRow:
    return (FormCell(label, "label"), FormCell(text, "narrative", span=columns - 1))


def _section_row(columns: int, text: str) -> FormRow:
    return (FormCell(text, "section", span=columns),)


def facts_rows(project: Project, columns: int) -> tuple[FormRow, ...]:
    p, b = project, project.budget
    rows = [
        _pair_row(columns, ("项目名称：", p.name or ""), ("项目类别：", p.category or "")),
        _pair_row(columns, ("计划开始日期：", _text(p.start_date)), ("计划完成日期：", _text(p.end_date))),
        _pair_row(columns, ("是否含有政府购买服务：", yes_no(p.government_procurement)),
                  ("绩效类型：", p.performance_type or "")),
    ]
    rows += [_wide_row(columns, label, getattr(p, attr) or "") for attr, label in NARRATIVE_LABELS]
    # Facts the reader found but the model has no field for: kept, in the order read.
    rows += [_wide_row(columns, label if label.endswith("：") else f"{label}：", value)
             for label, value in p.extra]
    rows += [
        _section_row(columns, "本项目上年度市级财政资金使用情况"),
        _money_row(columns, ("项目总预算（元）：", b.total), ("项目当年预算（元）：", b.current_year)),
        _money_row(columns, ("同名项目上年预算额（元）：", b.previous_year),
                   ("同名项目上年预算执行数（元）：", b.previous_year_executed)),
    ]
    return tuple(rows)


def optional_columns(indicators: Sequence[Indicator]) -> tuple[tuple[str, str], ...]:
    """The optional columns at least one indicator of the project fills."""
    return tuple((attr, header) for attr, header in OPTIONAL_COLUMNS
                 if any(getattr(i, attr) is not None for i in indicators))


def indicator_cells(indicator: Indicator, extra: Sequence[tuple[str, str]]) -> tuple[str, ...]:
    base = (indicator.level1 or "", indicator.level2 or "", indicator.name or "", indicator.target.raw)
    return base + tuple(_text(getattr(indicator, attr)) for attr, _ in extra)


def project_form(project: Project) -> Form:
    extra = optional_columns(project.indicators)
    widths = BASE_WIDTHS + (OPTIONAL_WIDTH,) * len(extra)
    total = sum(widths)
    return Form(
        title=TITLE,
        subtitle=f"({project.year}年度)" if project.year else "(    年度)",
        department=f"申报单位名称：{project.department or ''}",
        table_title=f"{project.year}年绩效目标" if project.year else "绩效目标",
        widths=tuple(w / total for w in widths),
        facts=facts_rows(project, len(widths)),
        header=BASE_HEADER + tuple(header for _, header in extra),
        indicators=tuple(indicator_cells(i, extra) for i in project.indicators),
    )


def merge_runs(rows: Sequence[Sequence[str]], column: int) -> list[Run]:
    """Runs of equal, non-empty values in ``column`` that also agree on every column to its left,
    so that a 二级 run never crosses into the next 一级. Runs of one row are included."""
    runs: list[Run] = []
    start = 0
    for i in range(1, len(rows) + 1) if rows else ():
        if i == len(rows) or not _same_group(rows[start], rows[i], column):
            runs.append(Run(start, i - start))
            start = i
    return runs


def _same_group(a: Sequence[str], b: Sequence[str], column: int) -> bool:
    return bool(a[column]) and all(a[c] == b[c] for c in range(column + 1))


def split_runs(runs: Sequence[Run], heights: Sequence[float], limit: float,
               cuts: Iterable[int] = ()) -> list[Run]:
    """Runs cut for a medium that cannot break a merged cell across pages: each piece is at most
    ``limit`` high (``heights`` gives each row's; a single row higher than that stays whole), and
    every row in ``cuts`` starts a new piece (so that a 二级 piece never crosses a 一级 cut)."""
    must_cut = set(cuts)
    out: list[Run] = []
    for run in runs:
        start, height = run.start, 0.0
        for row in range(run.start, run.start + run.length):
            if row > start and (row in must_cut or height + heights[row] > limit):
                out.append(Run(start, row - start))
                start, height = row, 0.0
            height += heights[row]
        out.append(Run(start, run.start + run.length - start))
    return out
