"""Reading many projects: the filtered, searched, sorted list and the yearly overview's figures.

Search is a substring match on ``Project.search_text`` (name, facts, narrative fields and indicator
names, case-folded): Chinese has no spaces between words, so word-based full-text search would miss
most queries. ``search.py`` answers it through an n-gram index on either database.
"""

from __future__ import annotations

import hashlib
from array import array
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db.models import Count, Q, QuerySet, Sum
from django.http import QueryDict

from jixiao.core import frameworks
from jixiao.web.projects import caching, search
from jixiao.web.projects.models import Indicator, Project

SORTS = {
    "name": ("name", "id"), "-name": ("-name", "-id"),
    "year": ("year", "name", "id"), "-year": ("-year", "name", "id"),
    "budget": ("budget_current_year", "id"), "-budget": ("-budget_current_year", "-id"),
    "department": ("department__name", "name", "id"), "-updated": ("-updated_at", "-id"),
}
DEFAULT_SORT = "-year"


@dataclass
class ProjectFilter:
    department: int | None = None
    year: int | None = None
    category: str = ""
    performance_type: str = ""
    budget_min: Decimal | None = None
    budget_max: Decimal | None = None
    q: str = ""
    sort: str = DEFAULT_SORT
    errors: list[str] = field(default_factory=list)

    @classmethod
    def from_query(cls, data: QueryDict | dict[str, Any]) -> ProjectFilter:
        """Parse the list's query string; unusable values are ignored and reported, never a 500."""
        f = cls()
        f.department = f._int(data.get("department"), "department")
        f.year = f._int(data.get("year"), "year")
        f.category = str(data.get("category") or "").strip()[:200]
        f.performance_type = str(data.get("performance_type") or "").strip()[:200]
        f.budget_min = f._decimal(data.get("budget_min"), "budget_min")
        f.budget_max = f._decimal(data.get("budget_max"), "budget_max")
        f.q = str(data.get("q") or "").strip()[:200]
        sort = str(data.get("sort") or DEFAULT_SORT)
        f.sort = sort if sort in SORTS else DEFAULT_SORT
        return f

    def _int(self, raw: Any, name: str) -> int | None:
        if raw in (None, ""):
            return None
        try:
            return int(raw)
        except (TypeError, ValueError):
            self.errors.append(name)
            return None

    def _decimal(self, raw: Any, name: str) -> Decimal | None:
        if raw in (None, ""):
            return None
        try:
            value = Decimal(str(raw).replace(",", ""))
        except InvalidOperation:
            self.errors.append(name)
            return None
        if not value.is_finite():
            self.errors.append(name)
            return None
        return value

    def key(self) -> str:
        """The filter as a short cache key (the count of its results is cached per data version)."""
        text = repr((self.department, self.year, self.category, self.performance_type, str(self.budget_min),
                     str(self.budget_max), search.clean(self.q)))
        return hashlib.sha256(text.encode()).hexdigest()[:32]

    def only_year_and_department(self) -> bool:
        """No filter but the year and the department (and the search term): a ``SearchListing`` serves it."""
        return not (self.category or self.performance_type or self.budget_min is not None
                    or self.budget_max is not None)

    def apply(self, queryset: QuerySet[Project]) -> QuerySet[Project]:
        conditions = Q()
        if self.department is not None:
            conditions &= Q(department_id=self.department)
        if self.year is not None:
            conditions &= Q(year=self.year)
        if self.category:
            conditions &= Q(category=self.category)
        if self.performance_type:
            conditions &= Q(performance_type=self.performance_type)
        if self.budget_min is not None:
            conditions &= Q(budget_current_year__gte=self.budget_min)
        if self.budget_max is not None:
            conditions &= Q(budget_current_year__lte=self.budget_max)
        if q := search.clean(self.q):
            conditions &= search.condition(q)
        return queryset.filter(conditions).order_by(*SORTS[self.sort])


def list_columns(queryset: QuerySet[Project]) -> QuerySet[Project]:
    """Only what the list shows: the narrative fields are long and not needed there."""
    return queryset.select_related("department").only(
        "id", "name", "year", "category", "performance_type", "budget_current_year", "budget_total",
        "indicator_count", "quantified_count", "updated_at", "department__name")


