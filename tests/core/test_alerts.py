"""Monitoring alerts (双监控): the spending light, indicator lights against straight-line progress, and
the boundaries of every band (red < 60 % ≤ yellow < 80 % ≤ green; blue from 120 % of the annual target)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal as D
from typing import Any

import pytest

from jixiao.core.alerts import indicator_alert, light_of, monitoring_alerts, spending_alert
from jixiao.core.model import Indicator, TargetValue
from jixiao.core.score_settings import DEFAULT_SETTINGS
from jixiao.core.selfeval import MonitoredIndicator, MonitoringReport, ProjectHeader

PROJECT = ProjectHeader("口岸工作经费", year=2020)
COUNT = TargetValue(raw=">1000家", kind="numeric", op=">", value="1000", unit="家")
RATE = TargetValue(raw=">=80%", kind="numeric", op=">=", value="80", unit="%")
COST = TargetValue(raw="<=100万元", kind="numeric", op="<=", value="1000000", unit="元")
DUE = TargetValue(raw="<=4月30日", kind="deadline", op="<=", value="2020-04-30")
LATER = TargetValue(raw="<=10月31日", kind="deadline", op="<=", value="2020-10-31")
WORD = TargetValue(raw="健全", kind="qualitative", value="健全")


def monitored(target: TargetValue, value: str | None, **kw: Any) -> MonitoredIndicator:
    return MonitoredIndicator(indicator=Indicator("产出目标", "数量", "指标", target), value_to_date=value, **kw)


def spending(spent: str, months: int, budget: str = "100") -> MonitoringReport:
    return MonitoringReport(PROJECT, months=months, budget=D(budget), spent=D(spent))


def test_spending_progress_worked_example() -> None:
    # 4 200 000 of 10 000 000 spent after January–July: 42 % ÷ (7 ÷ 12) = 72 % → yellow
    alert = spending_alert(spending("4200000", 7, "10000000"))
    assert alert.light == "yellow" and alert.progress == D("0.72")
    assert "支出进度 72.00%" in alert.explanation and "时间进度 58.33%" in alert.explanation


@pytest.mark.parametrize(("spent", "light"), [("59.99", "red"), ("60", "yellow"), ("79.99", "yellow"), ("80", "green"),
                                              ("100", "green")])
def test_spending_band_boundaries(spent: str, light: str) -> None:
    # after 12 months straight-line progress is 100 %, so progress is spent ÷ budget
    assert spending_alert(spending(spent, 12)).light == light


def test_spending_without_budget_has_no_light() -> None:
    alert = spending_alert(MonitoringReport(PROJECT, months=7))
    assert alert.light is None and "无法计算" in alert.explanation


def test_thresholds_are_settings() -> None:
    s = replace(DEFAULT_SETTINGS, red_below=D("0.5"), green_from=D("0.7"))
    assert light_of(D("0.55"), s) == "yellow" and light_of(D("0.7"), s) == "green"


@pytest.mark.parametrize(("value", "light"), [
    ("299家", "red"),  # 29.9 % of the year's target after 6 months: 59.8 % of straight line
    ("300家", "yellow"),  # exactly 60 %
    ("399家", "yellow"),
    ("400家", "green"),  # exactly 80 %
    ("1199家", "green"),
    ("1200家", "blue"),  # 120 % of the annual target, however early
])
def test_cumulative_indicator_against_straight_line(value: str, light: str) -> None:
    assert indicator_alert(monitored(COUNT, value), 6, 2020).light == light


def test_blue_asks_for_an_explanation() -> None:
    alert = indicator_alert(monitored(COUNT, "1500家"), 7, 2020)
    assert alert.light == "blue" and alert.needs_explanation and "需说明偏差原因" in alert.explanation
    explained = indicator_alert(monitored(COUNT, "1500家", deviation_reasons=("其他",),
                                          deviation_note="新增企业集中申报"), 7, 2020)
    assert explained.light == "blue" and not explained.needs_explanation


def test_a_rate_is_compared_as_it_stands() -> None:
    # 70 % against ≥80 % is 87.5 % of target, green; straight line does not apply to a rate
    alert = indicator_alert(monitored(RATE, "70%"), 6, 2020)
    assert alert.light == "green" and alert.progress == D("0.875")
    assert indicator_alert(monitored(RATE, "45%"), 6, 2020).light == "red"
    # said to be cumulative, it is held against the line: 87.5 % ÷ 50 % → far ahead, green
    assert indicator_alert(monitored(RATE, "70%", cumulative=True), 6, 2020).progress == D("1.75")


def test_lower_is_better_cumulative_projects_the_year() -> None:
    # 70万 after 7 months projects 120万 for the year: 100 ÷ 120 = 83 % → green
    assert indicator_alert(monitored(COST, "70万元"), 7, 2020).light == "green"
    # 90万 projects 154万: 65 % → yellow
    assert indicator_alert(monitored(COST, "90万元"), 7, 2020).light == "yellow"
    # over the annual cap already: red
    assert indicator_alert(monitored(COST, "101万元"), 7, 2020).light == "red"


def test_deadlines() -> None:
    assert indicator_alert(monitored(DUE, "2020-04-28"), 7, 2020).light == "green"
    assert indicator_alert(monitored(DUE, "2020-05-10"), 7, 2020).light == "red"
    overdue = indicator_alert(monitored(DUE, "进行中"), 7, 2020)
    assert overdue.light == "red" and "已过期" in overdue.explanation
    not_due = indicator_alert(monitored(LATER, "进行中"), 7, 2020)
    assert not_due.light is None and "尚未到期" in not_due.explanation


@pytest.mark.parametrize(("band", "light"), [("达成", "green"), ("部分达成", "yellow"), ("未达成", "red")])
def test_qualitative_bands(band: str, light: str) -> None:
    assert indicator_alert(monitored(WORD, "基本健全", band=band), 7, 2020).light == light


def test_qualitative_without_band_has_no_light() -> None:
    alert = indicator_alert(monitored(WORD, "基本健全"), 7, 2020)
    assert alert.light is None and "请评定档次" in alert.explanation


def test_report_lights_spending_first_then_each_indicator() -> None:
    report = MonitoringReport(PROJECT, months=7, budget=D(10_000_000), spent=D(6_000_000),
                              indicators=(monitored(COUNT, "700家"), monitored(WORD, "健全", band="达成")))
    lights = [a.light for a in monitoring_alerts(report)]
    # 60 % ÷ 58.33 % = 102.9 % green; 70 % ÷ 58.33 % = 120 % green (not blue: 70 % of the annual target)
    assert lights == ["green", "green", "green"]
