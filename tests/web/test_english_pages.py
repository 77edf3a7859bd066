"""The self-evaluation and monitoring pages in English: every heading, label, button and table header is
English — the only Chinese left is the data (project, department, indicators, what was entered) and the
official form's fixed words the product keeps as printed (the bands 达成/部分达成/未达成, the grades
优/良/中/差, the monitoring form's deviation reasons and likelihoods), each shown with an English gloss."""

from __future__ import annotations

import re
from collections.abc import Iterable

import pytest
from django.conf import settings
from django.test import Client
from django.utils.html import escape

from jixiao.core import workflow as wf
from jixiao.core.selfeval import BANDS, DEVIATION_REASONS, LIKELIHOODS
from jixiao.web.monitoring import mapping as monitoring_mapping
from jixiao.web.projects.models import Project
from jixiao.web.selfeval import mapping, services
from tests.web.selfeval_data import begin, begin_round, filled, round_form, submitted

pytestmark = pytest.mark.django_db

# Han characters and CJK punctuation (、。「」), full-width forms (（）：，) included.
CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]+")
# Chinese on purpose in every page: the brand mark and the switch back to Chinese, in its own language.
FURNITURE = ('">绩效 <span>', 'lang="zh-Hans">中文</button>')
OFFICIAL_WORDS = (*BANDS, *DEVIATION_REASONS, *LIKELIHOODS, *wf.GRADES)
CITATION = re.compile(r"财预〔\d{4}〕\d+号")  # a regulation is cited by its number, as the core's English does


def _data(projects: Iterable[Project], entered: Iterable[str | None] = ()) -> set[str]:
    found: set[str] = set(entered)  # type: ignore[arg-type]
    for p in projects:
        found |= {p.name, p.department.name, p.goals or ""}
        for ind in p.indicators.all():
            found |= {ind.level1 or "", ind.level2 or "", ind.name or "", ind.target_raw or "", ind.target_unit or ""}
    return {s for s in found if s}


def _chinese_chrome(html: str, data: set[str]) -> list[str]:
    """The Chinese left once the data, the form's fixed words and the furniture are masked, in context.

    A word of one character (a grade, a unit such as 家) is data only where it stands alone: masked
    everywhere it would hide the chrome around it (差 in 偏差原因)."""
    masked = CITATION.sub(lambda m: "\0" * len(m.group()), html)
    words = data | set(OFFICIAL_WORDS) | set(FURNITURE)
    for s in sorted((w for w in words if len(w) > 1), key=len, reverse=True):  # 部分达成 before 达成
        for form in {s, escape(s)}:
            masked = masked.replace(form, "\0" * len(form))
    singles = {w for w in words if len(w) == 1}
    return [html[max(m.start() - 30, 0):m.end() + 10].replace("\n", " ") for m in CJK.finditer(masked)
            if m.group() not in singles]


def _english(client: Client) -> Client:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def _page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, url
    html = response.content.decode()
    assert 'lang="en"' in html
    return html


def test_self_evaluation_pages_in_english(seed, users, client_as) -> None:  # type: ignore[no-untyped-def]
    project, other = seed[0], seed[1]
    editor, reviewer = _english(client_as("editor_a")), _english(client_as("reviewer"))
    draft = begin(users["editor_a"], project)
    ev = filled(draft)
    services.save(users["editor_a"], draft.pk, ev, draft.version)
    pending = submitted(users["editor_a"], seed[2])
    entered = [r.actual for r in ev.indicators] + [ev.project.implementer, ev.goal_expected]
    entered += [r.actual for r in mapping.evaluation_to_core(pending).indicators]
    data = _data(seed, entered)
    pages = {
        "list": _page(editor, f"/selfeval/?year={project.year}"),
        "start": _page(editor, f"/projects/{other.pk}/selfeval/"),
        "detail": _page(editor, f"/selfeval/{draft.pk}/"),
        "edit": _page(editor, f"/selfeval/{draft.pk}/edit/"),
        "review": _page(reviewer, f"/selfeval/{pending.pk}/"),
        "settings": _page(_english(client_as("admin")), "/settings/scoring/"),
    }
    assert {name: _chinese_chrome(html, data) for name, html in pages.items()} == {name: [] for name in pages}
    assert "<h1>Self-evaluation</h1>" in pages["list"] and "Start the self-evaluation" in pages["start"]
    assert "Level-1 indicator" in pages["detail"] and "Actual value" in pages["detail"]
    assert "Reason for deviation" in pages["edit"] and "Save and submit for review" in pages["edit"]
    assert ">Approve</button>" in pages["review"] and "State: Submitted" in pages["review"]