class Listing:
    """A filtered, sorted list for the paginator: its count is cached per filter and data version, and a
    page is found by id first (the filter and sort can use indexes alone), then only those rows are read
    with the list's columns — the wide rows with their narratives are never read to be skipped."""

    ordered = True

    def __init__(self, queryset: QuerySet[Project], key: str, version: int | None = None) -> None:
        self.queryset = queryset
        self.key = key
        self.version = version

    def count(self) -> int:
        return caching.cached(f"count:{self.key}", self.queryset.count, version=self.version)

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Project]:
        ids = list(self.queryset.values_list("pk", flat=True)[window])
        found = list_columns(Project.objects.filter(pk__in=ids)).in_bulk()
        return [found[pk] for pk in ids if pk in found]


@dataclass
class Matches:
    """The projects that contain a term, in the list's order, as compact arrays: all of them, and each
    year's (a year's projects keep the same order)."""

    ids: array = field(default_factory=lambda: array("q"))
    departments: array = field(default_factory=lambda: array("q"))
    by_year: dict[int, tuple[array, array]] = field(default_factory=dict)

    def add(self, pk: int, year: int, department: int) -> None:
        self.ids.append(pk)
        self.departments.append(department)
        ids, departments = self.by_year.setdefault(year, (array("q"), array("q")))
        ids.append(pk)
        departments.append(department)

    def select(self, year: int | None, department: int | None) -> array | list[int]:
        ids, departments = (self.ids, self.departments) if year is None else \
            self.by_year.get(year, (array("q"), array("q")))
        if department is None:
            return ids
        return [pk for pk, d in zip(ids, departments, strict=True) if d == department]


@dataclass
class Order:
    """Every project a user sees, in the list's order, as compact arrays: what each term's ``Matches``
    are kept from."""

    ids: array
    years: array
    departments: array

    @classmethod
    def from_rows(cls, rows: list[tuple[int, int, int]]) -> Order:
        """From (id, year, department) rows in the list's order."""
        ids, years, departments = zip(*rows, strict=True) if rows else ((), (), ())
        return cls(array("q", ids), array("q", years), array("q", departments))

    def keeping(self, wanted: set[int]) -> Matches:
        """The projects in ``wanted``, in this order."""
        kept = Matches()
        for pk, year, department in zip(self.ids, self.years, self.departments, strict=True):
            if pk in wanted:
                kept.add(pk, year, department)
        return kept


class SearchListing:
    """A searched list for the paginator, filtered by year and department at most.

    Finding the projects that contain a common term (most projects, on a large database) is the costly
    part: it is done once per term, sort, visibility and data version and kept in the cache (``Matches``).
    The index gives the ids of the projects that contain the term; every project the user sees, in the
    sort's order, is read once per sort, visibility and data version for all terms (``_everything``), and
    a term's matches are those of them it found: sorting and reading again every project a common term
    finds took most of its time. Each request then takes the year and department it wants and the page's
    slice from them, and reads only the page's rows."""

    ordered = True

    def __init__(self, visible: QuerySet[Project], f: ProjectFilter, scope: str, version: int | None = None) -> None:
        self.visible, self.f, self.scope, self.version = visible, f, scope, version
        self._ids: array | list[int] | None = None

    def _matches(self) -> Matches:
        q = search.clean(self.f.q)
        key = f"matches:{self.scope}:{self.f.sort}:{hashlib.sha256(q.encode()).hexdigest()[:32]}"

        def compute() -> Matches:
            return self._everything().keeping(search.matching_ids(q))

        return caching.cached(key, compute, version=self.version)

    def _everything(self) -> Order:
        def compute() -> Order:
            return Order.from_rows(list(self.visible.order_by(*SORTS[self.f.sort])
                                        .values_list("pk", "year", "department_id")))

        return caching.cached(f"ordered:{self.scope}:{self.f.sort}", compute, version=self.version)

    def ids(self) -> array | list[int]:
        if self._ids is None:
            self._ids = self._matches().select(self.f.year, self.f.department)
        return self._ids

    def count(self) -> int:
        return len(self.ids())

    def __len__(self) -> int:
        return self.count()

    def __getitem__(self, window: slice) -> list[Project]:
        ids = list(self.ids()[window])
        found = list_columns(Project.objects.filter(pk__in=ids)).in_bulk()
        return [found[pk] for pk in ids if pk in found]


