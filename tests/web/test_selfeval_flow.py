"""Self-evaluation in the web app: live scoring of a worked example, the explanation the core requires
before submitting, the review cycle, the Excel template round trip, the administrator's settings, the
API, and the demo year."""

from __future__ import annotations

import io
import json
from decimal import Decimal
from typing import Any

import openpyxl
import pytest
from django.test import Client

from jixiao.web.selfeval import mapping
from jixiao.web.selfeval.models import Evaluation, Event, ScoringSettingsRecord
from tests.web.selfeval_data import begin, form_data

pytestmark = pytest.mark.django_db

# The seed's first project (2019年度港口建设费地方留存部分退付保障资金, shanghai-2020, budget 120,000,000 元):
# 9 投入与管理 rows, 受益企业数 >1000家, 补贴资金到位率 =100%, 完成时间 <=4月30日, 企业减负 =120000000元,
# 政策知晓度 >=80%.
ACTUALS = {1: "100%", 2: "100%", 9: "800家", 10: "100%", 11: "4月28日", 12: "120000000元", 13: "86%"}
BENEFICIARIES = 9  # 受益企业数


def worked_example(obj: Evaluation, **changes: Any) -> dict[str, Any]:
    """Everything met (qualitative rows judged 达成) except 受益企业数: 800 of >1000."""
    data = form_data(obj, executed="120000000", goal_actual="按期退付")
    for n in range(14):
        data[f"actual_{n}"] = ACTUALS.get(n, "达成")
        if n not in ACTUALS:
            data[f"band_{n}"] = "达成"
    data.update(changes)
    return data


