"""A year-end self-evaluation end to end in Chromium: the editor of a seed project begins its 自评表,
types the actual values and watches each row, the total and the grade re-scored live; submitting is
refused until the shortfall is explained; the reviewer returns it, the editor corrects and resubmits,
the reviewer approves, and the official 自评表 is downloaded and opened. Screenshots go to
screenshots/ (git-ignored)."""

from __future__ import annotations

import io
import re
from pathlib import Path

import openpyxl
import pytest

from jixiao.web.projects.models import Project
from jixiao.web.selfeval.models import Evaluation
from tests.browser.conftest import login, save_shot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BENEFICIARIES = 9  # 受益企业数 >1000家
NUMBERS = {1: "100%", 2: "100%", 10: "100%", 11: "4月28日", 12: "120000000", 13: "86%"}


def _login(browser, base: str, username: str):  # type: ignore[no-untyped-def]
    return login(browser, base, username, width=1400, accept_downloads=True)


def _shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    save_shot(page, f"selfeval-{name}")


def _total(page) -> str:  # type: ignore[no-untyped-def]
    return page.inner_text("#score-summary [data-total]").strip()


def test_enter_score_submit_return_correct_approve_export(live_server, browser, seed, users) -> None:  # type: ignore[no-untyped-def]
    base = live_server.url
    project: Project = seed[0]

    editor = _login(browser, base, "editor_a")
    editor.goto(f"{base}/projects/{project.pk}/")
    editor.click("nav.year-links a:has-text('绩效自评')")
    editor.click("button:has-text('开始自评')")
    editor.wait_for_url(re.compile(r".*/selfeval/\d+/edit/"))
    assert _total(editor) == "0"

    editor.fill("#id_executed", "120000000")
    for n in range(14):
        if n in NUMBERS:
            editor.fill(f"#actual-{n}", NUMBERS[n])
        elif n != BENEFICIARIES:
            editor.fill(f"#actual-{n}", "达成")
            editor.select_option(f"#band-{n}", "达成")
    editor.fill(f"#actual-{BENEFICIARIES}", "800家")
    # Live scoring (HTMX): the row's words, the total and the grade follow what was typed.
    editor.wait_for_function("document.querySelector('#score-summary [data-total]').textContent.trim() === '99.07'")
    row = editor.inner_text(f"#row-score-{BENEFICIARIES}")
    assert "× 800 ÷ 1000" in row and "须填写偏差原因分析及改进措施" in row
    assert editor.inner_text("#score-summary [data-grade]").strip() == "优"
    _shot(editor, "1-live-score")

    editor.click("button[value=submit]")
    editor.wait_for_selector("#form-errors")
    assert "未达成目标，须填写偏差原因分析及改进措施" in editor.inner_text("#form-errors")
    evaluation = Evaluation.objects.get(project=project)
    assert evaluation.state == "draft"
    _shot(editor, "2-submit-refused")

    editor.fill(f"#reason-{BENEFICIARIES}", "部分企业未按期申报。")
    editor.click("button[value=submit]")
    editor.wait_for_url(re.compile(r".*/selfeval/\d+/$"))
    assert "已提交待审" in editor.inner_text(".state")
    _shot(editor, "3-submitted")

    reviewer = _login(browser, base, "reviewer")
    reviewer.goto(f"{base}/selfeval/{evaluation.pk}/")
    reviewer.fill("#id_comment", "偏差原因请写明企业数和改进措施")
    reviewer.click("button[data-action=return]")
    reviewer.wait_for_selector(".messages")
    assert "已退回修改" in reviewer.inner_text(".state")
    _shot(reviewer, "4-returned")

    editor.goto(f"{base}/selfeval/{evaluation.pk}/")
    assert "偏差原因请写明企业数和改进措施" in editor.inner_text(".history")
    editor.click("a:has-text('填写自评表')")
    editor.fill(f"#reason-{BENEFICIARIES}", "200家企业材料不全未兑付；明年提前宣讲并简化申报材料。")
    editor.click("button[value=submit]")
    editor.wait_for_url(re.compile(r".*/selfeval/\d+/$"))
    assert "已重新提交待审" in editor.inner_text(".state")

    reviewer.goto(f"{base}/selfeval/{evaluation.pk}/")
    reviewer.click("button[data-action=approve]")
    reviewer.wait_for_selector(".messages")
    assert "已批复" in reviewer.inner_text(".state")
    assert reviewer.inner_text("tfoot [data-total]").strip() == "99.07"
    _shot(reviewer, "5-approved")

    with reviewer.expect_download() as caught:
        reviewer.click("a:has-text('下载 XLSX')")
    download = caught.value
    assert download.suggested_filename.endswith("自评表.xlsx")
    ws = openpyxl.load_workbook(io.BytesIO(Path(download.path()).read_bytes())).worksheets[0]
    cells = {c.value: c for row in ws.iter_rows() for c in row if isinstance(c.value, str)}
    assert ws["A1"].value == "项目支出绩效自评表" and project.name in cells
    total = cells["总分"]
    assert ws.cell(total.row, 7).value == "99.07" and ws.cell(total.row, 8).value == "自评等级：优"
    assert any("200家企业材料不全" in v for v in cells)
    assert Evaluation.objects.get(pk=evaluation.pk).state == "approved"


def test_the_demo_year_monitoring_lights_and_self_evaluations(live_server, browser, db) -> None:  # type: ignore[no-untyped-def]
    """The demo as a new user finds it: January–July lights per department, each with its word, figure
    and legend; and self-evaluations in every state."""
    from jixiao.web import demo
    from jixiao.web.monitoring.models import Round

    demo.install()
    page = browser.new_context(viewport={"width": 1400, "height": 900}, locale="zh-CN").new_page()
    page.set_default_timeout(15_000)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", "caizheng-reviewer")
    page.fill("#id_password", "demo-caizheng-reviewer")
    page.click("main button[type=submit]")
    page.wait_for_url(re.compile(r".*/overview/"))
    page.click("header nav a:has-text('运行监控')")
    page.wait_for_selector("table.monitoring-overview")
    text = page.inner_text("main")
    assert "上海市商务委员会" in text and "2020年1–7月" in text
    assert "红灯" in text and "绿灯" in text and "%" in text
    _shot(page, "6-demo-monitoring-overview")
    behind = Round.objects.get(project__name="单一窗口经费—运维费")
    page.goto(f"{live_server.url}/monitoring/{behind.pk}/")
    assert "经费保障" in page.inner_text("main") and "加快资金拨付" in page.inner_text("main")
    _shot(page, "7-demo-monitoring-round")
    page.click("header nav a:has-text('绩效自评')")
    states = page.inner_text("table.list")
    for label in ("已批复", "已提交待审", "已退回修改", "草稿", "未开始"):
        assert label in states, label
    _shot(page, "8-demo-selfeval-list")
