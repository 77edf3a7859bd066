"""DOCX (Word, WPS) in the official layout, ready to print on A4 and to sign.

Each project: the title lines, a facts table, the line "2020年绩效目标", then the indicator table with
its 一级/二级 cells merged and its header row repeated on every page it runs onto (Word repeats only a
table's first rows, which is why facts and indicators are two tables). Projects after the first
start on a new page.

Chinese text is set through the east-asian font attribute (``w:eastAsia``), since Word picks the
font of CJK characters from it and ignores the plain font name; the font named is 宋体, which Word
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

from jixiao.core.export import form as layout
from jixiao.core.export.registry import Exporter, Item, iter_projects, register

EAST_ASIAN_FONT = "宋体"
LATIN_FONT = "Times New Roman"
BODY_POINTS = 10.5  # 五号, the usual size of official forms
TITLE_POINTS = 18  # 小二
PAGE_WIDTH_MM, PAGE_HEIGHT_MM, MARGIN_MM = 210, 297, 20
CONTENT_WIDTH = Mm(PAGE_WIDTH_MM - 2 * MARGIN_MM)
HEADER_SHADE = "D9D9D9"


def set_fonts(element: Any, size: float | None = None, bold: bool | None = None) -> None:
    """Set the Latin and east-asian fonts of a run or style (python-docx's ``font.name`` sets only
    the Latin ones)."""
    font = element.font
    font.name = LATIN_FONT
    if size is not None:
        font.size = Pt(size)
    if bold is not None:
        font.bold = bold
    rpr = element.element.get_or_add_rPr()
    rpr.get_or_add_rFonts().set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def setup_document(doc: Any) -> None:
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
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
    set_fonts(paragraph.add_run(text), size=size, bold=bold)
    return paragraph


def fill_cell(cell: Any, text: str, bold: bool = False, align: Any = WD_ALIGN_PARAGRAPH.LEFT) -> None:
    """Put text in a cell, one paragraph per line of the text."""
    lines = text.split("\n")
    first = cell.paragraphs[0]
    for i, line in enumerate(lines):
        paragraph = first if i == 0 else cell.add_paragraph()
        paragraph.alignment = align
        if line:
            set_fonts(paragraph.add_run(line), bold=bold)
    cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER


def _shade(cell: Any, fill: str) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), fill)
    cell._tc.get_or_add_tcPr().append(shading)


def _row_property(row: Any, name: str) -> None:
    flag = OxmlElement(name)
    flag.set(qn("w:val"), "true")
    row._tr.get_or_add_trPr().append(flag)


def new_table(doc: Any, rows: int, widths: Sequence[float]) -> Any:
    table = doc.add_table(rows=rows, cols=len(widths))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    emus = [Emu(int(CONTENT_WIDTH * w)) for w in widths]
    for column, width in zip(table.columns, emus, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, emus, strict=True):
            cell.width = width  # Word reads the cells' widths, not the columns'
    return table


def facts_table(doc: Any, f: layout.Form) -> Any:
    table = new_table(doc, len(f.facts), f.widths)
    for row, cells in zip(table.rows, f.facts, strict=True):
        word_cells = row.cells
        col = 0
        for cell in cells:
            target = word_cells[col]
            if cell.span > 1:
                target = target.merge(word_cells[col + cell.span - 1])
            align = WD_ALIGN_PARAGRAPH.RIGHT if cell.kind == "money" else WD_ALIGN_PARAGRAPH.LEFT
            fill_cell(target, cell.text, bold=cell.kind == "section", align=align)
            col += cell.span
    return table


def indicator_table(doc: Any, f: layout.Form) -> Any:
    table = new_table(doc, 1 + len(f.indicators), f.widths)
    rows = table.rows
    for cell, text in zip(rows[0].cells, f.header, strict=True):
        fill_cell(cell, text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        _shade(cell, HEADER_SHADE)
    _row_property(rows[0], "w:tblHeader")  # repeated at the top of every page
    grid = [row.cells for row in rows[1:]]
    starts = {(run.start, col): run for col in range(layout.MERGED_COLUMNS)
              for run in layout.merge_runs(f.indicators, col)}
    for r, values in enumerate(f.indicators):
        _row_property(rows[r + 1], "w:cantSplit")  # an indicator row stays on one page
        for c, text in enumerate(values):
            if c >= layout.MERGED_COLUMNS:
                fill_cell(grid[r][c], text)
                continue
            run = starts.get((r, c))
            if run is None:
                continue  # covered by the merged cell above
            cell = grid[r][c] if run.length == 1 else grid[r][c].merge(grid[r + run.length - 1][c])
            fill_cell(cell, text, align=WD_ALIGN_PARAGRAPH.CENTER)
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
