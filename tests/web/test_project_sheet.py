"""The project page's sheet (the printed table, provenance, diagnostics), built in Python (projects/sheet.py):
every text escaped, the labels in the page's language, nothing the template showed lost."""

from __future__ import annotations

import html

import pytest
from django.conf import settings
from django.utils import timezone

from jixiao.core import model as core
from jixiao.web.projects import editing

pytestmark = pytest.mark.django_db


@pytest.fixture
def created(users):  # type: ignore[no-untyped-def]
    """A project typed into jixiao (no source document, no indicators), with text that needs escaping."""
    p = core.Project(name="新<项目>&测试", year=2021, framework="shanghai-2020", department="上海市商务委员会",
                     category="其他", government_procurement=False,
                     overview='第一行\n第二行 <b>粗</b> & "引号"\r\n第三行')
    return editing.create_project(users["editor_a"], p)


def _page(client_as, persona: str, pk: int, language: str = "zh-hans") -> str:  # type: ignore[no-untyped-def]
    client = client_as(persona)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(f"/projects/{pk}/")
    assert response.status_code == 200
    return response.content.decode()


def test_a_project_created_in_jixiao(created, client_as) -> None:  # type: ignore[no-untyped-def]
    page = _page(client_as, "reviewer", created.pk)
    assert '<td class="project-name">新&lt;项目&gt;&amp;测试</td>' in page
    assert "<td>其他</td>" in page and "<td>否</td>" in page
    assert ('<td colspan="3" class="narrative">第一行<br>第二行 &lt;b&gt;粗&lt;/b&gt; &amp; &quot;引号&quot;<br>第三行'
            in page)
    assert "<dt>来源文件</dt><dd>在系统中新建</dd>" in page and "SHA-256" not in page
    assert f"<dd>1（最后修改 {timezone.localtime(created.updated_at):%Y-%m-%d}" in page
    assert " · editor_a）</dd>" in page
    assert '<tr><td colspan="6">尚无绩效指标。</td></tr>' in page
    assert "<p>读取时没有需要说明的问题。</p>" in page
    assert "（2021年度）" in page and "2021年绩效目标" in page


def test_the_same_project_in_english(created, client_as) -> None:  # type: ignore[no-untyped-def]
    page = _page(client_as, "reviewer", created.pk, "en")
    for text in ("Project Spending Performance Target Table", "Year 2021", "Project name", "<td>No</td>",
                 "Created in jixiao", "No indicators yet.", "Performance targets 2021"):
        assert text in page
    assert "申报单位名称" not in page and "尚无绩效指标" not in page


def test_an_imported_project(project, client_as) -> None:  # type: ignore[no-untyped-def]
    page = _page(client_as, "editor_a", project.pk)
    source = project.source_document
    assert f"<dd>{html.escape(source.name)}</dd>" in page and f'<code class="hash">{source.sha256}</code>' in page
    assert f"<dt>起始行</dt><dd>{project.source_line}</dd>" in page
    # 一级/二级 merged over their rows as printed; each indicator's target as written and as understood.
    assert page.count('<th scope="rowgroup" rowspan=') >= 2
    for ind in project.indicators.all():
        assert f"<td>{html.escape(ind.name)}</td><td>{html.escape(ind.target_raw)}</td>" in page
    severities = {"error": "错误", "warning": "警告", "info": "提示"}
    for d in project.diagnostics:
        assert f'<tr class="sev-{d["severity"]}"><td class="num">{d.get("line") or ""}</td>' \
               f'<td>{severities[d["severity"]]}</td><td><code>{d["code"]}</code></td>' in page
    if not project.diagnostics:
        assert "读取时没有需要说明的问题。" in page


def test_diagnostics_in_the_page_language(project, client_as) -> None:  # type: ignore[no-untyped-def]
    project.diagnostics = [{"code": "row-realigned", "severity": "warning", "line": 94, "message": "行已对齐 <x>",
                            "message_en": "row realigned <x>"}]
    project.save(update_fields=["diagnostics"])
    chinese = _page(client_as, "reviewer", project.pk)
    english = _page(client_as, "reviewer", project.pk, "en")
    assert '<td class="num">94</td><td>警告</td><td><code>row-realigned</code></td><td>行已对齐 &lt;x&gt;</td>' in chinese
    assert "<td>warning</td><td><code>row-realigned</code></td><td>row realigned &lt;x&gt;</td>" in english
