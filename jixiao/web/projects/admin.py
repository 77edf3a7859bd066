from __future__ import annotations

from django.contrib import admin

from jixiao.web.projects.models import Project, SourceDocument


@admin.register(Project)
class ProjectAdmin(admin.ModelAdmin):
    list_display = ["name", "year", "department", "version", "updated_at"]
    list_filter = ["year", "department"]
    search_fields = ["name"]
    readonly_fields = ["content_sha256", "search_text", "version", "source_document", "diagnostics"]


@admin.register(SourceDocument)
class SourceDocumentAdmin(admin.ModelAdmin):
    list_display = ["name", "sha256", "imported_at", "imported_by"]
    readonly_fields = ["name", "sha256", "size", "format", "encoding", "diagnostics", "imported_by"]
