"""Findings (审核意见 of the rules) for stored projects, with the rule set the administrator configured."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from jixiao.core import model as core
from jixiao.core.review import Finding, get_rule, review
from jixiao.core.review.config import RuleSet, from_data
from jixiao.core.review.registry import DIMENSIONS, SEVERITY_ZH
from jixiao.core.review.summary import GRADE_EN, ProjectSummary, summarise_project
from jixiao.web.review.models import RuleConfig


def ruleset_data(rows: Iterable[RuleConfig]) -> dict[str, Any]:
    """The core's JSON form of a rule set from the stored rows ("*" applies to every framework)."""
    data: dict[str, Any] = {"rules": {}, "frameworks": {}}
    for row in rows:
        if row.framework == RuleConfig.ALL:
            data["rules"] = row.rules or {}
        else:
            data["frameworks"][row.framework] = row.rules or {}
    return data


def current_ruleset() -> RuleSet:
    """The configured rule set. Codes of rules no longer registered are ignored, not an error: a
    removed extension must not take every review page down."""
    return from_data(ruleset_data(RuleConfig.objects.all()), known_rules=None)


@dataclass
class Reviewed:
    """One project's findings, placed: beside an indicator row, or about the project as a whole."""

    findings: list[Finding]
    summary: ProjectSummary
    by_indicator: dict[int, list[Finding]] = field(default_factory=dict)
    general: list[Finding] = field(default_factory=list)

    @property
    def grade_en(self) -> str:
        return GRADE_EN.get(self.summary.grade, self.summary.grade)


def review_project(p: core.Project, ruleset: RuleSet | None = None) -> Reviewed:
    found = review(p, ruleset if ruleset is not None else current_ruleset())
    reviewed = Reviewed(findings=found, summary=summarise_project(p, found))
    for f in found:
        if f.indicator is not None and 0 <= f.indicator < len(p.indicators):
            reviewed.by_indicator.setdefault(f.indicator, []).append(f)
        else:
            reviewed.general.append(f)
    return reviewed


def rule_title(code: str, english: bool = False) -> str:
    try:
        r = get_rule(code)
    except KeyError:
        return code
    return r.title_en if english else r.title


def finding_view(f: Finding, english: bool) -> dict[str, Any]:
    """What a page shows of one finding, in the page's language."""
    return {
        "rule": f.rule, "severity": f.severity, "severity_label": f.severity if english else SEVERITY_ZH[f.severity],
        "dimension": f.dimension if english else DIMENSIONS[f.dimension],
        "message": f.message_en if english else f.message, "hint": f.hint_en if english else f.hint,
        "source": f"{f.source.document}: {f.source.clause_en}" if english else f"{f.source.document}：{f.source.clause}",
        "indicator": f.indicator, "field": f.field, "line": f.line,
    }
