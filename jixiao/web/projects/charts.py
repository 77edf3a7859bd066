"""Server-rendered SVG bars for the overview: no chart library, nothing loaded from elsewhere."""

from __future__ import annotations

from decimal import Decimal

from django.utils.html import format_html

WIDTH = 240
HEIGHT = 14


def bar(value: int | Decimal | float, largest: int | Decimal | float) -> str:
    """One horizontal bar, its length proportional to ``value``; the number is printed beside it."""
    share = float(value) / float(largest) if largest else 0.0
    length = max(1, round(WIDTH * share)) if value else 0
    return format_html(
        '<svg class="bar" width="{}" height="{}" viewBox="0 0 {} {}" aria-hidden="true" focusable="false">'
        '<rect x="0" y="0" width="{}" height="{}" rx="2"></rect></svg>',
        WIDTH, HEIGHT, WIDTH, HEIGHT, length, HEIGHT)


def with_bars(rows: list[dict], key: str) -> list[dict]:
    largest = max((r[key] for r in rows), default=0)
    return [{**r, "bar": bar(r[key], largest)} for r in rows]
