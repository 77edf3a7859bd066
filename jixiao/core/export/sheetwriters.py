"""Writers of ``sheetform.SheetForm``: XLSX, DOCX and PDF, each reusing the target table's writer
(``xlsx``, ``word``, ``pdf``) for the fonts, page setup, row heights, line breaking and the indicator
table with its repeated header and merged 一级/二级 cells."""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, BinaryIO

from docx import Document as new_document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml.ns import qn
from docx.shared import Emu, Mm, Pt
from fpdf import FPDF
from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from jixiao.core.export import form as layout
from jixiao.core.export import pdf as pdfout
from jixiao.core.export import pdffont, word
from jixiao.core.export import xlsx as xlsxout
from jixiao.core.export.sheetform import Block, SheetForm, Span, SpanKind, covered, form_text

# --- XLSX ------------------------------------------------------------------------------------------

PERCENT = xlsxout.Look("jixiao 百分比", xlsxout._font(11), xlsxout._RIGHT, number_format="0.00%")
POINTS = xlsxout.Look("jixiao 分值", xlsxout._font(11), xlsxout._WRAP_CENTER)
OWN_LOOKS = (PERCENT, POINTS)
XLSX_LOOKS: dict[SpanKind, xlsxout.Look] = {
    "label": xlsxout.LABEL, "value": xlsxout.VALUE, "money": xlsxout.MONEY, "number": POINTS,
    "narrative": xlsxout.VALUE, "header": xlsxout.HEADER, "section": xlsxout.SECTION,
}
XLSX_WIDTH = 110.0


def _xlsx_cell(s: Span) -> tuple[Any, xlsxout.Look]:
    """The value a spreadsheet keeps (money and percentages as numbers) and its look."""
    if s.kind == "money" and s.amount is not None:
        return xlsxout._amount(s.amount), xlsxout.money_look(s.amount)
    if s.ratio is not None:
        return float(s.ratio), PERCENT
    return (s.text or None), XLSX_LOOKS[s.kind]


def xlsx_block(rows: xlsxout.SheetRows, block: Block, columns: int) -> None:
    """Append a block: every grid position gets a bordered cell, spans are merged."""
    hidden = covered(block)
    for r, row in enumerate(block):
        cells: list[tuple[Any, xlsxout.Look, int]] = [(None, xlsxout.VALUE, 1)] * columns
        sizes = []
        for s in row:
            value, look = _xlsx_cell(s)
            for c in range(s.col, s.col + s.colspan):
                cells[c] = (value if c == s.col else None, look, 1)
            if s.rowspan == 1:
                sizes.append((s.text, rows.span_width(s.col, s.colspan)))
        for c in hidden[r]:
            cells[c] = (None, cells[c][1], 1)
        at = rows.add(cells, height=xlsxout.row_points(sizes))
        for s in row:
            if s.colspan > 1 or s.rowspan > 1:
                rows.merge(at, s.col, at + s.rowspan - 1, s.col + s.colspan - 1)


def xlsx_table(rows: xlsxout.SheetRows, ws: Any, t: layout.Form) -> None:
    rows.add([(t.table_title, xlsxout.SECTION, t.columns)], height=20)
    header = rows.add([(h, xlsxout.HEADER, 1) for h in t.header],
                      height=xlsxout.row_points((h, w) for h, w in zip(t.header, rows.widths, strict=True)))
    ws.print_title_rows = f"{header}:{header}"  # repeated at the top of every printed page
    first = rows.row + 1
    for values in t.indicators:
        looks = [xlsxout.LEVEL if c < layout.MERGED_COLUMNS else xlsxout.VALUE for c in range(t.columns)]
        sizes = [(v, rows.widths[c]) for c, v in enumerate(values) if c >= layout.MERGED_COLUMNS]
        rows.add([(v or None, look, 1) for v, look in zip(values, looks, strict=True)],
                 height=xlsxout.row_points(sizes))
    for col in range(layout.MERGED_COLUMNS):
        for run in layout.merge_runs(t.indicators, col):
            if run.length > 1:
                rows.merge(first + run.start, col, first + run.start + run.length - 1, col)


def xlsx_sheet(ws: Any, f: SheetForm) -> None:
    widths = [round(w * XLSX_WIDTH * (1.4 if f.landscape else 1), 1) for w in f.widths]
    xlsxout.setup_page(ws, widths)
    if f.landscape:
        ws.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    rows = xlsxout.SheetRows(ws, widths)
    n = f.columns
    rows.add([(f.title, xlsxout.TITLE, n)], height=30)
    rows.add([(f.subtitle, xlsxout.SUBTITLE, n)], height=20)
    for line in f.lines:
        rows.add([(line, xlsxout.DEPARTMENT, n)], height=20)
    xlsx_block(rows, f.head, n)
    xlsx_table(rows, ws, f.table)
    xlsx_block(rows, f.foot, n)


def write_xlsx(forms: Iterable[SheetForm], stream: BinaryIO) -> None:
    """One sheet per form, named after it."""
    wb = Workbook(write_only=True)
    for look in (*xlsxout.ALL_LOOKS, *OWN_LOOKS):
        wb.add_named_style(look.named_style())
    taken: set[str] = set()
    count = 0
    for count, f in enumerate(forms, start=1):
        ws = wb.create_sheet(xlsxout.sheet_title(f.sheet_name, taken, fallback=f"表{count}"))
        xlsx_sheet(ws, f)
        ws.close()
        xlsxout.forget_written(ws)
    if count == 0:
        wb.create_sheet("Sheet1")
    wb.save(stream)


