"""The canonical JSON (``jixiao/targets@1``): core objects to plain dicts and back.

Money and numbers are decimal strings, dates ISO 8601, missing values ``null`` (never ""), so that
``from_dict(to_dict(x)) == x`` for every document. Keys never change meaning within ``@1``.
"""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any

from jixiao.core.model import (
    Budget,
    Diagnostic,
    Document,
    DocumentSource,
    Indicator,
    Project,
    SourceRef,
    TargetValue,
)

SCHEMA = "jixiao/targets@1"


class CanonicalError(ValueError):
    """The input is not canonical JSON; the message names the offending path."""


def decimal_text(value: Decimal | None) -> str | None:
    """A decimal as plain text, without exponent and without trailing zeros after the point."""
    if value is None:
        return None
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text if text not in ("-0", "") else "0"


def _date_text(value: date | None) -> str | None:
    return value.isoformat() if value else None


def target_to_dict(target: TargetValue) -> dict[str, Any]:
    out: dict[str, Any] = {"raw": target.raw, "kind": target.kind, "op": target.op, "value": target.value,
                           "unit": target.unit}
    if target.end is not None:
        out["end"] = target.end
    return out


def source_to_dict(source: SourceRef) -> dict[str, Any]:
    return {k: v for k, v in (("line", source.line), ("sheet", source.sheet), ("page", source.page),
                              ("cell", source.cell)) if v is not None}


def diagnostic_to_dict(diag: Diagnostic) -> dict[str, Any]:
    return {"code": diag.code, "severity": diag.severity, "line": diag.line, "message": diag.message,
            "message_en": diag.message_en, "text": diag.text}


def indicator_to_dict(ind: Indicator) -> dict[str, Any]:
    return {
        "level1": ind.level1, "level2": ind.level2, "name": ind.name,
        "target": target_to_dict(ind.target),
        "nature": ind.nature, "direction": ind.direction, "measure_unit": ind.measure_unit,
        "weight": decimal_text(ind.weight), "standard": ind.standard, "note": ind.note,
        "source": source_to_dict(ind.source),
    }


def budget_to_dict(budget: Budget) -> dict[str, Any]:
    return {
        "unit": budget.unit, "source_unit": budget.source_unit,
        "total": decimal_text(budget.total), "current_year": decimal_text(budget.current_year),
        "previous_year": decimal_text(budget.previous_year),
        "previous_year_executed": decimal_text(budget.previous_year_executed),
    }


def project_to_dict(p: Project) -> dict[str, Any]:
    return {
        "department": p.department, "year": p.year, "name": p.name, "category": p.category,
        "start_date": _date_text(p.start_date), "end_date": _date_text(p.end_date),
        "government_procurement": p.government_procurement, "performance_type": p.performance_type,
        "overview": p.overview, "basis": p.basis, "necessity": p.necessity, "safeguards": p.safeguards,
        "implementation_plan": p.implementation_plan, "goals": p.goals,
        "budget": budget_to_dict(p.budget),
        "framework": p.framework,
        "extra": [{"label": label, "value": value} for label, value in p.extra],
        "indicators": [indicator_to_dict(i) for i in p.indicators],
        "diagnostics": [diagnostic_to_dict(d) for d in p.diagnostics],
        "source": source_to_dict(p.source),
    }


def document_to_dict(doc: Document) -> dict[str, Any]:
    src = doc.source
    return {
        "source": {"path": src.path, "sha256": src.sha256, "encoding": src.encoding, "format": src.format},
        "projects": [project_to_dict(p) for p in doc.projects],
        "diagnostics": [diagnostic_to_dict(d) for d in doc.diagnostics],
    }


def to_dict(documents: list[Document] | tuple[Document, ...]) -> dict[str, Any]:
    return {"schema": SCHEMA, "documents": [document_to_dict(d) for d in documents]}


def dumps(documents: list[Document] | tuple[Document, ...], indent: int | None = 2) -> str:
    """The canonical JSON text: UTF-8 with Chinese readable (not escaped)."""
    return json.dumps(to_dict(documents), ensure_ascii=False, indent=indent)


# --- back from dicts -------------------------------------------------------------------------------


def _get(d: dict[str, Any], key: str, path: str, types: tuple[type, ...], required: bool = False) -> Any:
    if key not in d or d[key] is None:
        if required:
            raise CanonicalError(f"{path}.{key}: required")
        return None
    value = d[key]
    if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
        raise CanonicalError(f"{path}.{key}: expected {' or '.join(t.__name__ for t in types)}")
    return value


def _decimal(d: dict[str, Any], key: str, path: str) -> Decimal | None:
    text = _get(d, key, path, (str, int))
    if text is None:
        return None
    try:
        return Decimal(str(text))
    except InvalidOperation:
        raise CanonicalError(f"{path}.{key}: {text!r} is not a decimal number") from None


def _date(d: dict[str, Any], key: str, path: str) -> date | None:
    text = _get(d, key, path, (str,))
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CanonicalError(f"{path}.{key}: {text!r} is not an ISO date") from None


