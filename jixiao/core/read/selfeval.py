"""Self-evaluation forms (项目支出绩效自评表, 财预〔2020〕10号 附件) from the grid any reader produces.

The form (domain.md §6): a header (项目名称, 主管部门, 实施单位); the money block (年初预算数 / 全年预算数 /
全年执行数 / 分值 / 执行率 / 得分, rows 年度资金总额, 其中：当年财政拨款, 上年结转资金, 其他资金); the
年度总体目标 (预期目标 / 实际完成情况); the indicator rows (一级指标 / 二级指标 / 三级指标 / 年度指标值 /
实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施); 总分 and the grade. Every part is found by its label or
header text (``vocabulary``), never by position: columns in any order and their synonyms read alike.
Readers leave a merged cell's text in its first position and the positions it covers empty, so an empty
一级 or 二级 cell continues the one above it. Two columns the official form lacks are understood when
present: 是否适用 and 评价档次 (达成/部分达成/未达成); an actual written 不适用 also marks a row that does
not apply.

A file may hold several forms (sheets of a workbook, tables of a document, pages of a PDF): each
indicator header with a 项目名称 above it since the previous header begins one; a header repeated
after a page break (no 项目名称 between) does not, and is skipped like page furniture. Errors name
the cell ("自评表!G15", "table 2!F14") or, for text, the line and column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from decimal import Decimal, InvalidOperation
from itertools import groupby, pairwise

from jixiao.core.actuals import target_from_text
from jixiao.core.errors import InputError
from jixiao.core.model import DocumentSource, Indicator, SourceRef
from jixiao.core.read.cellgrid import column_letter
from jixiao.core.read.grid import Row
from jixiao.core.read.vocabulary import (
    MAX_LABEL,
    MONEY_UNITS,
    NOT_APPLICABLE,
    PAGE_FURNITURE,
    SELFEVAL_COLUMN_INDEX,
    SELFEVAL_FIELD_LABELS,
    SELFEVAL_GOAL_LABELS,
    SELFEVAL_MONEY_INDEX,
    SELFEVAL_MONEY_TOTAL,
    SELFEVAL_TITLE,
    SELFEVAL_TOTAL,
    YEAR_IN_TITLE,
    label_key,
    label_unit,
    selfeval_column_role,
)
from jixiao.core.selfeval import BANDS, EvaluatedIndicator, Execution, ProjectHeader, SelfEvaluation

Columns = dict[str, int]  # role -> index of the cell in the row
REQUIRED_COLUMNS = ("name", "target", "actual")
MONEY_REQUIRED = ("full_year_budget", "executed")
_BLANK = ("", "-", "—", "–", "/", "／", "无")
_CELL = re.compile(r"^([A-Z]{1,3})(\d+)$")
# Every target table read is also checked for a self-evaluation header, so rows are first screened
# for a character all the words for 实际完成值 and 得分 hold.
_HINT = re.compile("[实完得]")
_ACTUAL_KEYS = frozenset(k for k, role in SELFEVAL_COLUMN_INDEX.items() if role in ("actual", "score"))
# A document is screened for these words in one search over its whole text (spaces and colons may
# stand between their characters, as in a header cell "实 际 值"), grouped by first character.
_SCREEN = re.compile("|".join(
    re.escape(first) + r"[\s:：]*(?:" + "|".join(r"[\s:：]*".join(map(re.escape, key[1:])) for key in keys) + ")"
    for first, keys in groupby(sorted(_ACTUAL_KEYS, key=lambda k: (k[0], -len(k))), key=lambda k: k[0])))
_GOAL_INDEX = {label_key(label): role for role, labels in SELFEVAL_GOAL_LABELS.items() for label in labels}


# --- headers ----------------------------------------------------------------------------------------


def row_to_columns(row: Row, role_of: Callable[[str], str | None]) -> Columns:
    """role -> index for the header cells of a row (the first cell of each role)."""
    found: Columns = {}
    for index, text in enumerate(row.cells):
        role = role_of(text) if text else None
        if role is not None and role not in found:
            found[role] = index
    return found


def indicator_header(row: Row) -> Columns | None:
    """The columns of a self-evaluation's indicator header, or None when the row is none: a 三级指标
    column with a 实际完成值 or 得分 column beside it (a target table has neither)."""
    if len(row.filled) < 2 or not _HINT.search(row.raw) or not any(
            len(c) <= MAX_LABEL and _HINT.search(c) and label_key(c) in _ACTUAL_KEYS for c in row.filled):
        return None
    columns = row_to_columns(row, selfeval_column_role)
    return columns if "name" in columns else None


def is_selfeval(rows: list[Row]) -> Row | None:
    """The first row that heads a self-evaluation's indicator table, if any (the dispatcher's test).

    Every document read is asked this, so its whole text is screened at once first: a document in
    which no word for 实际完成值 or 得分 stands needs no look at its rows one by one."""
    if not _SCREEN.search("\n".join(row.raw for row in rows)):
        return None
    return next((row for row in rows if indicator_header(row) is not None), None)


def _money_role(text: str) -> str | None:
    return SELFEVAL_MONEY_INDEX.get(label_key(text)) if len(text) <= MAX_LABEL else None


def _goal_role(text: str) -> str | None:
    return _GOAL_INDEX.get(label_key(text)) if len(text) <= MAX_LABEL else None


def _is_total(row: Row) -> bool:
    return any(label_key(c) in SELFEVAL_TOTAL for c in row.filled[:3] if len(c) <= MAX_LABEL)


# --- where a cell is --------------------------------------------------------------------------------


def cell_where(row: Row, index: int) -> tuple[str, int | None]:
    """Where a cell of a row is, for messages: (field, line). A spreadsheet-like cell name in its sheet or
    table when the reader gave one ("自评表!G15", "table 2!F14"); otherwise the column and the line."""
    where = row.source
    found = _CELL.match(where.cell) if where.cell else None
    if found is None:
        place = where.cell or (f"page {where.page}" if where.page else None)
        column = f"column {index + 1}"
        return (f"{place}, {column}" if place else column), row.line
    cell = f"{column_letter(index)}{found.group(2)}"
    return (f"{where.sheet}!{cell}" if where.sheet else cell), None


def cell_source(row: Row, index: int | None) -> SourceRef:
    """The provenance of a row, pointing at one of its cells when the reader names cells."""
    where = row.source
    found = _CELL.match(where.cell) if where.cell else None
    cell = f"{column_letter(index)}{found.group(2)}" if found and index is not None else where.cell
    return SourceRef(line=row.line, page=where.page, sheet=where.sheet, cell=cell)


def _error(row: Row, index: int, zh: str, en: str, path: str) -> InputError:
    field, line = cell_where(row, index)
    return InputError(zh, en, path=path, line=line, field=field)


def _missing(label: str, row: Row, path: str) -> InputError:
    """A header not found, said at the sheet or table of the row where it was looked for."""
    sheet = row.source.sheet
    return InputError(f"没有找到表头“{label}”", f"header {label!r} not found", path=path,
                      line=None if sheet else row.line, field=sheet)


# --- cells ------------------------------------------------------------------------------------------


def cell_at(row: Row, index: int | None) -> str | None:
    if index is None or index >= len(row.cells):
        return None
    return row.cells[index] or None


def cell_decimal(row: Row, index: int | None, what: tuple[str, str], path: str,
                 scale: Decimal = Decimal(1)) -> Decimal | None:
    """A number from a cell ("10,000,000", "5分"); blank and "—" are None, anything else is an error
    naming the cell."""
    text = cell_at(row, index)
    if text is None or text in _BLANK:
        return None
    assert index is not None
    plain = text.replace(",", "").replace("，", "").replace(" ", "").removesuffix("分")
    try:
        number = Decimal(plain)
    except InvalidOperation:
        number = Decimal("NaN")
    if not number.is_finite():
        raise _error(row, index, f"{what[0]}“{text}”不是数字", f"{what[1]} {text!r} is not a number", path)
    return number * scale


def field_in_row(row: Row, labels: tuple[str, ...]) -> tuple[int, str | None] | None:
    """A labelled field in a row: (the label's index, its value) when the row holds the label. The value
    is the next filled cell to its right ("项目名称 | 口岸工作经费"), or follows a colon in the label's own
    cell ("自评等级：优"); a label with nothing after it, or only another label, has no value."""
    for index, text in enumerate(row.cells):
        if not text or len(text) > MAX_LABEL * 4:
            continue
        if label_key(text) in labels:
            after = next((c for c in row.cells[index + 1:] if c), None)
            return index, after if after is not None and not _is_field_label(after) else None
        head, sep, rest = text.partition("：") if "：" in text else text.partition(":")
        if sep and label_key(head) in labels:
            return index, rest.strip() or None
    return None


_FIELD_KEYS = frozenset(label_key(label) for labels in SELFEVAL_FIELD_LABELS.values() for label in labels)


def _is_field_label(text: str) -> bool:
    return len(text) <= MAX_LABEL and label_key(text) in _FIELD_KEYS


def find_field(rows: list[Row], name: str, backwards: bool = False) -> tuple[Row, int, str | None] | None:
    labels = tuple(label_key(label) for label in SELFEVAL_FIELD_LABELS[name])
    for row in reversed(rows) if backwards else rows:
        found = field_in_row(row, labels)
        if found is not None:
            return row, found[0], found[1]
    return None


def _field_value(rows: list[Row], name: str, backwards: bool = False) -> str | None:
    found = find_field(rows, name, backwards)
    return found[2] if found else None


# --- the parts of one form --------------------------------------------------------------------------


def money_header(rows: list[Row]) -> tuple[int, Columns] | None:
    """The money block's header row (年初预算数 / 全年预算数 / 全年执行数 …) and its columns."""
    for n, row in enumerate(rows):
        columns = row_to_columns(row, _money_role)
        if all(role in columns for role in MONEY_REQUIRED):
            return n, columns
    return None


def rows_to_execution(rows: list[Row], path: str, header_row: Row) -> Execution:
    """The money block's 年度资金总额 row, in 元 (a unit in a label, "项目资金（万元）", scales it)."""
    at = money_header(rows)
    if at is None:
        raise _missing("全年预算数/全年执行数", header_row, path)
    n, columns = at
    total = next((row for row in rows[n + 1:] if any(label_key(c).startswith(SELFEVAL_MONEY_TOTAL)
                                                      for c in row.filled)), None)
    if total is None:
        raise _missing(SELFEVAL_MONEY_TOTAL, rows[n], path)
    units = (u for row in rows[:n + 1] for c in row.filled if (u := label_unit(c)) in MONEY_UNITS)
    scale = Decimal(MONEY_UNITS[next(units, "元")])

    def money(role: str, zh: str, en: str, factor: Decimal = scale) -> Decimal | None:
        return cell_decimal(total, columns.get(role), (zh, en), path, factor)

    return Execution(initial_budget=money("initial_budget", "年初预算数", "initial budget"),
                     full_year_budget=money("full_year_budget", "全年预算数", "full-year budget"),
                     executed=money("executed", "全年执行数", "spending"),
                     weight=money("weight", "分值", "weight", Decimal(1)),
                     score=money("score", "得分", "score", Decimal(1)))


def rows_to_goal(rows: list[Row]) -> tuple[str | None, str | None]:
    """年度总体目标: the texts under 预期目标 and 实际完成情况."""
    for row, below in pairwise(rows):
        columns = row_to_columns(row, _goal_role)
        if "expected" in columns and "actual" in columns:
            return cell_at(below, columns["expected"]), cell_at(below, columns["actual"])
    return None, None


def indicator_rows(rows: list[Row]) -> Iterator[Row]:
    """The rows of the indicator table, up to 总分 (or 合计): a header repeated after a page break and
    page furniture ("- 2 -", "第 2 页") left out."""
    for row in rows:
        if _is_total(row):
            return
        if len(row.filled) == 1 and PAGE_FURNITURE.match(row.filled[0]):
            continue
        if indicator_header(row) is None:
            yield row


def row_to_evaluated(row: Row, cols: Columns, levels: tuple[str | None, str | None], year: int | None,
                     path: str) -> EvaluatedIndicator:
    actual = cell_at(row, cols["actual"])
    band = cell_at(row, cols.get("band"))
    if band is not None and band not in BANDS:
        raise _error(row, cols["band"], f"评价档次“{band}”应为 达成/部分达成/未达成",
                     f"band {band!r} is not 达成, 部分达成 or 未达成", path)
    applicable = (cell_at(row, cols.get("applicable")) or "是") not in ("否", "不适用") and \
        (actual or "") not in NOT_APPLICABLE
    indicator = Indicator(level1=levels[0], level2=levels[1], name=cell_at(row, cols["name"]),
                          target=target_from_text(cell_at(row, cols["target"]) or "", year),
                          direction=cell_at(row, cols.get("direction")), source=cell_source(row, cols["name"]))
    return EvaluatedIndicator(
        indicator=indicator, actual=actual, applicable=applicable,
        weight=cell_decimal(row, cols.get("weight"), ("分值", "weight"), path),
        score=cell_decimal(row, cols.get("score"), ("得分", "score"), path),
        deviation_reason=cell_at(row, cols.get("reason")), band=band)


def rows_to_indicators(rows: list[Row], cols: Columns, year: int | None,
                       path: str) -> tuple[EvaluatedIndicator, ...]:
    """Indicator rows; an empty (merged) 一级 or 二级 cell continues the one above it."""
    level1: str | None = None
    level2: str | None = None
    found = []
    for row in indicator_rows(rows):
        new1, new2 = cell_at(row, cols.get("level1")), cell_at(row, cols.get("level2"))
        if new1:
            level1, level2 = new1, None
        level2 = new2 or level2
        if cell_at(row, cols["name"]):
            found.append(row_to_evaluated(row, cols, (level1, level2), year, path))
    return tuple(found)


def rows_to_total(rows: list[Row], cols: Columns, path: str) -> Decimal | None:
    """总分 as the form states it: in the 得分 column of its row."""
    row = next((r for r in rows if _is_total(r)), None)
    return cell_decimal(row, cols.get("score"), ("总分", "total"), path) if row else None


def rows_to_year(rows: list[Row]) -> int | None:
    """The year of the title ("（2020年度）", "2020年度项目支出绩效自评表")."""
    for row in rows:
        for text in row.filled:
            found = YEAR_IN_TITLE.search(text) if len(text) <= MAX_LABEL else None
            if found:
                return int(found.group(1) or found.group(2))
    return None


def form_to_selfeval(rows: list[Row], at: int, path: str) -> SelfEvaluation:
    """One form: ``rows`` from its title to its last row, its indicator header at ``at``."""
    header = rows[at]
    cols = indicator_header(header) or {}
    named = find_field(rows[:at], "name", backwards=True)
    if named is None or not named[2]:
        raise _missing("项目名称", header, path)
    if any(role not in cols for role in REQUIRED_COLUMNS):
        raise _missing("三级指标/年度指标值/实际完成值", header, path)
    name_row, name_at, name = named
    year = rows_to_year(rows[:rows.index(name_row) + 1])
    head = rows[:at]
    expected, achieved = rows_to_goal(head)
    tail = rows[at + 1:]
    end = next((n for n, row in enumerate(tail) if _is_total(row)), len(tail))
    return SelfEvaluation(
        project=ProjectHeader(name=name, department=_field_value(head, "department", backwards=True),
                              implementer=_field_value(head, "implementer", backwards=True), year=year),
        execution=rows_to_execution(head, path, header),
        indicators=rows_to_indicators(tail, cols, year, path),
        goal_expected=expected, goal_actual=achieved, total=rows_to_total(tail, cols, path),
        grade=_field_value(tail[end:], "grade"), conclusion=_field_value(tail[end:], "conclusion"),
        source=cell_source(name_row, name_at))


# --- forms in a document ----------------------------------------------------------------------------


def _is_name_row(row: Row) -> bool:
    return field_in_row(row, ("项目名称",)) is not None


def _is_title_row(row: Row) -> bool:
    return len(row.filled) == 1 and len(row.filled[0]) <= MAX_LABEL and bool(
        SELFEVAL_TITLE.search(row.filled[0]) or YEAR_IN_TITLE.search(row.filled[0]))


def form_start(rows: list[Row], after: int, header: int) -> int:
    """The first row of the form whose indicator header is at ``header`` (the form before it ends at
    ``after`` at the earliest): its 项目名称 row, with the title and year lines just above it."""
    start = max(n for n in range(after + 1, header) if _is_name_row(rows[n]))
    while start - 1 > after and _is_title_row(rows[start - 1]):
        start -= 1
    return start


def rows_to_spans(rows: list[Row]) -> list[tuple[int, int, int]]:
    """(first row, indicator header, end) of each form: a header begins a form when a 项目名称 stands
    between it and the header before; otherwise it repeats that header (a table over a page break)."""
    headers = [n for n, row in enumerate(rows) if indicator_header(row) is not None]
    firsts = [h for k, h in enumerate(headers)
              if k == 0 or any(_is_name_row(r) for r in rows[headers[k - 1] + 1:h])]
    if not firsts:
        return []
    starts = [0] + [form_start(rows, before, h) for before, h in pairwise(firsts)]
    return list(zip(starts, firsts, [*starts[1:], len(rows)], strict=True))


def rows_to_selfeval(rows: list[Row], source: DocumentSource) -> list[SelfEvaluation]:
    """Every self-evaluation form in a document's rows; InputError when there is none."""
    spans = rows_to_spans(rows)
    if not spans:
        raise InputError("没有找到自评表：缺少“三级指标”和“实际完成值”表头",
                         "no self-evaluation form: no table has the headers 三级指标 and 实际完成值", path=source.path)
    return [form_to_selfeval(rows[start:end], header - start, source.path) for start, header, end in spans]
