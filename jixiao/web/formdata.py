"""Reading submitted form fields: text and decimal numbers, with a bilingual error naming the field."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from django.http import QueryDict

from jixiao.core.errors import InputError


def text(data: QueryDict, name: str) -> str | None:
    """The field's text without surrounding space; None when empty."""
    return (data.get(name) or "").strip() or None


def decimal(data: QueryDict, name: str, errors: list[InputError]) -> Decimal | None:
    """The field as a Decimal (thousands separators allowed); a non-number is an error on that field."""
    raw = (data.get(name) or "").replace(",", "").replace("，", "").strip()
    if not raw:
        return None
    try:
        value = Decimal(raw)
    except InvalidOperation:
        value = Decimal("NaN")
    if not value.is_finite():
        errors.append(InputError(f"“{raw}”不是数字", f"{raw!r} is not a number", field=name))
        return None
    return value
