"""The domain's core objects: frozen dataclasses with no I/O.

A Document holds the Projects read from one source; a Project holds its facts, its Budget and its
Indicators; each Indicator has a typed TargetValue. Diagnostics say what a reader had to repair or
could not understand, always with the line (or cell) they concern.

Money and numbers are ``Decimal``; dates are ``datetime.date``; a missing value is ``None``.
The canonical JSON form of these objects lives in ``jixiao.core.canonical``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import MISSING, dataclass, field, fields
from datetime import date
from decimal import Decimal
from typing import Any, Literal

ValueKind = Literal["numeric", "deadline", "qualitative", "text", "missing"]
Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")


@dataclass(frozen=True, slots=True)
class TargetValue:
    """One 指标目标值, typed. ``raw`` is always the text as written.

    - numeric: ``op`` (``=``, ``>``, ``>=``, ``<``, ``<=`` or None when none was written), ``value``
      a decimal string with multipliers applied (万, 亿 …), ``unit`` as written (``%`` for % and 百分比).
    - deadline: ``op`` and ``value`` an ISO date, year-month or year; ``end`` closes a period.
    - qualitative: ``value`` the grade word from the vocabulary (合理, 健全, 达标 …).
    - text: anything else, kept as text.
    - missing: nothing was written.
    """

    raw: str
    kind: ValueKind
    op: str | None = None
    value: str | None = None
    unit: str | None = None
    end: str | None = None

    @staticmethod
    def missing() -> TargetValue:
        return TargetValue(raw="", kind="missing")


@dataclass(frozen=True, slots=True)
class SourceRef:
    """Where something was read: a line of a text file, or a sheet/page and cell of another format."""

    line: int | None = None
    sheet: str | None = None
    page: int | None = None
    cell: str | None = None


@dataclass(frozen=True, slots=True)
class Diagnostic:
    """A repair a reader made, or something it could not understand. Bilingual, located."""

    code: str
    severity: Severity
    message: str
    message_en: str
    line: int | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Indicator:
    """One row of the target table: 一级 / 二级 / 三级 (the indicator's name) and its target value.

    The optional columns are those other layouts print: 指标性质 (nature), 指标方向 (direction:
    正向/反向), 计量单位 (measure_unit), 分值/权重 (weight), 绩效标准/取值依据 (standard), 备注 (note).
    """

    level1: str | None
    level2: str | None
    name: str | None
    target: TargetValue
    source: SourceRef = field(default_factory=SourceRef)
    nature: str | None = None
    direction: str | None = None
    measure_unit: str | None = None
    weight: Decimal | None = None
    standard: str | None = None
    note: str | None = None


def plain_constructor(cls: type, given: tuple[str, ...]) -> Callable[..., Any]:
    """A constructor of a frozen slotted dataclass taking the ``given`` fields positionally and the
    others at their defaults: the same object as ``cls(...)``, made in half the time by setting each
    slot directly (the frozen ``__init__`` goes through ``object.__setattr__`` by name for every
    field). For the objects readers make by the hundred thousand."""
    rest = [f for f in fields(cls) if f.name not in given]
    if any(f.default is MISSING for f in rest):
        raise TypeError(f"{cls.__name__}: every field not given must have a plain default")
    # written out as code, as dataclasses writes __init__ (a loop over the slots costs a third more)
    scope: dict[str, Any] = {"new": object.__new__, "cls": cls}
    body = [f"def construct({', '.join(given)}):", "    obj = new(cls)"]
    for name in given:
        scope[f"set_{name}"] = cls.__dict__[name].__set__
        body.append(f"    set_{name}(obj, {name})")
    for f in rest:
        scope[f"set_{f.name}"], scope[f"default_{f.name}"] = cls.__dict__[f.name].__set__, f.default
        body.append(f"    set_{f.name}(obj, default_{f.name})")
    exec("\n".join([*body, "    return obj"]), scope)  # the code is built from field names only
    construct: Callable[..., Any] = scope["construct"]
    return construct


# Indicator(level1, level2, name, target, source) with no optional column: the text reader's common row.
plain_indicator: Callable[[str | None, str | None, str | None, TargetValue, SourceRef], Indicator] = \
    plain_constructor(Indicator, ("level1", "level2", "name", "target", "source"))


@dataclass(frozen=True, slots=True)
class Budget:
    """The money block, always in 元 (a document in 万元 is normalised; ``source_unit`` says so)."""

    total: Decimal | None = None
    current_year: Decimal | None = None
    previous_year: Decimal | None = None
    previous_year_executed: Decimal | None = None
    unit: str = "元"
    source_unit: str = "元"


NARRATIVE_FIELDS: tuple[str, ...] = (
    "overview",
    "basis",
    "necessity",
    "safeguards",
    "implementation_plan",
    "goals",
)


@dataclass(frozen=True, slots=True)
class Project:
    """One project's target table (财政项目支出绩效目标表)."""

    name: str | None
    department: str | None = None
    year: int | None = None
    category: str | None = None
    start_date: date | None = None
    end_date: date | None = None
    government_procurement: bool | None = None
    performance_type: str | None = None
    overview: str | None = None
    basis: str | None = None
    necessity: str | None = None
    safeguards: str | None = None
    implementation_plan: str | None = None
    goals: str | None = None
    budget: Budget = field(default_factory=Budget)
    framework: str | None = None
    indicators: tuple[Indicator, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    source: SourceRef = field(default_factory=SourceRef)


@dataclass(frozen=True, slots=True)
class DocumentSource:
    path: str
    sha256: str
    encoding: str | None = None
    format: str = "text"


@dataclass(frozen=True, slots=True)
class Document:
    """What one reader made of one source: its projects and the diagnostics outside any project."""

    source: DocumentSource
    projects: tuple[Project, ...] = ()
    diagnostics: tuple[Diagnostic, ...] = ()


def all_diagnostics(document: Document) -> list[Diagnostic]:
    """Every diagnostic of a document, its own and its projects', in reading order."""
    found = list(document.diagnostics)
    for project in document.projects:
        found.extend(project.diagnostics)
    return sorted(found, key=lambda d: (d.line is None, d.line or 0))
