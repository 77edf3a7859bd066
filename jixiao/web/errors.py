"""Errors the web shows as a clear message (never a traceback), and the middleware that renders them."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jixiao.core.errors import InputError


class Invalid(InputError):
    """Several things wrong at once (a form); ``errors`` lists each with its field."""

    def __init__(self, errors: list[InputError]) -> None:
        self.errors = errors
        first = errors[0]
        super().__init__(first.message, first.message_en, field=first.field)


class Conflict(Exception):
    """Someone else changed the object since it was read (optimistic locking): nothing was written."""

    def __init__(self, message: str, message_en: str, *, current_version: int | None = None) -> None:
        self.message = message
        self.message_en = message_en
        self.current_version = current_version
        super().__init__(f"{message} / {message_en}")


def error_page(request: HttpRequest, status: int, message: str, message_en: str, where: str = "") -> HttpResponse:
    return render(request, "error.html", {"status": status, "message": message, "message_en": message_en,
                                          "where": where}, status=status)


class InputErrorMiddleware:
    """Bad input that reached a view unhandled still answers 4xx with the bilingual message."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exc: Exception) -> HttpResponse | None:
        if isinstance(exc, InputError):
            return error_page(request, 400, exc.message, exc.message_en, exc.where())
        if isinstance(exc, Conflict):
            return error_page(request, 409, exc.message, exc.message_en)
        return None
