"""Self-evaluation pages. Each view: the access helper first, then parse input, call one service, render."""

from __future__ import annotations

import io
import json
from typing import Any
from urllib.parse import quote

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jixiao.core import workflow as wf
from jixiao.core.errors import InputError
from jixiao.core.export import registry
from jixiao.core.score_settings import settings_to_dict
from jixiao.core.selfeval import BANDS
from jixiao.web.errors import Conflict
from jixiao.web.projects import access as project_access
from jixiao.web.projects import queries as project_queries
from jixiao.web.selfeval import display, forms, mapping, scoring, services
from jixiao.web.selfeval.access import EvaluationAccess, evaluation_access
from jixiao.web.selfeval.models import Evaluation, Event

EXPORTS = {"xlsx": "selfeval-xlsx", "docx": "selfeval-docx", "pdf": "selfeval-pdf", "template": "selfeval-template"}
ACTIONS = (wf.SUBMIT, wf.RESUBMIT, wf.RETURN, wf.APPROVE)


def _state_label(state: str) -> str:
    zh, en = wf.STATE_LABELS.get(state, (state, state))
    return display.words(zh, en)


def _page_context(request: HttpRequest, grant: EvaluationAccess, ev: Any, errors: list[InputError],
                  **more: Any) -> dict[str, Any]:
    report = services.score(ev)
    obj = grant.evaluation
    actions = [(a, display.words(*wf.ACTION_LABELS[a])) for a in grant.actions]
    return {"obj": obj, "project": obj.project, "ev": ev, "report": report, "rows": display.row_views(report, errors),
            "s": display.summary(report), "grant": grant, "state_label": _state_label(obj.state), "actions": actions,
            "errors": [display.words(e.message, e.message_en) for e in errors],
            "lock": display.words(*grant.lock) if grant.lock else "", "bands": BANDS,
            "exports": [(key, registry.get(name)) for key, name in EXPORTS.items() if key != "template"], **more}


@require_GET
@login_required
def evaluation_list(request: HttpRequest) -> HttpResponse:
    visible = project_access.visible_projects(request.user)
    years = project_queries.years(visible)
    try:
        year = int(request.GET.get("year") or 0) or (years[0] if years else None)
    except ValueError:
        year = years[0] if years else None
    projects = visible.filter(year=year).select_related("department", "self_evaluation").order_by(
        "department__name", "name")
    return render(request, "selfeval/list.html", {
        "years": years, "year": year, "projects": projects,
        "states": {s: _state_label(s) for s in wf.STATES}})


@require_http_methods(["GET", "POST"])
@login_required
def project_selfeval(request: HttpRequest, pk: int) -> HttpResponse:
    """A project's self-evaluation: shown when begun; begun (POST) by the department's editor."""
    grant = project_access.project_access(request.user, pk)
    existing = Evaluation.objects.filter(project=grant.project).first()
    if request.method == "GET":
        if existing is not None:
            return redirect("selfeval:detail", pk=existing.pk)
        return render(request, "selfeval/start.html", {"project": grant.project, "can_edit": grant.can_edit})
    obj = services.start(request.user, pk)
    return redirect("selfeval:edit", pk=obj.pk)


@require_GET
@login_required
def detail(request: HttpRequest, pk: int) -> HttpResponse:
    grant = evaluation_access(request.user, pk)
    ev = mapping.evaluation_to_core(grant.evaluation)
    events = Event.objects.filter(evaluation=grant.evaluation).select_related("actor")
    return render(request, "selfeval/detail.html", _page_context(request, grant, ev, [], events=events))


@require_http_methods(["GET", "POST"])
@login_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    grant = evaluation_access(request.user, pk)
    grant.require_edit()
    stored = mapping.evaluation_to_core(grant.evaluation)
    if request.method == "GET":
        return render(request, "selfeval/edit.html", _page_context(request, grant, stored, [],
                                                                   version=grant.evaluation.version))
    parsed = forms.parse(request.POST, stored)
    then_submit = request.POST.get("then") == "submit"
    try:
        if parsed.errors:
            raise services.Invalid(parsed.errors)
        services.save(request.user, pk, parsed.evaluation, parsed.version, then_submit=then_submit)
    except services.Invalid as exc:
        context = _page_context(request, grant, parsed.evaluation, exc.errors, version=parsed.version)
        return render(request, "selfeval/edit.html", context, status=400)
    except InputError as exc:
        context = _page_context(request, grant, parsed.evaluation, [exc], version=parsed.version)
        return render(request, "selfeval/edit.html", context, status=400)
    except Conflict as exc:
        context = _page_context(request, grant, parsed.evaluation, [], version=parsed.version, conflict=exc)
        return render(request, "selfeval/edit.html", context, status=409)
    messages.success(request, _("已保存并提交审核。") if then_submit else _("已保存。"))
    return redirect("selfeval:detail" if then_submit else "selfeval:edit", pk=pk)


