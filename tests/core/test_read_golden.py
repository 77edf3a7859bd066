"""Every test document reads exactly to the expected JSON beside it (checked by hand, regenerated only
on purpose with tests/data/regenerate.py)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parents[1] / "data"))
from regenerate import DOCUMENTS, expected_path, render


@pytest.mark.parametrize("document", DOCUMENTS, ids=lambda p: p.name)
def test_document_reads_to_its_expected_json(document: Path) -> None:
    expected = expected_path(document)
    assert expected.exists(), f"no expected JSON beside {document.name}: run tests/data/regenerate.py"
    assert json.loads(render(document)) == json.loads(expected.read_text(encoding="utf-8"))


def test_every_document_has_projects_and_indicators() -> None:
    for document in DOCUMENTS:
        data = json.loads(expected_path(document).read_text(encoding="utf-8"))
        projects = data["documents"][0]["projects"]
        assert projects and all(p["indicators"] for p in projects), document.name
