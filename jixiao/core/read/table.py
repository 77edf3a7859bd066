"""The indicator table: header cells to column roles, and data rows to Indicators.

Rows drift in extracted text: a 二级 lands in the 一级 column, a whole row slides one column right,
a row arrives as three cells. ``align_row`` finds the most plausible placement of a row's cells on the
header's roles — each cell weighed by what it looks like (a known 一级 or 二级 label, a target value,
an indicator name) against how far it would move — and every move is reported. Blank 一级/二级 cells
(merged cells flattened) are filled from the row above.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal, InvalidOperation
from functools import lru_cache
from itertools import combinations

from jixiao.core import frameworks, values
from jixiao.core.frameworks import split_points
from jixiao.core.model import Diagnostic, Indicator, plain_indicator
from jixiao.core.read import diagnose
from jixiao.core.read.grid import Row
from jixiao.core.read.vocabulary import column_role

ROLE_NAMES_ZH = {"level1": "一级", "level2": "二级", "name": "三级", "value": "指标值", "nature": "指标性质",
                 "direction": "指标方向", "measure_unit": "计量单位", "weight": "分值", "standard": "绩效标准",
                 "note": "备注", "ignore": "序号"}
STANDARD_ROLES = ("level1", "level2", "name", "value")
STANDARD_LIST = list(STANDARD_ROLES)
_DISPLACEMENT = 0.4
_MISSING_VALUE = 1.0
_MISSING_NAME = 1.5
_SPLIT_SHIFT = 0.6
_BRANCH_AS_NAME = 0.5


def header_roles(row: Row) -> list[str] | None:
    """Column roles of a header row, or None when the row is not an indicator-table header."""
    filled = row.filled
    if len(filled) < 2 or (not column_role(filled[0]) and not column_role(filled[1])):
        return None
    roles = [column_role(cell) or "" for cell in row.cells]
    found = {r for r in roles if r}
    if len(found) >= 2 and ("name" in found or "value" in found) and len(found) * 2 >= len(row.filled):
        return [r or "note" for r in roles]
    return None


@dataclass(frozen=True)
class KnownLabels:
    """First- and second-level labels of all known frameworks (exact, points stripped): each 二级 with
    the 一级 it stands under, and each 一级 with the frameworks it belongs to."""

    level1: dict[str, frozenset[str]]
    level2: dict[str, frozenset[str]]

    def parent_for(self, level2: str, carried: str | None) -> str | None:
        """The 一级 a 二级 belongs under when it does not belong under the carried one (same framework)."""
        parents = self.level2.get(level2, frozenset())
        if not parents or carried in parents or carried not in self.level1:
            return None
        same = [p for p in parents if self.level1[p] & self.level1[carried]]
        return same[0] if len(same) == 1 else None


def known_labels() -> KnownLabels:
    return _known_labels(frameworks.registry_version())


@lru_cache(maxsize=4)
def _known_labels(version: int) -> KnownLabels:
    level1: dict[str, set[str]] = {}
    level2: dict[str, set[str]] = {}
    for fw in frameworks.all_frameworks():
        for l1, l2s in fw.level2.items():
            level1.setdefault(l1, set()).add(fw.code)
            for l2 in l2s:
                level2.setdefault(l2, set()).add(l1)
        for alias, target in fw.aliases.items():
            for l1, l2s in fw.level2.items():
                if target in l2s:
                    level2.setdefault(alias, set()).add(l1)
    return KnownLabels({k: frozenset(v) for k, v in level1.items()}, {k: frozenset(v) for k, v in level2.items()})


# Target values repeat a great deal ("=100%", "合理"): ``values.parse`` keeps each (text, year) it has read.
parse_value = values.parse


@lru_cache(maxsize=65536)
def _looks_like_value(text: str) -> bool:
    return parse_value(text, 2000).kind in ("numeric", "deadline", "qualitative")


def _looks_like_name(text: str) -> bool:
    return len(text) >= 3 and text[-1] in "率数度性量额" and not any(ch.isdigit() for ch in text)


def _fit(text: str, role: str, known: KnownLabels) -> float:
    """How badly a cell's text fits a role (0 = as expected)."""
    label = split_points(text)[0]
    in1, in2 = label in known.level1, label in known.level2
    if role == "level1":
        return 0.0 if in1 else 2.0 if in2 else 1.5 if _looks_like_value(text) else 0.5
    if role == "level2":
        return 0.0 if in2 else 3.0 if in1 else 1.5 if _looks_like_value(text) else 0.5
    if role == "name":
        return 2.0 if in1 else 1.0 if in2 or _looks_like_value(text) else 0.0
    if role == "value":
        return 0.0 if _looks_like_value(text) else 2.0 if in1 else 1.5 if in2 else 1.0 if _looks_like_name(text) else 0.3
    if role == "weight":
        return 0.0 if _decimal(text) is not None else 1.0
    if role == "direction":
        return 0.0 if text in ("正向", "反向", "中性", "正向指标", "反向指标") else 1.0
    if role == "ignore":
        return 0.0 if text.isdigit() else 1.0
    return 0.3


