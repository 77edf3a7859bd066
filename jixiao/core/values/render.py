"""A typed target value back to text: the canonical form, and a description for the editing UI."""

from __future__ import annotations

from jixiao.core.model import TargetValue

OP_SYMBOLS: dict[str, str] = {"=": "=", ">": ">", ">=": "≥", "<": "<", "<=": "≤"}

_DEADLINE_WORDS: dict[str | None, tuple[str, str]] = {
    "<=": ("截止", "by"), "<": ("早于", "before"), "=": ("于", "on"),
    ">=": ("不早于", "not before"), ">": ("晚于", "after"), None: ("时间", "at"),
}
_KIND_WORDS: dict[str, tuple[str, str]] = {"text": ("文本", "text"), "missing": ("未填写", "missing")}


def _symbol(op: str | None) -> str:
    return OP_SYMBOLS.get(op, op) if op else ""


def _date_text(iso: str | None) -> str:
    """A year alone is written ``2020年``: bare ``2020`` would read back as a number."""
    if not iso:
        return ""
    return f"{iso}年" if len(iso) == 4 else iso


def to_text(tv: TargetValue) -> str:
    """The canonical text: ``≥1000家``, ``=100%``, ``≤2020-04-30``, ``2023-07至2024-01``, ``合理``.

    Parsing it again (with the same project year) gives the same kind, op, value, unit and end.
    """
    if tv.kind == "numeric":
        return f"{_symbol(tv.op)}{tv.value or ''}{tv.unit or ''}"
    if tv.kind == "deadline":
        span = _date_text(tv.value) + (f"至{_date_text(tv.end)}" if tv.end else "")
        return _symbol(tv.op) + span
    if tv.kind == "qualitative":
        return tv.value or tv.raw
    if tv.kind == "missing":
        return ""
    return tv.raw


def _describe_deadline(tv: TargetValue, en: bool) -> str:
    if tv.end:
        span = f"{tv.value} {'to' if en else '至'} {tv.end}"
        return f"{_symbol(tv.op)} {span}" if tv.op else span
    zh, english = _DEADLINE_WORDS.get(tv.op, _DEADLINE_WORDS[None])
    if en and tv.op == "=" and len(tv.value or "") < 10:
        english = "in"  # in 2020, in 2020-06; on 2020-06-30
    return f"{english if en else zh} {tv.value}"


def describe(tv: TargetValue, lang: str = "zh") -> str:
    """How the value was understood: ``≥ 1000 家``, ``截止 2020-04-30`` / ``by 2020-04-30``,
    ``定性：合理`` / ``qualitative: 合理``, ``文本`` / ``text``, ``未填写`` / ``missing``."""
    en = lang.lower().startswith("en")
    if tv.kind == "numeric":
        return " ".join(part for part in (_symbol(tv.op), tv.value, tv.unit) if part)
    if tv.kind == "deadline":
        return _describe_deadline(tv, en)
    if tv.kind == "qualitative":
        return f"qualitative: {tv.value}" if en else f"定性：{tv.value}"
    zh, english = _KIND_WORDS.get(tv.kind, _KIND_WORDS["text"])
    return english if en else zh
