"""What the download links need: the export formats (in the page's language) and the departments
whose template the user may download."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.utils.translation import get_language

from jixiao.core.export import registry
from jixiao.web.projects import access

register = template.Library()

# The list page offers these for all matching projects (a PDF or Word file of thousands is no use).
LIST_FORMATS = ("csv", "xlsx", "datapackage", "json")


@register.simple_tag
def export_formats(only: str = "") -> list[dict[str, str]]:
    """Each target-table format: its name, title in the current language and extension."""
    english = (get_language() or "").startswith("en")
    wanted = LIST_FORMATS if only == "list" else None
    return [{"name": e.name, "title": e.title_en if english else e.title, "extension": e.extension}
            for e in registry.formats("targets") if wanted is None or e.name in wanted]


@register.simple_tag(takes_context=True)
def template_departments(context: dict[str, Any]) -> list[Any]:
    return list(access.readable_departments(context["request"].user))


@register.simple_tag
def this_year() -> int:
    return date.today().year