def _suspicious(cells: dict[str, str], roles: list[str], n_cells: int, known: KnownLabels,
                merged: frozenset[str] = frozenset()) -> bool:
    """Whether a row needs the full alignment search (most rows are fine as they stand). ``merged``:
    the roles whose empty cell is known to be covered by a merged cell above."""
    if n_cells > len(roles):
        return True
    l1, l2, name = cells.get("level1", ""), cells.get("level2", ""), cells.get("name", "")
    if l1 and split_points(l1)[0] in known.level2 and split_points(l1)[0] not in known.level1:
        return True
    if l2 and split_points(l2)[0] in known.level1:
        return True
    if not name or split_points(name)[0] in known.level1:
        return True
    if name in known.level2 and not l2 and "level2" in roles and "level2" not in merged:
        return True  # a 二级 drifted into the name column — unless the 二级 cell is merged from above
    return "value" in roles and not cells.get("value")


def align_row(cells: list[str], roles: list[str], known: KnownLabels,
              merged: frozenset[str] = frozenset()) -> tuple[dict[str, str], list[tuple[str, str, str]]]:
    """The cells placed on roles, and the moves made: (text, from role, to role)."""
    placed = {roles[i]: c for i, c in enumerate(cells) if c and i < len(roles)}
    filled = [(i, c) for i, c in enumerate(cells) if c]
    if not _suspicious(placed, roles, len(cells), known, merged):
        return placed, []
    best = _search(filled, roles, known)
    if best is None:
        return placed, []
    assignment = {roles[j]: c for (_, c), j in zip(filled, best, strict=True)}
    moves = [(c, _role_name(roles, i), ROLE_NAMES_ZH.get(roles[j], roles[j]))
             for (i, c), j in zip(filled, best, strict=True) if i != j]
    return assignment, moves


def _role_name(roles: list[str], index: int) -> str:
    return ROLE_NAMES_ZH.get(roles[index], roles[index]) if index < len(roles) else f"第{index + 1}"


def _search(filled: list[tuple[int, str]], roles: list[str], known: KnownLabels) -> tuple[int, ...] | None:
    """The placement of the filled cells on the roles, in their order, with the least cost.

    Rows are short and only doubtful rows come here, so every order-keeping placement is weighed;
    a missing name or value is a cost of the whole placement, which a step-by-step search would miss.
    """
    if not filled or len(filled) > len(roles):
        return None
    best: tuple[float, int, tuple[int, ...]] | None = None
    level2_slot = roles.index("level2") if "level2" in roles else None
    # what each cell looks like is weighed once per role, not once per placement
    fits = [[_fit(text, role, known) for role in roles] for _, text in filled]
    branch_like = [split_points(text)[0] in known.level2 for _, text in filled]
    for slots in combinations(range(len(roles)), len(filled)):
        cost = _missing_penalty(roles, slots)
        shifts = {pos - j for (pos, _), j in zip(filled, slots, strict=True)}
        # a drifted row moves as a whole: each further distinct shift is less likely
        cost += _SPLIT_SHIFT * (len(shifts) - 1)
        for k, ((pos, _), j) in enumerate(zip(filled, slots, strict=True)):
            cost += fits[k][j] + _DISPLACEMENT * abs(pos - j)
            if roles[j] == "name" and level2_slot is not None and level2_slot not in slots and branch_like[k]:
                cost += _BRANCH_AS_NAME
        moved = sum(pos != j for (pos, _), j in zip(filled, slots, strict=True))
        if best is None or (cost, moved) < best[:2]:
            best = (cost, moved, slots)
    return best[2] if best else None


