"""PDF in the official layout, for publication: A4, Chinese set in an embedded font.

The font is Noto Serif SC (SIL Open Font Licence, from the ``pylopdf-fonts-zh-cn`` package), a
宋体-like face as official forms use, cut to the glyphs the document uses and turned into TrueType
(``pdffont`` says why); it is embedded with a ToUnicode map, so the PDF shows its Chinese on a
machine without CJK fonts and its text can be copied, searched and extracted by poppler and
pdfminer alike. Nothing is fetched at run time.

Text is broken into lines here (``linebreak``: fpdf2 would start lines with ，or 。), and the page
flow is worked out here too, because fpdf2's tables cannot break a row, nor a merged cell, across
a page: a narrative that reaches the bottom of a page is cut into two rows there (the second
labelled （续）), and a merged 一级/二级 cell is cut where the page ends, its label repeated on the
next page under the repeated header row. The document is built in memory.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any, BinaryIO

from fpdf import FPDF
from fpdf.enums import TableHeadingsDisplay, TextMode, WrapMode, XPos, YPos
from fpdf.fonts import FontFace

from jixiao.core.export import form as layout
from jixiao.core.export import pdffont
from jixiao.core.export.linebreak import Measure, break_lines
from jixiao.core.export.registry import Exporter, Item, iter_projects, register

FONT = "noto-serif-sc"

MARGIN_MM = 15.0
BODY_POINTS = 10.0
LINE_MM = 5.2
PADDING_MM = (1.2, 1.2)  # vertical, horizontal
TABLE_TITLE_MM = 8.0
SAFETY_MM = 1.5  # slack between this module's page flow and fpdf2's
MIN_SPLIT_LINES = 3  # a narrative is not cut to leave fewer lines than this at a page's foot
KEEP_ROWS = 3  # "2020年绩效目标" starts a page with at least this many indicator rows
CONTINUED = "（续）"
FIXED_TEXT = f"{CONTINUED}第 页0123456789"  # printed by this module, not taken from a form
HEADER_FILL = (217, 217, 217)


class FormPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=9)
        self.cell(0, 5, f"第 {self.page_no()} 页", align="C")


def new_pdf(font_file: Path) -> FormPDF:
    pdf = FormPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=MARGIN_MM + 3)
    pdf.add_font(FONT, fname=str(font_file))
    pdf.set_font(FONT, size=BODY_POINTS)
    pdf.set_creator("jixiao")
    pdf.set_lang("zh-CN")
    pdf.set_title(layout.TITLE)
    return pdf


# --- lines and pages -------------------------------------------------------------------------------


def measurer(pdf: FPDF) -> Measure:
    """The width in mm of a piece of text in the body font, remembered (tables measure a lot)."""
    pdf.set_font(FONT, size=BODY_POINTS)
    return cache(pdf.get_string_width)


def wrap(measure: Measure, text: str, width: float) -> list[str]:
    """The lines of ``text`` in a table cell ``width`` mm wide."""
    return break_lines(text, width - 2 * PADDING_MM[1] - 0.4, measure)


def row_height(lines: int) -> float:
    return lines * LINE_MM + 2 * PADDING_MM[0]


def lines_fitting(space: float) -> int:
    return max(int((space - 2 * PADDING_MM[0]) / LINE_MM), 0)


@dataclass
class Flow:
    """Where the next table row will land: ``space`` mm left on the current page, ``page`` mm on a
    fresh one (both less any header repeated at the top)."""

    space: float
    page: float

    def place(self, height: float) -> bool:
        """Put a row of ``height``; True when it had to start a new page."""
        broke = height > self.space
        if broke:
            self.space = self.page
        self.space -= height
        return broke

    def new_page(self) -> None:
        self.space = self.page


def flow_for(pdf: FPDF, repeated: float = 0.0) -> Flow:
    bottom = pdf.page_break_trigger - SAFETY_MM
    return Flow(space=bottom - pdf.y - repeated, page=bottom - pdf.t_margin - repeated)


def content_width(pdf: FPDF) -> float:
    return float(pdf.epw)


def _table(pdf: FPDF, f: layout.Form, **options: Any) -> Any:
    return pdf.table(width=content_width(pdf), col_widths=f.widths, line_height=LINE_MM,
                     padding=PADDING_MM, wrapmode=WrapMode.CHAR, v_align="MIDDLE", **options)


# --- title lines -----------------------------------------------------------------------------------


def title_block(pdf: FPDF, f: layout.Form) -> None:
    pdf.set_font(FONT, size=18)
    # A fake bold: the regular face stroked as well as filled (only the regular face is shipped).
    # In a local context, since the text rendering mode otherwise stays on for the rest of the page.
    with pdf.local_context(text_mode=TextMode.FILL_STROKE, line_width=0.25):
        pdf.cell(0, 11, f.title, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=12)
    pdf.cell(0, 7, f.subtitle, align="C", new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    pdf.set_font(FONT, size=BODY_POINTS)
    pdf.cell(0, 7, f.department, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


# --- the facts table -------------------------------------------------------------------------------

Cell = tuple[str, int, str]  # text with its line breaks, columns spanned, alignment


def facts_cells(measure: Measure, width: float, f: layout.Form, cells: layout.FormRow) -> list[list[str]]:
    col, out = 0, []
    for cell in cells:
        out.append(wrap(measure, cell.text, width * sum(f.widths[col: col + cell.span])))
        col += cell.span
    return out


def narrative_rows(label: list[str], lines: list[str], span: int, flow: Flow) -> list[list[Cell]]:
    """A label and its long text as one or more rows, cut where pages end."""
    rows: list[list[Cell]] = []
    first = True
    while True:
        head = label if first else [CONTINUED]
        need = row_height(max(len(lines), len(head)))
        fit = lines_fitting(flow.space)
        too_little = fit < max(MIN_SPLIT_LINES, len(head))
        if need <= flow.space or (too_little and flow.space == flow.page):
            flow.place(need)
            rows.append([("\n".join(head), 1, "L"), ("\n".join(lines), span, "L")])
            return rows
        if too_little:
            flow.new_page()  # too little room left here: the text starts on the next page
            continue
        rows.append([("\n".join(head), 1, "L"), ("\n".join(lines[:fit]), span, "L")])
        lines, first = lines[fit:], False
        flow.new_page()


def facts_rows(pdf: FPDF, f: layout.Form) -> list[list[Cell]]:
    """The facts as table rows, text broken into lines, long narratives cut at page ends."""
    measure, width, flow = measurer(pdf), content_width(pdf), flow_for(pdf)
    out: list[list[Cell]] = []
    for cells in f.facts:
        wrapped = facts_cells(measure, width, f, cells)
        if len(cells) == 2 and cells[1].kind == "narrative":
            out += narrative_rows(wrapped[0], wrapped[1], cells[1].span, flow)
            continue
        flow.place(row_height(max(len(lines) for lines in wrapped)))
        out.append([("\n".join(lines), cell.span, "R" if cell.kind == "money" else "L")
                    for lines, cell in zip(wrapped, cells, strict=True)])
    return out


def facts_table(pdf: FPDF, f: layout.Form) -> None:
    rows = facts_rows(pdf, f)
    with _table(pdf, f, first_row_as_headings=False, text_align="LEFT") as table:
        for cells in rows:
            row = table.row()
            for text, span, align in cells:
                row.cell(text, colspan=span, align=align)


# --- the indicator table ---------------------------------------------------------------------------


def wrapped_indicators(measure: Measure, width: float, f: layout.Form) -> list[list[list[str]]]:
    """Each indicator cell's lines, broken for its column's width."""
    return [[wrap(measure, text, width * f.widths[c]) for c, text in enumerate(values)]
            for values in f.indicators]


def row_heights(wrapped: Sequence[Sequence[Sequence[str]]]) -> list[float]:
    """The height of each indicator row, from the columns that are never merged."""
    return [row_height(max(len(lines) for lines in row[layout.MERGED_COLUMNS:])) for row in wrapped]


def page_starts(heights: Sequence[float], flow: Flow) -> set[int]:
    """The rows that will begin a new page."""
    return {i for i, height in enumerate(heights) if flow.place(height) and i > 0}


def indicator_table(pdf: FPDF, f: layout.Form) -> None:
    measure, width = measurer(pdf), content_width(pdf)
    wrapped = wrapped_indicators(measure, width, f)
    heights = row_heights(wrapped)
    header = [wrap(measure, text, width * f.widths[c]) for c, text in enumerate(f.header)]
    header_height = row_height(max(len(lines) for lines in header))
    # "2020年绩效目标", the header and the first rows start on the same page.
    if pdf.will_page_break(TABLE_TITLE_MM + header_height + sum(heights[:KEEP_ROWS]) + SAFETY_MM):
        pdf.add_page()
    pdf.cell(0, TABLE_TITLE_MM, f.table_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    cuts = page_starts(heights, flow_for(pdf, repeated=header_height))
    starts = {(run.start, col): run for col in range(layout.MERGED_COLUMNS)
              for run in layout.split_runs(layout.merge_runs(f.indicators, col), heights, float("inf"), cuts)}
    align = ("C",) * layout.MERGED_COLUMNS + ("L",) * (f.columns - layout.MERGED_COLUMNS)
    with _table(pdf, f, headings_style=FontFace(emphasis="", fill_color=HEADER_FILL), text_align=align,
                num_heading_rows=1, repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE) as table:
        heading = table.row()
        for lines in header:
            heading.cell("\n".join(lines), align="C")
        for r, cells in enumerate(wrapped):
            row = table.row()
            for c, lines in enumerate(cells):
                run = starts.get((r, c)) if c < layout.MERGED_COLUMNS else layout.Run(r, 1)
                if run is not None:  # None: covered by the merged cell above
                    row.cell("\n".join(lines), rowspan=run.length)


# --- the document ----------------------------------------------------------------------------------


def add_project(pdf: FPDF, f: layout.Form) -> None:
    pdf.add_page()
    title_block(pdf, f)
    facts_table(pdf, f)
    pdf.ln(2)
    indicator_table(pdf, f)


def form_text(f: layout.Form) -> Iterable[str]:
    """Every piece of text a form prints, to know which glyphs the font must carry."""
    yield from (f.title, f.subtitle, f.department, f.table_title, *f.header)
    yield from (cell.text for row in f.facts for cell in row)
    yield from (text for row in f.indicators for text in row)


def write_projects(pdf: FPDF, forms: Iterable[layout.Form]) -> None:
    count = 0
    for f in forms:
        add_project(pdf, f)
        count += 1
    if count == 0:
        pdf.add_page()


def write(items: Iterable[Item], stream: BinaryIO) -> None:
    forms = [layout.project_form(p) for p in iter_projects(items)]
    text = [FIXED_TEXT, *(piece for f in forms for piece in form_text(f))]
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as folder:
        font_file = Path(folder) / "font.ttf"  # fpdf2 reads fonts from files only
        font_file.write_bytes(pdffont.truetype_subset(text))
        pdf = new_pdf(font_file)
        write_projects(pdf, forms)
        stream.write(bytes(pdf.output()))


register(Exporter(
    name="pdf", extension=".pdf", media_type="application/pdf", write=write,
    title="PDF（官方表样，A4，内嵌思源宋体，可复制文字）",
    title_en="PDF in the official layout, A4, embedded Noto Serif SC, text extractable",
    binary=True,
))
