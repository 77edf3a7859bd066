"""What every rule needs to know about one project, worked out once: its framework, and for each
indicator its branch category, a comparable name and a label to show the reviewer."""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from functools import lru_cache

from jixiao.core import frameworks
from jixiao.core.frameworks import Framework, label_key
from jixiao.core.model import Indicator, Project, TargetValue
from jixiao.core.review.config import Options
from jixiao.core.review.registry import Hit

# Spaces and the punctuation that differs between two spellings of one name ("资格审核（含复审）"
# and "资格审核(含复审)"), and a trailing unit in brackets ("项目计划完成率(%)").
_NOISE = re.compile(r"[\s\u3000\"'“”‘’()（）\[\]【】<>《》,，、.。:：;；·_\-—]+")
_UNIT_SUFFIX = re.compile(r"\s*[（(]\s*(?:%|％|百分比|元|万元|个|人|家|次)\s*[)）]\s*$")


def name_key(name: str | None) -> str:
    """The comparable form of an indicator name: no unit suffix, spaces or punctuation."""
    if not name:
        return ""
    return _NOISE.sub("", _UNIT_SUFFIX.sub("", name))


def bare_name(name: str | None) -> str:
    """A name without the words that do not change what it names: a 项目 prefix, a 指标/目标 suffix."""
    key = name_key(name)
    if key.startswith("项目") and len(key) > 2:
        key = key[2:]
    for suffix in ("指标", "目标"):
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
    return key


@dataclass(frozen=True, slots=True)
class IndicatorView:
    index: int
    indicator: Indicator
    category: str | None
    name: str
    key: str
    label: str
    line: int | None
    is_cost: bool  # in a cost branch: category "cost", or a second level named …成本 (Shanghai 产出目标/成本)

    @property
    def target(self) -> TargetValue:
        return self.indicator.target

    def where(self) -> str:
        return f"{self.label}（第{self.line}行）" if self.line is not None else self.label

    def where_en(self) -> str:
        return f"{self.label} (line {self.line})" if self.line is not None else self.label

    def hit(self, message: str, message_en: str) -> Hit:
        return Hit(message=message, message_en=message_en, indicator=self.index, line=self.line)


@dataclass(frozen=True, slots=True)
class Context:
    project: Project
    framework: Framework | None
    options: Options
    indicators: tuple[IndicatorView, ...]

    def project_hit(self, message: str, message_en: str, field: str | None = None,
                    line: int | None = None) -> Hit:
        return Hit(message=message, message_en=message_en, field=field,
                   line=line if line is not None else self.project.source.line)


@lru_cache(maxsize=4096)
def _category(code: str, level1: str | None, level2: str | None) -> str | None:
    return frameworks.get(code).category(level1, level2)


@lru_cache(maxsize=1024)
def _detect(level1_labels: tuple[str, ...]) -> str | None:
    found = frameworks.detect(list(level1_labels))
    return found.code if found else None


def project_framework(project: Project) -> Framework | None:
    """The project's framework as read, else the one its first-level labels suggest."""
    if project.framework:
        try:
            return frameworks.get(project.framework)
        except KeyError:
            return None
    labels = tuple(sorted({i.level1 for i in project.indicators if i.level1}))
    code = _detect(labels) if labels else None
    return frameworks.get(code) if code else None


def _is_cost_branch(framework: Framework | None, indicator: Indicator) -> bool:
    if framework and _category(framework.code, indicator.level1, indicator.level2) == "cost":
        return True
    return bool(indicator.level2) and label_key(indicator.level2 or "").endswith("成本")


def indicator_label(indicator: Indicator) -> str:
    parts = [indicator.level1 or "?", indicator.level2 or "?", indicator.name or "（无名称）"]
    return "/".join(parts)


def build(project: Project, options: Options) -> Context:
    framework = project_framework(project)
    views = tuple(
        IndicatorView(
            index=i, indicator=ind,
            category=_category(framework.code, ind.level1, ind.level2) if framework else None,
            name=(ind.name or "").strip(), key=name_key(ind.name), label=indicator_label(ind),
            line=ind.source.line, is_cost=_is_cost_branch(framework, ind))
        for i, ind in enumerate(project.indicators))
    return Context(project=project, framework=framework, options=options, indicators=views)


def target_number(target: TargetValue) -> Decimal | None:
    """The number of a numeric target (multipliers already applied by the value grammar)."""
    if target.kind != "numeric" or target.value is None:
        return None
    try:
        return Decimal(target.value)
    except (InvalidOperation, ValueError):
        return None


def is_percentage(target: TargetValue) -> bool:
    return target.kind == "numeric" and target.unit in ("%", "％", "百分比")
