"""API schemas every router shares: the bilingual error every endpoint answers with."""

from __future__ import annotations

from ninja import Schema


class ErrorDetail(Schema):
    message: str
    message_en: str


class ErrorOut(Schema):
    detail: ErrorDetail
