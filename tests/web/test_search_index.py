"""The search index gives exactly what a plain substring scan gives, on the seed and on generated data,
for queries of every length, and stays in step with every write (import, edit, create, copy, delete)."""

from __future__ import annotations

import random
from dataclasses import replace

import pytest
from django.db import connection

from jixiao.web.projects import search
from jixiao.web.projects.importing import import_projects
from jixiao.web.projects.models import Project, SourceDocument
from jixiao.web.projects.queries import ProjectFilter
from tests.web.helpers import form_data

pytestmark = pytest.mark.django_db
QUERIES = ["口岸", "港口", "补贴", "消费城市", "电子商务", "营商环境", "冷链物流", "港口建设费", "上海购物",
           "口", "数", "，", "。", "%", "_", "'", '"', "\\", "a", "2020", "2020年", "≥", "不存在的词",
           "第三方评估", "（", "）", "元", "项目", " ", "o'", '"口岸"', "口岸 OR 补贴", "口*", "NEAR"]


def _indexed(q: str) -> set[int]:
    return set(ProjectFilter.from_query({"q": q}).apply(Project.objects.all()).values_list("pk", flat=True))


def _scanned(q: str) -> set[int]:
    wanted = search.clean(q.strip())
    return {pk for pk, text in Project.objects.values_list("pk", "search_text") if wanted in text}


def _samples(rng: random.Random, texts: list[str], n: int) -> list[str]:
    """Substrings of the stored texts, one to six characters long, from anywhere (ends included)."""
    found = []
    for _ in range(n):
        text = rng.choice(texts)
        size = rng.randint(1, 6)
        start = rng.choice([0, max(0, len(text) - size), rng.randrange(max(1, len(text) - size))])
        found.append(text[start:start + size])
    return [q for q in found if q.strip()]


def _check_all(queries: list[str]) -> None:
    for q in queries:
        assert _indexed(q) == _scanned(q), q


def test_seed_queries_match_the_scan(seed) -> None:  # type: ignore[no-untyped-def]
    texts = list(Project.objects.values_list("search_text", flat=True))
    _check_all(QUERIES + _samples(random.Random(3), texts, 150))


def test_generated_projects_match_the_scan(seed) -> None:  # type: ignore[no-untyped-def]
    from bench.corpus import generate_projects  # a package path: tests/data/formats has a corpus module too

    import_projects(None, generate_projects(300, 5), SourceDocument(name="generated", sha256="g" * 64))
    texts = list(Project.objects.values_list("search_text", flat=True))
    _check_all(QUERIES + _samples(random.Random(4), texts, 200))