def _missing_penalty(roles: list[str], used: tuple[int, ...]) -> float:
    taken = {roles[j] for j in used}
    penalty = _MISSING_VALUE if "value" in roles and "value" not in taken else 0.0
    return penalty + (_MISSING_NAME if "name" in roles and "name" not in taken else 0.0)


def _decimal(text: str) -> Decimal | None:
    cleaned = text.replace("分", "").replace("%", "").replace(",", "").strip()
    try:
        return Decimal(cleaned) if cleaned else None
    except InvalidOperation:
        return None


@dataclass
class TableReader:
    """Reads the data rows of one indicator table, carrying 一级/二级 down through merged cells."""

    roles: list[str]
    year: int | None
    level1: str | None = None
    level2: str | None = None
    indicators: list[Indicator] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    filled_lines: list[int] = field(default_factory=list)
    points: list[tuple[str, str]] = field(default_factory=list)
    # looked up once per table (the frameworks do not change while a document is read)
    known: KnownLabels = field(init=False, default_factory=known_labels)
    standard: bool = field(init=False, default=False)

    def __post_init__(self) -> None:
        self.standard = self.roles == STANDARD_LIST

    def read(self, row: Row) -> None:
        known = self.known
        if self.standard and self._read_plain(row, known):
            return
        merged = frozenset(self.roles[i] for i in row.covered if i < len(self.roles))
        cells, moves = align_row(row.cells, self.roles, known, merged)
        if moves:
            self.diagnostics.append(diagnose.row_realigned(row.line, moves, row.raw))
        self._branch(row.line, cells, known)
        name = cells.get("name")
        if not name:
            self.diagnostics.append(diagnose.name_missing(row.line, row.raw))
        if "value" in self.roles and not cells.get("value"):
            self.diagnostics.append(diagnose.value_missing(row.line, name, row.raw))
        self.indicators.append(self._indicator(row, cells))

    def _read_plain(self, row: Row, known: KnownLabels) -> bool:
        """The common case, without building a placement: four cells in the standard columns that
        need no realignment. Returns False for anything else, which takes the general path."""
        cells = row.cells
        if len(cells) != 4:
            return False
        l1, l2, name, value = cells
        if not name or not value or name in known.level1:
            return False
        if not l2 and name in known.level2 and 1 not in row.covered:
            return False  # perhaps a 二级 drifted into the name column
        if (l1 and l1 in known.level2 and l1 not in known.level1) or (l2 and l2 in known.level1):
            return False
        if l1 or l2:
            self._branch(row.line, {"level1": l1, "level2": l2}, known)
        elif self.level1 is not None or self.level2 is not None:
            self.filled_lines.append(row.line)  # both carried down: what _branch does for two blanks
        self.indicators.append(plain_indicator(self.level1, self.level2, name, parse_value(value, self.year), row.source))
        return True

    def _branch(self, line: int, cells: dict[str, str], known: KnownLabels) -> None:
        l1, l2 = cells.get("level1"), cells.get("level2")
        filled = False
        if l1:
            self.level1 = self._label(l1)
            self.level2 = None
        elif self.level1 is not None:
            filled = True
        if l2:
            self.level2 = self._label(l2)
            parent = None if l1 else known.parent_for(self.level2, self.level1)
            if parent:
                self.diagnostics.append(diagnose.parent_from_framework(line, self.level2, self.level1, parent))
                self.level1 = parent
        elif l1 and "level2" in self.roles:
            self.diagnostics.append(diagnose.level2_missing(line, self.level1 or l1))
        elif self.level2 is not None:
            filled = True
        if filled:
            self.filled_lines.append(line)

    def _label(self, text: str) -> str:
        label, pts = split_points(text)
        if pts is not None:
            self.points.append((label, pts))
        return label

    def _indicator(self, row: Row, cells: dict[str, str]) -> Indicator:
        raw = cells.get("value", "")
        target = parse_value(raw, self.year)
        unit, nature = cells.get("measure_unit"), cells.get("nature")
        if unit and target.kind == "numeric" and not target.unit:
            target = replace(target, unit=unit)
        if nature and target.kind in ("numeric", "deadline") and target.op is None:
            op = values.parse(f"{nature}1", self.year).op
            if op:
                target = replace(target, op=op)
        weight = _decimal(cells["weight"]) if cells.get("weight") else None
        if cells.get("weight") and weight is None:
            self.diagnostics.append(diagnose.unreadable(row.line, "分值", cells["weight"], "数字", "a number"))
        return Indicator(level1=self.level1, level2=self.level2, name=cells.get("name"), target=target,
                         source=row.source, nature=nature, direction=cells.get("direction"), measure_unit=unit,
                         weight=weight, standard=cells.get("standard"), note=cells.get("note"))

    def finish(self) -> list[Diagnostic]:
        found = list(self.diagnostics)
        if self.filled_lines:
            found.append(diagnose.merged_cells_filled(self.filled_lines))
        return found


