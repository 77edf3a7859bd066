"""Scoring settings (评分设置): every figure of self-evaluation scoring and monitoring alerts that a
region or year may change, with the national defaults and where each comes from.

An administrator changes them through ``settings_from_dict`` (the JSON form ``settings_to_dict``
writes); ``check_settings`` refuses a combination that cannot work, naming the setting.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_HALF_UP, Decimal
from itertools import pairwise
from typing import Any, Literal

from jixiao.core.canonical import decimal_text
from jixiao.core.errors import InputError
from jixiao.core.selfeval import BANDS

D = Decimal
ZERO, ONE = D(0), D(1)

# The scoring groups' names as the forms print them.
GROUP_NAMES: dict[str, tuple[str, str]] = {
    "execution": ("预算执行率", "budget execution"), "output": ("产出指标", "outputs"),
    "outcome": ("效益指标", "outcomes"), "satisfaction": ("满意度指标", "satisfaction"),
}


def _default_group_weights() -> dict[str, Decimal]:
    # 财预〔2020〕10号 第十四条: "原则上预算执行率和一级指标权重统一设置为：预算执行率10%、产出指标50%、
    # 效益指标30%、服务对象满意度指标10%，如有特殊情况，一级指标权重可做适当调整。"
    return {"execution": D(10), "output": D(50), "outcome": D(30), "satisfaction": D(10)}


def _default_category_groups() -> dict[str, str]:
    # Framework categories onto the four groups of 第十四条, which has no other group:
    # - output, outcome, satisfaction: the same thing under another name.
    # - cost: 财预〔2015〕88号's tree (national-2015) files 成本指标 under 产出指标; 财预〔2021〕101号 lifts it
    #   to a first-level branch but 第十四条 gives it no weight of its own, so it stays with 产出.
    # - management (Shanghai 投入与管理: 预算执行率, 资金到位率, 制度健全性 …): how the project was run,
    #   which produces the outputs. It goes with 产出 rather than into a new group, because 第十四条's
    #   four weights already sum to 100 and leaving the branch out would drop targets the department
    #   declared. An administrator who wants it apart adds a "management" group weight and maps it.
    # - Shanghai 影响力目标 (长效管理, 信息共享 …) is category "outcome" in its framework, i.e. 效益;
    #   the framework maps it onto national 效益指标/可持续影响指标 likewise.
    return {"output": "output", "cost": "output", "management": "output", "outcome": "outcome",
            "satisfaction": "satisfaction"}


def _default_band_floors() -> tuple[tuple[str, Decimal], ...]:
    # 财预〔2020〕10号 第十五条: 定性指标三档 "分别按照该指标对应分值区间100-80%（含）、80-60%（含）、60-0%
    # 合理确定分值" — 80 % belongs to 达成 and 60 % to 部分达成; each band runs up to the next floor.
    return (("达成", D("0.80")), ("部分达成", D("0.60")), ("未达成", ZERO))


def _default_band_defaults() -> dict[str, Decimal]:
    # When the evaluator names a band but no score in it (a jixiao choice, not the regulation's): a band
    # that reached the target earns the full weight, as a met numeric target does; the others earn
    # the least their band guarantees, so that no machine default flatters a shortfall.
    return {"达成": ONE, "部分达成": D("0.60"), "未达成": ZERO}


def _default_grades() -> tuple[tuple[str, Decimal], ...]:
    # 财预〔2020〕10号: "90（含）-100分为优、80（含）-90分为良、60（含）-80分为中、60分以下为差" (one province
    # uses 80/70/60: change the floors).
    return (("优", D(90)), ("良", D(80)), ("中", D(60)), ("差", ZERO))


# Decimal defaults named once (a dataclass default must not be a call).
OVER_ACHIEVEMENT, TOTAL_POINTS = D("1.30"), D(100)
RED_BELOW, GREEN_FROM, BLUE_FROM = D("0.60"), D("0.80"), D("1.20")


@dataclass(frozen=True)
class ScoringSettings:
    """Every figure of scoring and alerts an administrator may change, with the national defaults."""

    group_weights: Mapping[str, Decimal] = field(default_factory=_default_group_weights)
    category_groups: Mapping[str, str] = field(default_factory=_default_category_groups)
    # An indicator whose branch is in no known framework is scored with 产出 and flagged.
    fallback_group: str = "output"
    # 第十五条 scores a shortfall "按照完成值与指标值的比例"; for lower-is-better that proportion is
    # target ÷ actual ("ratio"). Some provinces deduct linearly, 1 − (actual − target) ÷ target, which
    # reaches zero at twice the target ("linear").
    lower_is_better: Literal["ratio", "linear"] = "ratio"
    # 10号 fixes no rule for a late deadline. "zero" (逾期不得分) is the common local rule;
    # "proportional" scores planned duration ÷ actual duration, both counted from the project's start.
    late_deadline: Literal["zero", "proportional"] = "zero"
    band_floors: tuple[tuple[str, Decimal], ...] = field(default_factory=_default_band_floors)
    band_defaults: Mapping[str, Decimal] = field(default_factory=_default_band_defaults)
    # 第十五条: "对完成值高于指标值较多的，要分析原因" — "较多" is 130 % of the target by default (domain.md §6).
    over_achievement: Decimal = OVER_ACHIEVEMENT
    grades: tuple[tuple[str, Decimal], ...] = field(default_factory=_default_grades)
    # 10号: "总分一般设置为100分".
    total_points: Decimal = TOTAL_POINTS
    places: int = 2
    # Monitoring lights (domain.md §5, as one province implements 双监控): progress against
    # straight-line time below 60 % red, below 80 % yellow, else green; blue from 120 % of the annual target.
    red_below: Decimal = RED_BELOW
    green_from: Decimal = GREEN_FROM
    blue_from: Decimal = BLUE_FROM

    def __post_init__(self) -> None:
        check_settings(self)


def _setting_error(name: str, zh: str, en: str) -> InputError:
    return InputError(zh, en, field=f"settings.{name}")


def check_settings(s: ScoringSettings) -> None:
    """Raise InputError naming the setting that cannot work."""
    if "execution" not in s.group_weights:
        raise _setting_error("group_weights", "缺少预算执行率分值 execution", "no weight for 'execution'")
    for group in (*s.category_groups.values(), s.fallback_group):
        if group not in s.group_weights or group == "execution":
            raise _setting_error("category_groups", f"评分组 {group!r} 没有分值", f"group {group!r} has no weight")
    if s.lower_is_better not in ("ratio", "linear"):
        raise _setting_error("lower_is_better", "应为 ratio 或 linear", "expected ratio or linear")
    if s.late_deadline not in ("zero", "proportional"):
        raise _setting_error("late_deadline", "应为 zero 或 proportional", "expected zero or proportional")
    if tuple(name for name, _ in s.band_floors) != BANDS or not _descending_to_zero(s.band_floors):
        raise _setting_error("band_floors", "应为 达成>部分达成>未达成=0 的下限",
                             "expected floors for 达成 > 部分达成 > 未达成 = 0")
    for band in BANDS:
        if band not in s.band_defaults or not _in_band(s.band_defaults[band], band, s.band_floors):
            raise _setting_error("band_defaults", f"{band} 的默认得分率不在档内", f"default for {band} is not in its band")
    if not s.grades or not _descending_to_zero(s.grades):
        raise _setting_error("grades", "等级下限应从高到低并以 0 结束", "grade floors must descend to 0")
    if not ZERO < s.red_below <= s.green_from <= s.blue_from:
        raise _setting_error("red_below", "应有 0 < 红灯 ≤ 绿灯 ≤ 蓝灯", "expected 0 < red ≤ green ≤ blue")


def _descending_to_zero(floors: tuple[tuple[str, Decimal], ...]) -> bool:
    values = [v for _, v in floors]
    return values[-1] == 0 and all(a > b for a, b in pairwise(values))


def _in_band(share: Decimal, band: str, floors: tuple[tuple[str, Decimal], ...]) -> bool:
    """Whether a share lies in a band: from its floor (included) up to the next band's floor (excluded);
    the top band runs up to the full weight (included)."""
    names = [name for name, _ in floors]
    at = names.index(band)
    if at == 0:
        return floors[0][1] <= share <= ONE
    return floors[at][1] <= share < floors[at - 1][1]


DEFAULT_SETTINGS = ScoringSettings()


# --- small helpers -------------------------------------------------------------------------------------


def rounded(value: Decimal, places: int = 2) -> Decimal:
    """四舍五入 to ``places`` decimals, the rounding the published forms use."""
    return value.quantize(D(1).scaleb(-places), rounding=ROUND_HALF_UP)


def points(value: Decimal, places: int = 2) -> str:
    """A score as printed: rounded, without trailing zeros ("10", "9.85")."""
    return decimal_text(rounded(value, places)) or "0"


def percent(ratio: Decimal, places: int = 2) -> str:
    return f"{rounded(ratio * 100, places)}%"


def band_of(share: Decimal, s: ScoringSettings = DEFAULT_SETTINGS) -> str:
    """The band a share of the weight falls in (0.80 → 达成, 0.7999 → 部分达成)."""
    return next((name for name, floor in s.band_floors if share >= floor), s.band_floors[-1][0])


def in_band(share: Decimal, band: str, s: ScoringSettings = DEFAULT_SETTINGS) -> bool:
    return _in_band(share, band, s.band_floors)


def grade_of(total: Decimal, s: ScoringSettings = DEFAULT_SETTINGS) -> str:
    """优/良/中/差 for a total: each floor included (exactly 90 is 优, 89.99 is 良)."""
    return next(name for name, floor in s.grades if total >= floor)


# --- the settings as JSON, for an administrator -------------------------------------------------------

_CHOICES = {"lower_is_better": ("ratio", "linear"), "late_deadline": ("zero", "proportional")}
_NUMBERS = ("over_achievement", "total_points", "red_below", "green_from", "blue_from")


def settings_to_dict(s: ScoringSettings) -> dict[str, Any]:
    def text(v: Decimal) -> str:
        return decimal_text(v) or "0"
    return {
        "group_weights": {k: text(v) for k, v in s.group_weights.items()},
        "category_groups": dict(s.category_groups), "fallback_group": s.fallback_group,
        "lower_is_better": s.lower_is_better, "late_deadline": s.late_deadline,
        "band_floors": {k: text(v) for k, v in s.band_floors},
        "band_defaults": {k: text(v) for k, v in s.band_defaults.items()},
        "grades": {k: text(v) for k, v in s.grades}, "places": s.places,
        **{name: text(getattr(s, name)) for name in _NUMBERS},
    }


def _number(value: Any, where: str) -> Decimal:
    try:
        if isinstance(value, bool) or not isinstance(value, (str, int)):
            raise ValueError
        number = Decimal(str(value))
        if not number.is_finite():
            raise ValueError
        return number
    except (ValueError, ArithmeticError):
        raise _setting_error(where, f"{value!r} 不是数字", f"{value!r} is not a number") from None


def _numbers(value: Any, where: str) -> dict[str, Decimal]:
    if not isinstance(value, dict):
        raise _setting_error(where, "应为对象", "expected an object")
    return {str(k): _number(v, f"{where}.{k}") for k, v in value.items()}


def settings_from_dict(d: Any, base: ScoringSettings = DEFAULT_SETTINGS) -> ScoringSettings:
    """Settings from their JSON form; a key left out keeps ``base``'s value. Raises InputError naming
    the setting (``settings.grades.优``) when a value is wrong or the whole cannot work."""
    if not isinstance(d, dict):
        raise _setting_error("", "应为对象", "expected an object")
    changes: dict[str, Any] = {}
    for key, value in d.items():
        if key in ("group_weights", "band_defaults"):
            changes[key] = _numbers(value, key)
        elif key in ("band_floors", "grades"):
            changes[key] = tuple(_numbers(value, key).items())
        elif key == "category_groups":
            if not isinstance(value, dict) or not all(isinstance(v, str) for v in value.values()):
                raise _setting_error(key, "应为 类别→评分组 的对象", "expected category → group names")
            changes[key] = dict(value)
        elif key in _CHOICES or key == "fallback_group":
            if not isinstance(value, str) or (key in _CHOICES and value not in _CHOICES[key]):
                raise _setting_error(key, f"{value!r} 不可用", f"{value!r} is not allowed")
            changes[key] = value
        elif key in _NUMBERS:
            changes[key] = _number(value, key)
        elif key == "places":
            if not isinstance(value, int) or isinstance(value, bool) or not 0 <= value <= 6:
                raise _setting_error(key, "应为 0–6 的整数", "expected an integer 0–6")
            changes[key] = value
        else:
            raise _setting_error(key, "未知设置项", "unknown setting")
    return replace(base, **changes)
