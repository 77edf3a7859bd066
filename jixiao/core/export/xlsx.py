"""XLSX in the official layout, one sheet per project, ready to print on A4.

Always written with openpyxl's write-only mode, whatever the number of projects: write-only sheets
still carry merged ranges, column widths, row heights, print titles and page setup (all that this
layout needs), and their rows go to a temporary file as they are made. Each sheet is closed as soon
as it is written, so no cell stays in memory; what does stay until the workbook is saved is
openpyxl's bookkeeping for each sheet, about 20 KB (bench/bench_export.py: +214 MiB for 10,000
projects, against +1.6 MiB for the CSV). openpyxl also checks each new sheet's name against all
earlier ones, so time per sheet grows with their number: 17 ms a project for 1,000 projects,
22 ms for 10,000 (a department's few hundred are quick). With more than one project a first sheet,
目录, lists them with a link to each sheet.

The font is named 宋体 (with the GB2312 charset, as Chinese Excel writes it): the file only names it
and embeds nothing, and Excel and WPS on Chinese systems have it (elsewhere they substitute a CJK
font). Excel does not grow a row to fit wrapped text in merged cells, so row heights are estimated
here from the text's width.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from itertools import chain, islice
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import MultiCellRange
from openpyxl.worksheet.hyperlink import Hyperlink
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.core.canonical import decimal_text
from jixiao.core.export import form as layout
from jixiao.core.export.linebreak import break_lines, chunks
from jixiao.core.export.registry import XLSX_MEDIA_TYPE, Exporter, Item, iter_projects, register
from jixiao.core.model import Project

FONT_NAME = "宋体"
GB2312 = 134  # the font charset Chinese Excel writes for 宋体
INDEX_TITLE = "目录"
SHEET_NAME_MAX = 31  # Excel's limit
FORBIDDEN_IN_SHEET_NAME = "[]:*?/\\"

# Column widths are in Excel's units (the width of "0"); a CJK character is about two of them.
FORM_WIDTH = 100.0
OPTIONAL_COLUMN_WIDTH = 13.0
WIDE_CHAR_UNITS = 2.1
LINE_POINTS = 14.5  # one line of 11-point 宋体
ROW_PADDING_POINTS = 4.0
MAX_ROW_POINTS = 409.0  # Excel's largest row height
MAX_CELL_LINES = int((MAX_ROW_POINTS - ROW_PADDING_POINTS) / LINE_POINTS) - 1  # a line to spare
CONTINUED = "（续）"

_thin = Side(style="thin", color="000000")
_BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
_NO_BORDER = Border()
_WRAP_LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
_WRAP_CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")


@dataclass(frozen=True, slots=True)
class Look:
    """A cell style. Each becomes a named style of the workbook (jixiao 标题, jixiao 金额 …): setting
    a cell's font, border and alignment one by one makes openpyxl hash every style object per cell,
    which took most of the time of a large export; a named style is looked up by name."""

    name: str
    font: Font
    alignment: Alignment
    border: Border = _BORDER
    fill: PatternFill | None = None
    number_format: str = "General"

    def named_style(self) -> NamedStyle:
        style = NamedStyle(name=self.name, font=self.font, alignment=self.alignment, border=self.border,
                           number_format=self.number_format)
        if self.fill is not None:
            style.fill = self.fill
        return style


def _font(size: float = 11, bold: bool = False, **more: Any) -> Font:
    return Font(name=FONT_NAME, charset=GB2312, size=size, bold=bold, **more)


_RIGHT = Alignment(horizontal="right", vertical="center")
TITLE = Look("jixiao 标题", _font(18, bold=True), Alignment(horizontal="center", vertical="center"), _NO_BORDER)
SUBTITLE = Look("jixiao 年度", _font(12), Alignment(horizontal="center", vertical="center"), _NO_BORDER)
DEPARTMENT = Look("jixiao 申报单位", _font(11), Alignment(horizontal="left", vertical="center"), _NO_BORDER)
LABEL = Look("jixiao 栏目", _font(11), _WRAP_LEFT)
VALUE = Look("jixiao 内容", _font(11), _WRAP_LEFT)
MONEY = Look("jixiao 金额", _font(11), _RIGHT, number_format="#,##0")
MONEY_CENTS = Look("jixiao 金额（角分）", _font(11), _RIGHT, number_format="#,##0.00")
SECTION = Look("jixiao 小标题", _font(11, bold=True), _WRAP_LEFT)
HEADER = Look("jixiao 表头", _font(11, bold=True), _WRAP_CENTER, fill=_HEADER_FILL)
LEVEL = Look("jixiao 目标层级", _font(11), _WRAP_CENTER)
LINK = Look("jixiao 链接", _font(11, color="0563C1", underline="single"), _WRAP_LEFT)
# The indicator table's cells are formatted as text (@): what someone types there later stays as typed,
# so "=100%" is not taken for a formula, nor "1000" turned into a number or "2024-06-30" into a date.
TEXT_LEVEL = Look("jixiao 目标层级（文本）", _font(11), _WRAP_CENTER, number_format="@")
TEXT_VALUE = Look("jixiao 指标（文本）", _font(11), _WRAP_LEFT, number_format="@")
ALL_LOOKS = (TITLE, SUBTITLE, DEPARTMENT, LABEL, VALUE, MONEY, MONEY_CENTS, SECTION, HEADER, LEVEL, LINK, TEXT_LEVEL,
             TEXT_VALUE)
LOOKS: dict[layout.CellKind, Look] = {"label": LABEL, "value": VALUE, "money": MONEY, "narrative": VALUE,
                                      "section": SECTION}


# --- sheet names ---------------------------------------------------------------------------------


def sheet_title(name: str | None, taken: set[str], fallback: str) -> str:
    """A legal, unique sheet name from a project name: forbidden characters replaced, at most 31
    characters, no leading or trailing apostrophe, unique ignoring case (as Excel compares), with
    (2), (3) … added when needed. Adds the result to ``taken`` (which holds casefolded names)."""
    base = "".join("_" if ch in FORBIDDEN_IN_SHEET_NAME else ch for ch in (name or "")).strip().strip("'")
    base = base or fallback
    candidate, n = base[:SHEET_NAME_MAX], 1
    while candidate.casefold() in taken or candidate.casefold() == "history":
        n += 1
        suffix = f"({n})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
    taken.add(candidate.casefold())
    return candidate


# --- row heights ---------------------------------------------------------------------------------


@cache
def char_units(ch: str) -> float:
    return WIDE_CHAR_UNITS if unicodedata.east_asian_width(ch) in "WF" else 1.0


def text_units(text: str) -> float:
    """The width of a line of text in column-width units: wide (CJK) characters count about two."""
    return sum(map(char_units, text))


def line_count(text: str, width: float) -> int:
    """How many lines ``text`` wraps to in a cell ``width`` units wide."""
    usable = max(width - 1.5, 1.0)
    if "\n" not in text and text_units(text) <= usable:
        return 1  # most cells: no need to break lines
    return len(break_lines(text, usable, text_units))


def row_points(cells: Iterable[tuple[str, float]]) -> float:
    """A row height that shows every (text, width) of the row in full, within Excel's limit."""
    lines = max((line_count(text, width) for text, width in cells if text), default=1)
    return min(lines * LINE_POINTS + ROW_PADDING_POINTS, MAX_ROW_POINTS)


