"""What every rule needs to know about one project, worked out once: its framework, and for each
indicator its branch category, a comparable name and a label to show the reviewer."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from jixiao.core import frameworks
from jixiao.core.frameworks import Framework, label_key
from jixiao.core.model import Indicator, Project, TargetValue
from jixiao.core.review.config import Options
from jixiao.core.review.registry import Hit
from jixiao.core.review.words import asks_for_number, bare_name, is_placeholder, is_vague_text, name_key


@dataclass(slots=True, eq=False)
class IndicatorView:
    """One indicator as the rules see it (not frozen: built for every indicator of every review, and
    a frozen dataclass is several times slower to construct)."""

    index: int
    indicator: Indicator
    target: TargetValue
    category: str | None
    name: str
    key: str  # name_key(name)
    bare: str  # bare_name(name)
    branch_bare: frozenset[str]  # bare_name of its 一级 and 二级 labels
    line: int | None
    is_cost: bool  # in a cost branch: category "cost", or a second level named …成本 (Shanghai 产出目标/成本)
    placeholder: bool  # words.is_placeholder with the options' lists
    wants_number: bool  # a number was possible: a cost, or words.asks_for_number
    vague: bool  # a grade or phrase without a figure (words.is_vague_text)

    @property
    def label(self) -> str:
        return indicator_label(self.indicator)

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


@lru_cache(maxsize=4096)
def _branch(code: str | None, level1: str | None, level2: str | None) -> tuple[str | None, bool, frozenset[str]]:
    """(category, is a cost branch, bare names of both labels) of one branch, worked out once."""
    category = _category(code, level1, level2) if code else None
    is_cost = category == "cost" or (bool(level2) and label_key(level2 or "").endswith("成本"))
    return category, is_cost, frozenset(bare_name(label) for label in (level1, level2) if label)


def indicator_label(indicator: Indicator) -> str:
    parts = [indicator.level1 or "?", indicator.level2 or "?", indicator.name or "（无名称）"]
    return "/".join(parts)


class Lexicon:
    """The word-level facts of names and values under one Options, memoised by text: names repeat
    across projects, and hashing the options' word lists on every lookup would cost more than the
    lookup itself."""

    LIMIT = 100_000

    def __init__(self, options: Options) -> None:
        self.options = options
        self._names: dict[str, tuple[str, str, bool, bool]] = {}
        self._vague: dict[str, bool] = {}

    def name(self, name: str) -> tuple[str, str, bool, bool]:
        """(name_key, bare_name, is a placeholder, asks for a number) of an indicator name."""
        facts = self._names.get(name)
        if facts is None:
            o = self.options
            facts = (name_key(name), bare_name(name), is_placeholder(name, o.placeholder_stems, o.placeholder_names),
                     asks_for_number(name, o.number_suffixes))
            if len(self._names) > self.LIMIT:
                self._names.clear()
            self._names[name] = facts
        return facts

    def vague(self, raw: str) -> bool:
        found = self._vague.get(raw)
        if found is None:
            found = is_vague_text(raw, self.options.zero_words)
            if len(self._vague) > self.LIMIT:
                self._vague.clear()
            self._vague[raw] = found
        return found


_LEXICONS: dict[int, Lexicon] = {}


def lexicon(options: Options) -> Lexicon:
    found = _LEXICONS.get(id(options))
    if found is None or found.options is not options:
        if len(_LEXICONS) > 64:
            _LEXICONS.clear()
        found = _LEXICONS[id(options)] = Lexicon(options)
    return found


def _view(index: int, ind: Indicator, code: str | None, words: Lexicon) -> IndicatorView:
    category, is_cost, branch_bare = _branch(code, ind.level1, ind.level2)
    name = (ind.name or "").strip()
    key, bare, placeholder, asks_number = words.name(name)
    target = ind.target
    vague = target.kind in ("qualitative", "text") and words.vague(target.raw)
    # Positional, in field order: built for every indicator of every review, and keywords cost 40 % more.
    return IndicatorView(index, ind, target, category, name, key, bare, branch_bare, ind.source.line, is_cost,
                         placeholder, is_cost or asks_number, vague)


def build(project: Project, options: Options) -> Context:
    framework = project_framework(project)
    code = framework.code if framework else None
    words = lexicon(options)
    views = tuple(_view(i, ind, code, words) for i, ind in enumerate(project.indicators))
    return Context(project=project, framework=framework, options=options, indicators=views)
