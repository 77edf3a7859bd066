"""The diagnostics readers emit: one constructor per code, so that codes, severities and the wording
in Chinese and English stay in one place."""

from __future__ import annotations

from collections.abc import Sequence

from jixiao.core.model import Diagnostic


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def row_realigned(line: int, moves: list[tuple[str, str, str]], text: str) -> Diagnostic:
    zh = "，".join(f"“{_clip(t, 20)}”从{a}列移到{b}列" for t, a, b in moves)
    en = "; ".join(f"'{_clip(t, 20)}' moved from column {a} to {b}" for t, a, b in moves)
    return Diagnostic("row-realigned", "warning", f"第 {line} 行单元格错位，已校正：{zh}",
                      f"line {line}: cells drifted, realigned: {en}", line, text)


def value_missing(line: int, name: str | None, text: str) -> Diagnostic:
    return Diagnostic("value-missing", "warning", f"第 {line} 行指标“{name or '?'}”没有指标目标值",
                      f"line {line}: indicator '{name or '?'}' has no target value", line, text)


def name_missing(line: int, text: str) -> Diagnostic:
    return Diagnostic("name-missing", "warning", f"第 {line} 行指标没有名称（三级目标）",
                      f"line {line}: indicator row without a name (third level)", line, text)


def merged_cells_filled(lines: list[int]) -> Diagnostic:
    spans = _spans(lines)
    return Diagnostic("merged-cells-filled", "info",
                      f"合并单元格展开后留空的一级/二级目标已按上一行补齐（{len(lines)} 行：{spans}）",
                      f"first/second level left blank by merged cells filled from the row above "
                      f"({len(lines)} rows: lines {spans})", lines[0] if lines else None, None)


def parent_from_framework(line: int, level2: str, carried: str | None, level1: str) -> Diagnostic:
    return Diagnostic("level1-from-framework", "warning",
                      f"第 {line} 行二级目标“{level2}”不属于上一行的一级目标“{carried or '空'}”，按指标体系归入“{level1}”",
                      f"line {line}: second level '{level2}' does not belong under '{carried or 'none'}'; "
                      f"placed under '{level1}' as the framework says", line, None)


def level2_missing(line: int, level1: str) -> Diagnostic:
    return Diagnostic("level2-missing", "warning", f"第 {line} 行一级目标“{level1}”下没有二级目标",
                      f"line {line}: no second level under '{level1}'", line, None)


def html_removed(line: int, removed: Sequence[str]) -> Diagnostic:
    shown = " ".join(sorted(set(removed)))
    return Diagnostic("html-removed", "info", f"第 {line} 行去除了网页残留标记：{shown}",
                      f"line {line}: HTML remnants removed: {shown}", line, shown)


def page_furniture(line: int, text: str) -> Diagnostic:
    return Diagnostic("page-furniture", "info", f"第 {line} 行是页码等版面残留，已略去：{text}",
                      f"line {line}: page furniture skipped: {text}", line, text)


def field_before_label(line: int, label: str, text: str) -> Diagnostic:
    return Diagnostic("field-before-label", "warning",
                      f"第 {line} 行的文字在标签“{label}”之前（原表标签单元格垂直居中），已归入该字段开头",
                      f"line {line}: text stands before its label '{label}' (a vertically centred label "
                      f"cell); joined to the start of that field", line, _clip(text))


def field_continued(line: int, label: str, text: str) -> Diagnostic:
    return Diagnostic("field-continued", "info", f"第 {line} 行续接字段“{label}”的文字",
                      f"line {line}: continues the text of field '{label}'", line, _clip(text))


def value_below_label(line: int, label: str) -> Diagnostic:
    return Diagnostic("value-below-label", "info", f"第 {line} 行是标签“{label}”下方的字段内容",
                      f"line {line}: the value of '{label}' stands below its label", line, None)


def title_merged(line: int, text: str) -> Diagnostic:
    return Diagnostic("title-merged", "info", f"第 {line} 行标题、年度与申报单位合并在一行，已拆分",
                      f"line {line}: title, year and department merged into one line; split", line,
                      _clip(text))


def unknown_field(line: int, label: str, value: str) -> Diagnostic:
    return Diagnostic("unknown-field", "info", f"第 {line} 行字段“{label}”不在已知字段中，原文保留在 extra",
                      f"line {line}: field '{label}' is not a known field; kept as written in extra", line,
                      _clip(value))


