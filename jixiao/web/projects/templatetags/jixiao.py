"""Template filters for money, shares and query strings."""

from __future__ import annotations

import functools
from decimal import Decimal

from django import template
from django.http import QueryDict
from django.urls import get_script_prefix, get_urlconf, reverse

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


@register.simple_tag
def page_url(name: str) -> str:
    """``{% url name %}`` for a page without arguments, reversed once per process (per URL configuration and
    script prefix): every page's navigation names some twenty, and each reverse() costs tens of µs.
    Namespaces with several instances (``current_app``) are not for this tag."""
    return _page_url(get_urlconf(), get_script_prefix(), name)


@functools.lru_cache(maxsize=256)
def _page_url(urlconf: str | None, prefix: str, name: str) -> str:
    return reverse(name, urlconf)
