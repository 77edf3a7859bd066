"""Departments, what each user is (role and department), API tokens and login failures."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Department(models.Model):
    """A 申报单位 / 预算部门. Projects belong to one; editors and viewers work inside one."""

    name = models.CharField(_("部门名称"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("部门")
        verbose_name_plural = _("部门")

    def __str__(self) -> str:
        return self.name


# The roles, as plain strings for the code and as choices (with labels) for forms and the admin.
EDITOR, VIEWER, REVIEWER, ADMIN = "editor", "viewer", "reviewer", "admin"


class Role(models.TextChoices):
    EDITOR = EDITOR, _("部门申报（编辑）")
    VIEWER = VIEWER, _("部门查看（只读）")
    REVIEWER = REVIEWER, _("审核（主管部门/财政）")
    ADMIN = ADMIN, _("管理员")


class Membership(models.Model):
    """A user's role and, for editors and viewers, their department."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="membership")
    role = models.CharField(_("角色"), max_length=20, choices=Role.choices)
    department = models.ForeignKey(Department, on_delete=models.PROTECT, null=True, blank=True,
                                   related_name="members", verbose_name=_("部门"))

    class Meta:
        verbose_name = _("角色")
        verbose_name_plural = _("角色")
        constraints = [models.CheckConstraint(
            condition=~models.Q(role__in=["editor", "viewer"]) | models.Q(department__isnull=False),
            name="department_editor_viewer_have_department")]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()}"


class ApiToken(models.Model):
    """A bearer token for scripts. Only its SHA-256 is stored; the token is shown once at creation."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("名称"), max_length=100, blank=True)
    key_hash = models.CharField(max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("前缀"), max_length=8, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("API 令牌")
        verbose_name_plural = _("API 令牌")

    def __str__(self) -> str:
        return f"{self.prefix}… ({self.user})"


class LoginFailure(models.Model):
    """One failed login, kept for the throttling window."""

    username = models.CharField(max_length=150)
    ip = models.CharField(max_length=64)
    at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        indexes = [models.Index(fields=["username", "ip", "at"])]
