from __future__ import annotations

from django.contrib import admin
from django.http import HttpRequest

from jixiao.web.selfeval.models import Evaluation, Event, ScoringSettingsRecord


@admin.register(Evaluation)
class EvaluationAdmin(admin.ModelAdmin):
    list_display = ["project", "state", "total", "grade", "version", "updated_at"]
    list_filter = ["state", "grade", "demo"]
    readonly_fields = ["state", "total", "grade", "version", "submitted_by"]


@admin.register(Event)
class EventAdmin(admin.ModelAdmin):
    list_display = ["evaluation", "action", "actor", "at", "from_state", "to_state"]
    readonly_fields = [f.name for f in Event._meta.fields]


@admin.register(ScoringSettingsRecord)
class ScoringSettingsAdmin(admin.ModelAdmin):
    """Read-only here: settings are changed on the 评分设置 page, which checks them."""

    list_display = ["created_at", "created_by", "active", "note"]
    readonly_fields = ["data", "active", "note", "created_at", "created_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False