def test_live_scoring_of_a_worked_example(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    """财预〔2020〕10号 with the default settings, by hand: 产出 50 points shared by the 12 output rows
    (9 投入与管理 mapped to 产出, and 3 产出目标) = 4.1667 each; 效益 30 by 2 rows = 15 each; no 满意度
    row, so 10 + 50 + 30 = 90 points apply and everything is rescaled by 100/90. 受益企业数 earns
    800 ÷ 1000 of its weight: it loses 4.1667 × 0.2 × 100/90 = 0.93, so the total is 99.07 (优) and
    that row shows 3.70 of 4.63."""
    obj = begin(users["editor_a"], project)
    response = client_as("editor_a").post(f"/selfeval/{obj.pk}/score/", worked_example(obj))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<dd data-total>99.07</dd>' in html and '<dd data-grade>优</dd>' in html
    row = html.split(f'id="row-score-{BENEFICIARIES}"')[1].split("</div>")[0]
    assert 'hx-swap-oob="true"' in row
    assert "4.63" in row and "<strong>" in row and "3.7" in row
    assert "× 800 ÷ 1000" in row and "须填写偏差原因分析及改进措施" in row
    assert "还有 1 个指标须填写偏差原因分析及改进措施" in html
    obj.refresh_from_db()
    assert obj.version == 1 and Event.objects.filter(evaluation=obj).count() == 1  # scoring wrote nothing


def test_over_achievement_needs_an_explanation_too(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    obj = begin(users["editor_a"], project)
    html = client_as("editor_a").post(f"/selfeval/{obj.pk}/score/",
                                      worked_example(obj, actual_9="1400家")).content.decode()
    row = html.split(f'id="row-score-{BENEFICIARIES}"')[1].split("</div>")[0]
    assert "超额完成（140.00%）" in row and "须填写偏差原因分析及改进措施" in row


def test_submit_is_refused_without_the_required_explanation(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    obj = begin(users["editor_a"], project)
    client = client_as("editor_a")
    response = client.post(f"/selfeval/{obj.pk}/edit/", worked_example(obj, then="submit"))
    assert response.status_code == 400
    page = response.content.decode()
    assert "受益企业数" in page and "未达成目标，须填写偏差原因分析及改进措施" in page
    obj.refresh_from_db()
    assert (obj.state, obj.version) == ("draft", 1)  # nothing stored: saving and submitting are one change
    reason = "部分企业未按期申报；明年提前宣讲。"
    response = client.post(f"/selfeval/{obj.pk}/edit/", worked_example(obj, then="submit", reason_9=reason))
    assert response.status_code == 302
    obj.refresh_from_db()
    assert (obj.state, obj.total, obj.grade, obj.submitted_by) == ("submitted", Decimal("99.07"), "优", users["editor_a"])
    assert mapping.evaluation_to_core(obj).indicators[BENEFICIARIES].deviation_reason == reason


def test_submit_action_on_a_saved_draft_lists_what_is_missing(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    obj = begin(users["editor_a"], project)
    client = client_as("editor_a")
    assert client.post(f"/selfeval/{obj.pk}/edit/", worked_example(obj)).status_code == 302
    response = client.post(f"/selfeval/{obj.pk}/submit/", follow=True)
    assert "须填写偏差原因分析及改进措施" in response.content.decode()
    assert Evaluation.objects.get(pk=obj.pk).state == "draft"


def test_the_review_cycle_returned_corrected_and_approved(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    obj = begin(users["editor_a"], project)
    editor, reviewer = client_as("editor_a"), client_as("reviewer")
    editor.post(f"/selfeval/{obj.pk}/edit/", worked_example(obj, then="submit", reason_9="原因"))
    assert editor.get(f"/selfeval/{obj.pk}/edit/").status_code == 409  # under review: locked
    refused = reviewer.post(f"/selfeval/{obj.pk}/return/", {"comment": ""}, follow=True)
    assert "退回时请写明需要修改什么" in refused.content.decode()
    reviewer.post(f"/selfeval/{obj.pk}/return/", {"comment": "偏差原因请写具体"})
    obj.refresh_from_db()
    assert obj.state == "returned"
    data = worked_example(obj, then="submit", reason_9="3家企业材料不全未兑付；明年提前宣讲并简化材料。")
    assert editor.post(f"/selfeval/{obj.pk}/edit/", data).status_code == 302
    obj.refresh_from_db()
    assert obj.state == "resubmitted"
    assert reviewer.post(f"/selfeval/{obj.pk}/approve/").status_code == 302
    obj.refresh_from_db()
    assert obj.state == "approved"
    assert editor.get(f"/selfeval/{obj.pk}/edit/").status_code == 409
    actions = list(Event.objects.filter(evaluation=obj).order_by("at", "pk").values_list("action", "to_state"))
    assert actions == [("create", "draft"), ("save", "draft"), ("submit", "submitted"), ("return", "returned"),
                       ("save", "returned"), ("resubmit", "resubmitted"), ("approve", "approved")]
    page = editor.get(f"/selfeval/{obj.pk}/").content.decode()
    assert "偏差原因请写具体" in page and "99.07" in page


def test_whoever_submitted_may_not_approve(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    obj = begin(users["admin"], project)
    admin = client_as("admin")
    admin.post(f"/selfeval/{obj.pk}/edit/", worked_example(obj, then="submit", reason_9="原因"))
    assert admin.post(f"/selfeval/{obj.pk}/approve/").status_code == 403
    assert Evaluation.objects.get(pk=obj.pk).state == "submitted"


def test_excel_template_round_trip(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    obj = begin(users["editor_a"], project)
    client = client_as("editor_a")
    response = client.get(f"/selfeval/{obj.pk}/export/template/")
    assert response.status_code == 200 and "filename*=UTF-8''" in response["Content-Disposition"]
    wb = openpyxl.load_workbook(io.BytesIO(response.content))
    ws = wb.active
    assert ws is not None
    header = next(r for r in ws.iter_rows() if any(c.value == "实际完成值" for c in r))
    col = {c.value: c.column for c in header}
    rows = [r for r in ws.iter_rows(min_row=header[0].row + 1) if r[2].value][:14]
    assert rows[BENEFICIARIES][2].value == "受益企业数" and rows[BENEFICIARIES][3].value == ">1000家"
    for n, row in enumerate(rows):
        ws.cell(row[0].row, col["实际完成值"], ACTUALS.get(n, "达成"))
        if n not in ACTUALS:
            ws.cell(row[0].row, col["评价档次"], "达成")
    ws.cell(rows[BENEFICIARIES][0].row, col["偏差原因分析及改进措施"], "材料不全")
    money = next(r for r in ws.iter_rows() if any(c.value == "年度资金总额" for c in r))
    ws.cell(money[0].row, 5, 120000000)  # 全年执行数
    out = io.BytesIO()
    wb.save(out)
    out.seek(0)
    out.name = "填好的自评表.xlsx"
    assert client.post(f"/selfeval/{obj.pk}/upload/", {"file": out}).status_code == 302
    obj.refresh_from_db()
    ev = mapping.evaluation_to_core(obj)
    assert ev.indicators[BENEFICIARIES].actual == "800家" and ev.execution.executed == Decimal("120000000")
    assert obj.total == Decimal("99.07") and Event.objects.filter(evaluation=obj, action="upload").exists()


def test_upload_of_another_projects_form_is_refused(seed, users, client_as) -> None:  # type: ignore[no-untyped-def]
    mine, other = begin(users["editor_a"], seed[0]), begin(users["editor_a"], seed[1])
    client = client_as("editor_a")
    out = io.BytesIO(client.get(f"/selfeval/{other.pk}/export/template/").content)
    out.name = "other.xlsx"
    response = client.post(f"/selfeval/{mine.pk}/upload/", {"file": out}, follow=True)
    assert "请使用本项目的模板" in response.content.decode()
    mine.refresh_from_db()
    assert mine.version == 1


def test_settings_changed_by_an_administrator_are_used_everywhere(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    """One province grades 优 from 99.5 (say): the same form is then 良; a bad setting is refused by name."""
    obj = begin(users["editor_a"], project)
    client_as("editor_a").post(f"/selfeval/{obj.pk}/edit/", worked_example(obj, reason_9="原因"))
    admin = client_as("admin")
    bad = admin.post("/settings/scoring/", {"settings": json.dumps({"grades": {"优": "50", "良": "80"}})})
    assert bad.status_code == 400 and "settings.grades" in bad.content.decode()
    grades = {"grades": {"优": "99.5", "良": "80", "中": "60", "差": "0"}}
    assert admin.post("/settings/scoring/", {"settings": json.dumps(grades), "note": "省定标准"}).status_code == 302
    assert ScoringSettingsRecord.objects.filter(active=True).count() == 1
    assert '<strong data-grade>良</strong>' in client_as("viewer_a").get(f"/selfeval/{obj.pk}/").content.decode()
    admin.post("/settings/scoring/", {"reset": "1"})
    assert '<strong data-grade>优</strong>' in client_as("viewer_a").get(f"/selfeval/{obj.pk}/").content.decode()
    assert ScoringSettingsRecord.objects.count() == 2


def test_stored_floors_are_read_in_order_whatever_the_database_kept() -> None:
    from jixiao.core.score_settings import settings_from_dict
    from jixiao.web.selfeval.scoring import in_floor_order

    shuffled = {"grades": {"差": "0", "良": "80", "优": "90", "中": "60"},
                "band_floors": {"未达成": "0", "达成": "0.8", "部分达成": "0.6"}}
    s = settings_from_dict(in_floor_order(shuffled))
    assert [g for g, _ in s.grades] == ["优", "良", "中", "差"] and s.band_floors[0][0] == "达成"


def test_api_round_trip_in_the_selfeval_json(project, users, token_for) -> None:  # type: ignore[no-untyped-def]
    headers = {"Authorization": f"Bearer {token_for('editor_a')}"}
    client = Client()
    created = client.post("/api/v1/selfevals", json.dumps({"project": project.pk}), content_type="application/json",
                          headers=headers)
    assert created.status_code == 201
    body = created.json()
    ev = body["evaluation"]
    assert ev["project"]["name"] == project.name and len(ev["indicators"]) == 14
    ev["execution"]["executed"] = "120000000"
    for n, row in enumerate(ev["indicators"]):
        row["actual"] = ACTUALS.get(n, "达成")
        row["band"] = None if n in ACTUALS else "达成"
    refused = client.put(f"/api/v1/selfevals/{body['id']}", json.dumps({"version": 1, "evaluation": ev, "submit": True}),
                         content_type="application/json", headers=headers)
    assert refused.status_code == 400 and "偏差原因" in refused.json()["detail"]["message"]
    ev["indicators"][BENEFICIARIES]["deviation_reason"] = "材料不全"
    saved = client.put(f"/api/v1/selfevals/{body['id']}", json.dumps({"version": 1, "evaluation": ev, "submit": True}),
                       content_type="application/json", headers=headers)
    assert saved.status_code == 200, saved.content
    out = saved.json()
    assert out["state"] == "submitted" and out["score"]["total"] == "99.07" and out["score"]["grade"] == "优"
    assert out["evaluation"]["indicators"][BENEFICIARIES]["indicator"]["target"]["raw"] == ">1000家"
    stale = client.put(f"/api/v1/selfevals/{body['id']}", json.dumps({"version": 1, "evaluation": ev}),
                       content_type="application/json", headers=headers)
    assert stale.status_code == 409  # under review


def test_demo_adds_the_year_once(db) -> None:  # type: ignore[no-untyped-def]
    from jixiao.web import demo
    from jixiao.web.monitoring.models import Round

    demo.install()
    first = (Round.objects.count(), Evaluation.objects.count(), Event.objects.count())
    demo.install()
    assert (Round.objects.count(), Evaluation.objects.count(), Event.objects.count()) == first
    assert first[0] == 8 and first[1] == 6
    states = set(Evaluation.objects.values_list("state", flat=True))
    assert states == {"approved", "submitted", "returned", "draft"}
    assert all(Round.objects.values_list("demo", flat=True)) and all(Evaluation.objects.values_list("demo", flat=True))