@dataclass
class VerticalRows:
    """Rebuilds table rows from a table extracted one cell per line.

    A known 一级 label starts a row, a known 二级 label starts one unless the row has only its 一级;
    other cells take the next free role after the last one filled, and start a new row at the name when
    none is left. Blank 一级/二级 cells of merged ranges leave no line at all, which this tolerates.
    """

    roles: list[str]
    cells: dict[str, str] = field(default_factory=dict)
    lines: list[Row] = field(default_factory=list)
    name_line: Row | None = None
    known: KnownLabels = field(default_factory=known_labels)

    def feed(self, row: Row) -> Row | None:
        """Take one single-cell line; return a completed row when this line starts the next one."""
        text = row.filled[0]
        known = self.known
        label = split_points(text)[0]
        done: Row | None = None
        role: str | None
        if "level1" in self.roles and label in known.level1 and label not in known.level2:
            done, role = self.flush(), "level1"
        elif "level2" in self.roles and label in known.level2:
            done = self.flush() if self.cells.keys() - {"level1"} else None
            role = "level2"
        else:
            role = self._next_role()
            if role == "value" and _looks_like_name(text) and not _looks_like_value(text):
                role = None
            if role is None:
                done = self.flush()
                role = "name" if "name" in self.roles else self.roles[0]
        self.cells[role] = text
        self.lines.append(row)
        if role == "name":
            self.name_line = row
        return done

    def _next_role(self) -> str | None:
        filled = [self.roles.index(r) for r in self.cells if r not in ("level1", "level2")]
        start = max(filled) + 1 if filled else self._first_free()
        return self.roles[start] if start < len(self.roles) else None

    def _first_free(self) -> int:
        taken = [self.roles.index(r) for r in self.cells]
        return max(taken) + 1 if taken else 0

    def flush(self) -> Row | None:
        """The row built so far (keeping its 一级/二级 when only those were seen), and start anew."""
        if not self.cells.keys() - {"level1", "level2"}:
            return None
        first = self.name_line or self.lines[0]
        cells = [self.cells.get(role, "") for role in self.roles]
        while cells and not cells[-1]:
            cells.pop()
        raw = " | ".join(r.filled[0] for r in self.lines)
        lines = f"{self.lines[0].line}–{self.lines[-1].line}" if len(self.lines) > 1 else str(first.line)
        out = Row(line=first.line, cells=cells, raw=f"{raw} (lines {lines})", where=first.where)
        self.cells, self.lines, self.name_line = {}, [], None
        return out
