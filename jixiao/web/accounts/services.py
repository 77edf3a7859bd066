"""Who a user is (role, department), API tokens, and login throttling."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from typing import TypeAlias

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from jixiao.web.accounts.models import ADMIN, REVIEWER, ApiToken, Department, LoginFailure, Membership

AnyUser: TypeAlias = "AbstractBaseUser | AnonymousUser"


def membership_of(user: AnyUser) -> Membership | None:
    if not user.is_authenticated:
        return None
    try:
        return user.membership
    except Membership.DoesNotExist:
        return None


def role_of(user: AnyUser) -> str | None:
    """The user's role; a Django superuser is an administrator whatever their membership says."""
    if user.is_authenticated and getattr(user, "is_superuser", False):
        return ADMIN
    membership = membership_of(user)
    return str(membership.role) if membership else None


def department_of(user: AnyUser) -> Department | None:
    membership = membership_of(user)
    return membership.department if membership else None


def reads_all_departments(user: AnyUser) -> bool:
    return role_of(user) in (REVIEWER, ADMIN)


# --- API tokens ------------------------------------------------------------------------------------


def _token_hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create_token(user: User, name: str = "") -> tuple[ApiToken, str]:
    """A new token for ``user`` and its plain text, which is shown once and never stored."""
    key = "jx_" + secrets.token_urlsafe(32)
    token = ApiToken.objects.create(user=user, name=name, key_hash=_token_hash(key), prefix=key[:8])
    return token, key


def user_for_token(key: str) -> User | None:
    token = ApiToken.objects.select_related("user").filter(key_hash=_token_hash(key)).first()
    if token is None or not token.user.is_active:
        return None
    # Touch at most once a minute: a script calling in a loop should not write on every request.
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return token.user


# --- login throttling ------------------------------------------------------------------------------


def client_ip(request: HttpRequest) -> str:
    # REMOTE_ADDR only: X-Forwarded-For is set by the client unless a trusted proxy rewrites it.
    return str(request.META.get("REMOTE_ADDR") or "unknown")[:64]


def _window_start() -> timezone.datetime:
    return timezone.now() - timedelta(seconds=settings.LOGIN_FAILURE_WINDOW_SECONDS)


def login_refused(username: str, ip: str) -> bool:
    recent = LoginFailure.objects.filter(username=username[:150], ip=ip, at__gte=_window_start())
    return recent.count() >= settings.LOGIN_FAILURE_LIMIT


def record_login_failure(username: str, ip: str) -> None:
    LoginFailure.objects.create(username=username[:150], ip=ip)
    LoginFailure.objects.filter(at__lt=_window_start()).delete()


def clear_login_failures(username: str, ip: str) -> None:
    LoginFailure.objects.filter(username=username[:150], ip=ip).delete()


# --- users -----------------------------------------------------------------------------------------


@transaction.atomic
def ensure_user(username: str, password: str, role: str, department_name: str | None = None) -> User:
    """Create or reset a user with this role (used by the demo and by `jixiao manage`)."""
    department = Department.objects.get_or_create(name=department_name)[0] if department_name else None
    user, _ = User.objects.get_or_create(username=username)
    user.set_password(password)
    user.is_staff = user.is_superuser = role == ADMIN
    user.is_active = True
    user.save()
    Membership.objects.update_or_create(user=user, defaults={"role": role, "department": department})
    return user
