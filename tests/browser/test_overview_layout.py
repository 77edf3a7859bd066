"""The overview's half-width tables keep to their columns in both languages: the longer English headings
once pushed the department table's bars over the category table beside it."""

from __future__ import annotations

import pytest

from tests.browser.conftest import login, save_shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("language", ["zh-hans", "en"])
def test_overview_tables_stay_inside_their_columns(browser, live_server, seed, users, language) -> None:  # type: ignore[no-untyped-def]
    page = login(browser, live_server.url, "reviewer")
    if language == "en":
        page.click("header button[value=en]")
        page.wait_for_load_state()
    columns = page.locator(".grid > *")
    assert columns.count() >= 4
    for n in range(columns.count()):
        column = columns.nth(n).bounding_box()
        for table in columns.nth(n).locator("table.bars").all():
            box = table.bounding_box()
            assert box["x"] + box["width"] <= column["x"] + column["width"] + 1, (language, n)
    bars = page.locator("table.bars svg.bar")
    assert bars.count() > 10 and all(bars.nth(i).bounding_box()["width"] > 0 for i in range(bars.count()))
    save_shot(page, f"08-overview-{language}")
