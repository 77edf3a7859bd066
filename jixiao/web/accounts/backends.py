"""Django's model backend, reading a signed-in user's role and department with the user.

Every page asks who the user is (``role_of``, ``department_of``) for its access checks and navigation;
read with the user, that is one query per request instead of three."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User

from jixiao.web.orm import first_unordered


class MembershipBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        user = first_unordered(User._default_manager.select_related("membership__department").filter(pk=user_id))
        return user if user is not None and self.user_can_authenticate(user) else None
