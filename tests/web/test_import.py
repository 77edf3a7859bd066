"""The import service: transactional, idempotent, corrections kept in history, provenance and diagnostics."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import PermissionDenied
from django.test import Client

from jixiao.core import canonical
from jixiao.core.errors import InputError
from jixiao.web.projects.importing import import_file
from jixiao.web.projects.models import Indicator, Project, Revision, SourceDocument
from tests.web.conftest import DEPT_A, SEED

pytestmark = pytest.mark.django_db


def test_seed_import_stores_eight_projects_with_provenance(seed) -> None:  # type: ignore[no-untyped-def]
    assert len(seed) == 8
    doc = SourceDocument.objects.get()
    assert doc.name == SEED.name and len(doc.sha256) == 64
    first = seed[0]
    assert first.department.name == DEPT_A and first.year == 2020
    assert first.source_document == doc
    lines = list(first.indicators.order_by("position").values_list("source", flat=True))
    assert all(isinstance(s.get("line"), int) for s in lines)
    assert Indicator.objects.count() == sum(p.indicator_count for p in seed)
    assert Revision.objects.filter(action="import").count() == 8


def test_reader_diagnostics_are_stored_and_shown(seed, client_as) -> None:  # type: ignore[no-untyped-def]
    with_diagnostics = [p for p in seed if p.diagnostics]
    assert with_diagnostics, "the seed's damage is reported by the reader"
    p = with_diagnostics[0]
    page = client_as("editor_a").get(f"/projects/{p.pk}/").content.decode()
    assert p.diagnostics[0]["code"] in page
    assert p.source_document.sha256 in page


def test_same_file_again_changes_nothing(seed) -> None:  # type: ignore[no-untyped-def]
    before = (Project.objects.count(), Revision.objects.count(), SourceDocument.objects.count())
    result = import_file(None, "again.txt", SEED.read_bytes())
    assert result.already_imported and not result.changed
    assert (Project.objects.count(), Revision.objects.count(), SourceDocument.objects.count()) == before


def test_same_content_in_another_file_changes_nothing(seed) -> None:  # type: ignore[no-untyped-def]
    data = SEED.read_bytes() + b"\n\n"  # another hash, the same tables
    result = import_file(None, "copy.txt", data)
    assert not result.already_imported
    assert len(result.unchanged) == 8 and not result.changed
    assert SourceDocument.objects.count() == 1
    assert Revision.objects.count() == 8


def test_corrected_document_updates_and_keeps_history(seed) -> None:  # type: ignore[no-untyped-def]
    text = SEED.read_text(encoding="utf-8").replace(">1000家", ">1200家", 1)
    result = import_file(None, "corrected.txt", text.encode("utf-8"))
    assert len(result.updated) == 1 and len(result.unchanged) == 7 and not result.created
    obj = Project.objects.get(pk=result.updated[0])
    assert obj.version == 2
    assert obj.source_document.name == "corrected.txt"
    assert obj.indicators.filter(target_raw=">1200家").exists()
    old, new = obj.revisions.order_by("version")
    assert any(i["target"]["raw"] == ">1000家" for i in old.snapshot["indicators"])
    assert any(i["target"]["raw"] == ">1200家" for i in new.snapshot["indicators"])
    assert new.action == "reimport"


def test_a_failure_leaves_nothing_behind(db) -> None:  # type: ignore[no-untyped-def]
    doc = canonical.loads(json.dumps(_json_with_two_projects()))
    data = canonical.to_dict(doc)
    data["documents"][0]["projects"][1]["name"] = None  # the second project cannot be stored
    with pytest.raises(InputError) as err:
        import_file(None, "broken.json", json.dumps(data, ensure_ascii=False).encode())
    assert "project name" in err.value.message_en
    assert Project.objects.count() == 0 and SourceDocument.objects.count() == 0


def test_duplicate_project_in_one_file_is_refused(db) -> None:  # type: ignore[no-untyped-def]
    data = _json_with_two_projects()
    data["documents"][0]["projects"][1]["name"] = data["documents"][0]["projects"][0]["name"]
    with pytest.raises(InputError, match="occurs twice"):
        import_file(None, "dup.json", json.dumps(data, ensure_ascii=False).encode())
    assert Project.objects.count() == 0


def test_bad_inputs_are_clear_errors(db) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(InputError):
        import_file(None, "empty.txt", b"   ")
    with pytest.raises(InputError, match="canonical"):
        import_file(None, "bad.json", b'{"schema": "nope"}')
    with pytest.raises(InputError):
        import_file(None, "noise.txt", "这不是绩效目标表\n只是一些文字\n".encode())
    assert Project.objects.count() == 0


def test_editor_may_not_import_another_departments_tables(users) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        import_file(users["editor_b"], SEED.name, SEED.read_bytes())
    assert Project.objects.count() == 0
    with pytest.raises(PermissionDenied):
        import_file(users["viewer_a"], SEED.name, SEED.read_bytes())


def test_upload_page_imports_and_reports(client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    with SEED.open("rb") as f:
        response = client.post("/import/", {"file": f})
    assert response.status_code == 200
    assert "新建 8 个项目" in response.content.decode()
    with SEED.open("rb") as f:
        again = client.post("/import/", {"file": f}).content.decode()
    assert "已导入过" in again
    assert Project.objects.count() == 8


def test_upload_page_shows_bad_input_as_400(client_as) -> None:  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_as("editor_a").post("/import/", {"file": SimpleUploadedFile("x.txt", b"")})
    assert response.status_code == 400
    assert "文件为空" in response.content.decode() and "empty" in response.content.decode()
    assert client_as("editor_a").post("/import/", {}).status_code == 400


def test_upload_of_another_departments_file_is_403(client_as) -> None:  # type: ignore[no-untyped-def]
    with SEED.open("rb") as f:
        assert client_as("editor_b").post("/import/", {"file": f}).status_code == 403
    assert Project.objects.count() == 0


def test_api_import(token_for) -> None:  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token_for('editor_a')}"}
    with SEED.open("rb") as f:
        response = Client().post("/api/v1/imports", {"file": f}, headers=headers)
    assert response.status_code == 200
    assert len(response.json()["created"]) == 8
    with SEED.open("rb") as f:
        assert Client().post("/api/v1/imports", {"file": f}, headers=headers).json()["already_imported"]


def test_cli_import_is_idempotent(tmp_path: Path) -> None:
    env = {"JIXIAO_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    cmd = [sys.executable, "-m", "jixiao", "import", str(SEED)]
    first = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert first.returncode == 0, first.stderr
    assert "created 8" in first.stdout
    second = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=120)
    assert "already imported" in second.stdout
    missing = subprocess.run([*cmd[:-1], str(tmp_path / "nope.txt")], env=env, capture_output=True, text=True,
                             timeout=120)
    assert missing.returncode == 2 and "no such file" in missing.stderr and "Traceback" not in missing.stderr


def _json_with_two_projects() -> dict:
    from jixiao.core.read import read_path

    doc = read_path(SEED)
    data = canonical.to_dict([doc])
    data["documents"][0]["projects"] = data["documents"][0]["projects"][:2]
    return data


def test_a_failure_while_rows_stream_in_leaves_nothing_behind(db, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The bulk path builds rows as it sends them; an error half-way through one table's rows rolls back
    the batches already written."""
    from bench.corpus import generate_projects
    from jixiao.web.projects import importing, mapping

    monkeypatch.setattr(importing, "CHUNK", 4)
    project_fields, calls = mapping.project_fields, []

    def failing(*args, **kwargs):  # type: ignore[no-untyped-def]
        calls.append(1)
        if len(calls) == 7:  # the second batch's third project
            raise RuntimeError("disk full")
        return project_fields(*args, **kwargs)

    monkeypatch.setattr(mapping, "project_fields", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        importing.import_projects(None, generate_projects(10, 2), SourceDocument(name="g", sha256="f" * 64))
    assert len(calls) == 7
    assert (Project.objects.count(), Indicator.objects.count(), Revision.objects.count(),
            SourceDocument.objects.count()) == (0, 0, 0, 0)


@pytest.mark.parametrize(("enabled", "fail"), [(True, False), (True, True), (False, False)])
def test_bulk_import_pauses_the_cycle_collector_and_restores_it(db, monkeypatch, enabled, fail) -> None:  # type: ignore[no-untyped-def]
    """The collector is off while the rows are written and as it was afterwards, after a failure too
    (and still off for a caller that had turned it off)."""
    import gc

    from bench.corpus import generate_projects
    from jixiao.web.projects import importing, mapping

    project_fields, seen = mapping.project_fields, []

    def watching(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(gc.isenabled())
        if fail:
            raise RuntimeError("disk full")
        return project_fields(*args, **kwargs)

    monkeypatch.setattr(mapping, "project_fields", watching)
    (gc.enable if enabled else gc.disable)()
    try:
        if fail:
            with pytest.raises(RuntimeError, match="disk full"):
                importing.import_projects(None, generate_projects(3, 2), SourceDocument(name="g", sha256="c" * 64))
        else:
            importing.import_projects(None, generate_projects(3, 2), SourceDocument(name="g", sha256="c" * 64))
        assert seen and not any(seen)
        assert gc.isenabled() is enabled
    finally:
        gc.enable()


def test_bulk_import_stores_every_row_and_compresses_with_lz4_where_it_can(db) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    from bench.corpus import generate_projects
    from jixiao.web.projects.importing import import_projects

    projects = generate_projects(30, 3)
    result = import_projects(None, projects, SourceDocument(name="g", sha256="e" * 64))
    assert len(result.created) == Project.objects.count() == Revision.objects.count() == 30
    assert Indicator.objects.count() == sum(len(p.indicators) for p in projects)
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT 'lz4' = ANY(enumvals) FROM pg_settings WHERE name = 'default_toast_compression'")
            lz4 = cursor.fetchone()[0]
            cursor.execute("SELECT DISTINCT pg_column_compression(snapshot) FROM projects_revision")
            found = {row[0] for row in cursor.fetchall()}
        assert found == ({"lz4"} if lz4 else {"pglz"})


def test_redundant_foreign_key_indexes_are_gone_and_search_triggers_kept(db) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    with connection.cursor() as cursor:
        names = {i for table in ("projects_project", "projects_indicator", "projects_revision")
                 for i in connection.introspection.get_constraints(cursor, table)}
        if connection.vendor == "sqlite":
            cursor.execute("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'projects_project'")
            assert {r[0] for r in cursor.fetchall()} == {"projects_search_insert", "projects_search_delete",
                                                        "projects_search_update"}
    assert not names & {"projects_indicator_project_id_580a29d4", "projects_revision_project_id_d7484301",
                        "projects_project_department_id_2d73b0cf"}
    assert {"projects_in_project_52416e_idx", "revision_unique_version", "project_unique_per_department_year"} <= names


def test_indicators_carry_their_projects_department_and_year_without_a_constraint_of_their_own(
        project, users) -> None:  # type: ignore[no-untyped-def]
    """The indicator's department and year are copies of its project's (for the overview), written from
    the project on every path: the bulk import, a corrected document, an edit and a copy to the next
    year. The copy has no foreign key of its own (the project's is checked), which keeps the bulk
    import's commit cheaper."""
    import dataclasses

    from django.db import connection
    from django.db.models import F, Q

    from jixiao.web.projects import editing, mapping

    text = SEED.read_text(encoding="utf-8").replace(">1000家", ">1200家", 1)
    assert import_file(None, "corrected.txt", text.encode("utf-8")).updated
    editor = users["editor_a"]
    project.refresh_from_db()
    p = mapping.project_to_core(project)
    editing.update_project(editor, project.pk, dataclasses.replace(p, indicators=p.indicators[1:]), project.version)
    copy = editing.copy_to_next_year(editor, project.pk)
    assert copy.indicators.count() == len(p.indicators) - 1
    stray = Indicator.objects.filter(~Q(department_id=F("project__department_id")) | ~Q(year=F("project__year")))
    assert Indicator.objects.count() > 100 and not stray.exists()
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, "projects_indicator")
    assert [c["columns"] for c in constraints.values() if c["foreign_key"]] == [["project_id"]]


def test_revision_snapshots_are_stored_as_the_json_text_written_and_read_back_whole(seed, users) -> None:  # type: ignore[no-untyped-def]
    """Snapshots are kept as text (no jsonb parse on PostgreSQL, no json_valid on SQLite): the bulk path and
    the ORM write the same compact UTF-8 JSON, and reading gives the dict back."""
    from django.core import serializers
    from django.db import connection

    from jixiao.web.projects import editing, mapping

    bulk = Revision.objects.get(project=seed[0])
    assert bulk.snapshot == mapping.snapshot(mapping.project_to_core(seed[0]))
    copy = Revision.objects.get(project=editing.copy_to_next_year(users["editor_a"], seed[0].pk))
    with connection.cursor() as cursor:
        cursor.execute("SELECT snapshot FROM projects_revision WHERE id IN (%s, %s) ORDER BY id", (bulk.pk, copy.pk))
        stored = [row[0] for row in cursor.fetchall()]
    for text, revision in zip(stored, (bulk, copy), strict=True):
        assert isinstance(text, str) and json.loads(text) == revision.snapshot
        assert text == json.dumps(revision.snapshot, ensure_ascii=False, separators=(",", ":"))
        assert seed[0].name in text  # Chinese as it is, not escaped
    dumped = json.loads(serializers.serialize("json", [copy]))[0]["fields"]["snapshot"]
    assert json.loads(dumped) == copy.snapshot


def _sqlite_settings() -> tuple[int, list[tuple[str, object]]]:
    """The connection's page cache size and the search index's stored configuration."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        cache_size = cursor.fetchone()[0]
        cursor.execute("SELECT k, v FROM projects_search_config WHERE k = 'automerge'")
        return cache_size, cursor.fetchall()


@pytest.mark.parametrize("fail", [False, True])
def test_bulk_import_on_sqlite_leaves_cache_and_search_index_settings_as_they_were(db, monkeypatch, fail) -> None:  # type: ignore[no-untyped-def]
    """The bulk path enlarges SQLite's page cache and lets FTS5 merge more segments at once while it
    runs; afterwards (and after a failure) both are back, and the index still finds what a scan finds."""
    from django.db import connection

    from bench.corpus import generate_projects
    from jixiao.web.projects import importing, mapping, search

    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings")
    before = _sqlite_settings()
    monkeypatch.setattr(importing, "CHUNK", 4)
    seen = []

    def watched(*args, **kwargs):  # type: ignore[no-untyped-def]
        seen.append(_sqlite_settings())
        if fail and len(seen) == 7:
            raise RuntimeError("disk full")
        return project_fields(*args, **kwargs)

    project_fields = mapping.project_fields
    monkeypatch.setattr(mapping, "project_fields", watched)
    projects = generate_projects(10, 4)
    source = SourceDocument(name="g", sha256="d" * 64)
    if fail:
        with pytest.raises(RuntimeError, match="disk full"):
            importing.import_projects(None, projects, source)
    else:
        importing.import_projects(None, projects, source)
    assert {s[0] for s in seen} == {-256 * 1024}
    assert {tuple(s[1]) for s in seen} == {(("automerge", search.BULK_AUTOMERGE),)}
    assert _sqlite_settings()[0] == before[0]
    assert _sqlite_settings()[1] in (before[1], [("automerge", search.FTS5_AUTOMERGE)])
    assert Project.objects.count() == (0 if fail else 10)
    for q in ("口岸", "补贴", "口", "项目"):
        expected = {pk for pk, text in Project.objects.values_list("pk", "search_text") if q in text}
        assert set(Project.objects.filter(search.condition(q)).values_list("pk", flat=True)) == expected


def test_bulk_import_on_sqlite_keeps_a_search_index_setting_of_its_own(db) -> None:  # type: ignore[no-untyped-def]
    from django.db import connection

    from bench.corpus import generate_projects
    from jixiao.web.projects.importing import import_projects

    if connection.vendor != "sqlite":
        pytest.skip("SQLite settings")
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO projects_search (projects_search, rank) VALUES ('automerge', 8)")
    import_projects(None, generate_projects(5, 6), SourceDocument(name="g", sha256="c" * 64))
    assert _sqlite_settings()[1] == [("automerge", 8)]


def test_bulk_import_stamps_every_row_with_the_import_time(db) -> None:  # type: ignore[no-untyped-def]
    from bench.corpus import generate_projects
    from jixiao.web.projects.importing import import_projects

    import_projects(None, generate_projects(5, 7), SourceDocument(name="g", sha256="b" * 64))
    stamps = {t for row in Project.objects.values_list("created_at", "updated_at") for t in row}
    stamps |= set(Revision.objects.values_list("at", flat=True))
    assert len(stamps) == 1 and next(iter(stamps)).tzinfo is not None
