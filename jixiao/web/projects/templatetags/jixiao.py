"""Template filters for money, shares and query strings."""

from __future__ import annotations

from decimal import Decimal

from django import template
from django.http import QueryDict

from jixiao.web.projects.presentation import SEVERITIES
from jixiao.web.projects.presentation import money as money_text

register = template.Library()


@register.filter
def money(value: Decimal | None) -> str:
    return money_text(value)


@register.filter
def percent(value: float) -> str:
    return f"{value * 100:.1f}%"


@register.filter
def severity(value: str) -> str:
    return str(SEVERITIES.get(value, value))


@register.simple_tag
def with_query(query: str, **changes: object) -> str:
    """The list's query string with some parameters changed (sorting, paging)."""
    q = QueryDict(query, mutable=True)
    for key, value in changes.items():
        q[key] = str(value)
    return q.urlencode()
