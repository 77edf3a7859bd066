"""The scoring settings in force: one active record (JSON of ``jixiao.core.score_settings``), else the
national defaults of 财预〔2020〕10号. Every score and monitoring light in the web app is computed
with ``active_settings()``; only administrators change them (``update_settings``)."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from jixiao.core.score_settings import DEFAULT_SETTINGS, ScoringSettings, settings_from_dict, settings_to_dict
from jixiao.web.accounts.models import ADMIN
from jixiao.web.accounts.services import AnyUser, role_of
from jixiao.web.selfeval.models import ScoringSettingsRecord


def active_record() -> ScoringSettingsRecord | None:
    return ScoringSettingsRecord.objects.filter(active=True).first()


def in_floor_order(data: dict[str, Any]) -> dict[str, Any]:
    """The stored JSON with its floors highest first. PostgreSQL's jsonb does not keep the order of an
    object's keys, and the order of ``grades`` and ``band_floors`` is their meaning; valid floors always
    descend, so sorting by floor gives the order back."""
    out = dict(data)
    for key in ("grades", "band_floors"):
        if isinstance(out.get(key), dict):
            out[key] = dict(sorted(out[key].items(), key=lambda item: Decimal(str(item[1])), reverse=True))
    return out


def active_settings() -> ScoringSettings:
    record = active_record()
    return settings_from_dict(in_floor_order(record.data)) if record else DEFAULT_SETTINGS


def may_change(user: AnyUser) -> bool:
    return role_of(user) == ADMIN


def update_settings(actor: User, data: Any, note: str = "") -> ScoringSettingsRecord:
    """Check and store new settings (keys left out keep the defaults) as the one active record."""
    if not may_change(actor):
        raise PermissionDenied("只有管理员可以修改评分设置 / only administrators may change the scoring settings")
    checked = settings_from_dict(data)  # InputError naming the setting when it cannot work
    with transaction.atomic():
        ScoringSettingsRecord.objects.select_for_update().filter(active=True).update(active=False)
        return ScoringSettingsRecord.objects.create(data=settings_to_dict(checked), active=True, note=note[:500],
                                                    created_by=actor)


def reset_settings(actor: User) -> ScoringSettingsRecord:
    return update_settings(actor, {}, note="恢复默认 / back to the defaults")


def history(limit: int = 20) -> list[ScoringSettingsRecord]:
    return list(ScoringSettingsRecord.objects.select_related("created_by")[:limit])
