"""The review workflow end to end in Chromium: an editor submits; a reviewer returns the table with a
comment on one indicator; the editor sees the comment, corrects the row (the live findings follow) and
resubmits; the reviewer approves with 良. Screenshots go to screenshots/ (git-ignored)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jixiao.web.projects.models import Project
from jixiao.web.review.models import AuditEvent, ReviewState
from tests.browser.conftest import login, save_shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(__file__).parents[2] / "screenshots"
ROW = 8  # 信息公开实现率: "规范" where a rate was asked for (R-RELEVANT-VAGUE-NUMBER)
COMMENT = "信息公开实现率应量化，例如 =100%"


def _login(browser, base: str, username: str):  # type: ignore[no-untyped-def]
    return login(browser, base, username)


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    save_shot(page, f"review-{name}")


def test_submit_return_correct_resubmit_approve(live_server, browser, seed, users) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    project: Project = seed[0]
    detail, review = f"{base}/projects/{project.pk}/", f"{base}/projects/{project.pk}/review/"

    editor = _login(browser, base, "editor_a")
    editor.goto(detail)
    editor.click(".review-panel button:has-text('提交审核')")
    editor.wait_for_selector(".messages >> text=已提交审核")
    assert "已提交待审" in editor.inner_text(".review-panel")
    _shot(editor, "1-editor-submitted")

    reviewer = _login(browser, base, "reviewer")
    reviewer.goto(f"{base}/review/")
    _shot(reviewer, "2-reviewer-queue")
    reviewer.click(f"a:has-text('{project.name}')")
    reviewer.wait_for_url(review)
    row = reviewer.locator(f"#ind-{ROW}")
    assert "R-RELEVANT-VAGUE-NUMBER" in row.inner_text()
    assert reviewer.is_checked("input[name=grade][value='优']")  # the rubric's suggestion
    row.locator("textarea").fill(COMMENT)
    _shot(reviewer, "3-reviewer-review-page")
    reviewer.click("button[value=return]")
    reviewer.wait_for_selector(".messages >> text=已退回修改")

    editor.goto(f"{base}/review/returned/")
    _shot(editor, "4-editor-returned-list")
    editor.click("a:has-text('查看意见')")
    editor.wait_for_url(review)
    assert COMMENT in editor.inner_text(f"#ind-{ROW}")
    _shot(editor, "5-editor-sees-comment")

    editor.goto(f"{base}/projects/{project.pk}/edit/")
    editor.wait_for_selector("#live-findings .suggested")
    assert COMMENT in editor.inner_text(".live-review")
    assert "R-RELEVANT-VAGUE-NUMBER" in editor.inner_text("#live-findings")
    flagged = editor.wait_for_selector("#indicator-rows tr.live-flagged")  # the row itself is marked
    assert "信息公开实现率" in flagged.inner_text() or flagged.query_selector(f"#nm-{ROW}") is not None
    flagged.scroll_into_view_if_needed()
    editor.screenshot(path=str(SHOTS / "review-6a-editor-row-marked.png"))
    editor.fill(f"#tv-{ROW}", "=100%")
    editor.press(f"#tv-{ROW}", "Tab")  # change → the rules run again on the form
    editor.wait_for_selector("#live-findings >> text=规则检查没有发现问题")
    assert editor.locator("#indicator-rows tr.live-flagged").count() == 0
    _shot(editor, "6-editor-live-findings")
    editor.click("form.project-form button[type=submit]")
    editor.wait_for_url(detail)
    editor.click(".review-panel button:has-text('重新提交')")
    editor.wait_for_selector(".messages >> text=已重新提交审核")

    reviewer.goto(f"{base}/review/")
    assert "第 2 轮" in reviewer.inner_text("table.queue")
    reviewer.click(f"a:has-text('{project.name}')")
    reviewer.check("input[name=grade][value='良']")
    reviewer.fill("#id_comment", "已按意见修改，同意。")
    reviewer.click("button[value=approve]")
    reviewer.wait_for_selector(".messages >> text=已审核通过")

    editor.goto(detail)
    panel = editor.inner_text(".review-panel")
    assert "已批复" in panel and "良" in panel
    assert editor.locator(f"a[href='/projects/{project.pk}/edit/']").count() == 0  # locked
    _shot(editor, "7-editor-approved")
    editor.goto(f"{base}/projects/{project.pk}/history/")
    _shot(editor, "8-history")

    state = ReviewState.objects.get(project=project)
    assert state.state == "approved" and state.grade == "良" and state.round == 2
    assert [e.action for e in AuditEvent.objects.filter(project=project).order_by("pk")] == [
        "submit", "comment", "return", "resubmit", "comment", "approve"]
    assert project.indicators.get(position=ROW).target_raw == "=100%"


def test_adjustment_diff_summary_and_rule_settings(live_server, browser, seed, users) -> None:  # type: ignore[no-untyped-def]
    from tests.web.review_helpers import put_in_state

    base = live_server.url
    project: Project = seed[0]
    put_in_state(project, "approved", users)
    editor = _login(browser, base, "editor_a")
    editor.goto(f"{base}/projects/{project.pk}/")
    editor.click(".review-panel button:has-text('发起调整')")
    editor.wait_for_url(f"{base}/projects/{project.pk}/edit/")
    editor.fill("#tv-9", ">1500家")
    editor.fill("#id_budget_current_year", "110000000")
    editor.click("tr.indicator-row:nth-child(2) button[data-row-remove]")
    editor.click("form.project-form button[type=submit]")
    editor.wait_for_url(f"{base}/projects/{project.pk}/")
    editor.click("a:has-text('与批复版本对比')")
    editor.wait_for_selector("tr.diff-changed")
    assert editor.locator("table.indicators-diff tr.diff-removed").count() == 1
    _shot(editor, "9-diff")

    reviewer = _login(browser, base, "reviewer")
    reviewer.goto(f"{base}/review/summary/")
    reviewer.wait_for_selector("section.dept-summary")
    _shot(reviewer, "10-summary")

    admin = _login(browser, base, "admin")
    admin.goto(f"{base}/review/rules/?framework=shanghai-2020")
    admin.select_option("select[name='enabled_R-RELEVANT-VAGUE-NUMBER']", "off")
    admin.click("form.rules-form button[type=submit]")
    admin.wait_for_selector(".messages >> text=审核规则设置已保存")
    _shot(admin, "11-rules")