# --- one project's sheet -------------------------------------------------------------------------


def _amount(value: Decimal | None) -> int | Decimal | None:
    """A Decimal Excel stores exactly as written (no exponent): whole amounts become ints."""
    if value is None:
        return None
    plain = Decimal(decimal_text(value) or "0")
    return int(plain) if plain == plain.to_integral_value() else plain


def money_look(value: Decimal | None) -> Look:
    return MONEY if value is None or isinstance(_amount(value), int) else MONEY_CENTS


class SheetRows:
    """Appends styled rows to a write-only sheet, remembering merges (written when it closes)."""

    def __init__(self, ws: Any, widths: Sequence[float]) -> None:
        self.ws = ws
        self.widths = widths
        self.row = 0

    def span_width(self, col: int, span: int) -> float:
        return sum(self.widths[col: col + span])

    def add(self, cells: Sequence[tuple[Any, Look, int]], height: float | None = None,
            notes: Sequence[Comment | None] = ()) -> int:
        """One row of (value, look, columns spanned); returns its 1-based index. ``notes``: a cell
        comment for each (value, look, span), or None."""
        self.row += 1
        out: list[Cell] = []
        col = 0
        for n, (value, look, span) in enumerate(cells):
            first = len(out)
            out += [self.cell(value if k == 0 else None, look) for k in range(span)]
            if n < len(notes) and notes[n] is not None:
                out[first].comment = notes[n]
            if span > 1:
                self.merge(self.row, col, self.row, col + span - 1)
            col += span
        if height is not None:
            self.ws.row_dimensions[self.row].height = height
        self.ws.append(out)
        return self.row

    def merge(self, row1: int, col1: int, row2: int, col2: int) -> None:
        self.ws.merged_cells.add(f"{get_column_letter(col1 + 1)}{row1}:{get_column_letter(col2 + 1)}{row2}")

    def cell(self, value: Any, look: Look) -> Cell:
        cell = WriteOnlyCell(self.ws, value=value)
        cell.style = look.name
        if isinstance(value, str) and value.startswith("="):
            # "=100%" is a target value, not a formula: stored as text, and marked so that Excel and
            # WPS keep it text when someone edits the cell.
            cell.data_type = "s"
            cell.quotePrefix = True
        return cell


