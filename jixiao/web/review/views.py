"""Review pages. Each view: the access helper (or the role check of a list) first, then parse input,
call one service, render."""

from __future__ import annotations

import dataclasses
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core import model as core
from jixiao.core import values
from jixiao.core import workflow as wf
from jixiao.core.errors import InputError
from jixiao.core.review import all_rules
from jixiao.core.review.registry import DIMENSIONS, SEVERITY_ZH
from jixiao.web.accounts.models import Department
from jixiao.web.accounts.services import reads_all_departments
from jixiao.web.projects import access, forms, mapping
from jixiao.web.projects import queries as project_queries
from jixiao.web.projects.models import Revision
from jixiao.web.review import diff, display, queries, rules, services
from jixiao.web.review.findings import finding_view, review_project
from jixiao.web.review.models import Comment


def _filters(request: HttpRequest, visible: Any) -> dict[str, Any]:
    return {"departments": Department.objects.filter(pk__in=visible.values("department_id")),
            "years": project_queries.years(visible)}


@require_GET
@login_required
def queue(request: HttpRequest) -> HttpResponse:
    f = queries.QueueFilter.from_query(request.GET)
    page = Paginator(queries.queue(request.user, f), 50).get_page(request.GET.get("page"))
    return render(request, "review/queue.html", {
        "f": f, "page": page, "items": queries.with_reviews(list(page.object_list)),
        **_filters(request, access.visible_projects(request.user).filter(review_state__state__in=queries.PENDING)),
    })


@require_GET
@login_required
def returned(request: HttpRequest) -> HttpResponse:
    f = queries.QueueFilter.from_query(request.GET)
    page = Paginator(queries.returned(request.user, f), 50).get_page(request.GET.get("page"))
    return render(request, "review/returned.html", {"f": f, "page": page})


@require_GET
@login_required
def summary(request: HttpRequest) -> HttpResponse:
    visible = access.visible_projects(request.user)
    years = project_queries.years(visible)
    f = queries.QueueFilter.from_query(request.GET)
    if f.year is None and years:
        f = dataclasses.replace(f, year=years[0])
    return render(request, "review/summary.html", {
        "f": f, "summaries": queries.department_summaries(request.user, f),
        "all_departments": reads_all_departments(request.user),
        **_filters(request, visible),
    })


def _review_context(request: HttpRequest, grant: access.ProjectAccess, **more: Any) -> dict[str, Any]:
    obj = grant.project
    p = mapping.project_to_core(obj)
    reviewed = review_project(p)
    comments = list(Comment.objects.filter(project=obj).select_related("author"))
    lines, orphans = display.indicator_lines(p, reviewed, comments)
    st = services.standing(request.user, grant)
    return {
        "obj": obj, "p": p, "st": st, "state_label": display.state_label(st.state), "reviewed": reviewed,
        "facts": display.fact_lines(p, reviewed), "budget": display.budget_lines(p, reviewed),
        "general": display.general_findings(reviewed), "lines": lines, "orphans": orphans,
        "project_comments": [c for c in comments if not c.on_indicator],
        "grades": display.grade_choices(), "chosen_grade": more.pop("chosen_grade", None) or reviewed.summary.grade,
        "submit_label": display.action_label(st.submission) if st.submission else "",
        **more,
    }


@require_GET
@login_required
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.project_access(request.user, pk)
    return render(request, "review/review.html", _review_context(request, grant))


def _posted_comments(data: QueryDict) -> list[services.CommentIn]:
    found = [services.CommentIn(data.get("comment", ""))]
    for key, text in data.items():
        if key.startswith("comment_ind_"):
            try:
                found.append(services.CommentIn(text, int(key.removeprefix("comment_ind_"))))
            except ValueError:
                raise InputError(f"无效的字段 {key}", f"invalid field {key}", field=key) from None
    return found


@require_POST
@login_required
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    action = request.POST.get("decision", "")
    grade = request.POST.get("grade") or None
    try:
        expected = int(request.POST["round"]) if request.POST.get("round") else None
        services.decide(request.user, pk, action, grade=grade, comments=_posted_comments(request.POST),
                        expected_round=expected)
    except InputError as exc:
        grant = access.project_access(request.user, pk)
        context = _review_context(request, grant, error=exc, posted=request.POST, chosen_grade=grade)
        return render(request, "review/review.html", context, status=400)
    done = _("已退回修改。") if action == wf.RETURN else _("已审核通过。")
    messages.success(request, done)
    return redirect("review:queue") if queries.may_see_queue(request.user) else redirect("review:page", pk=pk)


