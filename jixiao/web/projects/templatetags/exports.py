"""What the download links need: the export formats (in the page's language) and the departments
whose template the user may download."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django import template
from django.urls import reverse
from django.utils.translation import get_language

from jixiao.core.export import registry
from jixiao.web.projects import access

register = template.Library()

# The list page offers these for all matching projects (a PDF or Word file of thousands is no use).
LIST_FORMATS = ("csv", "xlsx", "datapackage", "json")
FORMAT_MARK = "jixiao-format"
URL_SEGMENT = re.compile(r"[A-Za-z0-9_-]+")


@register.simple_tag
def export_formats(only: str = "", project: Any = None) -> list[dict[str, str]]:
    """Each target-table format: its name, title in the current language and extension; with ``project``,
    also the address of that project's download in it (``url``)."""
    english = (get_language() or "").startswith("en")
    wanted = LIST_FORMATS if only == "list" else None
    found = [{"name": e.name, "title": e.title_en if english else e.title, "extension": e.extension}
             for e in registry.formats("targets") if wanted is None or e.name in wanted]
    if project is not None:
        # One reverse() for all the formats (a format's name is a plain URL segment: letters, digits, '-').
        head, _, tail = reverse("projects:export_project", args=[project.pk, FORMAT_MARK]).rpartition(FORMAT_MARK)
        for f in found:
            f["url"] = f"{head}{f['name']}{tail}" if URL_SEGMENT.fullmatch(f["name"]) else \
                reverse("projects:export_project", args=[project.pk, f["name"]])
    return found


@register.simple_tag(takes_context=True)
def template_departments(context: dict[str, Any]) -> list[Any]:
    return list(access.readable_departments(context["request"].user))


@register.simple_tag
def this_year() -> int:
    return date.today().year
