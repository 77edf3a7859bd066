"""Review of targets (绩效目标审核): a registry of small rules and the findings they produce.

``review(project, ruleset)`` runs every enabled rule over one project and returns its findings
(审核意见), each with its rule code, severity, dimension of 财预〔2015〕88号 (完整性, 相关性, 适当性,
可行性), a bilingual message naming the field or indicator and its line, a hint and a citation.
Rules register through ``jixiao.core.review.registry.rule``; ``summary`` grades and aggregates.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from jixiao.core.model import Document, Project, Severity
from jixiao.core.review import context
from jixiao.core.review.config import DEFAULT_RULESET, Options, RuleOverride, RuleSet
from jixiao.core.review.registry import (
    DIMENSIONS,
    Citation,
    Dimension,
    Hit,
    Rule,
    all_rules,
    generation,
    get_rule,
    register,
    rule,
)

__all__ = [
    "DEFAULT_RULESET", "DIMENSIONS", "Citation", "Dimension", "Finding", "Hit", "Options", "Rule",
    "RuleOverride", "RuleSet", "all_rules", "finding_to_dict", "get_rule", "register", "review",
    "review_document", "rule",
]

SEVERITY_ORDER: dict[Severity, int] = {"error": 0, "warning": 1, "info": 2}


@dataclass(frozen=True, slots=True)
class Finding:
    """One rule's result on one project (审核意见): what is wrong, where, why it matters, how to fix it."""

    rule: str
    severity: Severity
    dimension: Dimension
    message: str
    message_en: str
    hint: str
    hint_en: str
    source: Citation
    project: str | None
    indicator: int | None = None
    field: str | None = None
    line: int | None = None


def _finding(r: Rule, severity: Severity, hit: Hit, project: Project) -> Finding:
    return Finding(rule=r.code, severity=severity, dimension=r.dimension, message=hit.message,
                   message_en=hit.message_en, hint=r.hint, hint_en=r.hint_en, source=r.source,
                   project=project.name, indicator=hit.indicator, field=hit.field, line=hit.line)


Plan = list[tuple[Rule, Severity]]
_PLANS: dict[tuple[int, str | None], tuple[RuleSet, int, Plan]] = {}


def plan(ruleset: RuleSet, framework: str | None) -> Plan:
    """The enabled rules and their severities for one framework, resolved once per rule set."""
    key = (id(ruleset), framework)
    cached = _PLANS.get(key)
    if cached is not None and cached[0] is ruleset and cached[1] == generation():
        return cached[2]
    resolved = [(r, sev) for r in all_rules() if (sev := ruleset.resolve(r.code, r.severity, framework))]
    if len(_PLANS) > 256:
        _PLANS.clear()
    _PLANS[key] = (ruleset, generation(), resolved)
    return resolved


def review(project: Project, ruleset: RuleSet = DEFAULT_RULESET) -> list[Finding]:
    """Every finding of every enabled rule on one project, in reading order (line, then severity)."""
    ctx = context.build(project, ruleset.options)
    framework = ctx.framework.code if ctx.framework else project.framework
    found: list[Finding] = []
    for r, severity in plan(ruleset, framework):
        for hit in r.check(ctx):
            found.append(_finding(r, severity, hit, project))
    found.sort(key=_reading_order)
    return found


def _reading_order(f: Finding) -> tuple[bool, int, int]:
    return f.line is None, f.line or 0, SEVERITY_ORDER[f.severity]


def review_document(document: Document, ruleset: RuleSet = DEFAULT_RULESET) -> list[tuple[Project, list[Finding]]]:
    return [(project, review(project, ruleset)) for project in document.projects]


def finding_to_dict(finding: Finding) -> dict[str, Any]:
    return {
        "rule": finding.rule, "severity": finding.severity, "dimension": finding.dimension,
        "dimension_zh": DIMENSIONS[finding.dimension],
        "message": finding.message, "message_en": finding.message_en,
        "hint": finding.hint, "hint_en": finding.hint_en,
        "source": {"document": finding.source.document, "clause": finding.source.clause,
                   "clause_en": finding.source.clause_en, "kind": finding.source.kind},
        "project": finding.project, "indicator": finding.indicator, "field": finding.field,
        "line": finding.line,
    }


def count_by_rule(findings: Iterable[Finding]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for f in findings:
        counts[f.rule] = counts.get(f.rule, 0) + 1
    return counts
