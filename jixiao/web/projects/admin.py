"""Projects in the Django admin: to look at, not to change.

A project is changed through the pages and the API, which keep every change as a revision (who,
when, before and after), check the target values and move the data version that cached pages and
search results are keyed on. An edit or a delete in the admin would do none of that — a history
with a hole in it and stale caches — so the admin only shows projects and their source documents.
"""

from __future__ import annotations

from django.contrib import admin

from jixiao.web.projects.models import Project, SourceDocument
from jixiao.web.readonly import ReadOnlyAdmin


@admin.register(Project)
class ProjectAdmin(ReadOnlyAdmin):
    list_display = ["name", "year", "department", "version", "updated_at"]
    list_filter = ["year", "department"]
    search_fields = ["name"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(ReadOnlyAdmin):
    list_display = ["name", "sha256", "imported_at", "imported_by"]
