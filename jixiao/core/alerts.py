"""Monitoring alerts (运行监控预警, "双监控"): a light for the money and one for each indicator.

As one province implements them (domain.md §5; the thresholds are ``ScoringSettings.red_below``,
``green_from`` and ``blue_from``): spending progress = (spent ÷ budget) ÷ (months elapsed ÷ 12), red
below 60 %, yellow from 60 %, green from 80 %. A cumulative indicator (a count, an amount) is held
against the same straight line, and turns blue at 120 % or more of its *annual* target — far ahead,
to be explained. A rate (a percentage) is compared with its target as it stands. A deadline is green
when met, red when missed or overdue, and has no light before it falls due. A qualitative indicator
takes the evaluator's band: 达成 green, 部分达成 yellow, 未达成 red.

A light of None means "cannot tell yet" and says why; it is never a guess.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Literal

from jixiao.core.actuals import normal_unit, read_date, read_number
from jixiao.core.canonical import decimal_text
from jixiao.core.score import direction_of
from jixiao.core.score_settings import DEFAULT_SETTINGS, ONE, ScoringSettings, percent, points
from jixiao.core.selfeval import MonitoredIndicator, MonitoringReport

Light = Literal["red", "yellow", "green", "blue"]
LIGHT_NAMES: dict[str, tuple[str, str]] = {"red": ("红灯", "red"), "yellow": ("黄灯", "yellow"),
                                           "green": ("绿灯", "green"), "blue": ("蓝灯", "blue")}
BAND_LIGHTS: dict[str, Light] = {"达成": "green", "部分达成": "yellow", "未达成": "red"}


@dataclass(frozen=True)
class Alert:
    """One light. ``subject`` is "spending" or the indicator's name; ``progress`` the figure the light
    was read from (1 = on the straight line), when there is one."""

    subject: str
    light: Light | None
    progress: Decimal | None
    explanation: str
    explanation_en: str
    needs_explanation: bool = False
    indicator: MonitoredIndicator | None = None


def light_of(progress: Decimal, s: ScoringSettings = DEFAULT_SETTINGS) -> Light:
    """Red below ``red_below``, yellow below ``green_from``, else green (each boundary is the upper light)."""
    if progress < s.red_below:
        return "red"
    return "yellow" if progress < s.green_from else "green"


def time_share(months: int) -> Decimal:
    """How much of the year has gone: straight-line progress after ``months`` months."""
    return Decimal(months) / Decimal(12)


def _named(light: Light | None) -> tuple[str, str]:
    return LIGHT_NAMES[light] if light else ("暂无灯", "no light")


def spending_alert(report: MonitoringReport, s: ScoringSettings = DEFAULT_SETTINGS) -> Alert:
    """(spent ÷ budget) ÷ (months ÷ 12) against the light thresholds."""
    budget, spent, unit = report.budget, report.spent, report.unit
    if budget is None or spent is None or budget <= 0:
        return Alert("spending", None, None, "缺预算数或已支出数，无法计算支出进度",
                     "budget or spending missing: no spending progress")
    t = time_share(report.months)
    progress = spent / budget / t
    light = light_of(progress, s)
    zh, en = _named(light)
    return Alert(
        "spending", light, progress,
        f"预算 {decimal_text(budget)}{unit}，前 {report.months} 个月支出 {decimal_text(spent)}{unit}"
        f"（{percent(spent / budget)}），时间进度 {percent(t)}，支出进度 {percent(progress)}，{zh}",
        f"budget {decimal_text(budget)}, spent {decimal_text(spent)} {unit} in {report.months} months "
        f"({percent(spent / budget)}), time {percent(t)}: spending progress {percent(progress)}, {en}",
        needs_explanation=light != "green")


def is_cumulative(m: MonitoredIndicator) -> bool:
    """As stated, else from the unit: a percentage is a rate, anything else adds up over the year."""
    if m.cumulative is not None:
        return m.cumulative
    return normal_unit(m.indicator.target.unit or "") != "%"


def _numeric_light(m: MonitoredIndicator, got: Decimal, months: int,
                   s: ScoringSettings) -> tuple[Light, Decimal | None, str, str]:
    """The light of a measured value to date, the progress it was read from, and why."""
    want = Decimal(m.indicator.target.value or "0")
    t = time_share(months) if is_cumulative(m) else ONE
    line = f"，时间进度 {percent(t)}" if t != ONE else ""
    direction = direction_of(m.indicator)
    if direction == "equal" and want == 0:
        light: Light = "green" if got == 0 else "red"
        return light, None, "目标为 0", "target is 0"
    if direction == "lower":
        if got > want:
            return "red", want / got, f"已超过目标上限{line}", "already above the cap"
        if got == 0:
            return "green", None, f"在目标上限内{line}", "within the cap"
        progress = want / (got / t)
        return light_of(progress, s), progress, f"按进度推算全年 {points(got / t)}{line}", \
            f"projected {points(got / t)} for the year"
    if want <= 0:
        return "green", None, "已达目标", "target reached"
    reach = got / want
    if reach >= s.blue_from:
        return "blue", reach, f"已达年度目标的 {percent(reach)}，超额较多", f"{percent(reach)} of the annual target"
    progress = reach / t
    if t == ONE:
        return light_of(progress, s), progress, f"达到目标的 {percent(reach)}", f"{percent(reach)} of target"
    return light_of(progress, s), progress, f"完成年度目标的 {percent(reach)}{line}，完成进度 {percent(progress)}", \
        f"{percent(reach)} of the annual target, progress {percent(progress)}"


def _deadline_light(m: MonitoredIndicator, value: str, months: int,
                    year: int | None) -> tuple[Light | None, str, str] | None:
    due = read_date(m.indicator.target.end or m.indicator.target.value, year)
    if due is None:
        return None
    done = read_date(value, year)
    if done is not None:
        return ("green", "按时完成", "done on time") if done <= due else ("red", "逾期完成", "done late")
    as_of = _month_end(year or due.year, months)
    if as_of > due:
        return "red", f"{due.isoformat()} 已过期，尚未完成", "overdue"
    return None, f"{due.isoformat()} 尚未到期", "not yet due"


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def indicator_alert(m: MonitoredIndicator, months: int, year: int | None,
                    s: ScoringSettings = DEFAULT_SETTINGS) -> Alert:
    """A measured light when the value to date can be read, else the evaluator's band, else none."""
    value = (m.value_to_date or "").strip()
    target = m.indicator.target
    name = m.indicator.name or "指标"
    head = f"目标 {target.raw}，1–{months} 月完成 {value or '（未填）'}"
    head_en = f"target {target.raw}, months 1–{months}: {value or '(none)'}"
    found = read_number(value) if target.kind == "numeric" and target.value else None
    if found is not None:
        light, progress, why, why_en = _numeric_light(m, found[0], months, s)
        return _alert(name, light, progress, f"{head}，{why}", f"{head_en}: {why_en}", m)
    deadline = _deadline_light(m, value, months, year) if target.kind == "deadline" else None
    if deadline is not None and (deadline[0] is not None or not m.band):
        return _alert(name, deadline[0], None, f"{head}，{deadline[1]}", f"{head_en}: {deadline[2]}", m)
    if m.band:
        light = BAND_LIGHTS[m.band]
        return _alert(name, light, None, f"{head}，评价档次 {m.band}", f"{head_en}: band {m.band}", m)
    return _alert(name, None, None, f"{head}，无法计算进度，请评定档次（达成/部分达成/未达成）",
                  f"{head_en}: no measure of progress; give a band", m)


def _alert(name: str, light: Light | None, progress: Decimal | None, zh: str, en: str,
           m: MonitoredIndicator) -> Alert:
    zh_light, en_light = _named(light)
    explained = bool(m.deviation_reasons or (m.deviation_note or "").strip())
    needs = light in ("red", "yellow", "blue") and not explained
    suffix = "；需说明偏差原因" if needs else ""
    return Alert(name, light, progress, f"{zh}，{zh_light}{suffix}", f"{en}, {en_light}", needs, m)


def monitoring_alerts(report: MonitoringReport, s: ScoringSettings = DEFAULT_SETTINGS) -> tuple[Alert, ...]:
    """The spending light first, then one light per indicator in the report's order."""
    year = report.project.year
    return (spending_alert(report, s),
            *(indicator_alert(m, report.months, year, s) for m in report.indicators))
