"""Django's model backend, reading a signed-in user's role and department with the user.

Every page asks who the user is (``role_of``, ``department_of``) for its access checks and navigation;
read with the user, that is one query per request instead of three."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import User


class MembershipBackend(ModelBackend):
    def get_user(self, user_id: Any) -> User | None:
        # Not ``first()``: its ORDER BY pk costs more to compile than the rest of this query (one row by its key).
        user = next(iter(User._default_manager.select_related("membership__department").filter(pk=user_id)[:1]), None)
        return user if user is not None and self.user_can_authenticate(user) else None
