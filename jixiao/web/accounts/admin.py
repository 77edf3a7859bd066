"""Administrators manage departments, users' roles and API tokens in Django's admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.http import HttpRequest

from jixiao.web.accounts import services
from jixiao.web.accounts.models import ApiToken, Department, Membership


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    search_fields = ["name"]


class MembershipInline(admin.StackedInline):
    model = Membership
    can_delete = False


admin.site.unregister(User)


@admin.register(User)
class JixiaoUserAdmin(UserAdmin):
    inlines = [MembershipInline]
    list_display = ["username", "is_active", "is_staff", "membership"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["prefix", "name", "user", "created_at", "last_used_at"]
    fields = ["user", "name"]

    def save_model(self, request: HttpRequest, obj: ApiToken, form: Any, change: bool) -> None:
        if change:
            super().save_model(request, obj, form, change)
            return
        # The plain token exists only now: create it through the service and show it once.
        created, key = services.create_token(obj.user, obj.name)
        obj.pk, obj.key_hash, obj.prefix = created.pk, created.key_hash, created.prefix
        messages.warning(request, f"新令牌（只显示这一次）/ new token (shown only once): {key}")