def unreadable(line: int, field: str, text: str, expected_zh: str, expected_en: str) -> Diagnostic:
    return Diagnostic("unreadable-value", "warning",
                      f"第 {line} 行“{field}”的值“{_clip(text, 30)}”不是{expected_zh}，原文保留在 extra",
                      f"line {line}: '{field}' value '{_clip(text, 30)}' is not {expected_en}; kept in extra",
                      line, text)


def unrecognised(line: int, text: str) -> Diagnostic:
    return Diagnostic("unrecognised-line", "info", f"第 {line} 行无法归入任何字段或表格，原文保留于此",
                      f"line {line}: belongs to no field or table; its text is kept here", line, text)


def year_inferred(line: int | None, year: int, where_zh: str, where_en: str) -> Diagnostic:
    return Diagnostic("year-inferred", "info", f"年度 {year} 取自{where_zh}", f"year {year} taken from {where_en}",
                      line, None)


def money_converted(line: int, field: str, unit: str, written: str) -> Diagnostic:
    return Diagnostic("money-converted", "info", f"第 {line} 行“{field}”的金额 {written} {unit}已换算为元",
                      f"line {line}: '{field}' {written} {unit} converted to 元", line, f"{written} {unit}")


def field_repeated(line: int, label: str, text: str) -> Diagnostic:
    return Diagnostic("field-repeated", "warning", f"第 {line} 行再次出现字段“{label}”，其内容已接在前文之后",
                      f"line {line}: field '{label}' appears again; its text was appended", line, _clip(text))


def inherited(line: int, field: str, value: str) -> Diagnostic:
    return Diagnostic("field-inherited", "info", f"项目未写“{field}”，沿用本文件前一项目的“{value}”",
                      f"the project does not state '{field}'; '{value}' taken from the previous project "
                      f"of this document", line, None)


def _spans(lines: list[int]) -> str:
    parts: list[str] = []
    start = prev = None
    for n in lines:
        if start is None:
            start = prev = n
        elif prev is not None and n == prev + 1:
            prev = n
        else:
            parts.append(f"{start}" if start == prev else f"{start}–{prev}")
            start = prev = n
    if start is not None:
        parts.append(f"{start}" if start == prev else f"{start}–{prev}")
    return ", ".join(parts)


# --- readers of formats with cells (XLSX, DOCX, PDF, HTML) ----------------------------------------


def sheet_skipped(line: int, sheet: str) -> Diagnostic:
    return Diagnostic("sheet-skipped", "info", f"工作表“{sheet}”是链接到其他工作表的项目目录，已略过",
                      f"sheet '{sheet}' is a list of projects linking to other sheets; skipped", line, sheet)


def merged_stale(line: int, where: str, count: int) -> Diagnostic:
    return Diagnostic("merged-stale", "info",
                      f"{where}：合并单元格下残留的 {count} 个隐藏值已略去（只取合并区域左上角的内容）",
                      f"{where}: {count} hidden values left under merged cells dropped (only the top-left "
                      f"cell of a merged range counts)", line, where)


def merged_repeats(line: int, where: str, count: int) -> Diagnostic:
    return Diagnostic("merged-repeats", "info",
                      f"{where}：合并单元格在所跨的 {count} 个位置重复出现的文字已去重",
                      f"{where}: the text of merged cells repeated in {count} covered positions removed",
                      line, where)


def header_repeated(line: int, text: str) -> Diagnostic:
    return Diagnostic("header-repeated", "info", f"第 {line} 行是续页重复的表头，表格接续上一页",
                      f"line {line}: the table header repeated on a new page; the table continues", line,
                      _clip(text))


def lines_joined(line: int, where: str, count: int) -> Diagnostic:
    return Diagnostic("lines-joined", "info", f"{where}：单元格内换行的 {count} 段文字已连接",
                      f"{where}: {count} cells whose text wrapped over several lines joined", line, where)


def row_split_joined(line: int, page: int) -> Diagnostic:
    return Diagnostic("row-split-joined", "info",
                      f"第 {page} 页顶部的一行是上一页最后一行（第 {line} 行）跨页断开的续行，已合并",
                      f"the row at the top of page {page} is the rest of line {line}, split over the page "
                      f"break; joined", line, None)
