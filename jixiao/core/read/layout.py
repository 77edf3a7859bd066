"""The layout engine: a grid of rows to the projects of one document.

It walks the rows once. A title (…绩效目标表) or a second 项目名称 starts a project; label cells
(项目名称：, 项目总预算（元）： …) fill its facts and budget; a header row (一级目标 / 二级目标 / … /
指标目标值) opens its indicator table, read by ``table.TableReader``. Narrative text that runs over
several lines is joined to its field — to the field *below* when it stands before its label, as a
vertically centred label cell leaves it — and every repair becomes a Diagnostic with its line.
Each row's classification is recorded in the trace for ``jixiao parse --explain``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation

from jixiao.core import frameworks
from jixiao.core.model import Budget, Diagnostic, Document, DocumentSource, Indicator, Project, SourceRef
from jixiao.core.read import diagnose
from jixiao.core.read.grid import Row
from jixiao.core.read.table import TableReader, VerticalRows, header_roles, known_labels
from jixiao.core.read.vocabulary import (
    BUDGET_INDEX,
    BUDGET_SECTION,
    CONTINUED,
    FACT_INDEX,
    MAX_LABEL,
    MONEY_UNITS,
    PAGE_FURNITURE,
    TABLE_SECTION,
    TITLE,
    YEAR_IN_TITLE,
    column_role,
    label_key,
    label_unit,
)

NARRATIVE = ("overview", "basis", "necessity", "safeguards", "implementation_plan", "goals")
FIELD_NAMES_ZH = {"department": "申报单位名称", "name": "项目名称", "category": "项目类别",
                  "start_date": "计划开始日期", "end_date": "计划完成日期",
                  "government_procurement": "是否含有政府购买服务", "performance_type": "绩效类型",
                  "overview": "项目概况", "basis": "立项依据", "necessity": "项目设立的必要性",
                  "safeguards": "保证项目实施的制度、措施", "implementation_plan": "项目实施计划",
                  "goals": "总目标及阶段性目标"}
# A sentence that ends here: 。！？； and their ASCII forms, possibly inside closing quotes.
_TERMINAL = "。！？；!?;…"
_CLOSERS = "”’」』\"'"
_SEPARATOR_ROW = r"^[\s:：\-—=|｜]+$"
# page furniture or a row of separators: one pattern, one match per row
_FURNITURE = re.compile(f"{PAGE_FURNITURE.pattern}|{_SEPARATOR_ROW}")
# a date, possibly as a spreadsheet prints a date cell: with its midnight time ("2024-01-01 0:00:00")
_DATE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:\s+0?0:00(?::00)?)?$")
_MONEY = re.compile(r"^[+-]?[\d,，]*\.?\d+$")
_INLINE = re.compile(r"^\s*([^：:]{2,24}?)\s*[：:]\s*(.*)$", re.DOTALL)


@dataclass(frozen=True, slots=True)
class TraceEntry:
    line: int
    kind: str
    detail: str = ""


def ends_sentence(text: str) -> bool:
    stripped = text.rstrip(_CLOSERS + " ")
    return bool(stripped) and stripped[-1] in _TERMINAL


def ends_mid_sentence(text: str) -> bool:
    """True when a text clearly breaks off: its last character is a letter, digit or a comma."""
    return bool(text) and (text[-1].isalnum() or text[-1] in "，、,")


def join_text(parts: list[str]) -> str:
    """Lines of one field joined back: no separator in Chinese, a space between Latin words."""
    if len(parts) == 1:
        return parts[0]
    out = ""
    for part in parts:
        if out and out[-1].isascii() and out[-1].isalnum() and part[:1].isascii() and part[:1].isalnum():
            out += " "
        out += part
    return out


@dataclass
class Builder:
    """A project being read: facts as text until ``build`` types them."""

    first_line: int
    facts: dict[str, str] = field(default_factory=dict)
    narrative: dict[str, list[str]] = field(default_factory=dict)
    budget: dict[str, Decimal | None] = field(default_factory=dict)
    budget_unit: str = "元"
    year: int | None = None
    indicators: list[Indicator] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    extra: list[tuple[str, str]] = field(default_factory=list)
    table: TableReader | None = None
    level1_seen: list[str] = field(default_factory=list)

    def has_content(self) -> bool:
        return bool(self.facts or self.narrative or self.indicators or self.table or self.budget)


class LayoutEngine:
    """One pass over the rows of one document."""

    def __init__(self, source: DocumentSource, trace: list[TraceEntry] | None = None) -> None:
        self.source = source
        self.trace = trace
        self.projects: list[Project] = []
        self.doc_diagnostics: list[Diagnostic] = []
        self.current: Builder | None = None
        self.mode = "facts"
        self.roles: list[str] | None = None
        # narrative text waiting for its place: (field awaiting a value | None, orphan lines)
        self.awaiting: str | None = None
        self.last_field: str | None = None
        self.orphans: list[Row] = []
        self.inherited: dict[str, str] = {}
        # a table extracted one cell per line: its header cells so far, then its row builder
        self.header_lines: list[tuple[str, Row]] = []
        self.table_header: list[str] = []
        self.labels_above: list[tuple[int, str]] | None = None
        self.vertical: VerticalRows | None = None
        self.level1_labels = known_labels().level1

    # --- bookkeeping ----------------------------------------------------------------------------

    def note(self, row: Row, kind: str, detail: str = "") -> None:
        if self.trace is not None:
            self.trace.append(TraceEntry(row.line, kind, detail))

    def note_indicator(self, row: Row) -> None:
        """For --explain: the row as read, and where its cells went."""
        if self.trace is None or not self.current or not self.current.table:
            return
        ind = self.current.table.indicators[-1]
        placed = f"{ind.level1 or '-'} / {ind.level2 or '-'} / {ind.name or '-'} ⇒ {ind.target.raw or '（空）'}"
        self.note(row, "indicator", f"{' | '.join(row.cells)}  →  {placed} [{ind.target.kind}]")

    def diag(self, diagnostic: Diagnostic) -> None:
        (self.current.diagnostics if self.current else self.doc_diagnostics).append(diagnostic)

    # --- the walk -------------------------------------------------------------------------------

    def run(self, rows: list[Row]) -> Document:
        for row in rows:
            self.row(row)
        if self.header_lines:
            lines, self.header_lines = self.header_lines, []
            for _, earlier in lines:
                self.loose_text(earlier)
        self.finish_project()
        return Document(source=self.source, projects=tuple(self.projects), diagnostics=tuple(self.doc_diagnostics))

    def row(self, row: Row) -> None:
        if row.cleaned:
            self.diag(diagnose.html_removed(row.line, row.cleaned))
        if not row.filled:
            if self.trace is not None:
                self.note(row, "blank")
            return
        # values below a row of labels must come in the very next row
        above, self.labels_above = self.labels_above, None
        if self.mode == "table" and self.vertical is None and self.current and self.current.table and (
                not row.cells[0] or row.cells[0] in self.level1_labels):
            # inside a table a row that starts blank (all structure starts at column 0) or with a known
            # 一级 label is an indicator row
            self.current.table.read(row)
            if self.trace is not None:
                self.note_indicator(row)
            return
        filled = row.filled
        first = filled[0]
        single = len(filled) == 1
        if len(first) <= 24:
            text = first if single else " ".join(filled)
            if _FURNITURE.match(text):
                self.diag(diagnose.page_furniture(row.line, text))
                self.note(row, "furniture", text)
                return
        # Each test below is guarded by the cheap condition it starts with (most rows are field rows,
        # which none of the tests before ``labels`` takes): the order of the tests is what decides.
        if ((single and self.mode != "table") or self.header_lines) and self.vertical_header(row):
            return
        if ("目标" in first and self.title(row)) or (single and (self.year_line(row) or self.section(row))) \
                or self.header(row):
            return
        if above is not None and self.values_below(row, above):
            return
        if ("续" in row.cells[0] and self.continued(row)) or self.labels(row):
            return
        if self.mode == "table" and self.current and self.current.table:
            if self.vertical is not None and len(row.filled) == 1:
                done = self.vertical.feed(row)
                if done:
                    self.current.table.read(done)
                self.note(row, "indicator-cell", row.filled[0][:40])
                return
            self.current.table.read(row)
            self.note_indicator(row)
            return
        self.loose_text(row)

    def vertical_header(self, row: Row) -> bool:
        """Header cells one per line (一级指标 / 二级指标 / … each alone): collect them, then open the table."""
        role = column_role(row.filled[0]) if len(row.filled) == 1 and self.mode != "table" else None
        if role and (not self.header_lines or role not in {r for r, _ in self.header_lines}):
            self.header_lines.append((role, row))
            self.note(row, "header-cell", role)
            return True
        if self.header_lines:
            lines, self.header_lines = self.header_lines, []
            roles = [r for r, _ in lines]
            if len(roles) >= 2 and ("name" in roles or "value" in roles):
                self.open_table(lines[0][1], roles, vertical=True)
            else:
                for _, earlier in lines:
                    self.loose_text(earlier)
        return False

    def title(self, row: Row) -> bool:
        first = row.filled[0]
        found = TITLE.search(first) if "目标" in first and len(first) <= 100 else None
        if not found or found.start() > 12 or (len(first) > 40 and not self.inline_pairs(
                YEAR_IN_TITLE.sub("", first[found.end():]).strip())):
            return False
        self.start_project(row)
        rest = first[found.end():]
        year = YEAR_IN_TITLE.search(first)
        if year and self.current:
            self.current.year = int(year.group(1) or year.group(2))
            rest = rest.replace(year.group(0), "", 1)
        pairs = self.inline_pairs(rest.strip())
        if pairs or (year and year.start() > found.end()):
            self.diag(diagnose.title_merged(row.line, first))
        for label, value in pairs:
            self.set_field(row, label, value)
        for cell in row.filled[1:]:
            for label, value in self.inline_pairs(cell):
                self.set_field(row, label, value)
        self.note(row, "title", first)
        return True

    def year_line(self, row: Row) -> bool:
        if len(row.filled) != 1:
            return False
        match = YEAR_IN_TITLE.fullmatch(row.filled[0].strip())
        if not match:
            return False
        if self.current is None:
            self.start_project(row)
        assert self.current is not None
        self.current.year = int(match.group(1) or match.group(2))
        self.note(row, "year", row.filled[0])
        return True

    def section(self, row: Row) -> bool:
        if len(row.filled) != 1 or self.current is None:
            return False
        text = row.filled[0].replace(" ", "")
        if BUDGET_SECTION.match(text):
            self.settle_orphans()
            self.mode = "budget"
            self.note(row, "section", "budget")
            return True
        if TABLE_SECTION.match(text):
            self.settle_orphans()
            self.mode = "table-pending"
            year = re.match(r"(\d{4})", text)
            if year and self.current.year is None:
                self.current.year = int(year.group(1))
                self.diag(diagnose.year_inferred(row.line, self.current.year, "“" + text + "”", f"'{text}'"))
            self.note(row, "section", "indicators")
            return True
        return False

    def header(self, row: Row) -> bool:
        roles = header_roles(row)
        if roles is None:
            return False
        if self.mode == "table" and self.current and self.current.table and self.table_header == row.filled:
            # a long table's header printed again on the next page: the table goes on, 一级/二级 carry on
            self.diag(diagnose.header_repeated(row.line, " | ".join(row.filled)))
            self.note(row, "header-repeated", " | ".join(row.filled))
            return True
        if self.current is None:
            self.start_project(row)
        self.table_header = row.filled
        self.open_table(row, roles, vertical=False)
        return True

    def open_table(self, row: Row, roles: list[str], vertical: bool) -> None:
        if self.current is None:
            self.start_project(row)
        assert self.current is not None
        self.settle_orphans()
        self.close_table()
        self.mode = "table"
        self.current.table = TableReader(roles=roles, year=self.current.year)
        self.vertical = VerticalRows(roles) if vertical else None
        self.note(row, "header", " | ".join(roles) + (" (one cell per line)" if vertical else ""))

    # --- labels and narrative text ------------------------------------------------------------

    def labels(self, row: Row) -> bool:
        if self.mode == "table" and not self.known_label_first(row):
            return False
        pairs = self.row_pairs(row)
        if not pairs:
            return False
        if self.mode == "table":
            self.close_table()
            self.mode = "facts"
        for label, value in pairs:
            self.set_field(row, label, value)
        if self.trace is not None:
            self.note(row, "fields", ", ".join(label_key(label) for label, _ in pairs))
        if len(pairs) >= 2 and not any(value for _, value in pairs):
            # a row of labels only (a form with each label above its value): the next row holds the values
            self.labels_above = [(i, c) for i, c in enumerate(row.cells) if c and self.is_label(c)]
        return True

    def values_below(self, row: Row, above: list[tuple[int, str]]) -> bool:
        """The row under a row of labels: each label takes the cells from its column to the next label's."""
        if not above or any(self.is_label(c) for c in row.filled):
            return False
        starts = [i for i, _ in above]
        if row.cells and next(i for i, c in enumerate(row.cells) if c) < starts[0]:
            return False
        ends = [*starts[1:], len(row.cells)]
        for (start, label), end in zip(above, ends, strict=True):
            value = join_text([c for c in row.cells[start:end] if c])
            if value:
                self.set_field(row, label, value)
        self.awaiting = None
        self.diag(diagnose.value_below_label(row.line, "、".join(label_key(label) for _, label in above)))
        self.note(row, "values-below-labels", ", ".join(label_key(label) for _, label in above))
        return True

    def continued(self, row: Row) -> bool:
        """A label cell "（续）" or "项目概况（续）": the rest of a field cut by a page break, as forms
        printed over pages write it."""
        if self.current is None or self.mode != "facts" or not row.cells[0]:
            return False
        match = CONTINUED.match(row.cells[0])
        if not match:
            return False
        target = FACT_INDEX.get(label_key(match.group(1))) if match.group(1) else self.last_field
        if target not in NARRATIVE or target is None:
            return False
        self.settle_orphans()
        text = join_text([c for c in row.cells[1:] if c])
        if text:
            self.current.narrative.setdefault(target, []).append(text)
            self.diag(diagnose.field_continued(row.line, FIELD_NAMES_ZH.get(target, target), text))
        self.last_field = target
        self.note(row, "continued", target)
        return True

    def row_pairs(self, row: Row) -> list[tuple[str, str]]:
        """(label, value) pairs of a row: a label cell followed by its value cells, or "label：value"."""
        pairs: list[tuple[str, str]] = []
        label: str | None = None
        values: list[str] = []
        is_label = self.is_label
        for i, cell in enumerate(row.cells):
            if not cell:
                continue
            if is_label(cell):
                if label is not None:
                    pairs.append((label, join_text(values)))
                label, values = cell, []
            elif label is not None:
                values.append(cell)
            elif inline := self.inline_pairs(cell):
                if pairs or i == 0:
                    pairs.extend(inline[:-1])
                    label, values = inline[-1][0], [inline[-1][1]] if inline[-1][1] else []
                else:
                    return []
            else:
                return []
        if label is not None:
            pairs.append((label, join_text(values)))
        return pairs

    def known_label_first(self, row: Row) -> bool:
        """Inside a table only a row that starts with a known label (项目名称 …) leaves it."""
        first = row.cells[0] if row.cells else ""
        if not first or len(first) > MAX_LABEL + 60:
            return False
        key = label_key(first)
        return bool(first) and (key in FACT_INDEX or key in BUDGET_INDEX or bool(self.inline_pairs(first)))

    @staticmethod
    def is_label(cell: str) -> bool:
        if len(cell) > MAX_LABEL:
            return False
        key = label_key(cell)
        if key in FACT_INDEX or key in BUDGET_INDEX:
            return True
        # an unknown label: short, ends with a colon, no sentence inside
        return (cell.endswith(("：", ":")) and 1 < len(key) <= 16
                and not any(ch in cell[:-1] for ch in "。，；,;：:"))

    @staticmethod
    def inline_pairs(text: str) -> list[tuple[str, str]]:
        """"申报单位名称：上海市商务委员会" → [(label, value)] when the part before the colon is a known label."""
        if "：" not in text[:26] and ":" not in text[:26]:
            return []
        match = _INLINE.match(text)
        if not match:
            return []
        key = label_key(match.group(1))
        if key in FACT_INDEX or key in BUDGET_INDEX:
            return [(match.group(1) + "：", match.group(2).strip())]
        return []

    def set_field(self, row: Row, label: str, value: str) -> None:
        key = label_key(label)
        target = FACT_INDEX.get(key)
        if target == "name" and self.current and self.current.facts.get("name"):
            self.start_project(row)
        if self.current is None:
            self.start_project(row)
        assert self.current is not None
        if key in BUDGET_INDEX:
            self.settle_orphans()
            self.set_budget(row, label, BUDGET_INDEX[key], value)
        elif target in NARRATIVE:
            self.set_narrative(row, target, label, value)
        elif target is not None:
            self.settle_orphans()
            self.current.facts[target] = value
            self.last_field, self.awaiting = None, (target if not value else None)
        else:
            self.settle_orphans()
            self.current.extra.append((key, value))
            self.diag(diagnose.unknown_field(row.line, key, value))
            self.last_field, self.awaiting = None, None

    def set_narrative(self, row: Row, target: str, label: str, value: str) -> None:
        assert self.current is not None
        parts = self.current.narrative.setdefault(target, [])
        repeated = bool(parts)
        if self.orphans:
            self.place_orphans(before=target)
        if repeated and value:
            self.diag(diagnose.field_repeated(row.line, label, value))
        if value:
            parts.append(value)
        self.last_field = target
        self.awaiting = None if value else target

    def place_orphans(self, before: str | None) -> None:
        """Text lines without a label go to the field above — unless they break off mid-sentence right
        after a finished field, when they are the first lines of the field below (a centred label)."""
        assert self.current is not None
        orphans, self.orphans = self.orphans, []
        previous = self.last_field
        prev_text = "".join(self.current.narrative.get(previous, [])) if previous else ""
        last = orphans[-1].filled[-1]
        goes_below = before is not None and ends_mid_sentence(last) and (not prev_text or ends_sentence(prev_text))
        for row in orphans:
            text = join_text(row.filled)
            if goes_below and before is not None:
                self.current.narrative.setdefault(before, []).append(text)
                self.diag(diagnose.field_before_label(row.line, FIELD_NAMES_ZH.get(before, before), text))
            elif previous is not None:
                self.current.narrative.setdefault(previous, []).append(text)
                self.diag(diagnose.field_continued(row.line, FIELD_NAMES_ZH.get(previous, previous), text))
            else:
                self.diag(diagnose.unrecognised(row.line, text))

    def settle_orphans(self) -> None:
        if self.orphans:
            self.place_orphans(before=None)
        self.awaiting = None

    def loose_text(self, row: Row) -> None:
        """A row with no label outside a table: a field's value below its label, or orphan text."""
        text = join_text(row.filled)
        if self.current and self.awaiting and self.awaiting.startswith("budget:") and len(row.filled) == 1:
            _, key, label = self.awaiting.split(":", 2)
            self.set_budget(row, label, key, text)
            self.note(row, "value-below-label", key)
            return
        if self.current is None or self.mode not in ("facts",):
            self.diag(diagnose.unrecognised(row.line, text))
            self.note(row, "unrecognised", text)
            return
        if self.awaiting and not self.orphans:
            target = self.awaiting
            if target in NARRATIVE:
                self.current.narrative.setdefault(target, []).append(text)
            else:
                self.current.facts[target] = text
            self.diag(diagnose.value_below_label(row.line, FIELD_NAMES_ZH.get(target, target)))
            self.last_field = target if target in NARRATIVE else None
            self.awaiting = None
            self.note(row, "value-below-label", target)
            return
        self.orphans.append(row)
        self.note(row, "continuation", text[:40])

    # --- budget ---------------------------------------------------------------------------------

    def set_budget(self, row: Row, label: str, key: str, value: str) -> None:
        assert self.current is not None
        unit = label_unit(label) or "元"
        self.last_field, self.awaiting = None, None
        if not value:
            self.current.budget[key] = None
            self.awaiting = f"budget:{key}:{label}"
            return
        cleaned = value.replace(",", "").replace("，", "").replace(" ", "")
        for suffix in ("万元", "亿元", "千元", "元"):
            if cleaned.endswith(suffix):
                unit, cleaned = suffix, cleaned[: -len(suffix)]
                break
        if not _MONEY.match(cleaned):
            self.current.budget[key] = None
            self.current.extra.append((label_key(label), value))
            self.diag(diagnose.unreadable(row.line, label_key(label), value, "金额", "an amount of money"))
            return
        try:
            amount = Decimal(cleaned)
        except InvalidOperation:  # pragma: no cover - the pattern above admits only decimals
            amount = None
        multiplier = MONEY_UNITS.get(unit, 1)
        if amount is not None and multiplier != 1:
            amount *= multiplier
            self.current.budget_unit = unit
            self.diag(diagnose.money_converted(row.line, label_key(label), unit, value))
        self.current.budget[key] = amount

    # --- projects -------------------------------------------------------------------------------

    def start_project(self, row: Row) -> None:
        self.finish_project()
        self.current = Builder(first_line=row.line)
        self.mode = "facts"

    def close_table(self) -> None:
        if self.current and self.current.table:
            table = self.current.table
            if self.vertical is not None:
                last = self.vertical.flush()
                if last:
                    table.read(last)
                self.vertical = None
            self.current.indicators.extend(table.indicators)
            self.current.diagnostics.extend(table.finish())
            self.current.extra.extend((f"{label}分值", pts) for label, pts in table.points)
            self.current.table = None

    def finish_project(self) -> None:
        if self.current is None:
            return
        self.settle_orphans()
        self.close_table()
        builder, self.current = self.current, None
        if builder.has_content():
            self.projects.append(self.build(builder))

    def build(self, b: Builder) -> Project:
        facts = b.facts
        self.inherit(b)
        start = self.parse_date(b, "start_date")
        end = self.parse_date(b, "end_date")
        year = b.year or (start.year if start else None)
        if b.year is None and year is not None:
            b.diagnostics.append(diagnose.year_inferred(b.first_line, year, "计划开始日期", "the planned start date"))
        level1 = [i.level1 for i in b.indicators if i.level1]
        framework = frameworks.detect(level1)
        narrative = {k: join_text(v) or None for k, v in b.narrative.items()}
        return Project(
            name=facts.get("name") or None,
            department=facts.get("department") or None,
            year=year,
            category=facts.get("category") or None,
            start_date=start, end_date=end,
            government_procurement=self.parse_bool(b),
            performance_type=facts.get("performance_type") or None,
            budget=Budget(total=b.budget.get("total"), current_year=b.budget.get("current_year"),
                          previous_year=b.budget.get("previous_year"),
                          previous_year_executed=b.budget.get("previous_year_executed"),
                          source_unit=b.budget_unit),
            framework=framework.code if framework else None,
            indicators=tuple(b.indicators),
            diagnostics=tuple(sorted(b.diagnostics, key=lambda d: d.line or 0)),
            extra=tuple(b.extra),
            source=SourceRef(line=b.first_line),
            **{k: narrative.get(k) for k in NARRATIVE},
        )

    def inherit(self, b: Builder) -> None:
        """A document of one department states it once: later projects that do not, inherit it."""
        if b.facts.get("department"):
            self.inherited["department"] = b.facts["department"]
        elif "department" in self.inherited:
            b.facts["department"] = self.inherited["department"]
            b.diagnostics.append(diagnose.inherited(b.first_line, "申报单位名称", self.inherited["department"]))
        if b.year is not None:
            self.inherited["year"] = str(b.year)
        elif "year" in self.inherited and not b.facts.get("start_date"):
            b.year = int(self.inherited["year"])
            b.diagnostics.append(diagnose.inherited(b.first_line, "年度", self.inherited["year"]))

    def parse_date(self, b: Builder, key: str) -> date | None:
        text = b.facts.get(key)
        if not text:
            return None
        match = _DATE.match(text.strip())
        if match:
            try:
                return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
            except ValueError:
                pass
        b.extra.append((FIELD_NAMES_ZH[key], text))
        b.diagnostics.append(diagnose.unreadable(b.first_line, FIELD_NAMES_ZH[key], text, "日期", "a date"))
        return None

    @staticmethod
    def parse_bool(b: Builder) -> bool | None:
        text = (b.facts.get("government_procurement") or "").strip()
        if text in ("是", "有", "含", "Y", "y", "yes", "Yes", "√"):
            return True
        if text in ("否", "无", "不含", "N", "n", "no", "No", "×"):
            return False
        if text:
            b.extra.append((FIELD_NAMES_ZH["government_procurement"], text))
            b.diagnostics.append(diagnose.unreadable(b.first_line, "是否含有政府购买服务", text, "是或否", "yes or no"))
        return None


def rows_to_document(rows: list[Row], source: DocumentSource, trace: list[TraceEntry] | None = None) -> Document:
    return LayoutEngine(source, trace).run(rows)
