"""The review-rule registry: what a rule is, where it comes from, and how rules are added.

A rule is a small function of one project's review ``Context`` that yields ``Hit``s; its metadata
(code, default severity, review dimension, citation, hint) lives beside it in a ``Rule``. Built-in
rules register through ``rule(...)`` exactly as an extension would.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

from jixiao.core.model import Severity

if TYPE_CHECKING:
    from jixiao.core.review.context import Context

# The four review questions of 财预〔2015〕88号 (绩效目标审核): 完整性, 相关性, 适当性, 可行性.
Dimension = Literal["completeness", "relevance", "appropriateness", "feasibility"]
DIMENSIONS: dict[Dimension, str] = {
    "completeness": "完整性",
    "relevance": "相关性",
    "appropriateness": "适当性",
    "feasibility": "可行性",
}
SEVERITY_ZH: dict[Severity, str] = {"error": "错误", "warning": "警告", "info": "提示"}

CODE_PREFIX = "R-"


@dataclass(frozen=True, slots=True)
class Citation:
    """Where a rule comes from: a regulation and the requirement in it, or documented practice."""

    document: str
    clause: str
    clause_en: str
    kind: Literal["regulation", "practice"] = "regulation"

    def text(self) -> str:
        return f"{self.document}：{self.clause}"


@dataclass(frozen=True, slots=True)
class Hit:
    """One place where a rule fires: the bilingual message and what it points at."""

    message: str
    message_en: str
    indicator: int | None = None
    field: str | None = None
    line: int | None = None


Check = Callable[["Context"], Iterable[Hit]]


@dataclass(frozen=True, slots=True)
class Rule:
    code: str
    severity: Severity
    dimension: Dimension
    title: str
    title_en: str
    source: Citation
    hint: str
    hint_en: str
    check: Check


_REGISTRY: dict[str, Rule] = {}
# Bumped on every change, so that what was planned from the registry can tell it is stale.
_GENERATION: list[int] = [0]


def generation() -> int:
    return _GENERATION[0]


def register(rule: Rule) -> None:
    """Add a rule. Codes are stable identifiers, so registering one twice is a programming error."""
    if not rule.code.startswith(CODE_PREFIX):
        raise ValueError(f"rule code {rule.code!r} must start with {CODE_PREFIX!r}")
    if rule.dimension not in DIMENSIONS:
        raise ValueError(f"rule {rule.code}: unknown dimension {rule.dimension!r}")
    if rule.code in _REGISTRY and _REGISTRY[rule.code].check is not rule.check:
        raise ValueError(f"rule {rule.code} is already registered")
    _REGISTRY[rule.code] = rule
    _GENERATION[0] += 1


def unregister(code: str) -> None:
    _REGISTRY.pop(code, None)
    _GENERATION[0] += 1


def rule(code: str, *, severity: Severity, dimension: Dimension, title: str, title_en: str,
         source: Citation, hint: str, hint_en: str) -> Callable[[Check], Check]:
    """Decorator: register the function below as the check of rule ``code``."""

    def decorate(check: Check) -> Check:
        register(Rule(code=code, severity=severity, dimension=dimension, title=title, title_en=title_en,
                      source=source, hint=hint, hint_en=hint_en, check=check))
        return check

    return decorate


def all_rules() -> list[Rule]:
    """Every registered rule, built-ins first, in registration order."""
    _load_builtins()
    return list(_REGISTRY.values())


def get_rule(code: str) -> Rule:
    _load_builtins()
    try:
        return _REGISTRY[code]
    except KeyError:
        raise KeyError(f"unknown review rule {code!r}") from None


_BUILTINS_LOADED: list[bool] = []


def _load_builtins() -> None:
    if _BUILTINS_LOADED:
        return
    _BUILTINS_LOADED.append(True)
    from jixiao.core.review import rules  # noqa: F401  (registers on import)