@require_POST
@login_required
def submit(request: HttpRequest, pk: int) -> HttpResponse:
    row = services.submit(request.user, pk, request.POST.get("comment", ""))
    messages.success(request, _("已重新提交审核。") if row.state == wf.RESUBMITTED else _("已提交审核。"))
    return redirect("projects:detail", pk=pk)


@require_POST
@login_required
def adjust(request: HttpRequest, pk: int) -> HttpResponse:
    services.start_adjustment(request.user, pk)
    messages.success(request, _("已发起调整：项目回到草稿状态，修改后请重新提交审核。"))
    return redirect("projects:edit", pk=pk)


@require_POST
@login_required
def comment(request: HttpRequest, pk: int) -> HttpResponse:
    raw = request.POST.get("indicator", "")
    try:
        indicator = int(raw) if raw else None
    except ValueError:
        raise InputError("无效的指标行", "invalid indicator row", field="indicator") from None
    services.add_comment(request.user, pk, services.CommentIn(request.POST.get("text", ""), indicator))
    messages.success(request, _("意见已保存。"))
    return redirect(reverse("review:page", kwargs={"pk": pk}) + "#comments")


def _form_project(data: QueryDict, obj: Any) -> core.Project:
    """The project as the edit form stands: targets typed as the editing service would, the reader's
    diagnostics of the stored project kept (they concern the imported file, not the edit)."""
    p = forms.parse_project_form(data, framework=obj.framework).project
    typed = tuple(dataclasses.replace(i, target=values.parse(i.target.raw, p.year)) for i in p.indicators)
    stored = mapping.project_to_core(obj)
    return dataclasses.replace(p, department=obj.department.name, indicators=typed, diagnostics=stored.diagnostics)


@require_POST
@login_required
def live_findings(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX: the rules re-run on the form as it stands in the editor, before it is saved or submitted."""
    grant = access.project_access(request.user, pk)
    p = _form_project(request.POST, grant.require_edit())
    reviewed = review_project(p)
    english = display.english()
    return render(request, "review/_live_findings.html", {
        "reviewed": reviewed, "general": [finding_view(f, english) for f in reviewed.general],
        "rows": [(n + 1, p.indicators[n], [finding_view(f, english) for f in found])
                 for n, found in sorted(reviewed.by_indicator.items())],
    })


@require_GET
@login_required
def compare(request: HttpRequest, pk: int) -> HttpResponse:
    grant = access.project_access(request.user, pk)
    revisions = {r.version: r for r in Revision.objects.filter(project=grant.project).select_related("actor")}
    st = services.standing(request.user, grant)
    newest = grant.project.version
    default_from = st.row.approved_version if st.row and st.row.approved_version else max(newest - 1, 1)
    before, after = _version(request, "from", default_from, revisions), _version(request, "to", newest, revisions)
    a, b = revisions[before].snapshot, revisions[after].snapshot
    rows = diff.indicator_rows(a, b)
    return render(request, "review/diff.html", {
        "obj": grant.project, "revisions": sorted(revisions.values(), key=lambda r: r.version), "before": before,
        "after": after, "rev_before": revisions[before], "rev_after": revisions[after], "st": st,
        "facts": diff.fact_rows(a, b), "budget": diff.budget_rows(a, b), "rows": rows, "counts": diff.counts(rows),
        "show_all": request.GET.get("all") == "1",
    })


def _version(request: HttpRequest, key: str, default: int, revisions: dict[int, Revision]) -> int:
    raw = request.GET.get(key) or default
    try:
        version = int(raw)
    except ValueError:
        raise Http404("no such version") from None
    if version not in revisions:
        raise Http404("no such version")
    return version


@require_http_methods(["GET", "POST"])
@login_required
def rule_settings(request: HttpRequest) -> HttpResponse:
    rules.require_admin(request.user)
    framework = request.GET.get("framework") or request.POST.get("framework") or "*"
    if framework not in rules.framework_codes():
        raise Http404("no such framework")
    if request.method == "POST":
        rules.save(request.user, framework, rules.parse_form(request.POST))
        messages.success(request, _("审核规则设置已保存。"))
        return redirect(f"{request.path}?framework={framework}")
    return render(request, "review/rules.html", {
        "framework": framework, "frameworks": rules.framework_choices(), "rows": rules.rows(framework),
        "severities": [(s, SEVERITY_ZH[s]) for s in SEVERITY_ZH], "dimensions": DIMENSIONS,
        "count": len(all_rules()),
    })
