"""The JSON API under /api/v1: django-ninja, bearer tokens, the same services as the pages."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from ninja import NinjaAPI
from ninja.security import HttpBearer

from jixiao.core.errors import InputError
from jixiao.web.accounts.services import user_for_token
from jixiao.web.errors import Conflict


class BearerToken(HttpBearer):
    """``Authorization: Bearer <token>``; tokens are made in the admin or with `jixiao manage token`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = user_for_token(token)
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="jixiao API",
    version="1",
    description="财政项目支出绩效目标 — performance targets of public project spending. Projects are read and "
                "written in the canonical JSON (jixiao/targets@1).",
    auth=BearerToken(),
    urls_namespace="api",
)


def _error(request: HttpRequest, status: int, message: str, message_en: str, **more: Any) -> HttpResponse:
    return api.create_response(request, {"detail": {"message": message, "message_en": message_en, **more}},
                               status=status)


@api.exception_handler(InputError)
def input_error(request: HttpRequest, exc: InputError) -> HttpResponse:
    errors = getattr(exc, "errors", None) or [exc]
    return _error(request, 400, exc.message, exc.message_en, path=exc.path, line=exc.line, field=exc.field,
                  errors=[{"message": e.message, "message_en": e.message_en, "field": e.field} for e in errors])


@api.exception_handler(Conflict)
def conflict(request: HttpRequest, exc: Conflict) -> HttpResponse:
    return _error(request, 409, exc.message, exc.message_en, current_version=exc.current_version)


@api.exception_handler(PermissionDenied)
def forbidden(request: HttpRequest, exc: PermissionDenied) -> HttpResponse:
    zh, _, en = str(exc).partition(" / ")
    return _error(request, 403, zh or "没有权限", en or "forbidden")


# What the access helpers and views say is missing ("no such project"), named in Chinese for the message.
_MISSING_ZH = {"project": "项目", "self-evaluation": "绩效自评", "monitoring round": "监控记录", "department": "部门",
               "format": "导出格式", "version": "版本", "framework": "指标体系", "action": "操作"}


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """404 naming what was not found ("no such department"); the same for an object that exists but
    that the caller may not see, so that ids of other departments' objects give nothing away."""
    english = str(exc)
    what = english.removeprefix("no such ") if english.startswith("no such ") else ""
    if what in _MISSING_ZH:
        return _error(request, 404, f"没有这个{_MISSING_ZH[what]}", english)
    return _error(request, 404, "没有找到", "not found")


api.add_router("/projects", "jixiao.web.projects.api.router")
api.add_router("/imports", "jixiao.web.projects.api.imports")
api.add_router("/review", "jixiao.web.review.api.router")
api.add_router("/selfevals", "jixiao.web.selfeval.api.router")
api.add_router("/scoring-settings", "jixiao.web.selfeval.api.settings_router")
api.add_router("/monitoring", "jixiao.web.monitoring.api.router")
