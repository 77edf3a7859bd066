"""Review configuration as plain data: which rules run, at what severity, with which vocabularies.

A ``RuleSet`` is what the web admin stores (``to_data``/``from_data`` round-trip through JSON):
per-rule overrides for every framework, further overrides per framework, and the ``Options`` the
rules read (keyword lists, required fields, which projects count as public services). Regions and
years differ (domain.md: *configurable*), so nothing here is hard-coded inside a rule.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Any

from jixiao.core.errors import InputError
from jixiao.core.model import SEVERITIES, Severity


@dataclass(frozen=True)
class Options:
    """The vocabularies and switches the built-in rules read. Every default is documented here."""

    # Facts every target table must state (Shanghai 2020 form; domain.md §2).
    required_facts: tuple[str, ...] = ("name", "department", "start_date", "end_date")
    # Narrative fields required per framework code; "*" for any other framework. Every layout states
    # the goal (总目标 / 年度总体目标); Shanghai forms also say what the project is and why (项目概况,
    # 立项依据). The full 2020 form prints six fields, but its variants drop the other three, so
    # requiring them (NARRATIVE_FIELDS) is a choice for an administrator who knows the form.
    required_narrative: Mapping[str, tuple[str, ...]] = field(
        default_factory=lambda: {"shanghai-2020": ("overview", "basis", "goals"), "*": ("goals",)})
    # Second-level output branches every project needs (财预〔2015〕88号: 数量、质量、时效; 成本 is
    # optional in practice because many projects cannot cost one unit of output).
    output_branches: tuple[str, ...] = ("数量", "质量", "时效")
    # "Public service" (needs a satisfaction indicator): the project buys services from third
    # parties for the public (是否含有政府购买服务 = 是), or its 绩效类型 is one of these.
    public_service_if_procurement: bool = True
    public_service_types: tuple[str, ...] = ("公共服务类",)
    # Placeholder names: a branch word followed by a number (数量1, 质量 2, 指标三) …
    placeholder_stems: tuple[str, ...] = (
        "数量", "质量", "时效", "成本", "效益", "经济效益", "社会效益", "生态效益", "环境效益",
        "满意度", "可持续影响", "产出", "指标", "三级指标", "二级指标", "目标", "其他", "其它")
    # … or one of these words on its own.
    placeholder_names: tuple[str, ...] = ("其他指标", "其它指标", "其他", "其它", "指标", "无", "/", "-", "—")
    # Names that ask for a number: what they measure is a count, a rate or an amount.
    number_suffixes: tuple[str, ...] = (
        "率", "数", "数量", "总量", "面积", "金额", "总额", "满意度", "知晓度", "完好度", "覆盖度")
    # Values that state an amount of zero, so are not vague even without a digit (投诉: 无; 免费).
    zero_words: tuple[str, ...] = ("无", "零", "免费", "没有")
    # Values that promise "the standard" without saying which one.
    vague_standard_words: tuple[str, ...] = ("达标", "符合要求", "达到要求", "符合标准", "达到标准")
    satisfaction_word: str = "满意"
    # Names with 满意 that describe the survey itself (an output), not the satisfaction reached.
    satisfaction_survey_words: tuple[str, ...] = ("调查", "测评")
    # Management indicators (投入与管理) that say nothing about results when placed under effects.
    management_keywords: tuple[str, ...] = (
        "管理制度", "制度健全", "制度建设", "财务制度", "预算执行", "资金到位", "专款专用",
        "资金使用合规", "资金使用规范")
    # Branches where such an indicator is in place: Shanghai's 长效管理 asks for lasting mechanisms.
    management_allowed_branches: tuple[str, ...] = ("影响力目标/长效管理",)
    # A cost indicator is a ceiling; names with these words are costs …
    cost_keywords: tuple[str, ...] = ("成本", "费用", "单价")
    # … unless they measure a reduction, where a lower bound is right (降低成本≥10%).
    reduction_words: tuple[str, ...] = ("降低", "下降", "减少", "节约", "节省", "压缩", "减负")
    # Percentages that may exceed 100: growth and multiples.
    percent_over_100_words: tuple[str, ...] = ("增长", "增幅", "增速", "提高", "提升", "同比", "环比", "倍")
    # Units of money. The value grammar has already applied 万/亿 ("250万元" is 2500000 元), so the
    # number is compared as it stands.
    money_units: tuple[str, ...] = ("元", "万元", "亿元")
    # Categories whose monetary targets are paid from the budget (an outcome such as investment
    # attracted may legitimately exceed it).
    budget_bound_categories: tuple[str, ...] = ("output", "cost", "management")
    # Deadlines of long-term effects may lie beyond the project (影响力目标: 2035年以前).
    deadline_exempt_categories: tuple[str, ...] = ("outcome", "satisfaction")
    # Reader diagnostics another rule reports already (R-COMPLETE-VALUE-MISSING, a nameless
    # indicator in R-COMPLETE-PLACEHOLDER-NAME): not repeated as repaired rows.
    repairs_reported_elsewhere: tuple[str, ...] = ("value-missing", "name-missing")
    # Also report the same measure written twice with the same target under two first-level goals
    # (持证上门服务广覆盖 / 家政持证上门服务广覆盖, both 250000名).
    near_duplicates: bool = True


@dataclass(frozen=True)
class RuleOverride:
    enabled: bool | None = None
    severity: Severity | None = None


@dataclass(frozen=True)
class RuleSet:
    """Per-rule overrides (all frameworks), per-framework overrides on top, and the options."""

    rules: Mapping[str, RuleOverride] = field(default_factory=dict)
    frameworks: Mapping[str, Mapping[str, RuleOverride]] = field(default_factory=dict)
    options: Options = field(default_factory=Options)

    def resolve(self, code: str, default: Severity, framework: str | None) -> Severity | None:
        """The severity rule ``code`` runs at for ``framework``, or None when it is disabled."""
        enabled, severity = True, default
        layers = [self.rules.get(code)]
        if framework is not None:
            layers.append(self.frameworks.get(framework, {}).get(code))
        for layer in layers:
            if layer is None:
                continue
            if layer.enabled is not None:
                enabled = layer.enabled
            if layer.severity is not None:
                severity = layer.severity
        return severity if enabled else None


DEFAULT_RULESET = RuleSet()


def _override_from_data(code: str, data: Any, where: str) -> RuleOverride:
    if not isinstance(data, dict) or set(data) - {"enabled", "severity"}:
        raise InputError(f"{where}：规则 {code} 的设置只能有 enabled 和 severity",
                         f"{where}: rule {code} takes only 'enabled' and 'severity'")
    enabled, severity = data.get("enabled"), data.get("severity")
    if enabled is not None and not isinstance(enabled, bool):
        raise InputError(f"{where}：规则 {code} 的 enabled 应为 true/false",
                         f"{where}: rule {code}: 'enabled' must be true or false")
    if severity is not None and severity not in SEVERITIES:
        raise InputError(f"{where}：规则 {code} 的 severity 应为 error/warning/info",
                         f"{where}: rule {code}: 'severity' must be error, warning or info")
    return RuleOverride(enabled=enabled, severity=severity)


def _overrides_from_data(data: Any, known: set[str] | None, where: str) -> dict[str, RuleOverride]:
    if not isinstance(data, dict):
        raise InputError(f"{where} 应为对象", f"{where} must be an object")
    unknown = sorted(set(data) - known) if known is not None else []
    if unknown:
        raise InputError(f"{where}：未知规则 {', '.join(unknown)}", f"{where}: unknown rules {', '.join(unknown)}")
    return {code: _override_from_data(code, value, where) for code, value in data.items()}


def _options_from_data(data: Any) -> Options:
    if not isinstance(data, dict):
        raise InputError("options 应为对象", "'options' must be an object")
    names = {f.name: f for f in fields(Options)}
    unknown = sorted(set(data) - set(names))
    if unknown:
        raise InputError(f"options：未知选项 {', '.join(unknown)}", f"options: unknown keys {', '.join(unknown)}")
    base = Options()
    changes: dict[str, Any] = {}
    for key, value in data.items():
        current = getattr(base, key)
        if isinstance(current, tuple):
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise InputError(f"options.{key} 应为字符串列表", f"options.{key} must be a list of strings")
            changes[key] = tuple(value)
        elif isinstance(current, Mapping):
            if not isinstance(value, dict):
                raise InputError(f"options.{key} 应为对象", f"options.{key} must be an object")
            changes[key] = {k: tuple(v) if isinstance(v, list) else v for k, v in value.items()}
        elif isinstance(current, (bool, str)):
            if type(value) is not type(current):
                raise InputError(f"options.{key} 类型不对", f"options.{key} has the wrong type")
            changes[key] = value
    return replace(base, **changes)


def from_data(data: Any, known_rules: set[str] | None = None) -> RuleSet:
    """A RuleSet from its JSON form; raises InputError naming what is wrong.

    ``{"rules": {"R-…": {"enabled": false, "severity": "info"}},
    "frameworks": {"shanghai-2020": {"R-…": {…}}}, "options": {…}}``
    """
    if not isinstance(data, dict):
        raise InputError("审核规则配置应为 JSON 对象", "the review configuration must be a JSON object")
    unknown = sorted(set(data) - {"rules", "frameworks", "options"})
    if unknown:
        raise InputError(f"审核规则配置：未知键 {', '.join(unknown)}",
                         f"review configuration: unknown keys {', '.join(unknown)}")
    rules = _overrides_from_data(data.get("rules", {}), known_rules, "rules")
    fw_data = data.get("frameworks", {})
    if not isinstance(fw_data, dict):
        raise InputError("frameworks 应为对象", "'frameworks' must be an object")
    frameworks = {code: _overrides_from_data(value, known_rules, f"frameworks.{code}")
                  for code, value in fw_data.items()}
    options = _options_from_data(data.get("options", {}))
    return RuleSet(rules=rules, frameworks=frameworks, options=options)


def _override_to_data(override: RuleOverride) -> dict[str, Any]:
    return {k: v for k, v in (("enabled", override.enabled), ("severity", override.severity)) if v is not None}


def to_data(ruleset: RuleSet) -> dict[str, Any]:
    """The JSON form of a RuleSet: only what differs from the defaults."""
    defaults = asdict(Options())
    options = {k: (list(v) if isinstance(v, tuple) else
                   {mk: list(mv) if isinstance(mv, tuple) else mv for mk, mv in v.items()}
                   if isinstance(v, Mapping) else v)
               for k, v in asdict(ruleset.options).items() if v != defaults[k]}
    return {
        "rules": {code: _override_to_data(o) for code, o in ruleset.rules.items()},
        "frameworks": {fw: {code: _override_to_data(o) for code, o in table.items()}
                       for fw, table in ruleset.frameworks.items()},
        "options": options,
    }
