"""Login, throttling, logout, password change, the language switch, API tokens."""

from __future__ import annotations

import subprocess
import sys

import pytest
from django.test import Client

from tests.web.conftest import PASSWORD

pytestmark = pytest.mark.django_db


def _login(client: Client, username: str, password: str):  # type: ignore[no-untyped-def]
    return client.post("/accounts/login/", {"username": username, "password": password})


def test_login_and_logout(users) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    assert _login(client, "editor_a", PASSWORD).status_code == 302
    assert client.get("/projects/").status_code == 200
    assert client.post("/accounts/logout/").status_code == 302
    assert client.get("/projects/").status_code == 302


def test_wrong_password_is_a_clear_message(users) -> None:  # type: ignore[no-untyped-def]
    response = _login(Client(), "editor_a", "wrong")
    assert response.status_code == 200 and "用户名或密码不正确" in response.content.decode()


def test_five_failures_lock_that_username_and_address(users, settings) -> None:  # type: ignore[no-untyped-def]
    client = Client()
    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _login(client, "editor_a", "wrong")
    refused = _login(client, "editor_a", PASSWORD)  # even the right password
    assert refused.status_code == 429
    assert "登录失败次数过多" in refused.content.decode()
    assert _login(Client(), "editor_b", PASSWORD).status_code == 302  # another username is not affected
    other_address = Client(REMOTE_ADDR="10.0.0.9")
    assert _login(other_address, "editor_a", PASSWORD).status_code == 302


def test_failures_expire_after_the_window(users, settings) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from django.utils import timezone

    from jixiao.web.accounts.models import LoginFailure

    for _ in range(settings.LOGIN_FAILURE_LIMIT):
        _login(Client(), "editor_a", "wrong")
    LoginFailure.objects.update(at=timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS + 1))
    assert _login(Client(), "editor_a", PASSWORD).status_code == 302


def test_password_change(users, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("viewer_a")
    response = client.post("/accounts/password/", {"old_password": PASSWORD, "new_password1": "a-new-long-pass-2020",
                                                    "new_password2": "a-new-long-pass-2020"})
    assert response.status_code == 302
    assert _login(Client(), "viewer_a", "a-new-long-pass-2020").status_code == 302


def test_chinese_by_default_even_for_an_english_browser(users, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    page = client.get("/projects/", headers={"Accept-Language": "en-US,en;q=0.9"}).content.decode()
    assert 'lang="zh-Hans"' in page and "项目名称" in page


def test_language_switch_to_english_and_back(users, client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("editor_a")
    client.post("/i18n/setlang/", {"language": "en", "next": "/projects/"})
    page = client.get("/projects/").content.decode()
    assert 'lang="en"' in page and "Project name" in page and "Filter projects" in page
    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/projects/"})
    assert "项目名称" in client.get("/projects/").content.decode()


def test_api_token_command(users, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from django.core.management import call_command

    from jixiao.web.accounts.models import ApiToken

    call_command("apitoken", "reviewer", "--name", "script", stdout=(out := __import__("io").StringIO()))
    key = out.getvalue().strip()
    assert key.startswith("jx_") and ApiToken.objects.get(user=users["reviewer"]).key_hash != key
    assert Client().get("/api/v1/projects", headers={"Authorization": f"Bearer {key}"}).status_code == 200


def test_manage_command_reports_unknown_user(tmp_path) -> None:  # type: ignore[no-untyped-def]
    env = {"JIXIAO_DATA_DIR": str(tmp_path), "PATH": "/usr/bin:/bin"}
    subprocess.run([sys.executable, "-m", "jixiao", "manage", "migrate", "-v", "0"], env=env, check=True, timeout=120)
    done = subprocess.run([sys.executable, "-m", "jixiao", "manage", "apitoken", "nobody"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode != 0 and "no user" in done.stderr
