"""Template context: the current user's role and department, for the navigation bar."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from jixiao.web.accounts.models import Role
from jixiao.web.accounts.services import department_of, role_of


def membership(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    role = role_of(user)
    label = Role(role).label if role in Role.values else ""
    return {"jx_role": role, "jx_role_label": label, "jx_department": department_of(user)}
