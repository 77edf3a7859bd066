"""Form data for the project form, built from a stored project (what the edit page would submit)."""

from __future__ import annotations

from typing import Any

from jixiao.core.canonical import decimal_text
from jixiao.web.projects import mapping
from jixiao.web.projects.models import Project


def form_data(obj: Project, **changes: Any) -> dict[str, Any]:
    p = mapping.project_to_core(obj)
    data: dict[str, Any] = {
        "version": obj.version, "name": p.name, "year": p.year, "category": p.category or "",
        "performance_type": p.performance_type or "",
        "start_date": p.start_date.isoformat() if p.start_date else "",
        "end_date": p.end_date.isoformat() if p.end_date else "",
        "government_procurement": {True: "yes", False: "no", None: ""}[p.government_procurement],
        **{f: getattr(p, f) or "" for f in ("overview", "basis", "necessity", "safeguards", "implementation_plan",
                                             "goals")},
        **{f"budget_{k}": decimal_text(getattr(p.budget, k)) or "" for k in
           ("total", "current_year", "previous_year", "previous_year_executed")},
        "ind_level1": [i.level1 or "" for i in p.indicators], "ind_level2": [i.level2 or "" for i in p.indicators],
        "ind_name": [i.name or "" for i in p.indicators], "ind_target": [i.target.raw for i in p.indicators],
        "ind_line": [str(i.source.line or "") for i in p.indicators], "ind_extra": ["" for _ in p.indicators],
    }
    data.update(changes)
    return data