def column_widths(form: layout.Form) -> list[float]:
    extra = form.columns - len(layout.BASE_HEADER)
    total = FORM_WIDTH + OPTIONAL_COLUMN_WIDTH * extra
    return [round(w * total, 1) for w in form.widths]


def setup_page(ws: Any, widths: Sequence[float]) -> None:
    """A4 portrait, fitted to one page wide, centred, page numbers in the footer. Must run before
    the first row is appended: a write-only sheet writes its properties and columns then."""
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    ws.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    ws.page_setup.orientation = Worksheet.ORIENTATION_PORTRAIT
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0  # as many pages tall as needed
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.5
    ws.page_margins.top = ws.page_margins.bottom = 0.7
    ws.oddFooter.center.text = "第 &P 页，共 &N 页"


def _facts_row(rows: SheetRows, cells: layout.FormRow) -> None:
    if len(cells) == 2 and cells[1].kind == "narrative":
        _narrative_rows(rows, cells[0].text, cells[1].text, cells[1].span)
        return
    out: list[tuple[Any, Look, int]] = []
    sizes: list[tuple[str, float]] = []
    col = 0
    for cell in cells:
        if cell.kind == "money":
            out.append((_amount(cell.amount), money_look(cell.amount), cell.span))
        else:
            out.append((cell.text or None, LOOKS[cell.kind], cell.span))
        sizes.append((cell.text, rows.span_width(col, cell.span)))
        col += cell.span
    rows.add(out, height=row_points(sizes))


def _narrative_rows(rows: SheetRows, label: str, text: str, span: int) -> None:
    """A narrative in one row, or in several when it is taller than Excel's tallest row (409 pt):
    Excel would cut it off on screen and on paper. The rows after the first are labelled （续）."""
    width = rows.span_width(1, span)
    pieces = chunks(text, max(width - 1.5, 1.0), text_units, MAX_CELL_LINES) if text else [""]
    for n, piece in enumerate(pieces):
        head = label if n == 0 else CONTINUED
        rows.add([(head, LABEL, 1), (piece or None, VALUE, span)],
                 height=row_points([(head, rows.widths[0]), (piece, width)]))


def _indicator_rows(rows: SheetRows, form: layout.Form) -> None:
    first = rows.row + 1
    looks = [TEXT_LEVEL if c < layout.MERGED_COLUMNS else TEXT_VALUE for c in range(form.columns)]
    runs = [(col, run) for col in range(layout.MERGED_COLUMNS) for run in layout.merge_runs(form.indicators, col)
            if run.length > 1]
    # Cells a merged 一级/二级 covers stay empty: a value hidden under a merge is what readers report as
    # stale, and it would outlive an edit of the visible cell.
    covered = {(run.start + k, col) for col, run in runs for k in range(1, run.length)}
    for r, values in enumerate(form.indicators):
        sizes = [(v, rows.widths[c]) for c, v in enumerate(values) if c >= layout.MERGED_COLUMNS]
        rows.add([(None if (r, c) in covered else v or None, look, 1)
                  for c, (v, look) in enumerate(zip(values, looks, strict=True))], height=row_points(sizes))
    for col, run in runs:
        rows.merge(first + run.start, col, first + run.start + run.length - 1, col)


