"""DOCX (Word, WPS) in the official layout, ready to print on A4 and to sign.

Each project: the title lines, a facts table, the line "2020年绩效目标", then the indicator table with
its 一级/二级 cells merged and its header row repeated on every page it runs onto (Word repeats only a
table's first rows, which is why facts and indicators are two tables). Projects after the first
start on a new page.

Chinese text is set through the east-asian font attribute (``w:eastAsia``) of the Normal style,
which every run inherits, since Word picks the font of CJK characters from it and ignores the plain
font name; the font named is 宋体, which Word
and WPS on Chinese systems have (the file embeds no font). Latin text and digits use Times New
Roman, as official forms do. The document is built in memory: python-docx cannot stream.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, BinaryIO

from docx import Document as new_document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from docx.table import _Cell

from jixiao.core.export import form as layout
from jixiao.core.export.registry import Exporter, Item, iter_projects, register

EAST_ASIAN_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_POINTS = 10.5  # 五号, the usual size of official forms
TITLE_POINTS = 18  # 小二
PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 20
CONTENT_WIDTH = Mm(PAGE_WIDTH_MM - 2 * MARGIN_MM)
HEADER_SHADE = "D9D9D9"


def set_fonts(element: Any, size: float | None = None) -> None:
    """Set the Latin and east-asian fonts of a style (python-docx's ``font.name`` sets only the Latin
    ones). Runs inherit them: setting them on every run took most of the time of a large export."""
    font = element.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    rpr = element.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def set_default_fonts(doc: Any) -> None:
    """The document defaults name the theme's fonts, which win over a style's explicit ones in Word,
    and an English east-asian language, which sets “” and … in a Latin font: name the fonts
    and the language outright."""
    rpr = doc.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr.find(qn("w:rFonts"))
    for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    for attribute, name in (("w:ascii", LATIN_FONT), ("w:hAnsi", LATIN_FONT), ("w:eastAsia", EAST_ASIAN_FONT)):
        fonts.set(qn(attribute), name)
    rpr.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")


def setup_document(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    set_default_fonts(doc)
    set_fonts(doc.styles["Normal"], size=BODY_POINTS)
    _page_number_footer(section.footer.paragraphs[0])


def _field(paragraph: Any, instruction: str) -> None:
    simple = OxmlElement("w:fldSimple")
    simple.set(qn("w:instr"), instruction)
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    simple.append(run)
    paragraph._p.append(simple)


def _page_number_footer(paragraph: Any) -> None:
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.add_run("第 ")
    _field(paragraph, "PAGE")
    paragraph.add_run(" 页，共 ")
    _field(paragraph, "NUMPAGES")
    paragraph.add_run(" 页")


def add_line(doc: Any, text: str, size: float = BODY_POINTS, bold: bool = False,
             align: Any = WD_ALIGN_PARAGRAPH.LEFT) -> Any:
    paragraph = doc.add_paragraph()
    paragraph.alignment = align
    paragraph.paragraph_format.space_after = Pt(4)
    run = paragraph.add_run(text)
    run.font.size = Pt(size)
    if bold:
        run.bold = True
    return paragraph


def fill_cell(cell: Any, text: str, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.LEFT) -> None:
    """Put text in a cell, one paragraph per line of the text."""
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        paragraph.alignment = align
        if line:
            run = paragraph.add_run(line)
            if bold:
                run.bold = True
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _shade(cell: Any, fill: str) -> None:
    """Fill a cell (a python-docx cell or its w:tc element) with a colour."""
    tc = getattr(cell, "_tc", cell)
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    tc.get_or_add_tcPr().append(shading)


def _row_property(row: Any, name: str) -> None:
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def column_emus(widths: Sequence[float]) -> list[int]:
    return [int(CONTENT_WIDTH * w) for w in widths]


def new_table(doc: Any, rows: int, widths: Sequence[float]) -> Any:
    """A bordered table of fixed column widths (given as shares of the text width)."""
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    emus = column_emus(widths)
    for column, width in zip(table.columns, emus, strict=True):
        column.width = Emu(width)
    for tcs in table_tcs(table):
        for tc, width in zip(tcs, emus, strict=True):
            tc.width = Emu(width)  # Word reads the cells' widths, not the columns'
    return table


def table_tcs(table: Any) -> list[list[Any]]:
    """The w:tc elements of each row (python-docx's cell lookups walk the whole table each time)."""
    return [list(tr.tc_lst) for tr in table._tbl.tr_lst]


# Merges are written straight into the XML (w:gridSpan, w:vMerge): python-docx's cell.merge() looks
# at the whole table for each merge, which made a large export slow.


def span_across(tcs: list[Any], col: int, span: int, emus: Sequence[int]) -> Any:
    """Merge ``span`` cells of a row from ``col``: the first widens, the others go."""
    first = tcs[col]
    first.grid_span = span
    first.width = Emu(sum(emus[col: col + span]))
    for tc in tcs[col + 1: col + span]:
        tc.getparent().remove(tc)
    return first


def span_down(tcs: Sequence[Any]) -> None:
    """Merge a column's cells over consecutive rows: the first starts the merge, the rest continue it."""
    for n, tc in enumerate(tcs):
        tc.vMerge = "restart" if n == 0 else "continue"


def fill_tc(table: Any, tc: Any, text: str, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.LEFT) -> None:
    fill_cell(_Cell(tc, table), text, bold=bold, align=align)


def facts_table(doc: Any, f: layout.Form) -> Any:
    table, emus = new_table(doc, len(f.facts), f.widths), column_emus(f.widths)
    for tcs, cells in zip(table_tcs(table), f.facts, strict=True):
        col = 0
        for cell in cells:
            tc = span_across(tcs, col, cell.span, emus) if cell.span > 1 else tcs[col]
            align = WD_ALIGN_PARAGRAPH.RIGHT if cell.kind == "money" else WD_ALIGN_PARAGRAPH.LEFT
            fill_tc(table, tc, cell.text, bold=cell.kind == "section", align=align)
            col += cell.span
    return table


def indicator_table(doc: Any, f: layout.Form) -> Any:
    table = new_table(doc, 1 + len(f.indicators), f.widths)
    grid = table_tcs(table)
    for tc, text in zip(grid[0], f.header, strict=True):
        fill_tc(table, tc, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(tc, HEADER_SHADE)
    rows = table.rows
    _row_property(rows[0], "w:tblHeader")  # repeated at the top of every page
    for r, values in enumerate(f.indicators, start=1):
        _row_property(rows[r], "w:cantSplit")  # an indicator row stays on one page
        for c, text in enumerate(values[layout.MERGED_COLUMNS:], start=layout.MERGED_COLUMNS):
            fill_tc(table, grid[r][c], text)
    for col in range(layout.MERGED_COLUMNS):
        for run in layout.merge_runs(f.indicators, col):
            first = 1 + run.start
            fill_tc(table, grid[first][col], f.indicators[run.start][col], align=WD_ALIGN_PARAGRAPH.CENTER)
            if run.length > 1:
                span_down([grid[r][col] for r in range(first, first + run.length)])
    return table


def add_project(doc: Any, f: layout.Form, first: bool) -> None:
    if not first:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    add_line(doc, f.title, size=TITLE_POINTS, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_line(doc, f.subtitle, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    add_line(doc, f.department)
    facts_table(doc, f)
    add_line(doc, f.table_title, bold=True).paragraph_format.space_before = Pt(6)
    indicator_table(doc, f)


def write(items: Iterable[Item], stream: BinaryIO) -> None:
    doc = new_document()
    setup_document(doc)
    # The template starts with one empty paragraph; the first project's title takes its place.
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    for number, project in enumerate(iter_projects(items)):
        add_project(doc, layout.project_form(project), first=number == 0)
    doc.save(stream)


register(Exporter(
    name="docx", extension=".docx",
    media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document", write=write,
    title="Word 文档（官方表样，A4 打印）", title_en="Word document in the official layout, A4",
    binary=True,
))