def target_from_dict(d: dict[str, Any], path: str) -> TargetValue:
    kind = _get(d, "kind", path, (str,), required=True)
    if kind not in ("numeric", "deadline", "qualitative", "text", "missing"):
        raise CanonicalError(f"{path}.kind: unknown kind {kind!r}")
    return TargetValue(raw=_get(d, "raw", path, (str,)) or "", kind=kind, op=_get(d, "op", path, (str,)),
                       value=_get(d, "value", path, (str,)), unit=_get(d, "unit", path, (str,)),
                       end=_get(d, "end", path, (str,)))


def source_from_dict(d: dict[str, Any] | None, path: str) -> SourceRef:
    if not d:
        return SourceRef()
    return SourceRef(line=_get(d, "line", path, (int,)), sheet=_get(d, "sheet", path, (str,)),
                     page=_get(d, "page", path, (int,)), cell=_get(d, "cell", path, (str,)))


def diagnostic_from_dict(d: dict[str, Any], path: str) -> Diagnostic:
    severity = _get(d, "severity", path, (str,), required=True)
    if severity not in ("error", "warning", "info"):
        raise CanonicalError(f"{path}.severity: unknown severity {severity!r}")
    return Diagnostic(code=_get(d, "code", path, (str,), required=True), severity=severity,
                      message=_get(d, "message", path, (str,)) or "",
                      message_en=_get(d, "message_en", path, (str,)) or "",
                      line=_get(d, "line", path, (int,)), text=_get(d, "text", path, (str,)))


def indicator_from_dict(d: dict[str, Any], path: str) -> Indicator:
    target = d.get("target")
    return Indicator(
        level1=_get(d, "level1", path, (str,)), level2=_get(d, "level2", path, (str,)),
        name=_get(d, "name", path, (str,)),
        target=target_from_dict(target, f"{path}.target") if isinstance(target, dict) else TargetValue.missing(),
        source=source_from_dict(d.get("source"), f"{path}.source"),
        nature=_get(d, "nature", path, (str,)), direction=_get(d, "direction", path, (str,)),
        measure_unit=_get(d, "measure_unit", path, (str,)), weight=_decimal(d, "weight", path),
        standard=_get(d, "standard", path, (str,)), note=_get(d, "note", path, (str,)),
    )


def budget_from_dict(d: dict[str, Any] | None, path: str) -> Budget:
    if not d:
        return Budget()
    return Budget(total=_decimal(d, "total", path), current_year=_decimal(d, "current_year", path),
                  previous_year=_decimal(d, "previous_year", path),
                  previous_year_executed=_decimal(d, "previous_year_executed", path),
                  unit=_get(d, "unit", path, (str,)) or "元",
                  source_unit=_get(d, "source_unit", path, (str,)) or "元")


def project_from_dict(d: dict[str, Any], path: str) -> Project:
    if not isinstance(d, dict):
        raise CanonicalError(f"{path}: expected an object")
    text = {k: _get(d, k, path, (str,)) for k in (
        "department", "name", "category", "performance_type", "overview", "basis", "necessity",
        "safeguards", "implementation_plan", "goals", "framework")}
    extra = tuple((str(e.get("label", "")), str(e.get("value", ""))) for e in d.get("extra") or [])
    return Project(
        **text, year=_get(d, "year", path, (int,)),
        start_date=_date(d, "start_date", path), end_date=_date(d, "end_date", path),
        government_procurement=_get(d, "government_procurement", path, (bool,)),
        budget=budget_from_dict(d.get("budget"), f"{path}.budget"),
        indicators=tuple(indicator_from_dict(i, f"{path}.indicators[{n}]")
                         for n, i in enumerate(d.get("indicators") or [])),
        diagnostics=tuple(diagnostic_from_dict(x, f"{path}.diagnostics[{n}]")
                          for n, x in enumerate(d.get("diagnostics") or [])),
        extra=extra,
        source=source_from_dict(d.get("source"), f"{path}.source"),
    )


def document_from_dict(d: dict[str, Any], path: str) -> Document:
    src = d.get("source") or {}
    return Document(
        source=DocumentSource(path=src.get("path") or "", sha256=src.get("sha256") or "",
                              encoding=src.get("encoding"), format=src.get("format") or "json"),
        projects=tuple(project_from_dict(p, f"{path}.projects[{n}]") for n, p in enumerate(d.get("projects") or [])),
        diagnostics=tuple(diagnostic_from_dict(x, f"{path}.diagnostics[{n}]")
                          for n, x in enumerate(d.get("diagnostics") or [])),
    )


def from_dict(data: Any) -> list[Document]:
    """Documents from canonical JSON; raises CanonicalError naming the path of what is wrong."""
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise CanonicalError(f"$.schema: expected {SCHEMA!r}")
    docs = data.get("documents")
    if not isinstance(docs, list):
        raise CanonicalError("$.documents: expected a list")
    return [document_from_dict(d, f"$.documents[{n}]") for n, d in enumerate(docs)]


def loads(text: str) -> list[Document]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise CanonicalError(f"not JSON: line {exc.lineno}, column {exc.colno}: {exc.msg}") from None
    return from_dict(data)