def spare_rows(rows: SheetRows, form: layout.Form, count: int) -> None:
    """Empty, bordered indicator rows below the table, to fill in (the template's)."""
    looks = [TEXT_LEVEL if c < layout.MERGED_COLUMNS else TEXT_VALUE for c in range(form.columns)]
    for _ in range(count):
        rows.add([(None, look, 1) for look in looks], height=LINE_POINTS + ROW_PADDING_POINTS)


def write_form(ws: Any, form: layout.Form, notes: Sequence[Comment | None] = (), spare: int = 0) -> int:
    """Draw the official form on an empty write-only sheet; returns the row of the indicator table's
    header. ``notes``: comments on the header's cells; ``spare``: empty indicator rows to add."""
    widths = column_widths(form)
    setup_page(ws, widths)
    rows = SheetRows(ws, widths)
    n = form.columns
    rows.add([(form.title, TITLE, n)], height=30)
    rows.add([(form.subtitle, SUBTITLE, n)], height=20)
    rows.add([(form.department, DEPARTMENT, n)], height=20)
    for cells in form.facts:
        _facts_row(rows, cells)
    rows.add([(form.table_title, SECTION, n)], height=row_points([(form.table_title, sum(widths))]))
    header = rows.add([(h, HEADER, 1) for h in form.header],
                      height=row_points((h, w) for h, w in zip(form.header, widths, strict=True)), notes=notes)
    # The indicator table's header is printed again at the top of each page it runs onto.
    ws.print_title_rows = f"{header}:{header}"
    _indicator_rows(rows, form)
    spare_rows(rows, form, spare)
    return header


# --- the index sheet and the workbook -------------------------------------------------------------

INDEX_HEADER = ("序号", "申报单位名称", "年度", "项目名称", "项目类别", "项目总预算（元）", "项目当年预算（元）",
                "指标数")
INDEX_WIDTHS = (6, 24, 8, 40, 16, 18, 18, 8)


def start_index(wb: Any) -> SheetRows:
    ws = wb.create_sheet(INDEX_TITLE)
    setup_page(ws, INDEX_WIDTHS)
    ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    ws.print_title_rows = "1:1"
    rows = SheetRows(ws, INDEX_WIDTHS)
    rows.add([(h, HEADER, 1) for h in INDEX_HEADER], height=20)
    return rows


def add_to_index(rows: SheetRows, number: int, project: Project, sheet: str) -> None:
    budget = project.budget
    cells = [(number, VALUE), (project.department, VALUE), (project.year, VALUE), (project.name or sheet, LINK),
             (project.category, VALUE), (_amount(budget.total), money_look(budget.total)),
             (_amount(budget.current_year), money_look(budget.current_year)), (len(project.indicators), VALUE)]
    out = [rows.cell(value, look) for value, look in cells]
    out[3].hyperlink = Hyperlink(ref="", location=f"'{sheet.replace(chr(39), chr(39) * 2)}'!A1")
    rows.row += 1
    rows.ws.row_dimensions[rows.row].height = row_points([(project.name or "", INDEX_WIDTHS[3])])
    rows.ws.append(out)


def forget_written(ws: Any) -> None:
    """Drop what a closed write-only sheet no longer needs (its rows' heights and its merges are in
    its temporary file now), so that memory does not grow with the number of sheets."""
    ws.row_dimensions.clear()
    ws.merged_cells = MultiCellRange()


def _peek(projects: Iterator[Project]) -> tuple[list[Project], Iterator[Project]]:
    head = list(islice(projects, 2))
    return head, chain(head, projects)


def write(items: Iterable[Item], stream: BinaryIO) -> None:
    wb = Workbook(write_only=True)
    for look in ALL_LOOKS:
        wb.add_named_style(look.named_style())
    head, projects = _peek(iter_projects(items))
    index = start_index(wb) if len(head) != 1 else None
    taken = {INDEX_TITLE.casefold()} if index else set()
    for number, project in enumerate(projects, start=1):
        title = sheet_title(project.name, taken, fallback=f"项目{number}")
        ws = wb.create_sheet(title)
        write_form(ws, layout.project_form(project))
        ws.close()  # written to its temporary file
        forget_written(ws)
        if index:
            add_to_index(index, number, project, title)
    wb.save(stream)


register(Exporter(
    name="xlsx", extension=".xlsx",
    media_type=XLSX_MEDIA_TYPE, write=write,
    title="Excel 工作簿（官方表样，每个项目一个工作表，A4 打印）",
    title_en="Excel workbook in the official layout, one sheet per project, A4",
    binary=True,
))
