"""What indicator names and target values say, as pure functions of text and the options' word lists.

Names repeat across projects (every table has 预算执行率), so each function is cached on its text.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Spaces and the punctuation that differs between two spellings of one name ("资格审核（含复审）"
# and "资格审核(含复审)"), and a trailing unit in brackets ("项目计划完成率(%)").
_NOISE = re.compile(r"[\s\u3000\"'“”‘’()（）\[\]【】<>《》,，、.。:：;；·_\-—]+")
_UNIT_SUFFIX = re.compile(r"\s*[（(]\s*(?:%|％|百分比|元|万元|个|人|家|次)\s*[)）]\s*$")
_DIGIT = re.compile(r"[0-9０-９]")
_NUMERALS = "0-9０-９一二三四五六七八九十"


@lru_cache(maxsize=65536)
def name_key(name: str | None) -> str:
    """The comparable form of an indicator name: no unit suffix, spaces or punctuation."""
    if not name:
        return ""
    return _NOISE.sub("", _UNIT_SUFFIX.sub("", name))


@lru_cache(maxsize=65536)
def bare_name(name: str | None) -> str:
    """A name without the words that do not change what it names: a 项目 prefix, a 指标/目标 suffix."""
    key = name_key(name)
    if key.startswith("项目") and len(key) > 2:
        key = key[2:]
    for suffix in ("指标", "目标"):
        if key.endswith(suffix) and len(key) > len(suffix):
            key = key[: -len(suffix)]
    return key


@lru_cache(maxsize=256)
def word_pattern(words: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern matching any of ``words`` (a keyword list of the options), compiled once."""
    return re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!)")


def contains_any(text: str, words: tuple[str, ...]) -> bool:
    return bool(words) and word_pattern(words).search(text) is not None


@lru_cache(maxsize=64)
def _placeholder_pattern(stems: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(re.escape(s) for s in sorted(stems, key=len, reverse=True))
    return re.compile(rf"^(?:{alternatives})(?:指标)?[{_NUMERALS}]+$")


@lru_cache(maxsize=65536)
def is_placeholder(name: str, stems: tuple[str, ...], names: tuple[str, ...]) -> bool:
    """数量1, 质量 2, 指标三, 其他指标, or no name at all: a branch word and a number, or a stock word."""
    key = name_key(name)
    if not key:
        return True
    return key in names or name.strip() in names or bool(_placeholder_pattern(stems).match(key))


@lru_cache(maxsize=65536)
def asks_for_number(name: str, suffixes: tuple[str, ...]) -> bool:
    """A count, rate or amount by its name (…率, …数, …满意度) or a "(%)" in it."""
    return "%" in name or "％" in name or name_key(name).endswith(suffixes)


@lru_cache(maxsize=65536)
def is_vague_text(raw: str, zero_words: tuple[str, ...]) -> bool:
    """A grade or phrase without any figure, other than one meaning zero (无, 免费)."""
    text = raw.strip()
    return bool(text) and not _DIGIT.search(text) and text not in zero_words
