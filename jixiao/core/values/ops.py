"""Operators around a value: the one written before it, the one a suffix implies, and how they combine."""

from __future__ import annotations

from jixiao.core.values.lexicon import DATE_SUFFIX_OPS, DOWN, NUMBER_SUFFIX_OPS, PREFIX_OP_RE, PREFIX_OPS, UP

_PREFIX_STARTS = frozenset(word[0] for word in PREFIX_OPS)


def split_prefix(text: str) -> tuple[str | None, str]:
    """(operator, rest) of ``≥1000家`` or ``不低于90%``; (None, text) when nothing is written before."""
    if text[:1] not in _PREFIX_STARTS:  # most values start with a digit: skip the long alternation
        return None, text
    match = PREFIX_OP_RE.match(text)
    if match is None:
        return None, text
    return PREFIX_OPS[match.group()], text[match.end():]


_SUFFIX_ENDS = frozenset(word[-1] for word, _ in NUMBER_SUFFIX_OPS + DATE_SUFFIX_OPS)


def split_suffix(text: str, suffixes: tuple[tuple[str, str], ...]) -> tuple[str | None, str]:
    """(operator, rest) of ``90%以上`` or ``4月30日前``; suffixes are tried longest first."""
    if text[-1:] not in _SUFFIX_ENDS:
        return None, text
    for word, op in suffixes:
        if text.endswith(word):
            return op, text[: -len(word)]
    return None, text


def merge_ops(*ops: str | None) -> tuple[bool, str | None]:
    """One operator from those written and implied, or (False, None) when they contradict.

    "=" is how a table column is filled rather than a claim ("=90%以上" means ``>=``), so it yields
    to any directional word; words pointing the same way agree and the first (the prefix) wins.
    """
    written = [op for op in ops if op]
    if len(written) < 2:  # the common case: at most one operator, nothing to reconcile
        return True, written[0] if written else None
    directional = [op for op in written if op != "="]
    if not directional:
        return True, "=" if written else None
    first = directional[0]
    side = UP if first in UP else DOWN
    if all(op in side for op in directional):
        return True, first
    return False, None
