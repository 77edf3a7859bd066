"""Review fragments for other apps' pages (the project page, its history, the editor) and small filters."""

from __future__ import annotations

from datetime import date
from typing import Any

from django import template
from django.http import QueryDict

from jixiao.web.projects import access
from jixiao.web.projects.models import Project
from jixiao.web.review import display, services
from jixiao.web.review.models import AuditEvent, Comment

register = template.Library()


@register.filter
def date_or_text(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


@register.filter
def state_label(state: str) -> str:
    return display.state_label(state)


@register.filter
def action_label(action: str) -> str:
    return display.action_label(action)


@register.simple_tag
def posted_value(posted: QueryDict | str | None, index: int) -> str:
    """What the reviewer typed in a row's comment box, kept when the form comes back with an error."""
    return posted.get(f"comment_ind_{index}", "") if isinstance(posted, QueryDict) else ""


def _grant(context: template.Context, obj: Project) -> access.ProjectAccess:
    # The page's view has called the access helper already; this only reads what it may show.
    return access.ProjectAccess(project=obj, can_edit=bool(context.get("can_edit")))


@register.inclusion_tag("review/_panel.html", takes_context=True)
def review_panel(context: template.Context, obj: Project) -> dict[str, Any]:
    """The project page's review box: state, grade, the comments of the current round, the buttons."""
    request = context["request"]
    # The page read the review state with the project (project_detail); a query here otherwise.
    st = services.standing_with(request.user, _grant(context, obj), services.row_of(obj))
    # Comments are written with the project's review state (services._write_comments): none without one.
    comments = Comment.objects.filter(project=obj, round=st.row.round).select_related("author") if st.row else ()
    return {"obj": obj, "st": st, "state_label": display.state_label(st.state), "comments": list(comments),
            "submit_label": display.action_label(st.submission) if st.submission else "",
            "csrf_token": context.get("csrf_token"), "request": request}


@register.inclusion_tag("review/_events.html")
def review_events(obj: Project) -> dict[str, Any]:
    """The project's history page: every transition and comment from the audit log."""
    events = AuditEvent.objects.filter(project=obj).select_related("actor", "comment").order_by("-at", "-pk")
    return {"events": list(events)}


@register.inclusion_tag("review/_edit_panel.html", takes_context=True)
def review_edit_panel(context: template.Context, obj: Project | str | None) -> dict[str, Any]:
    """The editor's live findings (re-run as the form changes) and the comments to answer."""
    if not isinstance(obj, Project):  # the new-project form: nothing stored to check yet
        return {"obj": None}
    # Only the edit view includes this, after the access helper granted editing.
    st = services.standing(context["request"].user, access.ProjectAccess(project=obj, can_edit=True))
    comments = Comment.objects.filter(project=obj, round=st.row.round if st.row else 0).select_related("author")
    return {"obj": obj, "st": st, "comments": list(comments) if st.row and st.row.round else []}
