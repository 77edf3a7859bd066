"""The XLSX reader: every sheet of a workbook, in order, as rows of cells for the layout engine.

openpyxl's read-only mode streams a sheet (memory stays flat for a huge workbook) but hides its merged
ranges and its formulas' text; the normal mode builds every cell in memory. So each sheet is streamed
with openpyxl's own sheet parser, which sees all three as it goes: cell values, ``<mergeCell>``
ranges (read at the sheet's end, then applied: the text stays in the top-left cell and the covered
cells are emptied, as a stale value may be left in them), and formulas. A formula keeps its cached
value; one saved without a value (as libraries, not Excel, write a typed "=100%") reads as its text.

A cell reads as a person sees it: a number plainly (no float noise), a percentage-formatted
0.95 as "95%", a date as 2020-01-01. A sheet that lists projects with links to other sheets (a 目录)
is skipped, and so are the notes and drop-down lists of jixiao's template (known by their first cell).
Macros (.xlsm) are never read.
"""

from __future__ import annotations

import io
import zipfile
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any

from jixiao.core.errors import InputError
from jixiao.core.model import Document, DocumentSource, SourceRef
from jixiao.core.read import diagnose
from jixiao.core.read.cellgrid import Grid, GridBuilder, cell_name, grid_to_document
from jixiao.core.read.layout import TraceEntry
from jixiao.core.read.sniff import check_package, is_xlsx
from jixiao.core.read.vocabulary import ASIDE_SHEET_TITLES, BUDGET_INDEX, FACT_INDEX, column_role, label_key

Cells = dict[tuple[int, int], Any]  # (row, column), 1-based as in the sheet -> value

sniff = is_xlsx


def read(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Document:
    return grid_to_document(to_rows(data, source, trace), trace)


def to_rows(data: bytes, source: DocumentSource, trace: list[TraceEntry] | None = None) -> Grid:
    check_package(data, source.path, "XLSX")
    workbook = open_workbook(data, source.path)
    grid = GridBuilder(trace)
    try:
        for ws in workbook.worksheets:
            sheet_to_rows(workbook, ws, grid)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, SyntaxError) as exc:
        raise _corrupt(source.path, str(exc)) from None
    finally:
        workbook.close()
    return grid.grid(source, "XLSX")


def open_workbook(data: bytes, path: str) -> Any:
    import openpyxl  # imported when a workbook is read, so that reading text never pays for it
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        return openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True, keep_links=False)
    except (zipfile.BadZipFile, InvalidFileException, KeyError, OSError, ValueError, TypeError, SyntaxError) as exc:
        raise _corrupt(path, str(exc)) from None


def _corrupt(path: str, detail: str) -> InputError:
    return InputError(f"XLSX 文件已损坏，无法读取（{detail[:80]}）", f"corrupt XLSX file, cannot be read ({detail[:80]})",
                      path=path)


# --- one sheet --------------------------------------------------------------------------------------


def parse_sheet(workbook: Any, ws: Any) -> tuple[Cells, list[str], list[str]]:
    """The sheet's non-empty cells, its merged ranges ("A1:B2") and the sheets its links point to."""
    from openpyxl.worksheet._reader import FORMULA_TAG, WorkSheetParser

    class Parser(WorkSheetParser):
        def parse_cell(self, element: Any) -> dict[str, Any]:
            cell: dict[str, Any] = super().parse_cell(element)
            if cell["value"] is None and element.find(FORMULA_TAG) is not None:
                cell["value"] = "=" + (element.findtext(FORMULA_TAG) or "")
                cell["data_type"] = "s"
            return cell

    cells: Cells = {}
    with ws._get_source() as src:
        parser = Parser(src, ws._shared_strings, data_only=True, epoch=workbook.epoch,
                        date_formats=workbook._date_formats, timedelta_formats=workbook._timedelta_formats)
        for _, row in parser.parse():
            for c in row:
                if c["value"] is not None and c["value"] != "":
                    cells[(c["row"], c["column"])] = (c["value"], c["style_id"])
    merged = [str(m.ref) for m in parser.merged_cells.mergeCell] if parser.merged_cells else []
    links = [h.location.split("!")[0].strip("'") for h in parser.hyperlinks.hyperlink if h.location]
    return cells, merged, links


