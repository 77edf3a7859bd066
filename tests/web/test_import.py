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
