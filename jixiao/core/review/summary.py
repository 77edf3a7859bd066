"""Summaries of findings: per project a suggested grade, per department and year what to work on.

The grade follows the four grades of target review (domain.md §4: 优 proceeds, 良 proceeds after
revision, 中 is revised and resubmitted, 差 is not funded). How findings turn into a score is not
prescribed by 财预〔2015〕88号, so the ``Rubric`` is data: start at 100, deduct per finding by
severity, cap what one rule can deduct (so eight vague values do not outweigh one missing budget),
and grade with the thresholds domain.md §6 gives for scores (90/80/60, *configurable*).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from jixiao.core.errors import InputError
from jixiao.core.model import SEVERITIES, Project, Severity
from jixiao.core.review import Finding
from jixiao.core.review.registry import DIMENSIONS, Dimension


@dataclass(frozen=True)
class Rubric:
    start: Decimal = Decimal(100)
    deductions: Mapping[Severity, Decimal] = field(
        default_factory=lambda: {"error": Decimal(10), "warning": Decimal(3), "info": Decimal(0)})
    # The most one rule can deduct from one project; None for no cap.
    max_per_rule: Decimal | None = Decimal(15)
    # (lowest score, grade), best first; below the last threshold the last grade applies.
    grades: tuple[tuple[Decimal, str], ...] = (
        (Decimal(90), "优"), (Decimal(80), "良"), (Decimal(60), "中"), (Decimal(0), "差"))


DEFAULT_RUBRIC = Rubric()
GRADE_EN = {"优": "excellent", "良": "good", "中": "fair", "差": "poor"}


def rubric_from_data(data: Any) -> Rubric:
    """A Rubric from JSON: {"start": 100, "deductions": {"error": 10, …}, "max_per_rule": 15,
    "grades": [[90, "优"], …]}; keys left out keep their defaults."""
    if not isinstance(data, dict) or set(data) - {"start", "deductions", "max_per_rule", "grades"}:
        raise InputError("评级规则应为含 start/deductions/max_per_rule/grades 的对象",
                         "the rubric must be an object with start, deductions, max_per_rule, grades")
    try:
        base = DEFAULT_RUBRIC
        deductions = dict(base.deductions)
        for sev, value in data.get("deductions", {}).items():
            if sev not in SEVERITIES:
                raise InputError(f"未知严重程度 {sev}", f"unknown severity {sev}")
            deductions[sev] = Decimal(str(value))
        cap = data.get("max_per_rule", base.max_per_rule)
        grades = tuple((Decimal(str(t)), str(g)) for t, g in data.get("grades", base.grades))
        return Rubric(start=Decimal(str(data.get("start", base.start))), deductions=deductions,
                      max_per_rule=None if cap is None else Decimal(str(cap)),
                      grades=tuple(sorted(grades, reverse=True)))
    except (ArithmeticError, TypeError, ValueError):
        raise InputError("评级规则中的数字无效", "the rubric contains an invalid number") from None


def score(findings: Iterable[Finding], rubric: Rubric = DEFAULT_RUBRIC) -> Decimal:
    per_rule: dict[str, Decimal] = {}
    for f in findings:
        per_rule[f.rule] = per_rule.get(f.rule, Decimal(0)) + rubric.deductions.get(f.severity, Decimal(0))
    if rubric.max_per_rule is not None:
        per_rule = {code: min(d, rubric.max_per_rule) for code, d in per_rule.items()}
    return max(Decimal(0), rubric.start - sum(per_rule.values(), Decimal(0)))


def grade(points: Decimal, rubric: Rubric = DEFAULT_RUBRIC) -> str:
    for threshold, name in rubric.grades:
        if points >= threshold:
            return name
    return rubric.grades[-1][1]


@dataclass(frozen=True)
class ProjectSummary:
    project: str | None
    department: str | None
    year: int | None
    line: int | None
    score: Decimal
    grade: str
    by_severity: dict[Severity, int]
    by_dimension: dict[Dimension, dict[Severity, int]]

    @property
    def total(self) -> int:
        return sum(self.by_severity.values())


def summarise_project(project: Project, findings: Sequence[Finding],
                      rubric: Rubric = DEFAULT_RUBRIC) -> ProjectSummary:
    by_severity: dict[Severity, int] = {s: 0 for s in SEVERITIES}
    by_dimension: dict[Dimension, dict[Severity, int]] = {d: {s: 0 for s in SEVERITIES} for d in DIMENSIONS}
    for f in findings:
        by_severity[f.severity] += 1
        by_dimension[f.dimension][f.severity] += 1
    points = score(findings, rubric)
    return ProjectSummary(project=project.name, department=project.department, year=project.year,
                          line=project.source.line, score=points, grade=grade(points, rubric),
                          by_severity=by_severity, by_dimension=by_dimension)


@dataclass(frozen=True)
class DepartmentSummary:
    """One department's year: which rules fire most, which projects need most work."""

    department: str | None
    year: int | None
    projects: int
    grades: dict[str, int]
    rules: list[tuple[str, int, int]]  # (rule code, findings, projects it fires on), most first
    worst: list[ProjectSummary]  # lowest score first


def summarise_department(reviewed: Sequence[tuple[Project, Sequence[Finding]]],
                         rubric: Rubric = DEFAULT_RUBRIC) -> list[DepartmentSummary]:
    """One summary per (department, year) among the reviewed projects, in first-seen order."""
    groups: dict[tuple[str | None, int | None], list[tuple[Project, Sequence[Finding]]]] = {}
    for project, findings in reviewed:
        groups.setdefault((project.department, project.year), []).append((project, findings))
    return [_summarise_group(dept, year, items, rubric) for (dept, year), items in groups.items()]


def _summarise_group(department: str | None, year: int | None,
                     items: list[tuple[Project, Sequence[Finding]]], rubric: Rubric) -> DepartmentSummary:
    findings_per_rule: Counter[str] = Counter()
    projects_per_rule: Counter[str] = Counter()
    summaries = []
    for project, findings in items:
        findings_per_rule.update(f.rule for f in findings)
        projects_per_rule.update({f.rule for f in findings})
        summaries.append(summarise_project(project, findings, rubric))
    rules = sorted(((code, n, projects_per_rule[code]) for code, n in findings_per_rule.items()),
                   key=lambda r: (-r[1], -r[2], r[0]))
    worst = sorted(summaries, key=lambda s: (s.score, -s.total))
    grades = Counter(s.grade for s in summaries)
    return DepartmentSummary(department=department, year=year, projects=len(items),
                             grades={name: grades.get(name, 0) for _, name in rubric.grades},
                             rules=rules, worst=worst)


def project_summary_to_dict(summary: ProjectSummary) -> dict[str, Any]:
    return {
        "project": summary.project, "department": summary.department, "year": summary.year,
        "line": summary.line, "score": str(summary.score), "grade": summary.grade,
        "grade_en": GRADE_EN.get(summary.grade, summary.grade),
        "by_severity": summary.by_severity, "by_dimension": summary.by_dimension,
    }


def department_summary_to_dict(summary: DepartmentSummary) -> dict[str, Any]:
    return {
        "department": summary.department, "year": summary.year, "projects": summary.projects,
        "grades": summary.grades,
        "rules": [{"rule": code, "findings": n, "projects": p} for code, n, p in summary.rules],
        "worst": [{"project": s.project, "score": str(s.score), "grade": s.grade} for s in summary.worst],
    }