def test_the_index_follows_edits_copies_and_deletes(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    project = seed[0]
    assert project.pk in _indexed("港口建设费")
    narratives = {f: "" for f in ("overview", "basis", "necessity", "safeguards", "implementation_plan", "goals")}
    data = form_data(project, name="鸬鹚湾疏浚工程", **narratives, ind_level1=["产出目标"], ind_level2=["数量"],
                     ind_name=["疏浚里程"], ind_target=[">=3公里"], ind_line=[""], ind_extra=[""])
    assert client.post(f"/projects/{project.pk}/edit/", data).status_code == 302
    assert _indexed("鸬鹚") == {project.pk} == _scanned("鸬鹚")
    assert project.pk not in _indexed("港口建设费")
    assert _indexed("港口建设费") == _scanned("港口建设费")
    assert client.post(f"/projects/{project.pk}/copy/").status_code == 302
    copies = _indexed("鸬鹚湾")
    assert len(copies) == 2 and copies == _scanned("鸬鹚湾")
    Project.objects.filter(pk=project.pk).delete()
    assert _indexed("鸬鹚") == _scanned("鸬鹚") and len(_indexed("鸬鹚")) == 1


def test_control_characters_neither_stored_nor_searched(seed) -> None:  # type: ignore[no-untyped-def]
    assert search.clean("A\x01b\x02C\uffff\n") == "abc\n"
    assert _indexed("\x02") == _indexed("") == {p.pk for p in seed}


def _listed(client, **query: str) -> list[int]:  # type: ignore[no-untyped-def]
    """Every page of the list page for ``query``, in order."""
    found: list[int] = []
    page = 1
    while True:
        response = client.get("/projects/", {**query, "page": str(page)})
        assert response.status_code == 200
        found.extend(p.pk for p in response.context["page"].object_list)
        if not response.context["page"].has_next():
            return found
        page += 1


def test_searched_list_pages_are_the_scan_in_the_list_order(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    from bench.corpus import generate_projects

    import_projects(None, generate_projects(300, 6), SourceDocument(name="generated", sha256="h" * 64))
    client = client_as("reviewer")
    department = Project.objects.values_list("department_id", flat=True).first()
    for q in ["口岸", "补贴", "上海购物", "营商环境", "第三方评估", "数", "不存在的词"]:
        for query in ({}, {"year": "2020"}, {"department": str(department)},
                      {"year": "2021", "department": str(department)}, {"sort": "-budget"}):
            f = ProjectFilter.from_query({"q": q, **query})
            expected = list(f.apply(Project.objects.all()).values_list("pk", flat=True))
            assert set(expected) <= _scanned(q)
            assert _listed(client, q=q, **query) == expected, (q, query)
            count = client.get("/projects/", {"q": q, **query}).context["page"].paginator.count
            assert count == len(expected)


def test_the_ids_a_searched_list_starts_from_are_the_scan(seed) -> None:  # type: ignore[no-untyped-def]
    from bench.corpus import generate_projects

    import_projects(None, generate_projects(120, 7), SourceDocument(name="generated", sha256="i" * 64))
    for q in QUERIES:
        wanted = search.clean(q.strip())
        if wanted:
            assert search.matching_ids(wanted) == _scanned(q), q


def test_an_editors_searched_list_holds_only_their_departments_projects(  # type: ignore[no-untyped-def]
        seed, users, client_as) -> None:
    from bench.corpus import generate_projects

    import_projects(None, generate_projects(200, 8), SourceDocument(name="generated", sha256="j" * 64))
    own = users["editor_a"].membership.department
    for q in ["补贴", "口岸", "营商环境"]:
        everywhere = _scanned(q)
        theirs = set(Project.objects.filter(pk__in=everywhere, department=own).values_list("pk", flat=True))
        assert theirs and everywhere - theirs, q  # the term is found in other departments too
        listed = _listed(client_as("editor_a"), q=q)
        assert set(listed) == theirs and len(listed) == len(theirs), q
        expected = ProjectFilter.from_query({"q": q}).apply(Project.objects.filter(department=own))
        assert listed == list(expected.values_list("pk", flat=True)), q


def test_both_sqlite_plans_give_the_same_projects(seed, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Few matches are looked up by id, many are tested while walking the list's index: same results."""
    monkeypatch.setattr(search, "FEW_MATCHES", 0)
    _check_all(["口岸", "港口建设费", "数", "不存在的词"])
    monkeypatch.setattr(search, "FEW_MATCHES", 10**9)
    _check_all(["口岸", "港口建设费", "数", "不存在的词"])


def test_a_searched_list_shows_an_edit_at_once(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    project = seed[0]
    assert _listed(client, q="港口建设费") == [project.pk]
    assert _listed(client, q="鸬鹚") == []
    data = form_data(project, name="鸬鹚湾疏浚工程")
    assert client.post(f"/projects/{project.pk}/edit/", data).status_code == 302
    assert _listed(client, q="鸬鹚") == [project.pk]
    assert _listed(client, q="鸬鹚", year=str(project.year)) == [project.pk]


# Characters above U+FFFF (CJK Extension B and beyond, in names of places and people) and the BMP
# characters that share their low 16 bits: PostgreSQL's keys take such a character as two UTF-16 units.
BEYOND_THE_PLANE = ["𠮷", "𠮷野", "野家", "𠮷野家", "\u0bb7", "𡈽", "𡈽口岸", "岸𡈽", "𡈽𠮷", "😀", "a😀", "😀b"]


def _keys_in_step() -> None:
    """PostgreSQL: every project's stored keys are what the database computes from its text."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT id FROM projects_project WHERE NOT (search_keys @> jixiao_search_keys(search_text) "
                           "AND search_keys <@ jixiao_search_keys(search_text))")  # the same keys, in any order
            assert cursor.fetchall() == []


def test_characters_beyond_the_basic_plane_are_found_exactly(seed) -> None:  # type: ignore[no-untyped-def]
    from bench.corpus import generate_projects

    names = ["𠮷野家", "\u0bb7野家", "口岸𡈽", "😀ab", "a😀b", "𡈽𠮷"]
    generated = [replace(p, name=name) for p, name in zip(generate_projects(6, 9), names, strict=True)]
    import_projects(None, generated, SourceDocument(name="generated", sha256="k" * 64))  # the bulk path
    _check_all(BEYOND_THE_PLANE)
    Project.objects.filter(pk=seed[0].pk).update(search_text="营商𠮷环境")  # a write the import did not make
    _check_all([*BEYOND_THE_PLANE, "营商", "商𠮷", "𠮷环", "营商𠮷环境"])
    assert _indexed("商𠮷") == {seed[0].pk}
    _keys_in_step()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search keys")
def test_the_import_computes_the_keys_the_database_computes(seed) -> None:  # type: ignore[no-untyped-def]
    texts = [*Project.objects.values_list("search_text", flat=True),
             "", "a", "ab", "口", "𠮷", "a𠮷", "𠮷a", "𠮷𡈽😀", "\u8000\u0bb7\uffef", "é\u0301", "ﬁ", "x" * 5000]
    with connection.cursor() as cursor:
        for text in texts:
            cursor.execute("SELECT jixiao_search_keys(%s)", (text,))
            assert search.search_keys(text) == set(cursor.fetchone()[0]), text
            cursor.execute("SELECT %s::integer[]", (search.keys_literal(text),))
            assert set(cursor.fetchone()[0]) == search.search_keys(text)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search keys")
def test_every_write_keeps_the_keys_in_step(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    _keys_in_step()  # the import's bulk path
    project = seed[0]
    assert client_as("editor_a").post(f"/projects/{project.pk}/edit/", form_data(project, name="鸬鹚湾")).status_code == 302
    assert client_as("editor_a").post(f"/projects/{project.pk}/copy/").status_code == 302
    _keys_in_step()  # an edit and a copy, through the ORM
    with connection.cursor() as cursor:
        cursor.execute("UPDATE projects_project SET search_keys = '{1}' WHERE id = %s", (project.pk,))
    _keys_in_step()  # keys written by hand are recomputed from the text
    assert _indexed("鸬鹚湾") == _scanned("鸬鹚湾") and len(_indexed("鸬鹚湾")) == 2


def test_lone_surrogates_are_neither_stored_nor_searched() -> None:
    assert search.clean("a\ud842b\udfb7𠮷") == "ab𠮷"


@pytest.mark.django_db(transaction=True)
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's search keys")
def test_a_database_from_before_the_keys_gets_them_when_migrated(seed) -> None:  # type: ignore[no-untyped-def]
    """Migration 0010 on a database that holds projects: their keys are computed, and back again."""
    from django.db.migrations.executor import MigrationExecutor

    before, keys = ("projects", "0009_list_default_order_covering"), ("projects", "0010_search_integer_keys")
    executor = MigrationExecutor(connection)
    latest = executor.loader.graph.leaf_nodes()
    try:
        executor.migrate([before])
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM information_schema.columns WHERE column_name = 'search_keys'")
            assert cursor.fetchone()[0] == 0
            cursor.execute("SELECT count(*) FROM projects_project WHERE jixiao_search_vector(search_text) @@ '港口'")
            assert cursor.fetchone()[0] > 0  # 0004's index and functions, back in place
        MigrationExecutor(connection).migrate([keys])
        _keys_in_step()
        _check_all(["口岸", "港口建设费", "数", "不存在的词"])
    finally:
        MigrationExecutor(connection).migrate(latest)
