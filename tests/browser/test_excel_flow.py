"""Excel both ways in the browser: an editor downloads the department's template from the import page,
fills in a cell offline (openpyxl standing in for Excel), uploads it, and finds the change in the project's
history."""

from __future__ import annotations

import re
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.test_editing_flow import login

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_download_fill_in_and_upload_the_template(page, live_server, seed, users, shot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    login(page, live_server.url, "editor_a")
    page.goto(f"{live_server.url}/import/")
    page.get_by_label("年度").fill("2020")
    shot(page, "excel-01-import-page")
    with page.expect_download() as caught:
        page.get_by_role("button", name="下载模板").click()
    download = caught.value
    assert download.suggested_filename == "上海市商务委员会-2020年度-绩效目标表填报模板.xlsx"
    template = tmp_path / download.suggested_filename
    download.save_as(template)

    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames[0] == "填写说明"
    ws = wb["打响上海购物品牌"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "研究报告")
    ws.cell(cell.row, cell.column + 1, "≥2个")
    filled = tmp_path / "填好的模板.xlsx"
    wb.save(filled)

    page.get_by_label("文件").set_input_files(str(filled))
    page.get_by_role("button", name="导入", exact=True).click()
    status = page.get_by_role("status")
    expect(status).to_contain_text("更新 1 个，未变 7 个")
    shot(page, "excel-02-imported")
    status.get_by_role("link", name=re.compile("打响上海购物品牌")).click()
    expect(page.locator("table.indicators")).to_contain_text("≥2个")
    page.get_by_role("link", name="修改历史").click()
    expect(page.locator("main")).to_contain_text("填好的模板.xlsx")
    shot(page, "excel-03-history")


def test_the_download_menus_are_where_users_look(page, live_server, seed, users, shot) -> None:  # type: ignore[no-untyped-def]
    from jixiao.web.accounts.models import Department

    department = Department.objects.get(name="上海市商务委员会")
    login(page, live_server.url, "viewer_a")
    page.goto(f"{live_server.url}/projects/?department={department.pk}&year=2020")
    exports = page.locator("p.exports")
    for label in ("CSV", "XLSX", "DATAPACKAGE", "JSON", "Excel 填报模板（含现有项目）", "空白模板"):
        expect(exports.get_by_role("link", name=label, exact=True)).to_be_visible()
    shot(page, "excel-04-list-exports")
    with page.expect_download() as caught:
        exports.get_by_role("link", name="CSV", exact=True).click()
    assert caught.value.suggested_filename == "绩效目标表-2020-上海市商务委员会.csv"
    page.locator("#results tbody a").first.click()
    page.get_by_text("下载", exact=True).click()
    menu = page.locator("details.downloads ul")
    expect(menu.get_by_role("link")).to_have_count(7)
    shot(page, "excel-05-project-downloads")
