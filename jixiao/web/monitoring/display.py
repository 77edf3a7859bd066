"""How monitoring lights are shown: the light's name in words and a shape beside its colour, the
figure it was read from, and the sentence that explains it (never colour alone)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import get_language

from jixiao.core.alerts import LIGHT_NAMES, Alert
from jixiao.core.score_settings import ScoringSettings, percent

ORDER = ("red", "yellow", "blue", "green", "none")


def english() -> bool:
    return (get_language() or "").startswith("en")


@dataclass(frozen=True)
class LightView:
    key: str  # red, yellow, green, blue, none
    name: str
    progress: str
    explanation: str
    needs_explanation: bool


def light_view(alert: Alert) -> LightView:
    key = alert.light or "none"
    zh, en = LIGHT_NAMES[alert.light] if alert.light else ("暂无灯", "no light")
    return LightView(key=key, name=en if english() else zh,
                     progress=percent(alert.progress, 1) if alert.progress is not None else "",
                     explanation=alert.explanation_en if english() else alert.explanation,
                     needs_explanation=alert.needs_explanation)


def legend(s: ScoringSettings) -> list[tuple[str, str, str]]:
    """(light, name, meaning) for the legend, with the thresholds in force."""
    red, green, blue = percent(s.red_below, 0), percent(s.green_from, 0), percent(s.blue_from, 0)
    if english():
        return [("red", "red", f"progress below {red} of time elapsed, or 未达成"),
                ("yellow", "yellow", f"{red} to {green}, or 部分达成"),
                ("green", "green", f"{green} or more, or 达成"),
                ("blue", "blue", f"{blue} or more of the annual target already (to be explained)"),
                ("none", "no light", "cannot tell yet (figure missing, or not yet due)")]
    return [("red", "红灯", f"进度低于时间进度的 {red}，或未达成"),
            ("yellow", "黄灯", f"{red} 至 {green}，或部分达成"),
            ("green", "绿灯", f"{green} 及以上，或达成"),
            ("blue", "蓝灯", f"已达年度目标的 {blue} 及以上（超额较多，须说明）"),
            ("none", "暂无灯", "尚无法判断（缺数据或尚未到期）")]


def counts(views: list[LightView]) -> list[tuple[str, int]]:
    found = {key: 0 for key in ORDER}
    for v in views:
        found[v.key] += 1
    return [(key, n) for key, n in found.items() if n]
