"""Substring search over ``Project.search_text`` through an index, with the results of a plain scan.

Chinese has no spaces between words, so the search is by substring (``q in search_text``, both
case-folded), and the index is over character n-grams rather than words:

- SQLite: an FTS5 table with the ``trigram`` tokenizer (case-sensitive: the text is case-folded
  already), kept in step by triggers on ``projects_project`` in the same transaction as every write.
  A query of three or more characters is the phrase of its trigrams: exact. A query of one or two
  characters is every trigram that starts with it (read from the index's vocabulary), OR-ed: the text
  is indexed with two sentinel characters appended, so every occurrence of a character starts a
  trigram — exact as well.
- PostgreSQL: a GIN index over the text's *keys*, integers in a column of their own (``search_keys``,
  migration 0010). The text is taken as UTF-16 code units (a character outside the Basic Multilingual
  Plane is two units, never mistaken for one inside it): every unit ``u`` is the key ``u << 16``, every
  pair of adjacent units ``a, b`` the key ``a << 16 | b`` (no unit is 0, so the two kinds never meet),
  as signed 32-bit integers. One unit: its key; two: theirs; both exact. Three or more: every pair's
  key, then the substring test on the rows that have them all. The import's bulk path computes the keys
  itself (``search_keys``); every other write has the database compute the same (the column's trigger).
  Before, the index was over the text's bigrams as a ``tsvector``, computed by PostgreSQL for every
  imported project: PostgreSQL's time per imported project fell from 1.07–1.11 to 0.82–0.83 ms
  (20,000 projects), and the import's rate rose by a quarter.

The SQLite sentinels are control characters, which neither the stored text nor a query may contain
(``clean`` removes them, and NUL with them), so they never match anything themselves.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Q
from django.db.models.expressions import RawSQL
from django.db.models.lookups import In

from jixiao.web.projects.models import Project

FTS_TABLE = "projects_search"
VOCAB_TABLE = "projects_search_terms"
FTS_MATCHES = f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s"  # the ids of the rows that match
# FTS5 merges this many segments of a level at once during a bulk import (its default is 4).
BULK_AUTOMERGE, FTS5_AUTOMERGE = 16, 4
# Control characters, and halves of surrogate pairs standing alone (no UTF-8 text holds one).
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def clean(text: str) -> str:
    """Text as stored and searched: case-folded, without the control characters the index reserves
    (and without lone surrogates, which neither database can store)."""
    return _CONTROL.sub("", text.casefold())


def condition(q: str) -> Q:
    """Projects whose search text contains ``q`` (already cleaned, not empty)."""
    if connection.vendor == "sqlite":
        return _sqlite_condition(q)
    if connection.vendor == "postgresql":
        return _postgres_condition(q)
    return Q(search_text__contains=q)


def matching_ids(q: str) -> set[int]:
    """The ids of every project whose search text contains ``q`` (cleaned, not empty), in any department,
    straight from the index: a searched list keeps those of the projects it shows, in its own order."""
    params: tuple[str, ...]
    if connection.vendor == "sqlite":
        expression = _fts_expression(q)
        if expression is None:
            return set()
        sql, params = FTS_MATCHES, (expression,)
    elif connection.vendor == "postgresql":
        sql, params = _postgres_found(q)
    else:
        return set(Project.objects.filter(search_text__contains=q).values_list("pk", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return {pk for (pk,) in cursor.fetchall()}


@dataclass(frozen=True)
class BulkIndex:
    """How the import's bulk path indexes the projects it writes (``bulk_indexing``)."""

    # Called with the first and last id of each batch of new projects, once they are written (SQLite).
    index_range: Callable[[int, int], None]
    # The value of the column ``KEYS_COLUMN`` of a new project, from its search text, written with the
    # row (PostgreSQL); None where there is no such column.
    keys: Callable[[str], str] | None


@contextmanager
def bulk_indexing() -> Iterator[BulkIndex]:
    """For the import's bulk path (inside its transaction).

    PostgreSQL: each new row carries its search keys, computed here rather than by the database's
    trigger; the GIN index's pending list is allowed to grow larger and is merged with more memory (for
    this transaction only): a third less server time per project. SQLite: new projects are indexed a
    range of ids at a time instead of one by one, and FTS5 merges its segments 16 at a time rather than 4
    during the bulk, so that each entry is rewritten about half as often (the setting is the index's own,
    restored before the transaction ends)."""
    if connection.vendor != "sqlite":
        keys = None
        if connection.vendor == "postgresql":
            keys = keys_literal
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '256MB'")
                cursor.execute("SET LOCAL gin_pending_list_limit = '64MB'")
        yield BulkIndex(lambda low, high: None, keys)
        return
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO projects_search_deferred (id) VALUES (1)")
        cursor.execute(f"SELECT v FROM {FTS_TABLE}_config WHERE k = 'automerge'")
        automerge = cursor.fetchone()
        cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('automerge', {BULK_AUTOMERGE})")
        try:
            yield BulkIndex(_index_range, None)
        finally:
            cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('automerge', %s)",
                           (automerge[0] if automerge else FTS5_AUTOMERGE,))
            cursor.execute("DELETE FROM projects_search_deferred")