def cell_text(workbook: Any, value: Any, style_id: int) -> str:
    """What a person sees in the cell."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, (int, float)):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in number_format(workbook, style_id):
            return f"{plain(number * 100)}%"
        return plain(number)
    return str(value)


def number_format(workbook: Any, style_id: int) -> str:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    styles = workbook._cell_styles
    if not style_id or style_id >= len(styles):
        return "General"
    fmt_id = styles[style_id].numFmtId
    if fmt_id < BUILTIN_FORMATS_MAX_SIZE:
        return str(BUILTIN_FORMATS.get(fmt_id, "General"))
    custom = workbook._number_formats
    index = fmt_id - BUILTIN_FORMATS_MAX_SIZE
    return str(custom[index]) if 0 <= index < len(custom) else "General"


def plain(number: Decimal) -> str:
    """A number without exponent or trailing zeros: 1.20E+8 → 120000000, 0.50 → 0.5."""
    text = format(number, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text != "-0" else "0"


def merged_ranges(refs: list[str]) -> list[tuple[int, int, int, int]]:
    from openpyxl.utils.cell import range_boundaries

    out = []
    for ref in refs:
        min_col, min_row, max_col, max_row = range_boundaries(ref)
        if None not in (min_col, min_row, max_col, max_row):  # whole rows or columns are never merged cells
            out.append((int(min_row or 0), int(min_col or 0), int(max_row or 0), int(max_col or 0)))
    return out


def empty_covered(cells: Cells, ranges: list[tuple[int, int, int, int]]) -> int:
    """Empty every cell a merged range covers except its top-left; returns how many held a value."""
    stale = 0
    for min_row, min_col, max_row, max_col in ranges:
        for r in range(min_row, max_row + 1):
            for c in range(min_col, max_col + 1):
                if (r, c) != (min_row, min_col) and cells.pop((r, c), None) is not None:
                    stale += 1
    return stale


def covered_below(ranges: list[tuple[int, int, int, int]]) -> dict[int, frozenset[int]]:
    """For each row, the columns (0-based) lying under a merged cell begun in a row above."""
    out: dict[int, set[int]] = {}
    for min_row, min_col, max_row, max_col in ranges:
        for r in range(min_row + 1, max_row + 1):
            out.setdefault(r, set()).update(range(min_col - 1, max_col))
    return {r: frozenset(cols) for r, cols in out.items()}


def sheet_to_rows(workbook: Any, ws: Any, grid: GridBuilder) -> None:
    cells, merged, links = parse_sheet(workbook, ws)
    if not cells:
        grid.note("grid", f"sheet '{ws.title}': empty")
        return
    rows_used = sorted({r for r, _ in cells})
    width = max(c for _, c in cells)
    texts = {(r, c): cell_text(workbook, v, s).strip() for (r, c), (v, s) in cells.items()}
    lead = next((texts[(r, c)] for r, c in sorted(texts) if texts[(r, c)]), "")
    if lead in ASIDE_SHEET_TITLES:
        grid.note("grid", f"sheet '{ws.title}': the template's notes or drop-down lists, skipped")
        return
    if is_project_list(texts, rows_used, links, workbook.sheetnames):
        grid.note("grid", f"sheet '{ws.title}': a list of projects linking to other sheets, skipped")
        grid.diag(diagnose.sheet_skipped(grid.next_line, ws.title))
        return
    ranges = merged_ranges(merged)
    stale = empty_covered(texts, ranges)
    grid.note("grid", f"sheet '{ws.title}': {len(rows_used)} rows × {width} columns "
                      f"(A{rows_used[0]}:{cell_name(rows_used[-1] - 1, width - 1)}), {len(ranges)} merged ranges"
                      + (f", {stale} stale values under merged cells dropped" if stale else ""))
    if stale:
        grid.diag(diagnose.merged_stale(grid.next_line, ws.title, stale))
    covered = covered_below(ranges)
    for r in rows_used:
        row = [texts.get((r, c), "") for c in range(1, width + 1)]
        first = next((c for c in range(1, width + 1) if row[c - 1]), 1)
        grid.add(row, SourceRef(sheet=ws.title, cell=cell_name(r - 1, first - 1)), covered=covered.get(r, frozenset()))


def is_project_list(texts: dict[tuple[int, int], str], rows: list[int], links: list[str],
                    sheets: list[str]) -> bool:
    """A 目录: a header row of field labels only (项目名称, 项目总预算 …), and links to other sheets."""
    if not any(link in sheets for link in links):
        return False
    head = [t for (r, _), t in texts.items() if r == rows[0] and t]
    known = [t for t in head if label_key(t) in FACT_INDEX or label_key(t) in BUDGET_INDEX]
    has_table = any(column_role(t) in ("level1", "value") for t in texts.values() if len(t) <= 12)
    return len(known) >= 2 and not has_table
