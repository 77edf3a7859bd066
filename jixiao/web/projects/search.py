"""Substring search over ``Project.search_text`` through an index, with the results of a plain scan.

Chinese has no spaces between words, so the search is by substring (``q in search_text``, both
case-folded), and the index is over character n-grams rather than words:

- SQLite: an FTS5 table with the ``trigram`` tokenizer (case-sensitive: the text is case-folded
  already), kept in step by triggers on ``projects_project`` in the same transaction as every write.
  A query of three or more characters is the phrase of its trigrams: exact. A query of one or two
  characters is every trigram that starts with it (read from the index's vocabulary), OR-ed: the text
  is indexed with two sentinel characters appended, so every occurrence of a character starts a
  trigram — exact as well.
- PostgreSQL: a GIN index over the text's distinct bigrams (a tsvector built by ``array_to_tsvector``,
  no parser, no positions), maintained by PostgreSQL itself. Two characters: the bigram; one
  character: the bigrams it begins (a prefix query; one sentinel appended, so the last character
  begins one too); three or more: every bigram of the query, then the substring test on the rows that have them all.

The sentinels are control characters, which neither the stored text nor a query may contain
(``clean`` removes them), so they never match anything themselves.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager

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
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f\ufffe\uffff]")


def clean(text: str) -> str:
    """Text as stored and searched: case-folded, without the control characters the index reserves."""
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


@contextmanager
def bulk_indexing() -> Iterator[Callable[[int, int], None]]:
    """For the import's bulk path (inside its transaction): new projects are indexed by the function
    this yields, for a range of ids at a time, instead of one by one. PostgreSQL maintains its index
    itself, so there the function does nothing; the GIN index's pending list is allowed to grow larger
    and is merged with more memory (for this transaction only): a third less server time per project.
    SQLite: FTS5 merges its segments 16 at a time rather than 4 during the bulk, so that each entry is
    rewritten about half as often (the setting is the index's own, restored before the transaction ends)."""
    if connection.vendor != "sqlite":
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET LOCAL work_mem = '256MB'")
                cursor.execute("SET LOCAL gin_pending_list_limit = '64MB'")
        yield lambda low, high: None
        return
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO projects_search_deferred (id) VALUES (1)")
        cursor.execute(f"SELECT v FROM {FTS_TABLE}_config WHERE k = 'automerge'")
        automerge = cursor.fetchone()
        cursor.execute(f"INSERT INTO {FTS_TABLE} ({FTS_TABLE}, rank) VALUES ('automerge', {BULK_AUTOMERGE})")
        try:
            yield _index_range
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


# --- PostgreSQL: GIN over bigrams ----------------------------------------------------------------------


def _lexeme(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "''") + "'"


def _postgres_found(q: str) -> tuple[str, tuple[str, ...]]:
    """The ids of the projects containing ``q``, read through the index: SQL and its parameters. Three
    characters or more: the rows with all the query's bigrams are checked for the substring in the same scan."""
    if len(q) == 1:
        query = _lexeme(q) + ":*"
    else:
        query = " & ".join(_lexeme(b) for b in dict.fromkeys(q[n:n + 2] for n in range(len(q) - 1)))
    sql = "SELECT id FROM projects_project WHERE jixiao_search_vector(search_text) @@ %s::tsquery"
    if len(q) > 2:
        return sql + " AND strpos(search_text, %s) > 0", (query, q)
    return sql, (query,)


def _postgres_condition(q: str) -> Q:
    # Materialized, so that PostgreSQL answers it from the index alone: evaluated row by row (e.g. while
    # walking the list's sort order) the bigram function would run over every text it passes.
    sql, params = _postgres_found(q)
    return Q(pk__in=RawSQL(f"WITH found AS MATERIALIZED ({sql}) SELECT id FROM found", params))
