"""Indicator frameworks (指标体系) as data, not enums.

A framework names its first- and second-level branches, gives each a scoring category
(management, output, cost, outcome, satisfaction) and maps its branches onto other frameworks, so
that the same project can be shown and compared in either. The built-in frameworks are the JSON
files beside this module; ``register`` adds another exactly as the built-ins are added.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache, lru_cache
from importlib import resources

Category = str  # "management" | "output" | "cost" | "outcome" | "satisfaction"

# "产出指标(50分)", "产出指标（50分）", "数量指标 20分": points written into a branch label.
_POINTS = re.compile(r"\s*[（(]?\s*(\d+(?:\.\d+)?)\s*分\s*[)）]?\s*$")
_SPACE = re.compile(r"\s+")


@lru_cache(maxsize=16384)
def split_points(label: str) -> tuple[str, str | None]:
    """A branch label without the points written into it, and those points ("产出指标(50分)")."""
    match = _POINTS.search(label)
    if not match or match.start() == 0:
        return label.strip(), None
    return label[: match.start()].strip(), match.group(1)


@lru_cache(maxsize=16384)
def label_key(label: str) -> str:
    """The comparable form of a branch label: no spaces, no points, no 指标/目标 suffix."""
    text, _ = split_points(_SPACE.sub("", label))
    for suffix in ("指标", "目标"):
        if text.endswith(suffix) and len(text) > len(suffix):
            text = text[: -len(suffix)]
    return text


@dataclass(frozen=True)
class Branch:
    level1: str
    level2: str | None
    category: Category


@dataclass(frozen=True)
class Framework:
    code: str
    name: str
    name_en: str
    source: str
    level1: tuple[str, ...]
    level2: dict[str, tuple[str, ...]]
    categories: dict[tuple[str, str | None], Category]
    aliases: dict[str, str] = field(default_factory=dict)
    mappings: dict[str, dict[str, str]] = field(default_factory=dict)

    def find_level1(self, label: str) -> str | None:
        key = label_key(self.aliases.get(label, label))
        return next((l1 for l1 in self.level1 if label_key(l1) == key), None)

    def find_level2(self, label: str) -> tuple[str, str] | None:
        """(一级, 二级) for a second-level label of this framework, or None."""
        key = label_key(self.aliases.get(label, label))
        for l1, l2s in self.level2.items():
            for l2 in l2s:
                if label_key(l2) == key:
                    return l1, l2
        return None

    def category(self, level1: str | None, level2: str | None) -> Category | None:
        if level1 is None:
            return None
        l1 = self.find_level1(level1) or level1
        found = self.find_level2(level2) if level2 else None
        l2 = found[1] if found else level2
        return self.categories.get((l1, l2)) or self.categories.get((l1, None))

    def map_to(self, other: str, level1: str, level2: str | None) -> tuple[str, str | None] | None:
        """The branch of framework ``other`` that (level1, level2) of this one corresponds to."""
        table = self.mappings.get(other, {})
        for pattern in (f"{level1}/{level2}", f"{level1}/*"):
            target = table.get(pattern)
            if target:
                t1, _, t2 = target.partition("/")
                return t1, (level2 if t2 == "*" else t2) or None
        return None


_REGISTRY: dict[str, Framework] = {}
_VERSION = [0]  # bumped by every registration, so that caches built from the registry are rebuilt


def from_data(data: dict) -> Framework:
    level1: list[str] = []
    level2: dict[str, tuple[str, ...]] = {}
    categories: dict[tuple[str, str | None], Category] = {}
    for branch in data["branches"]:
        l1 = branch["level1"]
        level1.append(l1)
        categories[(l1, None)] = branch["category"]
        names = []
        for item in branch["level2"]:
            name = item if isinstance(item, str) else item["name"]
            names.append(name)
            categories[(l1, name)] = branch["category"] if isinstance(item, str) else item["category"]
        level2[l1] = tuple(names)
    return Framework(code=data["code"], name=data["name"], name_en=data["name_en"], source=data["source"],
                     level1=tuple(level1), level2=level2, categories=categories,
                     aliases=dict(data.get("aliases", {})), mappings=dict(data.get("mappings", {})))


def register(framework: Framework) -> None:
    _REGISTRY[framework.code] = framework
    _VERSION[0] += 1
    _detect.cache_clear()


def unregister(code: str) -> None:
    if _REGISTRY.pop(code, None) is not None:
        _VERSION[0] += 1
        _detect.cache_clear()


def registry_version() -> int:
    _load_builtins()
    return _VERSION[0]


@cache
def _load_builtins() -> None:
    for entry in sorted(resources.files(__package__).iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            register(from_data(json.loads(entry.read_text(encoding="utf-8"))))


def all_frameworks() -> list[Framework]:
    _load_builtins()
    return list(_REGISTRY.values())


def get(code: str) -> Framework:
    _load_builtins()
    try:
        return _REGISTRY[code]
    except KeyError:
        raise KeyError(f"unknown framework {code!r}; known: {', '.join(sorted(_REGISTRY))}") from None


def detect(level1_labels: list[str]) -> Framework | None:
    """The framework whose first-level branches best explain the labels seen in a table."""
    return _detect(frozenset(level1_labels))


@lru_cache(maxsize=1024)
def _detect(level1_labels: frozenset[str]) -> Framework | None:
    best: tuple[int, Framework] | None = None
    for fw in all_frameworks():
        exact = sum(1 for label in level1_labels if split_points(label)[0] in fw.level1)
        loose = sum(1 for label in level1_labels if fw.find_level1(label))
        score = exact * 2 + loose
        if score and (best is None or score > best[0]):
            best = (score, fw)
    return best[1] if best else None