def test_monitoring_pages_in_english(seed, users, client_as) -> None:  # type: ignore[no-untyped-def]
    project = seed[0]
    editor = _english(client_as("editor_a"))
    obj = begin_round(users["editor_a"], project)
    report = monitoring_mapping.round_to_core(obj)
    values = {f"value_{n}": "50%" for n in range(len(report.indicators))}
    editor.post(f"/monitoring/{obj.pk}/edit/", round_form(obj, spent="60000000", **values,
                                                           reasons_0=DEVIATION_REASONS[0], correction_0="yes",
                                                           likelihood_0=LIKELIHOODS[1]))
    data = _data(seed, ["50%"])
    pages = {
        "board": _page(editor, f"/monitoring/?year={project.year}"),
        "rounds": _page(editor, f"/projects/{project.pk}/monitoring/"),
        "detail": _page(editor, f"/monitoring/{obj.pk}/"),
        "edit": _page(editor, f"/monitoring/{obj.pk}/edit/"),
    }
    assert {name: _chinese_chrome(html, data) for name, html in pages.items()} == {name: [] for name in pages}
    assert "<h1>Monitoring</h1>" in pages["board"] and "Spending progress" in pages["board"]
    assert "Level-1 indicator" in pages["detail"] and "Reason for deviation" in pages["detail"]
    assert "Likelihood of reaching the target" in pages["edit"]


def test_review_box_of_an_approved_project_in_english(project, users, client_as) -> None:  # type: ignore[no-untyped-def]
    """The review box is an inclusion tag: its own context must know the language, or the lock reason
    is shown in Chinese on an English page."""
    from tests.web.review_helpers import put_in_state

    put_in_state(project, wf.APPROVED, users)
    zh_reason, en_reason = wf.lock_reason(wf.APPROVED)  # type: ignore[misc]
    english = _page(_english(client_as("editor_a")), f"/projects/{project.pk}/")
    assert escape(en_reason) in english and zh_reason not in english
    chinese = client_as("editor_a").get(f"/projects/{project.pk}/").content.decode()
    assert zh_reason in chinese and escape(en_reason) not in chinese


# Chinese the project pages keep in English on purpose: the search box's example terms (the data is
# Chinese), the Excel template's sheet name as the file has it, units in example target values as users
# type them, and the regulation a rule cites (its number and 《title》, where the page cites it).
MEANT_TO_STAY = ("港口", "补贴", "填写说明", "家", "万元")
REGULATION_TITLE = re.compile(r'(?<=<p class="cite">)[^<]*?《[^《》<]+》')


def test_project_pages_in_english(seed, users, client_as) -> None:  # type: ignore[no-untyped-def]
    """The overview, the list, a project's sheet, its edit form, history and review, a new project and the
    import page: English everywhere but the data, punctuation included (no "：" or "（…）" around it)."""
    from jixiao.web.projects.mapping import TEXT_FIELDS

    project = seed[0]
    editor, reviewer = _english(client_as("editor_a")), _english(client_as("reviewer"))
    data = _data(seed) | {getattr(p, f) for p in seed for f in TEXT_FIELDS if getattr(p, f)}
    data |= {text for p in seed for e in p.extra for text in (e["label"], e["value"])} | set(MEANT_TO_STAY)
    pages = {
        "overview": _page(editor, f"/overview/?year={project.year}"),
        "list": _page(editor, "/projects/"),
        "detail": _page(editor, f"/projects/{project.pk}/"),
        "edit": _page(editor, f"/projects/{project.pk}/edit/"),
        "history": _page(editor, f"/projects/{project.pk}/history/"),
        "new": _page(editor, "/projects/new/"),
        "import": _page(editor, "/import/"),
        "review": _page(reviewer, f"/projects/{project.pk}/review/"),
    }
    found = {name: _chinese_chrome(REGULATION_TITLE.sub(lambda m: " " * len(m.group()), html), data)
             for name, html in pages.items()}
    assert found == {name: [] for name in pages}
    name = escape(project.name)
    assert f"Edit: {name}" in pages["edit"] and f"History: {name} ({project.year})" in pages["history"]
    assert f"(Year {project.year})" in pages["detail"] and f"Department: {escape(project.department.name)}" in pages["detail"]
    assert re.search(r"\d+ \(last changed \d{4}-\d\d-\d\d \d\d:\d\d", pages["detail"])
    assert f"Target review: {name} ({project.year})" in pages["review"]
    assert re.search(r"</strong> \(\d+(\.\d+)? points, (1 finding|\d+ findings)\)", pages["review"])
