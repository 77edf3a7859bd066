"""Reading a self-evaluation form (项目支出绩效自评表, 财预〔2020〕10号 附件) from an XLSX workbook.

The sheet is laid out like the official form (domain.md §6): a header (项目名称, 主管部门, 实施单位),
the money block (年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分, row 年度资金总额), the
年度总体目标, then the indicator rows (一级指标 / 二级指标 / 三级指标 / 年度指标值 / 实际完成值 / 分值 /
得分 / 偏差原因分析及改进措施) and 总分. Everything is found by its label or header text, never by
position, so that a column moved, added or merged does not change what is read. Two optional columns
the official form lacks are understood when present: 是否适用 and 评价档次 (达成/部分达成/未达成); an
actual written 不适用 also marks a row that does not apply.

Every sheet with an indicator header is one evaluation. Errors name the cell ("Sheet1!F12").
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.core.actuals import target_from_text
from jixiao.core.errors import InputError
from jixiao.core.model import Indicator, SourceRef
from jixiao.core.selfeval import BANDS, EvaluatedIndicator, Execution, ProjectHeader, SelfEvaluation

# column role -> header texts (compared without spaces), the official wording first
COLUMNS: dict[str, tuple[str, ...]] = {
    "level1": ("一级指标", "一级目标"), "level2": ("二级指标", "二级目标"),
    "name": ("三级指标", "三级目标", "指标名称"),
    "target": ("年度指标值", "指标值", "年度目标值", "指标目标值", "目标值"),
    "actual": ("实际完成值", "全年实际值", "实际值", "实际完成情况"),
    "weight": ("分值", "权重"), "score": ("得分",),
    "reason": ("偏差原因分析及改进措施", "偏差原因分析", "偏差原因"),
    "direction": ("指标方向",), "applicable": ("是否适用",), "band": ("评价档次", "完成档次", "档次"),
}
REQUIRED_COLUMNS = ("name", "target", "actual")
MONEY_COLUMNS: dict[str, tuple[str, ...]] = {
    "initial_budget": ("年初预算数",), "full_year_budget": ("全年预算数",), "executed": ("全年执行数",),
    "weight": ("分值",), "score": ("得分",),
}
NOT_APPLICABLE = ("不适用", "不涉及", "无此项")
_UNITS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_YEAR = re.compile(r"(\d{4})\s*年度")
_UNIT_IN_LABEL = re.compile(r"[（(]\s*(元|万元|亿元)\s*[)）]")
_BLANK = ("", "-", "—", "–", "/", "／", "无")


@dataclass(frozen=True)
class Cell:
    ref: str  # "Sheet1!F12"
    row: int
    column: int
    text: str
    value: Any


def key(text: str) -> str:
    """A label as compared: no spaces, no colons, no unit in brackets ("项目资金（万元）：" → "项目资金")."""
    return _UNIT_IN_LABEL.sub("", re.sub(r"[\s:：]", "", text))


def _cell_text(value: Any, number_format: str) -> str:
    """What a person sees in the cell: 0.986 formatted as a percentage reads "98.6%", a date its ISO form."""
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, (int, float)):
        number = Decimal(repr(value))
        if "%" in (number_format or ""):
            return f"{_plain(number * 100)}%"
        return _plain(number)
    return str(value).strip()


def _plain(number: Decimal) -> str:
    text = format(number.normalize(), "f")
    return text if text != "-0" else "0"


def sheet_to_grid(ws: Any, formulas: Any = None) -> list[list[Cell]]:
    """The filled cells of a sheet, row by row, with the text a person sees in each.

    A formula saved without its computed value (as libraries, not Excel, write them) reads as its text:
    "=100%" typed into a form is a target value, not a calculation.
    """
    grid = []
    for row in ws.iter_rows():
        cells = []
        for c in row:
            value = c.value
            if value is None and formulas is not None:
                written = formulas[c.coordinate].value
                value = written if isinstance(written, str) and written.startswith("=") else None
            text = _cell_text(value, c.number_format)
            if text:
                cells.append(Cell(f"{ws.title}!{c.coordinate}", c.row, c.column, text, value))
        if cells:
            grid.append(cells)
    return grid


def _find(grid: list[list[Cell]], labels: tuple[str, ...]) -> Cell | None:
    return next((c for row in grid for c in row if key(c.text) in labels), None)


def _right_of(grid: list[list[Cell]], cell: Cell) -> str | None:
    """The value beside a label: the next filled cell to its right in the same row."""
    row = next(r for r in grid if r[0].row == cell.row)
    return next((c.text for c in row if c.column > cell.column), None)


def _labelled(grid: list[list[Cell]], label: str) -> str | None:
    """A header field: "项目名称 | 口岸工作经费", or both in one cell "项目名称：口岸工作经费"."""
    cell = _find(grid, (label,))
    if cell is not None:
        return _right_of(grid, cell)
    for row in grid:
        for c in row:
            head, sep, rest = c.text.partition("：") if "：" in c.text else c.text.partition(":")
            if sep and key(head) == label and rest.strip():
                return rest.strip()
    return None


def _columns(row: list[Cell], names: dict[str, tuple[str, ...]]) -> dict[str, int]:
    """role -> column number for the header cells of a row (the first match of each role)."""
    found: dict[str, int] = {}
    for cell in row:
        k = key(cell.text)
        for role, labels in names.items():
            if role not in found and (k in labels or (role == "reason" and k.startswith("偏差原因"))):
                found[role] = cell.column
                break
    return found


def _header_row(grid: list[list[Cell]], names: dict[str, tuple[str, ...]],
                required: tuple[str, ...]) -> tuple[int, dict[str, int]] | None:
    for n, row in enumerate(grid):
        columns = _columns(row, names)
        if all(role in columns for role in required):
            return n, columns
    return None


def _at(row: list[Cell], column: int | None) -> Cell | None:
    return next((c for c in row if c.column == column), None) if column else None


def _decimal(cell: Cell | None, what: str, what_en: str, path: str, scale: Decimal = Decimal(1)) -> Decimal | None:
    """A number from a cell (a number, or text such as "10,000,000" or "5分"); blank and "—" are None."""
    if cell is None or cell.text in _BLANK:
        return None
    if isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool):
        return Decimal(repr(cell.value)) * scale
    text = cell.text.replace(",", "").replace("，", "").removesuffix("分").strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise InputError(f"{what}“{cell.text}”不是数字", f"{what_en} {cell.text!r} is not a number",
                         path=path, field=cell.ref)
    return number * scale


def grid_to_execution(grid: list[list[Cell]], path: str, sheet: str) -> Execution:
    found = _header_row(grid, MONEY_COLUMNS, ("initial_budget", "full_year_budget", "executed"))
    if found is None:
        raise _missing_header("年初预算数/全年预算数/全年执行数", path, sheet)
    at, columns = found
    total_row = next((row for row in grid[at + 1:] if any(key(c.text).startswith("年度资金总额") for c in row)), None)
    if total_row is None:
        raise _missing_header("年度资金总额", path, sheet)
    units = (m.group(1) for row in grid[:at + 1] for c in row if (m := _UNIT_IN_LABEL.search(c.text)))
    scale = _UNITS[next(units, "元")]

    def money(role: str, zh: str, en: str, factor: Decimal = scale) -> Decimal | None:
        return _decimal(_at(total_row, columns.get(role)), zh, en, path, factor)

    return Execution(initial_budget=money("initial_budget", "年初预算数", "initial budget"),
                     full_year_budget=money("full_year_budget", "全年预算数", "full-year budget"),
                     executed=money("executed", "全年执行数", "spending"),
                     weight=money("weight", "分值", "weight", Decimal(1)),
                     score=money("score", "得分", "score", Decimal(1)))


def _missing_header(label: str, path: str, sheet: str) -> InputError:
    return InputError(f"没有找到表头“{label}”", f"header {label!r} not found", path=path, field=sheet)


def _row_text(row: list[Cell], column: int | None) -> str | None:
    cell = _at(row, column)
    return cell.text if cell and cell.text else None


def _indicator_rows(grid: list[list[Cell]], start: int) -> Iterator[list[Cell]]:
    """The rows after the indicator header, up to 总分 (or 合计)."""
    for row in grid[start:]:
        if any(key(c.text) in ("总分", "合计", "总计") for c in row):
            return
        yield row


def row_to_evaluated(row: list[Cell], cols: dict[str, int], levels: tuple[str | None, str | None],
                     year: int | None, path: str) -> EvaluatedIndicator:
    name_cell = _at(row, cols["name"])
    actual = _row_text(row, cols["actual"])
    band_cell = _at(row, cols.get("band"))
    if band_cell and band_cell.text not in BANDS:
        raise InputError(f"评价档次“{band_cell.text}”应为 达成/部分达成/未达成", f"band {band_cell.text!r} is not "
                         "达成, 部分达成 or 未达成", path=path, field=band_cell.ref)
    applicable = (_row_text(row, cols.get("applicable")) or "是") not in ("否", "不适用") and \
        (actual or "") not in NOT_APPLICABLE
    indicator = Indicator(level1=levels[0], level2=levels[1], name=name_cell.text if name_cell else None,
                          target=target_from_text(_row_text(row, cols["target"]) or "", year),
                          direction=_row_text(row, cols.get("direction")),
                          source=SourceRef(line=row[0].row, sheet=row[0].ref.split("!")[0],
                                           cell=name_cell.ref.split("!")[1] if name_cell else None))
    return EvaluatedIndicator(
        indicator=indicator, actual=actual, applicable=applicable,
        weight=_decimal(_at(row, cols.get("weight")), "分值", "weight", path),
        score=_decimal(_at(row, cols.get("score")), "得分", "score", path),
        deviation_reason=_row_text(row, cols.get("reason")), band=band_cell.text if band_cell else None)


def grid_to_indicators(grid: list[list[Cell]], at: int, cols: dict[str, int], year: int | None,
                       path: str) -> tuple[EvaluatedIndicator, ...]:
    """Indicator rows; a merged (empty) 一级 or 二级 cell continues the one above it."""
    level1: str | None = None
    level2: str | None = None
    rows = []
    for row in _indicator_rows(grid, at + 1):
        new1, new2 = _row_text(row, cols.get("level1")), _row_text(row, cols.get("level2"))
        if new1:
            level1, level2 = new1, None
        level2 = new2 or level2
        if _row_text(row, cols["name"]):
            rows.append(row_to_evaluated(row, cols, (level1, level2), year, path))
    return tuple(rows)


def _total(grid: list[list[Cell]], cols: dict[str, int], path: str) -> Decimal | None:
    row = next((r for r in grid if any(key(c.text) in ("总分", "合计", "总计") for c in r)), None)
    return _decimal(_at(row, cols.get("score")), "总分", "total", path) if row else None


def _goal(grid: list[list[Cell]]) -> tuple[str | None, str | None]:
    found = _header_row(grid, {"expected": ("预期目标",), "actual": ("实际完成情况",)}, ("expected", "actual"))
    if found is None or found[0] + 1 >= len(grid):
        return None, None
    row = grid[found[0] + 1]
    return _row_text(row, found[1]["expected"]), _row_text(row, found[1]["actual"])


def grid_to_selfeval(grid: list[list[Cell]], path: str, sheet: str) -> SelfEvaluation:
    name = _labelled(grid, "项目名称")
    if not name:
        raise _missing_header("项目名称", path, sheet)
    year_match = next((m for row in grid[:5] for c in row if (m := _YEAR.search(c.text))), None)
    year = int(year_match.group(1)) if year_match else None
    found = _header_row(grid, COLUMNS, REQUIRED_COLUMNS)
    if found is None:
        raise _missing_header("三级指标/年度指标值/实际完成值", path, sheet)
    at, cols = found
    expected, achieved = _goal(grid)
    return SelfEvaluation(
        project=ProjectHeader(name=name, department=_labelled(grid, "主管部门"),
                              implementer=_labelled(grid, "实施单位"), year=year),
        execution=grid_to_execution(grid, path, sheet),
        indicators=grid_to_indicators(grid, at, cols, year, path),
        goal_expected=expected, goal_actual=achieved, total=_total(grid, cols, path),
        grade=_labelled(grid, "自评等级") or _labelled(grid, "等级"),
        conclusion=_labelled(grid, "自评结论"), source=SourceRef(sheet=sheet))


def _is_form(grid: list[list[Cell]]) -> bool:
    return _header_row(grid, COLUMNS, ("name", "actual")) is not None


def read_selfeval_xlsx(data: bytes, path: str) -> list[SelfEvaluation]:
    """Every sheet of the workbook that holds a self-evaluation form, as a SelfEvaluation."""
    import openpyxl  # the one reader that needs it: import here so that the rest of the core does not
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        values = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
        formulas = openpyxl.load_workbook(io.BytesIO(data), data_only=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError):
        raise InputError("不是可读的 XLSX 文件", "not a readable XLSX workbook", path=path) from None
    grids = [(ws.title, sheet_to_grid(ws, formulas[ws.title])) for ws in values.worksheets]
    forms = [(title, grid) for title, grid in grids if _is_form(grid)]
    if not forms:
        raise InputError("没有找到自评表：缺少“三级指标”和“实际完成值”表头",
                         "no self-evaluation form: no sheet has the headers 三级指标 and 实际完成值", path=path)
    return [grid_to_selfeval(grid, path, title) for title, grid in forms]
