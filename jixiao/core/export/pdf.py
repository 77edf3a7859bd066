"""PDF in the official layout, for publication: A4, Chinese set in an embedded font.

The font is Noto Serif SC (SIL Open Font Licence, from the ``pylopdf-fonts-zh-cn`` package), a
宋体-like face as official forms use; fpdf2 embeds only the glyphs used (a subset) with a ToUnicode
map, so the PDF shows its Chinese on a machine without CJK fonts and its text can be copied and
searched. Nothing is fetched at run time.

fpdf2's tables repeat their header row on each page but cannot break one row, nor one merged cell,
across a page. So a long narrative field is cut into rows of at most ``MAX_ROW_LINES`` lines (the
label of the continuation reads （续）), and merged 一级/二级 cells are cut into pieces no taller
than ``MAX_SPAN_MM``; a piece after a cut repeats its label. The document is built in memory.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, BinaryIO

from fpdf import FPDF
from fpdf.enums import TableHeadingsDisplay, TextMode, WrapMode, XPos, YPos
from fpdf.fonts import FontFace, TTFFont

from jixiao.core.export import form as layout
from jixiao.core.export.linebreak import Measure, break_lines
from jixiao.core.export.registry import Exporter, Item, iter_projects, register

FONT_PACKAGE = "pylopdf_fonts_zh_cn"
FONT_FILE = "NotoSerifSC-Regular.otf"
FONT = "noto-serif-sc"

MARGIN_MM = 15.0
BODY_POINTS = 10.0
LINE_MM = 5.2
PADDING_MM = (1.2, 1.2)  # vertical, horizontal
MAX_ROW_LINES = 36
MAX_SPAN_MM = 90.0
TABLE_TITLE_MM = 8.0
CONTINUED = "（续）"
HEADER_FILL = (217, 217, 217)


@cache
def font_path() -> Path:
    """The CJK font file, from the installed package; a clear error when it is missing."""
    try:
        path = Path(str(resources.files(FONT_PACKAGE) / FONT_FILE))
    except ModuleNotFoundError:
        path = Path(FONT_FILE)
    if not path.is_file():
        raise RuntimeError(f"the PDF export needs the Chinese font {FONT_FILE} from the Python package "
                           f"'pylopdf-fonts-zh-cn'; install the project's dependencies")
    return path


class FormPDF(FPDF):
    def footer(self) -> None:
        self.set_y(-12)
        self.set_font(FONT, size=9)
        self.cell(0, 5, f"第 {self.page_no()} 页", align="C")


def new_pdf() -> FormPDF:
    pdf = FormPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_margins(MARGIN_MM, MARGIN_MM, MARGIN_MM)
    pdf.set_auto_page_break(auto=True, margin=MARGIN_MM + 3)
    pdf.add_font(FONT, fname=str(font_path()))
    # Recomputing the bounding boxes of the subset's CFF glyphs takes seconds and changes nothing a
    # viewer needs (the full font's box still bounds every glyph), so the subset keeps the font's.
    font = pdf.fonts[FONT]
    if isinstance(font, TTFFont):
        font.ttfont.recalcBBoxes = False
    pdf.set_font(FONT, size=BODY_POINTS)
    pdf.set_creator("jixiao")
    pdf.set_lang("zh-CN")
    pdf.set_title(layout.TITLE)
    return pdf


def content_width(pdf: FPDF) -> float:
    return float(pdf.epw)


def measurer(pdf: FPDF) -> Measure:
    """The width in mm of a piece of text in the body font, remembered (tables measure a lot)."""
    pdf.set_font(FONT, size=BODY_POINTS)
    return cache(pdf.get_string_width)


def wrap(measure: Measure, text: str, width: float) -> list[str]:
    """The lines of ``text`` in a table cell ``width`` mm wide, broken by the rules of Chinese
    typesetting (fpdf2 would cut anywhere, starting lines with ，or 。)."""
    inner = width - 2 * PADDING_MM[1] - 0.4
    return break_lines(text, inner, measure)


def chunk_narrative(measure: Measure, text: str, width: float) -> list[str]:
    """A narrative text cut into pieces that each fit in one table row on one page."""
    lines = wrap(measure, text, width)
    return ["\n".join(lines[i: i + MAX_ROW_LINES]) for i in range(0, len(lines), MAX_ROW_LINES)]


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


def _table(pdf: FPDF, f: layout.Form, **options: Any) -> Any:
    return pdf.table(width=content_width(pdf), col_widths=f.widths, line_height=LINE_MM,
                     padding=PADDING_MM, wrapmode=WrapMode.CHAR, v_align="MIDDLE", **options)


def facts_rows(pdf: FPDF, f: layout.Form) -> list[list[tuple[str, int, str]]]:
    """The facts as rows of (text, columns spanned, alignment), the text already broken into lines
    and a long narrative cut into several rows."""
    measure, width = measurer(pdf), content_width(pdf)
    out: list[list[tuple[str, int, str]]] = []
    for cells in f.facts:
        col, row = 0, []
        for cell in cells:
            cell_width = width * sum(f.widths[col: col + cell.span])
            row.append(("\n".join(wrap(measure, cell.text, cell_width)), cell.span,
                        "R" if cell.kind == "money" else "L"))
            col += cell.span
        if len(cells) == 2 and cells[1].kind == "narrative":
            pieces = chunk_narrative(measure, cells[1].text, width * sum(f.widths[1:]))
            out.extend([(row[0][0] if n == 0 else CONTINUED, 1, "L"), (piece, cells[1].span, "L")]
                       for n, piece in enumerate(pieces))
        else:
            out.append(row)
    return out


def facts_table(pdf: FPDF, f: layout.Form) -> None:
    with _table(pdf, f, first_row_as_headings=False, text_align="LEFT") as table:
        for cells in facts_rows(pdf, f):
            row = table.row()
            for text, span, align in cells:
                row.cell(text, colspan=span, align=align)


# --- the indicator table ---------------------------------------------------------------------------


def wrapped_indicators(pdf: FPDF, f: layout.Form) -> list[list[list[str]]]:
    """Each indicator cell's lines, broken for its column's width."""
    measure, width = measurer(pdf), content_width(pdf)
    return [[wrap(measure, text, width * f.widths[c]) for c, text in enumerate(values)]
            for values in f.indicators]


def row_heights(wrapped: list[list[list[str]]]) -> list[float]:
    """The height of each indicator row, from the columns that are never merged."""
    return [max(len(lines) for lines in row[layout.MERGED_COLUMNS:]) * LINE_MM + 2 * PADDING_MM[0]
            for row in wrapped]


def page_safe_runs(f: layout.Form, heights: list[float]) -> dict[int, list[layout.Run]]:
    """The merged runs of the 一级 and 二级 columns, cut so that no merged cell is taller than
    ``MAX_SPAN_MM``; a cut in 一级 also cuts the 二级 runs crossing it."""
    cuts: set[int] = set()
    runs: dict[int, list[layout.Run]] = {}
    for col in range(layout.MERGED_COLUMNS):
        pieces = layout.split_runs(layout.merge_runs(f.indicators, col), heights, MAX_SPAN_MM, cuts)
        cuts |= {run.start for run in pieces}
        runs[col] = pieces
    return runs


def indicator_table(pdf: FPDF, f: layout.Form) -> None:
    wrapped = wrapped_indicators(pdf, f)
    heights = row_heights(wrapped)
    align = ("C",) * layout.MERGED_COLUMNS + ("L",) * (f.columns - layout.MERGED_COLUMNS)
    heading = FontFace(emphasis="", fill_color=HEADER_FILL)
    runs = page_safe_runs(f, heights)
    starts = {(run.start, col): run for col, pieces in runs.items() for run in pieces}
    # "2020年绩效目标", the header and the first merged piece start on the same page.
    first = runs[0][0] if runs[0] else layout.Run(0, 0)
    if pdf.will_page_break(TABLE_TITLE_MM + LINE_MM + 2 * PADDING_MM[0] + sum(heights[: first.length])):
        pdf.add_page()
    pdf.cell(0, TABLE_TITLE_MM, f.table_title, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
    with _table(pdf, f, headings_style=heading, text_align=align, num_heading_rows=1,
                repeat_headings=TableHeadingsDisplay.ON_TOP_OF_EVERY_PAGE) as table:
        header = table.row()
        for text in f.header:
            header.cell(text, align="C")
        for r, cells in enumerate(wrapped):
            row = table.row()
            for c, lines in enumerate(cells):
                run = starts.get((r, c)) if c < layout.MERGED_COLUMNS else layout.Run(r, 1)
                if run is not None:  # None: covered by the merged cell above
                    row.cell("\n".join(lines), rowspan=run.length)


def add_project(pdf: FPDF, f: layout.Form) -> None:
    pdf.add_page()
    title_block(pdf, f)
    facts_table(pdf, f)
    pdf.ln(2)
    indicator_table(pdf, f)


def write_projects(pdf: FPDF, forms: Iterable[layout.Form]) -> None:
    count = 0
    for f in forms:
        add_project(pdf, f)
        count += 1
    if count == 0:
        pdf.add_page()


def write(items: Iterable[Item], stream: BinaryIO) -> None:
    pdf = new_pdf()
    write_projects(pdf, (layout.project_form(p) for p in iter_projects(items)))
    stream.write(bytes(pdf.output()))


register(Exporter(
    name="pdf", extension=".pdf", media_type="application/pdf", write=write,
    title="PDF（官方表样，A4，内嵌思源宋体，可复制文字）",
    title_en="PDF in the official layout, A4, embedded Noto Serif SC, text extractable",
    binary=True,
))
