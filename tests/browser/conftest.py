"""Playwright driving Debian's chromium (headless) against pytest-django's live server."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.web.conftest import PASSWORD, _fast_passwords, seed, users  # noqa: F401  (fixtures shared with tests/web)

# Playwright's sync API runs an event loop in this thread; the test's own ORM calls are still synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]
SCREENSHOTS = Path(__file__).parents[2] / "screenshots"


@pytest.fixture(scope="session")
def browser(live_server) -> Iterator[object]:  # type: ignore[no-untyped-def]
    # Started after the live server, so closed before it: the pages' keep-alive connections then end
    # while the server still shares its in-memory SQLite connection with its request threads (closed
    # after, each such thread failed on that connection: 40-odd warnings at the end of every run).
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian's chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser):  # type: ignore[no-untyped-def]
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def shot():  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(exist_ok=True)

    def take(page, name: str) -> None:  # type: ignore[no-untyped-def]
        page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)

    return take


def login(browser, base: str, username: str, *, width: int = 1280, **context):  # type: ignore[no-untyped-def]
    """A page of a fresh browser context, logged in as ``username`` (Chinese locale), on the overview."""
    page = browser.new_context(viewport={"width": width, "height": 900}, locale="zh-CN", **context).new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{base}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/overview/"))
    return page


def save_shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SCREENSHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)
