"""The OpenAPI document is a contract: compared with the committed snapshot.

Regenerate on purpose with ``JIXIAO_UPDATE_SNAPSHOTS=1 pytest tests/web/test_openapi.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from jixiao.web.api import api

SNAPSHOT = Path(__file__).parent / "openapi.json"


def test_openapi_matches_the_snapshot() -> None:
    current = json.loads(json.dumps(api.get_openapi_schema(path_prefix="/api/v1/"), sort_keys=True))
    if os.environ.get("JIXIAO_UPDATE_SNAPSHOTS"):
        SNAPSHOT.write_text(json.dumps(current, indent=2, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8")
    assert current == json.loads(SNAPSHOT.read_text(encoding="utf-8")), \
        "the API changed: if on purpose, regenerate with JIXIAO_UPDATE_SNAPSHOTS=1"


def test_every_operation_needs_the_bearer_token() -> None:
    schema = api.get_openapi_schema(path_prefix="/api/v1/")
    for path, operations in schema["paths"].items():
        for method, op in operations.items():
            assert op.get("security") == [{"BearerToken": []}], (method, path)
