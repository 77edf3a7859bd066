"""Persona fixtures for the web tests: the seed imported, an editor of its department (A), an editor of
another department (B), a viewer of A, a reviewer and an administrator."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from django.test import Client

from jixiao.web.accounts.models import ADMIN, EDITOR, REVIEWER, VIEWER
from jixiao.web.accounts.services import create_token, ensure_user
from jixiao.web.projects import caching
from jixiao.web.projects.importing import import_file
from jixiao.web.projects.models import Project

SEED = Path(__file__).parents[1] / "data" / "seed" / "shanghai-2020-commerce.txt"
DEPT_A = "上海市商务委员会"
DEPT_B = "上海市教育委员会"
PASSWORD = "correct-horse-battery-staple"
PERSONAS = {
    "editor_a": (EDITOR, DEPT_A), "editor_b": (EDITOR, DEPT_B), "viewer_a": (VIEWER, DEPT_A),
    "reviewer": (REVIEWER, None), "admin": (ADMIN, None),
}


@pytest.fixture(autouse=True)
def _fast_passwords(settings):  # type: ignore[no-untyped-def]
    from django.core.cache import cache

    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each test run its own cache (not the data directory's), empty: cached figures are keyed by the
    # newest revision id, and rolled-back tests reuse ids.
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    cache.clear()
    caching.forget_local()


@pytest.fixture
def seed(db) -> list[Project]:  # type: ignore[no-untyped-def]
    result = import_file(None, SEED.name, SEED.read_bytes())
    return list(Project.objects.filter(pk__in=result.created).order_by("pk"))


@pytest.fixture
def project(seed: list[Project]) -> Project:
    """The seed's first project: 2019年度港口建设费地方留存部分退付保障资金 (department A)."""
    return seed[0]


@pytest.fixture
def users(db) -> dict[str, User]:  # type: ignore[no-untyped-def]
    return {name: ensure_user(name, PASSWORD, role, dept) for name, (role, dept) in PERSONAS.items()}


@pytest.fixture
def client_as(users: dict[str, User]) -> Callable[..., Client]:
    """A client logged in as a persona (None: anonymous); CSRF checks on unless asked otherwise."""

    def make(persona: str | None, csrf: bool = False) -> Client:
        client = Client(enforce_csrf_checks=csrf)
        if persona is not None:
            client.force_login(users[persona])
        return client

    return make


@pytest.fixture
def token_for(users: dict[str, User]) -> Callable[[str], str]:
    return lambda persona: create_token(users[persona], "test")[1]