# --- DOCX ------------------------------------------------------------------------------------------

LANDSCAPE_WIDTH = Mm(word.PAGE_HEIGHT_MM - 2 * word.MARGIN_MM)


def _docx_widths(table: Any, widths: Sequence[float], total: int) -> None:
    emus = [Emu(int(total * w)) for w in widths]
    for column, width in zip(table.columns, emus, strict=True):
        column.width = width
    for row in table.rows:
        for cell, width in zip(row.cells, emus, strict=True):
            cell.width = width


def docx_block(doc: Any, block: Block, f: SheetForm) -> Any:
    if not block:
        return None
    table = word.new_table(doc, len(block), f.widths)
    hidden = covered(block)
    for r, row in enumerate(block):
        for s in row:
            if s.col in hidden[r]:
                continue
            cell = table.cell(r, s.col)
            if s.colspan > 1 or s.rowspan > 1:
                cell = cell.merge(table.cell(r + s.rowspan - 1, s.col + s.colspan - 1))
            align = {"money": WD_ALIGN_PARAGRAPH.RIGHT, "number": WD_ALIGN_PARAGRAPH.CENTER,
                     "header": WD_ALIGN_PARAGRAPH.CENTER}.get(s.kind, WD_ALIGN_PARAGRAPH.LEFT)
            word.fill_cell(cell, s.text, bold=s.kind in ("header", "section"), align=align)
            if s.kind == "header":
                word._shade(cell, word.HEADER_SHADE)
    return table


def _docx_landscape(doc: Any) -> None:
    section = doc.sections[-1]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Mm(word.PAGE_HEIGHT_MM), Mm(word.PAGE_WIDTH_MM)


def docx_form(doc: Any, f: SheetForm, first: bool) -> None:
    if not first:
        doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    word.add_line(doc, f.title, size=word.TITLE_POINTS, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    word.add_line(doc, f.subtitle, size=12, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in f.lines:
        word.add_line(doc, line)
    tables = [docx_block(doc, f.head, f)]
    word.add_line(doc, f.table.table_title, bold=True).paragraph_format.space_before = Pt(6)
    tables.append(word.indicator_table(doc, f.table))
    tables.append(docx_block(doc, f.foot, f))
    if f.landscape:
        for table in tables:
            if table is not None:
                _docx_widths(table, f.widths, LANDSCAPE_WIDTH)


def write_docx(forms: Iterable[SheetForm], stream: BinaryIO) -> None:
    doc = new_document()
    word.setup_document(doc)
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    for number, f in enumerate(forms):
        if number == 0 and f.landscape:
            _docx_landscape(doc)
        docx_form(doc, f, first=number == 0)
    doc.save(stream)


# --- PDF -------------------------------------------------------------------------------------------


def pdf_block(pdf: FPDF, block: Block, f: SheetForm) -> None:
    """A block as one table; spans are kept whole (fpdf2 never breaks a row span across pages)."""
    if not block:
        return
    measure, width = pdfout.measurer(pdf), pdfout.content_width(pdf)
    hidden = covered(block)
    with pdfout._table(pdf, f.table, first_row_as_headings=False, text_align="LEFT") as table:
        for r, row in enumerate(block):
            out = table.row()
            for s in sorted(row, key=lambda s: s.col):
                if s.col in hidden[r]:
                    continue
                lines = pdfout.wrap(measure, s.text, width * sum(f.widths[s.col: s.col + s.colspan]))
                align = {"money": "R", "number": "C", "header": "C"}.get(s.kind, "L")
                style = pdfout.FontFace(fill_color=pdfout.HEADER_FILL) if s.kind == "header" else None
                out.cell("\n".join(lines), colspan=s.colspan, rowspan=s.rowspan, align=align, style=style)


def title_lines(pdf: FPDF, f: SheetForm) -> None:
    pdfout.title_block(pdf, layout.Form(title=f.title, subtitle=f.subtitle, department=f.lines[0] if f.lines else "",
                                        table_title="", widths=f.widths, facts=(), header=(), indicators=()))
    for line in f.lines[1:]:
        pdf.cell(0, 7, line, new_x=pdfout.XPos.LMARGIN, new_y=pdfout.YPos.NEXT)


def pdf_form(pdf: FPDF, f: SheetForm) -> None:
    pdf.add_page(orientation="landscape" if f.landscape else "portrait")
    title_lines(pdf, f)
    pdf_block(pdf, f.head, f)
    pdf.ln(2)
    if f.table.indicators:
        pdfout.indicator_table(pdf, f.table)
    if f.foot:
        pdf_block(pdf, f.foot, f)


FIXED_TEXT = pdfout.FIXED_TEXT


def write_pdf(forms: Iterable[SheetForm], stream: BinaryIO) -> None:
    forms = list(forms)
    text = [FIXED_TEXT, *(piece for f in forms for piece in form_text(f))]
    with tempfile.TemporaryDirectory(prefix="jixiao-pdf-") as folder:
        font_file = Path(folder) / "font.ttf"  # fpdf2 reads fonts from files only
        font_file.write_bytes(pdffont.truetype_subset(text))
        pdf = pdfout.new_pdf(font_file)
        if forms:
            pdf.set_title(forms[0].title)
        for f in forms:
            pdf_form(pdf, f)
        if not forms:
            pdf.add_page()
        stream.write(bytes(pdf.output()))
