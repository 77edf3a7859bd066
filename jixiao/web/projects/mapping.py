"""The one place where stored projects become core objects and back (the Project aggregate:
the project row, its indicator rows, and the derived columns used for search and the overview)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from typing import Any

from jixiao.core import canonical
from jixiao.core import model as core
from jixiao.web.accounts.models import Department
from jixiao.web.projects import search
from jixiao.web.projects.models import Indicator, Project

QUANTIFIED_KINDS = ("numeric", "deadline")
TEXT_FIELDS = ("name", "category", "performance_type", *core.NARRATIVE_FIELDS)


def diagnostic_from_dict(d: dict[str, Any]) -> core.Diagnostic:
    return canonical.diagnostic_from_dict(d, "diagnostics")


def indicator_to_core(row: Indicator) -> core.Indicator:
    return core.Indicator(
        level1=row.level1, level2=row.level2, name=row.name,
        target=core.TargetValue(raw=row.target_raw, kind=row.target_kind,
                                op=row.target_op, value=row.target_value, unit=row.target_unit,
                                end=row.target_end),
        source=canonical.source_from_dict(row.source or None, "source"),
        nature=row.nature, direction=row.direction, measure_unit=row.measure_unit,
        weight=row.weight.normalize() if row.weight is not None else None,
        standard=row.standard, note=row.note,
    )


def stored_money(value: Any) -> Any:
    # Stored with two decimal places; the core keeps what was written ("120000000", not "120000000.00").
    return value.normalize() if value is not None else None


def project_to_core(obj: Project, indicators: Iterable[Indicator] | None = None) -> core.Project:
    rows = obj.indicators.all() if indicators is None else indicators
    return core.Project(
        name=obj.name, department=obj.department.name, year=obj.year, category=obj.category,
        start_date=obj.start_date, end_date=obj.end_date, government_procurement=obj.government_procurement,
        performance_type=obj.performance_type, overview=obj.overview, basis=obj.basis,
        necessity=obj.necessity, safeguards=obj.safeguards, implementation_plan=obj.implementation_plan,
        goals=obj.goals,
        budget=core.Budget(total=stored_money(obj.budget_total), current_year=stored_money(obj.budget_current_year),
                           previous_year=stored_money(obj.budget_previous_year),
                           previous_year_executed=stored_money(obj.budget_previous_year_executed),
                           unit=obj.budget_unit, source_unit=obj.budget_source_unit),
        framework=obj.framework,
        indicators=tuple(indicator_to_core(r) for r in sorted(rows, key=lambda r: r.position)),
        diagnostics=tuple(diagnostic_from_dict(d) for d in obj.diagnostics or ()),
        extra=tuple((str(e.get("label", "")), str(e.get("value", ""))) for e in obj.extra or ()),
        source=core.SourceRef(line=obj.source_line),
    )


_CONTENT_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def content_sha256(p: core.Project, as_dict: dict[str, Any] | None = None) -> str:
    """The hash of what the table says, without where it was read from or what the reader repaired.

    ``as_dict``: the project's canonical dict when the caller has it already (it is not changed).
    """
    d = as_dict if as_dict is not None else canonical.project_to_dict(p)
    content = {k: v for k, v in d.items() if k not in ("source", "diagnostics")}
    content["indicators"] = [{k: v for k, v in ind.items() if k != "source"} for ind in d["indicators"]]
    return hashlib.sha256(_CONTENT_JSON.encode(content).encode()).hexdigest()


def search_text(p: core.Project) -> str:
    """Name, facts, narrative fields and indicator names, case-folded, for substring search."""
    parts = [getattr(p, f) or "" for f in TEXT_FIELDS]
    parts.extend(i.name or "" for i in p.indicators)
    return search.clean("\n".join(x for x in parts if x))


def project_fields(p: core.Project, as_dict: dict[str, Any] | None = None) -> dict[str, Any]:
    """The model's column values for a core project (everything but department, provenance, version)."""
    b = p.budget
    return {
        **{f: getattr(p, f) for f in TEXT_FIELDS}, "year": p.year,
        "start_date": p.start_date, "end_date": p.end_date, "government_procurement": p.government_procurement,
        "budget_total": b.total, "budget_current_year": b.current_year, "budget_previous_year": b.previous_year,
        "budget_previous_year_executed": b.previous_year_executed, "budget_unit": b.unit,
        "budget_source_unit": b.source_unit, "framework": p.framework,
        "extra": [{"label": label, "value": value} for label, value in p.extra],
        "diagnostics": [canonical.diagnostic_to_dict(d) for d in p.diagnostics],
        "source_line": p.source.line,
        "content_sha256": content_sha256(p, as_dict), "search_text": search_text(p),
        "indicator_count": len(p.indicators),
        "quantified_count": sum(1 for i in p.indicators if i.target.kind in QUANTIFIED_KINDS),
    }


def new_project(p: core.Project, department: Department, as_dict: dict[str, Any] | None = None) -> Project:
    return Project(department=department, **project_fields(p, as_dict))


def set_project_fields(obj: Project, p: core.Project) -> None:
    for key, value in project_fields(p).items():
        setattr(obj, key, value)


INDICATOR_COLUMNS = ("project_id", "year", "department_id", "position", "level1", "level2", "name", "target_raw",
                     "target_kind", "target_op", "target_value", "target_unit", "target_end", "nature", "direction",
                     "measure_unit", "weight", "standard", "note", "source")


def indicator_values(p: core.Project, project_id: int, department_id: int) -> list[tuple[Any, ...]]:
    """The indicator rows' column values (in ``INDICATOR_COLUMNS`` order), in the table's order."""
    source_to_dict = canonical.source_to_dict
    return [
        (project_id, p.year, department_id, n, i.level1, i.level2, i.name, i.target.raw, i.target.kind,
         i.target.op, i.target.value, i.target.unit, i.target.end, i.nature, i.direction, i.measure_unit, i.weight,
         i.standard, i.note, source_to_dict(i.source))
        for n, i in enumerate(p.indicators)
    ]


def indicator_columns(p: core.Project, obj: Project) -> list[dict[str, Any]]:
    """The indicator rows' column values for a saved project, in the table's order."""
    return [dict(zip(INDICATOR_COLUMNS, values, strict=True))
            for values in indicator_values(p, obj.pk, obj.department_id)]


def indicator_rows(p: core.Project, obj: Project) -> list[Indicator]:
    """Unsaved indicator rows for a saved project."""
    return [Indicator(**columns) for columns in indicator_columns(p, obj)]


def replace_indicators(obj: Project, p: core.Project) -> None:
    obj.indicators.all().delete()
    Indicator.objects.bulk_create(indicator_rows(p, obj))


def snapshot(p: core.Project) -> dict[str, Any]:
    """What a revision stores: the project's canonical JSON."""
    return canonical.project_to_dict(p)
