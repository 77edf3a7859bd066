"""The format corpus: published forms as XLSX, DOCX, PDF and HTML, each with the projects it must read to.

Two families, told apart by the file name:

- ``export-*``: written by jixiao's own exporters from the seed and the layout variants. They must
  read back exactly (100 % of fields and indicator rows).
- ``lo-*`` and ``hand-*``: made independently — LibreOffice converting documents to PDF, workbooks
  and documents laid out by hand with openpyxl and python-docx in other arrangements, HTML by hand.
  Target: at least 98 % of indicator rows.

``X.expected.json`` beside each file holds the expected projects: canonical project dicts without
provenance (``source``) and without diagnostics, since those say *how* a format was read, not *what*
was read. Files made from the seed expect the seed's own golden projects (checked by hand against
the source); hand-made layouts expect the projects they were laid out from. ``make_corpus.py``
writes both.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

HERE = Path(__file__).parent
SUFFIXES = (".xlsx", ".xlsm", ".docx", ".docm", ".pdf", ".html")
PROJECT_FIELDS = ("department", "year", "name", "category", "start_date", "end_date", "government_procurement",
                  "performance_type", "overview", "basis", "necessity", "safeguards", "implementation_plan",
                  "goals", "budget", "framework", "extra")


def documents() -> list[Path]:
    return sorted(p for p in HERE.iterdir() if p.suffix in SUFFIXES)


def expected_path(document: Path) -> Path:
    return document.with_name(document.name + ".expected.json")


def is_own_export(document: Path) -> bool:
    return document.name.startswith("export-")


def strip_project(project: dict[str, Any]) -> dict[str, Any]:
    """A canonical project dict without provenance and diagnostics."""
    out = {k: v for k, v in project.items() if k not in ("source", "diagnostics")}
    out["indicators"] = [{k: v for k, v in i.items() if k != "source"} for i in project["indicators"]]
    return out


def projects_of(canonical_json: dict[str, Any]) -> list[dict[str, Any]]:
    return [strip_project(p) for doc in canonical_json["documents"] for p in doc["projects"]]


def load_expected(document: Path) -> list[dict[str, Any]]:
    data: list[dict[str, Any]] = json.loads(expected_path(document).read_text(encoding="utf-8"))
    return data


@dataclass
class Score:
    """Field-level agreement: project fields, and indicator rows (a row counts when all of it agrees)."""

    fields: int = 0
    fields_ok: int = 0
    rows: int = 0
    rows_ok: int = 0

    def add(self, other: Score) -> None:
        self.fields += other.fields
        self.fields_ok += other.fields_ok
        self.rows += other.rows
        self.rows_ok += other.rows_ok

    @property
    def field_rate(self) -> float:
        return self.fields_ok / self.fields if self.fields else 1.0

    @property
    def row_rate(self) -> float:
        return self.rows_ok / self.rows if self.rows else 1.0


def _row_key(indicator: dict[str, Any]) -> str:
    return json.dumps(indicator, ensure_ascii=False, sort_keys=True)


def compare(expected: list[dict[str, Any]], actual: list[dict[str, Any]]) -> tuple[Score, list[str]]:
    """How much of the expected projects was read; the differences as readable lines."""
    score = Score()
    problems: list[str] = []
    by_name = {p["name"]: p for p in actual}
    for n, want in enumerate(expected):
        got = by_name.get(want["name"]) or (actual[n] if n < len(actual) else None)
        score.fields += len(PROJECT_FIELDS)
        score.rows += len(want["indicators"])
        if got is None:
            problems.append(f"project {want['name']!r} not read")
            continue
        for field in PROJECT_FIELDS:
            if want.get(field) == got.get(field):
                score.fields_ok += 1
            else:
                problems.append(f"{want['name']}: {field}: expected {want.get(field)!r:.120} got {got.get(field)!r:.120}")
        wanted = [_row_key(i) for i in want["indicators"]]
        found = [_row_key(i) for i in got["indicators"]]
        matcher = difflib.SequenceMatcher(None, wanted, found, autojunk=False)
        score.rows_ok += sum(block.size for block in matcher.get_matching_blocks())
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op != "equal":
                problems.append(f"{want['name']}: indicators {op}: expected {wanted[i1:i2]!s:.300} got {found[j1:j2]!s:.300}")
    return score, problems