def listing(visible: QuerySet[Project], f: ProjectFilter, scope: str,
            version: int | None = None) -> Listing | SearchListing:
    """The list's rows for the paginator: a search by term (with a year or department at most) from its
    cached matches, anything else by the database."""
    if search.clean(f.q) and f.only_year_and_department():
        return SearchListing(visible, f, scope, version)
    return Listing(f.apply(visible), f"{scope}:{f.key()}", version)


def choices(queryset: QuerySet[Project], column: str) -> list[str]:
    return [v for v in queryset.order_by(column).values_list(column, flat=True).distinct() if v]


def years(queryset: QuerySet[Project]) -> list[int]:
    return list(queryset.order_by("-year").values_list("year", flat=True).distinct())


# --- the overview ----------------------------------------------------------------------------------


@dataclass
class Overview:
    year: int | None
    projects: int
    budget: Decimal
    indicators: int
    quantified: int
    by_department: list[dict[str, Any]]
    by_category: list[dict[str, Any]]
    by_performance_type: list[dict[str, Any]]
    by_level: list[dict[str, Any]]

    @property
    def quantified_share(self) -> float:
        return self.quantified / self.indicators if self.indicators else 0.0


GROUPS = {"by_department": "department__name", "by_category": "category", "by_performance_type": "performance_type"}


def _no_figures() -> dict[str, Any]:
    return {"projects": 0, "budget": Decimal(0), "indicators": 0, "quantified": 0}


def _project_figures(projects: QuerySet[Project]) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """The year's totals and its projects grouped by department, category and performance type, from one
    pass over the projects (grouped by all three at once, a few hundred groups, summed up here): the
    project rows are wide, and reading them once rather than four times is most of a cold overview."""
    rows = (projects.values(*GROUPS.values()).order_by()
            .annotate(projects=Count("id"), budget=Sum("budget_current_year"), indicators=Sum("indicator_count"),
                      quantified=Sum("quantified_count")))
    zeros, totals = _no_figures(), _no_figures()
    grouped: dict[str, dict[str, dict[str, Any]]] = {name: {} for name in GROUPS}
    for r in rows:
        figures = {key: r[key] or zero for key, zero in zeros.items()}
        for key, value in figures.items():
            totals[key] += value
        for name, column in GROUPS.items():
            label = r[column] or "—"
            found = grouped[name].setdefault(label, {"label": label, **_no_figures()})
            for key, value in figures.items():
                found[key] += value
    # the largest budget first, then by name
    return totals, {name: sorted(groups.values(), key=lambda g: (-g["budget"], g["label"]))
                    for name, groups in grouped.items()}


def overview(visible: QuerySet[Project], year: int | None, department_id: int | None) -> Overview:
    """The year's figures over the visible projects (``department_id``: the one department the user sees)."""
    totals, groups = _project_figures(visible.filter(year=year))
    indicators = Indicator.objects.filter(year=year)
    if department_id is not None:
        indicators = indicators.filter(department_id=department_id)
    levels = (indicators.values("level1", "level2")
              .annotate(n=Count("id"), quantified=Count("id", filter=Q(target_kind__in=("numeric", "deadline"))))
              .order_by("level1", "-n"))
    return Overview(
        year=year, projects=totals["projects"], budget=totals["budget"], indicators=totals["indicators"],
        quantified=totals["quantified"], **groups,
        by_level=sorted(({"level1": r["level1"] or "—", "level2": r["level2"] or "—", "n": r["n"],
                          "quantified": r["quantified"]} for r in levels), key=_branch_order),
    )


def _branch_order(row: dict[str, Any]) -> tuple[int, int, str, str]:
    """As the printed table orders its branches (the Shanghai framework), unknown branches last."""
    fw = frameworks.get("shanghai-2020")
    l1 = fw.level1.index(row["level1"]) if row["level1"] in fw.level1 else len(fw.level1)
    l2s = fw.level2.get(row["level1"], ())
    l2 = l2s.index(row["level2"]) if row["level2"] in l2s else len(l2s)
    return l1, l2, row["level1"], row["level2"]