def _index_range(low: int, high: int) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE} (rowid, body) SELECT id, body FROM projects_search_source "
                       "WHERE id BETWEEN %s AND %s", (low, high))


# --- SQLite: FTS5 trigram ----------------------------------------------------------------------------


def _fts_string(text: str) -> str:
    return '"' + text.replace('"', '""') + '"'


# Above this many matches SQLite should not look each one up by id (a project's row is wide: thousands
# of random reads) but walk the list's own index and test each entry against the matches.
FEW_MATCHES = 1000


def _fts_expression(q: str) -> str | None:
    """The FTS5 query for ``q``; None when no indexed text can contain it."""
    if len(q) >= 3:
        return _fts_string(q)
    terms = _terms_starting_with(q)
    return " OR ".join(_fts_string(t) for t in terms) if terms else None


def _sqlite_condition(q: str) -> Q:
    expression = _fts_expression(q)
    if expression is None:
        return Q(pk__in=[])
    matches = RawSQL(FTS_MATCHES, (expression,))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT count(*) FROM ({FTS_MATCHES} LIMIT {FEW_MATCHES + 1})", (expression,))
        few = cursor.fetchone()[0] <= FEW_MATCHES
    # ``id + 0`` is the same test, but the planner cannot drive the query from it by id.
    return Q(pk__in=matches) if few else Q(In(F("pk") + 0, matches))


def _terms_starting_with(prefix: str) -> list[str]:
    last = ord(prefix[-1])
    with connection.cursor() as cursor:
        if last < 0x10FFFF:
            cursor.execute(f"SELECT term FROM {VOCAB_TABLE} WHERE term >= %s AND term < %s",
                           (prefix, prefix[:-1] + chr(last + 1)))
        else:
            cursor.execute(f"SELECT term FROM {VOCAB_TABLE} WHERE term >= %s", (prefix,))
        return [term for (term,) in cursor.fetchall() if term.startswith(prefix)]


# --- PostgreSQL: GIN over integer keys ---------------------------------------------------------------

KEYS_COLUMN = "search_keys"
# The index's expression: the column through an identity function with a high cost, so that the planner
# reads the index rather than test (and read from TOAST) every row's keys in a sequential scan.
INDEXED_KEYS = f"jixiao_search_indexed({KEYS_COLUMN})"
_SWAP = sys.byteorder == "little"


def _int32s(data: bytes | bytearray) -> array[int]:
    """Big-endian groups of four bytes as signed 32-bit integers (PostgreSQL's ``integer``)."""
    values = array("i", data)
    if _SWAP:
        values.byteswap()
    return values


def search_keys(text: str) -> set[int]:
    """The keys of ``text`` (already cleaned) in PostgreSQL's index: each unit alone and each adjacent pair."""
    units = text.encode("utf-16-be")
    n = len(units)
    alone = bytearray(2 * n)  # each unit followed by two zero bytes: u << 16
    alone[0::4], alone[1::4] = units[0::2], units[1::2]
    keys = set(_int32s(alone))
    keys.update(_int32s(units[:n // 4 * 4]))  # the pairs that start at an even unit
    keys.update(_int32s(units[2:2 + max(n - 2, 0) // 4 * 4]))  # and at an odd one
    return keys


def _literal(keys: Iterable[int]) -> str:
    """Integers as PostgreSQL reads an ``integer[]``."""
    return "{" + ",".join(map(str, keys)) + "}"


def keys_literal(text: str) -> str:
    """``search_keys`` of a project with this search text (in no particular order: GIN sorts them itself,
    and sorting here cost the importer what it saved the server)."""
    return _literal(search_keys(text))


def _postgres_found(q: str) -> tuple[str, tuple[str, ...]]:
    """The ids of the projects containing ``q``, read through the index: SQL and its parameters. Three
    units or more: the rows with all the query's pairs are checked for the substring in the same scan."""
    units = len(q.encode("utf-16-be")) // 2
    keys = search_keys(q) if units == 1 else {k for k in search_keys(q) if k & 0xFFFF}  # pairs only
    sql = f"SELECT id FROM projects_project WHERE {INDEXED_KEYS} @> %s::integer[]"
    if units > 2:
        return sql + " AND strpos(search_text, %s) > 0", (_literal(keys), q)
    return sql, (_literal(keys),)


def _postgres_condition(q: str) -> Q:
    # Materialized, so that PostgreSQL answers it from the index alone and once, whatever the outer query.
    sql, params = _postgres_found(q)
    return Q(pk__in=RawSQL(f"WITH found AS MATERIALIZED ({sql}) SELECT id FROM found", params))
