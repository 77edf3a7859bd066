"""The project list (filters, Chinese substring search, sort, pages) and the yearly overview."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.django_db


def _names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.name for p in response.context["page"].object_list]


def test_search_is_a_chinese_substring_over_names_and_narratives(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("reviewer")
    assert _names(client.get("/projects/", {"q": "港口"})) == ["2019年度港口建设费地方留存部分退付保障资金"]
    assert "打响上海购物品牌" in _names(client.get("/projects/", {"q": "消费城市"}))  # in 立项依据 only
    assert _names(client.get("/projects/", {"q": "不存在的词"})) == []


def test_filters_and_sort(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    by_budget = _names(client.get("/projects/", {"sort": "-budget"}))
    assert by_budget[0] == "单一窗口经费—运维费"  # 148,000,000 元
    cheap = client.get("/projects/", {"budget_max": "10,000,000"}).context["page"].object_list
    assert cheap and all(p.budget_current_year <= 10_000_000 for p in cheap)
    assert len(_names(client.get("/projects/", {"performance_type": "政策补贴类"}))) >= 1
    assert _names(client.get("/projects/", {"year": "2019"})) == []
    assert len(_names(client.get("/projects/", {"category": "其他一次性项目"}))) == 6


def test_bad_filters_are_ignored_and_reported(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("editor_a").get("/projects/", {"year": "abc", "budget_min": "lots", "sort": "evil"})
    assert response.status_code == 200 and len(_names(response)) == 8
    assert "部分筛选条件无效" in response.content.decode()


def test_htmx_request_gets_only_the_results(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("editor_a").get("/projects/", {"q": "港口"},
                                         headers={"HX-Request": "true", "HX-Target": "results"})
    page = response.content.decode()
    assert "<html" not in page and "港口建设费" in page


def test_pagination(seed, client_as, settings) -> None:  # type: ignore[no-untyped-def]
    from jixiao.web.projects import views

    original = views.Paginator
    views.Paginator = lambda qs, n: original(qs, 3)  # type: ignore[assignment,misc]
    try:
        client = client_as("editor_a")
        first = client.get("/projects/", {"sort": "name"})
        third = client.get("/projects/", {"sort": "name", "page": "3"})
        beyond = client.get("/projects/", {"sort": "name", "page": "99"})
    finally:
        views.Paginator = original  # type: ignore[misc]
    assert len(_names(first)) == 3 and len(_names(third)) == 2
    assert _names(beyond) == _names(third)
    assert "page=2" in first.content.decode()


def test_other_department_sees_nothing_in_list_and_overview(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_b")
    assert _names(client.get("/projects/")) == []
    assert client.get("/overview/").context["o"].projects == 0


def test_overview_figures(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("reviewer").get("/overview/", {"year": "2020"})
    o = response.context["o"]
    assert o.projects == 8 and o.indicators == sum(p.indicator_count for p in seed)
    assert 0 < o.quantified < o.indicators
    assert o.budget == sum(p.budget_current_year or 0 for p in seed)
    assert o.by_department[0]["label"] == "上海市商务委员会"
    levels = {(r["level1"], r["level2"]): r["n"] for r in o.by_level}
    assert levels[("产出目标", "数量")] >= 8
    page = response.content.decode()
    assert "<svg" in page and "量化指标" in page and 'scope="col"' in page


def test_overview_groups_from_one_pass_match_each_column_grouped_on_its_own(db) -> None:  # type: ignore[no-untyped-def]
    """The overview reads the year's projects once, grouped by department, category and performance type
    together, and sums the groups up: the same figures as grouping by each column separately in SQL."""
    from decimal import Decimal

    from django.db.models import Count, Sum

    from bench.corpus import generate_projects
    from jixiao.web.projects import queries
    from jixiao.web.projects.importing import import_projects
    from jixiao.web.projects.models import Project, SourceDocument

    import_projects(None, generate_projects(120, 5), SourceDocument(name="g", sha256="a" * 64))
    Project.objects.filter(pk__in=Project.objects.order_by("pk").values("pk")[:7]).update(category=None,
                                                                                          budget_current_year=None)
    for year in Project.objects.values_list("year", flat=True).distinct():
        o = queries.overview(Project.objects.all(), year, None)
        projects = Project.objects.filter(year=year)
        for name, column in queries.GROUPS.items():
            expected = {(r[column] or "—"): (r["n"], r["b"] or Decimal(0), r["i"], r["q"]) for r in
                        projects.values(column).annotate(n=Count("id"), b=Sum("budget_current_year"),
                                                         i=Sum("indicator_count"), q=Sum("quantified_count"))}
            found = {g["label"]: (g["projects"], g["budget"], g["indicators"], g["quantified"])
                     for g in getattr(o, name)}
            assert found == expected and len(expected) > 1
            budgets = [g["budget"] for g in getattr(o, name)]
            assert budgets == sorted(budgets, reverse=True)
        assert (o.projects, o.indicators) == (projects.count(), sum(p.indicator_count for p in projects))


def test_overview_and_choices_follow_every_change(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    assert client.get("/overview/").context["o"].projects == 8
    assert "专项资金" in client.get("/projects/").context["categories"]
    response = client.post(f"/projects/{seed[0].pk}/copy/")
    assert response.status_code == 302
    assert client.get("/overview/", {"year": "2021"}).context["o"].projects == 1
    assert client.get("/projects/").context["years"] == [2021, 2020]
