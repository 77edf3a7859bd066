"""Rule administration: an administrator enables, disables or re-grades review rules per framework.

Stored as ``RuleConfig`` rows in the core's JSON form (``jixiao.core.review.config``): the row "*"
applies to every framework, a framework's row on top of it. Regions differ in what they check
(domain.md: *configurable*), so this is data an administrator changes, not code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import QueryDict

from jixiao.core import frameworks
from jixiao.core.model import SEVERITIES, Severity
from jixiao.core.review import all_rules
from jixiao.core.review.config import from_data
from jixiao.core.review.registry import DIMENSIONS, Rule
from jixiao.web.accounts.models import ADMIN
from jixiao.web.accounts.services import AnyUser, role_of
from jixiao.web.review.findings import current_ruleset
from jixiao.web.review.models import RuleConfig

ALL = RuleConfig.ALL


def require_admin(user: AnyUser) -> None:
    if role_of(user) != ADMIN:
        raise PermissionDenied("只有管理员可以设置审核规则 / only administrators configure the review rules")


def framework_choices() -> list[tuple[str, str]]:
    return [(ALL, "全部指标体系 / every framework")] + [(fw.code, fw.name) for fw in frameworks.all_frameworks()]


def framework_codes() -> set[str]:
    return {code for code, _ in framework_choices()}


@dataclass(frozen=True)
class RuleRow:
    rule: Rule
    dimension: str
    enabled: bool | None  # the stored override for this framework; None: inherited
    severity: Severity | None
    effective: Severity | None  # what the rule runs at here; None: disabled


def rows(framework: str) -> list[RuleRow]:
    stored = RuleConfig.objects.filter(framework=framework).first()
    overrides: dict[str, Any] = stored.rules if stored else {}
    ruleset = current_ruleset()
    code = None if framework == ALL else framework
    return [RuleRow(rule=r, dimension=DIMENSIONS[r.dimension], enabled=overrides.get(r.code, {}).get("enabled"),
                    severity=overrides.get(r.code, {}).get("severity"),
                    effective=ruleset.resolve(r.code, r.severity, code))
            for r in all_rules()]


def parse_form(data: QueryDict) -> dict[str, dict[str, Any]]:
    """``enabled_<code>``: "" (inherit), "on", "off"; ``severity_<code>``: "" (inherit) or a severity."""
    found: dict[str, dict[str, Any]] = {}
    for r in all_rules():
        override: dict[str, Any] = {}
        enabled = data.get(f"enabled_{r.code}", "")
        if enabled in ("on", "off"):
            override["enabled"] = enabled == "on"
        severity = data.get(f"severity_{r.code}", "")
        if severity in SEVERITIES:
            override["severity"] = severity
        if override:
            found[r.code] = override
    return found


def save(actor: User, framework: str, overrides: dict[str, dict[str, Any]]) -> RuleConfig:
    require_admin(actor)
    from_data({"rules": overrides}, known_rules={r.code for r in all_rules()})  # InputError when invalid
    with transaction.atomic():
        row, _ = RuleConfig.objects.select_for_update().get_or_create(framework=framework)
        row.rules, row.updated_by = overrides, actor
        row.save()
    return row
