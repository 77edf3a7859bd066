"""An editor finds a seed project, types an invalid target value, sees the error, corrects it, saves and
finds the change in the history; another department's editor is refused."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Route, expect

from tests.web.conftest import PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def login(page, base: str, username: str) -> None:  # type: ignore[no-untyped-def]
    page.goto(f"{base}/accounts/login/")
    page.get_by_label("用户名").fill(username)
    page.get_by_label("密码").fill(PASSWORD)
    page.get_by_role("button", name="登录").click()
    page.wait_for_url(re.compile(r".*/overview/"))


def test_editor_corrects_a_target_value(page, live_server, seed, users, shot) -> None:  # type: ignore[no-untyped-def]
    login(page, live_server.url, "editor_a")
    shot(page, "01-overview")
    page.get_by_role("link", name="项目", exact=True).click()
    page.get_by_label("搜索（名称、概况等）").fill("港口")
    expect(page.locator("#results tbody tr")).to_have_count(1)  # HTMX replaced the results as the user typed
    assert "q=" in page.url  # and the address shows the search, so that it can be shared or reloaded
    result = page.locator("#results").get_by_role("link", name=re.compile("港口建设费"))
    shot(page, "02-search")
    result.click()
    page.get_by_role("heading", name="财政项目支出绩效目标表").wait_for()
    shot(page, "03-project")
    page.get_by_role("link", name="编辑").click()

    target = page.locator("input[name=ind_target][value='>1000家']")
    row_check = target.locator("xpath=following-sibling::output")
    target.fill(">=家")
    row_check.get_by_text("无法识别").wait_for()
    shot(page, "04-invalid-target")
    target.fill(">1200家")
    row_check.get_by_text("> 1200 家").wait_for()
    page.get_by_role("button", name="保存").click()

    page.get_by_text("已保存").wait_for()
    assert page.locator("table.indicators").get_by_text(">1200家").count() == 1
    page.get_by_role("link", name="修改历史").click()
    page.get_by_role("heading", name=re.compile("版本 2")).wait_for()
    assert page.locator("ins", has_text=">1200家").count() == 1
    assert page.locator("del", has_text=">1000家").count() == 1
    assert page.get_by_text("editor_a").count() >= 1
    shot(page, "05-history")


def test_what_is_typed_before_the_scripts_are_ready_is_sent(page, live_server, seed, users) -> None:  # type: ignore[no-untyped-def]
    """On a slow connection a page can be typed in before htmx has set it up: htmx then takes the typed value
    for the field's starting one and never sends it. Held here: htmx's script, until the value is typed."""
    project = seed[0]  # 2019年度港口建设费…: a target value ">1000家"
    login(page, live_server.url, "editor_a")
    held: list[Route] = []
    page.route(re.compile(r".*/htmx[^/]*\.js$"), lambda route: held.append(route))
    page.goto(f"{live_server.url}/projects/{project.pk}/edit/", wait_until="commit")
    target = page.locator("input[name=ind_target][value='>1000家']")
    target.fill(">=家")
    assert len(held) == 1 and page.evaluate("typeof window.htmx") == "undefined"  # typed before htmx ran
    checks: list[str] = []
    page.on("request", lambda request: checks.append(request.url) if "/check-target/" in request.url else None)
    held[0].continue_()
    target.locator("xpath=following-sibling::output").get_by_text("无法识别").wait_for()
    page.wait_for_load_state("networkidle")
    assert len(checks) == 1 and "year=" in checks[0]  # the typed value alone, with the project's year

    page.goto(f"{live_server.url}/projects/", wait_until="commit")  # the list's search, the same way
    page.get_by_label("搜索（名称、概况等）").fill("港口")
    assert len(held) == 2 and page.evaluate("typeof window.htmx") == "undefined"
    held[1].continue_()
    expect(page.locator("#results tbody tr")).to_have_count(1)
    expect(page).to_have_url(re.compile(r"q=%E6%B8%AF%E5%8F%A3"))

    page.unroute(re.compile(r".*/htmx[^/]*\.js$"))  # and a page loaded as usual asks nothing more
    sent: list[str] = []
    page.on("request", lambda r: sent.append(r.url) if r.resource_type in ("xhr", "fetch") else None)
    for url in (f"/projects/?year={project.year}&sort=name", f"/projects/{project.pk}/edit/"):
        sent.clear()
        page.goto(live_server.url + url)
        page.wait_for_load_state("networkidle")
        assert [u for u in sent if "/review/live/" not in u] == [], url  # (the rule check is asked on load)


def test_add_and_reorder_rows(page, live_server, seed, users, shot) -> None:  # type: ignore[no-untyped-def]
    project = seed[1]  # 打响上海购物品牌: six indicators
    login(page, live_server.url, "editor_a")
    page.goto(f"{live_server.url}/projects/{project.pk}/edit/")
    first_name = page.locator("input[name=ind_name]").first.input_value()
    page.locator("[data-row-down]").first.click()
    page.get_by_role("button", name="添加指标").click()
    new_row = page.locator("#indicator-rows tr").last
    new_row.locator("input[name=ind_name]").fill("宣传覆盖人次")
    new_row.locator("input[name=ind_target]").fill(">=100万人次")
    new_row.locator("output").get_by_text("1000000").wait_for()
    shot(page, "06-rows")
    page.get_by_role("button", name="保存").click()
    page.get_by_text("已保存").wait_for()
    names = [i.name for i in project.indicators.order_by("position")]
    assert names[1] == first_name and names[-1] == "宣传覆盖人次"


def test_other_department_is_refused(page, live_server, seed, users, shot) -> None:  # type: ignore[no-untyped-def]
    login(page, live_server.url, "editor_b")
    response = page.goto(f"{live_server.url}/projects/{seed[0].pk}/")
    assert response.status == 404
    page.get_by_role("heading", name="找不到页面").wait_for()
    shot(page, "07-other-department")
    page.goto(f"{live_server.url}/projects/")
    assert page.get_by_text("没有符合条件的项目").count() == 1


def test_language_switch(page, live_server, seed, users, shot) -> None:  # type: ignore[no-untyped-def]
    login(page, live_server.url, "reviewer")
    page.get_by_role("button", name="English").click()
    page.get_by_role("heading", name="Overview · 2020").wait_for()
    shot(page, "08-english-overview")
    page.goto(f"{live_server.url}/projects/{seed[0].pk}/")
    shot(page, "09-english-project")
    page.get_by_role("button", name="中文").click()
    page.get_by_role("heading", name="财政项目支出绩效目标表").wait_for()
