"""Editing: facts, budget and indicator rows; the live target check; optimistic locking; history."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jixiao.web.projects.models import Project, Revision
from tests.web.helpers import form_data

pytestmark = pytest.mark.django_db


def _rows(obj: Project) -> list[tuple[str, str, str, str]]:
    return [(i.level1, i.level2, i.name, i.target_raw) for i in obj.indicators.order_by("position")]


def test_edit_facts_and_budget(project, client_as) -> None:  # type: ignore[no-untyped-def]
    data = form_data(project, category="专项资金", budget_current_year="110,000,000.50")
    response = client_as("editor_a").post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 302
    project.refresh_from_db()
    assert project.category == "专项资金" and project.budget_current_year == Decimal("110000000.50")
    assert project.version == 2
    revision = project.revisions.get(version=2)
    assert revision.action == "update" and revision.actor.username == "editor_a"


def test_invalid_target_value_is_refused_with_its_row(project, client_as) -> None:  # type: ignore[no-untyped-def]
    data = form_data(project)
    data["ind_target"][9] = ">=家"
    response = client_as("editor_a").post(f"/projects/{project.pk}/edit/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "第 10 行" in page and "无法识别" in page
    project.refresh_from_db()
    assert project.version == 1 and project.indicators.filter(target_raw=">1000家").exists()


def test_empty_target_and_missing_name_are_refused(project, client_as) -> None:  # type: ignore[no-untyped-def]
    data = form_data(project, name="")
    data["ind_target"][0] = ""
    page = client_as("editor_a").post(f"/projects/{project.pk}/edit/", data).content.decode()
    assert "项目名称不能为空" in page and "指标目标值不能为空" in page


def test_add_remove_reorder_and_move_rows(project, client_as) -> None:  # type: ignore[no-untyped-def]
    data = form_data(project)
    columns = ("ind_level1", "ind_level2", "ind_name", "ind_target", "ind_line", "ind_extra")
    for c in columns:  # remove the first row, swap the next two, add one at the end
        del data[c][0]
        data[c][0], data[c][1] = data[c][1], data[c][0]
    data["ind_level1"].append("效果目标")
    data["ind_level2"].append("满意度")
    data["ind_name"].append("企业满意度")
    data["ind_target"].append(">=90%")
    data["ind_line"].append("")
    data["ind_extra"].append("")
    data["ind_level2"][2] = "实施管理"  # move a row to another branch
    before = _rows(project)
    assert client_as("editor_a").post(f"/projects/{project.pk}/edit/", data).status_code == 302
    after = _rows(project)
    assert after[0] == before[2] and after[1] == before[1]
    assert after[2][1] == "实施管理"
    assert after[-1] == ("效果目标", "满意度", "企业满意度", ">=90%")
    added = project.indicators.get(name="企业满意度")
    assert added.target_kind == "numeric" and added.target_value == "90" and added.target_unit == "%"


def test_blank_rows_are_ignored(project, client_as) -> None:  # type: ignore[no-untyped-def]
    data = form_data(project)
    for c in ("ind_level1", "ind_level2", "ind_name", "ind_target", "ind_line", "ind_extra"):
        data[c].append("")
    assert client_as("editor_a").post(f"/projects/{project.pk}/edit/", data).status_code == 302
    assert project.indicators.count() == project.indicator_count == len(data["ind_name"]) - 1


def test_second_editor_gets_a_conflict_and_nothing_is_overwritten(project, client_as, users) -> None:  # type: ignore[no-untyped-def]
    from jixiao.web.accounts.models import EDITOR
    from jixiao.web.accounts.services import ensure_user
    from tests.web.conftest import DEPT_A

    ensure_user("editor_a2", "x", EDITOR, DEPT_A)
    first, second = client_as("editor_a"), client_as(None)
    second.force_login(type(users["editor_a"]).objects.get(username="editor_a2"))
    form_first = form_data(project, category="专项资金")
    form_second = form_data(project, category="经常性专项业务费")  # read the same version 1
    assert first.post(f"/projects/{project.pk}/edit/", form_first).status_code == 302
    response = second.post(f"/projects/{project.pk}/edit/", form_second)
    assert response.status_code == 409
    page = response.content.decode()
    assert "已被他人修改" in page and "经常性专项业务费" in page  # the user's input is kept on the page
    project.refresh_from_db()
    assert project.category == "专项资金" and project.version == 2


def test_history_shows_who_and_what_changed(project, client_as) -> None:  # type: ignore[no-untyped-def]
    data = form_data(project)
    data["ind_target"][9] = ">1500家"
    client_as("editor_a").post(f"/projects/{project.pk}/edit/", data)
    page = client_as("viewer_a").get(f"/projects/{project.pk}/history/").content.decode()
    assert "editor_a" in page and ">1500家" in page.replace("&gt;", ">") and ">1000家" in page.replace("&gt;", ">")
    assert "版本 2" in page and "版本 1" in page


def test_target_check_endpoint(client_as) -> None:  # type: ignore[no-untyped-def]
    client = client_as("viewer_a")
    ok = client.get("/check-target/", {"ind_target": "<=4月30日", "year": "2020"}, headers={"HX-Request": "true"})
    assert ok.status_code == 200 and "2020-04-30" in ok.content.decode()
    assert "1000" in client.get("/check-target/", {"raw": ">1000家", "year": "2020"}).content.decode()
    bad = client.get("/check-target/", {"raw": ">=家", "year": "2020"}).content.decode()
    assert "无法识别" in bad
    assert "不能为空" in client.get("/check-target/", {"raw": "  "}).content.decode()
    assert client.get("/check-target/", {"raw": "合理", "year": "x"}).status_code == 200


def test_copy_to_next_year(project, client_as) -> None:  # type: ignore[no-untyped-def]
    response = client_as("editor_a").post(f"/projects/{project.pk}/copy/")
    assert response.status_code == 302
    new = Project.objects.get(year=2021, name=project.name)
    assert new.indicator_count == project.indicator_count
    assert new.budget_previous_year == project.budget_current_year
    assert new.indicators.get(name="完成时间").target_value == "2021-04-30"
    assert new.revisions.get().action == "copy"
    again = client_as("editor_a").post(f"/projects/{project.pk}/copy/")  # 2021 exists already: a message
    assert again.status_code == 302 and Project.objects.filter(year=2021, name=project.name).count() == 1


def test_new_project_from_scratch(users, client_as) -> None:  # type: ignore[no-untyped-def]
    data = {"name": "校园安全专项", "year": "2021", "category": "专项资金", "government_procurement": "no",
            "budget_total": "500000", "ind_level1": ["产出目标"], "ind_level2": ["数量"], "ind_name": ["覆盖学校数"],
            "ind_target": [">=120所"], "ind_line": [""], "ind_extra": [""]}
    response = client_as("editor_b").post("/projects/new/", data)
    assert response.status_code == 302
    obj = Project.objects.get(name="校园安全专项")
    assert obj.department.name == "上海市教育委员会" and obj.year == 2021 and obj.quantified_count == 1
    assert Revision.objects.get(project=obj).action == "create"
    duplicate = client_as("editor_b").post("/projects/new/", data)
    assert duplicate.status_code == 400 and "已有同名项目" in duplicate.content.decode()


def test_new_project_with_bad_input_is_400_and_writes_nothing(client_as) -> None:  # type: ignore[no-untyped-def]
    data = {"name": "X", "year": "二〇二一", "start_date": "2021-13-01", "budget_total": "abc"}
    response = client_as("editor_b").post("/projects/new/", data)
    assert response.status_code == 400
    page = response.content.decode()
    assert "不是整数" in page and "不是有效日期" in page and "不是金额" in page
    assert not Project.objects.filter(name="X").exists()


def test_the_admin_shows_projects_but_cannot_change_or_delete_them(client_as, project) -> None:  # type: ignore[no-untyped-def]
    # every change goes through the pages and the API, which keep it as a revision and move the data
    # version; an admin edit or delete would leave a hole in the history and stale cached pages
    admin = client_as("admin")
    revisions = Revision.objects.filter(project=project).count()
    assert admin.get("/admin/projects/project/").status_code == 200
    page = admin.get(f"/admin/projects/project/{project.pk}/change/")
    assert page.status_code == 200 and project.name in page.content.decode()
    assert admin.post(f"/admin/projects/project/{project.pk}/change/", {"name": "改名"}).status_code == 403
    assert admin.get(f"/admin/projects/project/{project.pk}/delete/").status_code == 403
    assert admin.post(f"/admin/projects/project/{project.pk}/delete/", {"post": "yes"}).status_code == 403
    assert admin.get("/admin/projects/project/add/").status_code == 403
    assert admin.get(f"/admin/projects/sourcedocument/{project.source_document_id}/delete/").status_code == 403
    project.refresh_from_db()
    assert project.name != "改名" and Revision.objects.filter(project=project).count() == revisions
