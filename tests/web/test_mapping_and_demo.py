"""The Project aggregate round trip (core → rows → core), and the demo setup."""

from __future__ import annotations

import pytest

from jixiao.core.read import read_path
from jixiao.web.projects import mapping
from jixiao.web.projects.models import Project
from tests.web.conftest import SEED

pytestmark = pytest.mark.django_db


def test_stored_projects_are_the_projects_read(seed) -> None:  # type: ignore[no-untyped-def]
    read = read_path(SEED).projects
    for obj, p in zip(seed, read, strict=True):
        back = mapping.project_to_core(obj)
        assert back == p
        assert obj.content_sha256 == mapping.content_sha256(back)


def test_content_hash_ignores_provenance(seed) -> None:  # type: ignore[no-untyped-def]
    import dataclasses

    from jixiao.core.model import SourceRef

    p = mapping.project_to_core(seed[0])
    moved = dataclasses.replace(p, source=SourceRef(line=999), diagnostics=(),
                                indicators=tuple(dataclasses.replace(i, source=SourceRef()) for i in p.indicators))
    assert mapping.content_sha256(moved) == mapping.content_sha256(p)


def test_demo_install_twice_changes_nothing(db) -> None:  # type: ignore[no-untyped-def]
    from django.contrib.auth.models import User

    from jixiao.web import demo

    first = demo.install()
    second = demo.install()
    assert len(first.created) == 8 and second.already_imported
    assert Project.objects.count() == 8
    assert User.objects.filter(username__in=[u.username for u in demo.DEMO_USERS]).count() == len(demo.DEMO_USERS)
    assert demo.seed_bytes() == SEED.read_bytes()  # the packaged copy is the tests' seed
