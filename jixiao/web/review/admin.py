"""Rule settings in Django's admin too (the page /review/rules/ is the friendlier way); the audit log
is shown read-only: it is written by the services, never by hand."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from jixiao.core.errors import InputError
from jixiao.core.review import all_rules
from jixiao.core.review.config import from_data
from jixiao.web.readonly import ReadOnlyAdmin
from jixiao.web.review.models import AuditEvent, RuleConfig


class RuleConfigForm(forms.ModelForm):
    class Meta:
        model = RuleConfig
        fields = ["framework", "rules"]

    def clean_rules(self) -> Any:
        data = self.cleaned_data["rules"]
        try:
            from_data({"rules": data}, known_rules={r.code for r in all_rules()})
        except InputError as exc:
            raise forms.ValidationError(f"{exc.message} / {exc.message_en}") from None
        return data


@admin.register(RuleConfig)
class RuleConfigAdmin(admin.ModelAdmin):
    form = RuleConfigForm
    list_display = ["framework", "updated_at", "updated_by"]

    def save_model(self, request: HttpRequest, obj: RuleConfig, form: Any, change: bool) -> None:
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdmin):
    list_display = ["at", "project", "action", "actor", "from_state", "to_state", "grade"]
    list_filter = ["action", "to_state"]
    readonly_fields = [f.name for f in AuditEvent._meta.fields]