@require_POST
@login_required
def live_score(request: HttpRequest, pk: int) -> HttpResponse:
    """HTMX: the form scored as it stands — each row's score and words, the total and the grade."""
    grant = evaluation_access(request.user, pk)
    stored = mapping.evaluation_to_core(grant.require_edit())
    parsed = forms.parse(request.POST, stored)
    report = services.preview(request.user, pk, parsed.evaluation)
    return render(request, "selfeval/_score.html", {
        "rows": display.row_views(report, parsed.errors), "s": display.summary(report), "oob": True})


@require_POST
@login_required
def act(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        raise Http404("no such action")
    try:
        services.act(request.user, pk, action, request.POST.get("comment", ""))
    except services.Invalid as exc:
        for e in exc.errors:
            messages.error(request, display.words(e.message, e.message_en))
        return redirect("selfeval:detail", pk=pk)
    except InputError as exc:
        messages.error(request, display.words(exc.message, exc.message_en))
        return redirect("selfeval:detail", pk=pk)
    messages.success(request, display.words(*wf.ACTION_LABELS[action]) + " ✓")
    return redirect("selfeval:detail", pk=pk)


@require_GET
@login_required
def export(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    if fmt not in EXPORTS:
        raise Http404("no such format")
    grant = evaluation_access(request.user, pk)
    exporter = registry.get(EXPORTS[fmt])
    ev = mapping.evaluation_to_core(grant.evaluation)
    out = io.BytesIO()
    items: list[Any] = [services.score(ev)]  # the selfeval writers take scored evaluations as well as targets
    exporter.write(items, out)
    name = f"{grant.evaluation.project.year}-{grant.evaluation.project.name}-{'自评表模板' if fmt == 'template' else '自评表'}"
    response = HttpResponse(out.getvalue(), content_type=exporter.media_type)
    response["Content-Disposition"] = _attachment(name + exporter.extension)
    return response


def _attachment(filename: str) -> str:
    # An ASCII name for old clients, the Chinese one (RFC 6266/5987) for everyone else.
    return f"attachment; filename=\"selfeval{filename[filename.rfind('.'):]}\"; filename*=UTF-8''{quote(filename)}"


@require_POST
@login_required
def upload(request: HttpRequest, pk: int) -> HttpResponse:
    upload_file = request.FILES.get("file")
    try:
        if upload_file is None:
            raise InputError("请选择要上传的 Excel 文件", "choose an Excel file to upload", field="file")
        services.upload(request.user, pk, upload_file.name or "upload.xlsx", upload_file.read())
    except InputError as exc:
        where = exc.where()
        messages.error(request, display.words(exc.message, exc.message_en) +
                       (display.words(f"（{where}）", f" ({where})") if where else ""))
        return redirect("selfeval:edit", pk=pk)
    messages.success(request, _("已读取上传的自评表。"))
    return redirect("selfeval:edit", pk=pk)


@require_http_methods(["GET", "POST"])
@login_required
def scoring_settings(request: HttpRequest) -> HttpResponse:
    if not scoring.may_change(request.user):
        raise PermissionDenied("只有管理员可以修改评分设置 / only administrators may change the scoring settings")
    error = None
    text = json.dumps(settings_to_dict(scoring.active_settings()), ensure_ascii=False, indent=2)
    if request.method == "POST":
        text = request.POST.get("settings", "")
        try:
            if request.POST.get("reset"):
                scoring.reset_settings(request.user)
            else:
                try:
                    data = json.loads(text)
                except json.JSONDecodeError as exc:
                    raise InputError(f"不是 JSON：{exc.msg}", f"not JSON: {exc.msg}", line=exc.lineno) from None
                scoring.update_settings(request.user, data, request.POST.get("note", ""))
        except InputError as exc:
            error = exc
        else:
            messages.success(request, _("评分设置已保存，所有得分和预警按新设置计算。"))
            return redirect("selfeval:settings")
    history = scoring.history()
    return render(request, "selfeval/settings.html", {"text": text, "error": error, "history": history},
                  status=400 if error else 200)
