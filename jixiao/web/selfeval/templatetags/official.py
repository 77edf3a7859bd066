"""The official forms' words in the page's language: the fixed words with an English gloss, the money
unit, and a monitoring period ("2020年1–7月" → "January–July 2020")."""

from __future__ import annotations

from typing import Any

from django import template

from jixiao.core.blank import period_text
from jixiao.web.monitoring.models import Round
from jixiao.web.selfeval import display

register = template.Library()
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December")


@register.filter
def gloss(word: str | None) -> str:
    return display.gloss(word) if word else ""


@register.filter
def money_unit(unit: str | None) -> str:
    return display.money_unit(unit)


@register.filter
def period(round_: Any) -> str:
    """A round's period; in English when it is the period the app wrote (an imported one stays as given)."""
    year, months = round_.project.year, round_.months
    if not display.english() or round_.period != period_text(year, months) or not 1 <= months <= 12:
        return round_.period
    span = MONTHS[0] if months == 1 else f"{MONTHS[0]}–{MONTHS[months - 1]}"
    return f"{span} {year}" if year else span


@register.filter
def gloss_list(words: list[str] | tuple[str, ...] | None) -> str:
    """Several fixed words, each glossed, joined the way the page's language lists them."""
    return (", " if display.english() else "、").join(display.gloss(w) for w in words or ())


@register.filter
def month_end(months: int) -> str:
    """The end of a period that starts in January: "7 月", or "July"."""
    return MONTHS[months - 1] if display.english() and 1 <= months <= 12 else f"{months} 月"


@register.simple_tag
def latest_round(project: Any) -> Round | None:
    """The project's latest monitoring round (the most months), for its link: its id, months and period only.
    (All its rows through the model's ordering cost the project page more CPU than its whole review box.)"""
    found = Round.objects.filter(project_id=project.pk).order_by("-months").values_list("pk", "months", "period")[:1]
    return next((Round(pk=pk, project=project, months=months, period=period) for pk, months, period in found), None)
