"""The monitoring table (项目绩效目标执行监控表, "双监控"; domain.md §5) in XLSX, DOCX and PDF.

Header 项目名称 / 主管部门 / 实施单位 / 监控期间; the money block (年度预算数, executed to date, 执行率,
时间进度, 支出进度, the alert, 全年预计执行数); then per indicator the target, the value to date, the
expected full-year value, the alert, the deviation reasons (经费保障 / 制度保障 / 人员保障 / 硬件条件保障 /
其他), the likelihood of reaching the target (确定能 / 有可能 / 完全不可能), and the correction with its
result. Each alert is printed in words with the figure it was read from ("黄灯 72.5%"), never by colour
alone, and a legend under the table gives the thresholds in force.

Items: a ``Monitored`` (report and the settings its alerts use), a ``MonitoringReport`` (default
settings), or a target table (``Document`` / ``Project``: the blank table of January–July).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from jixiao.core.alerts import LIGHT_NAMES, Alert, monitoring_alerts, time_share
from jixiao.core.blank import blank_monitoring
from jixiao.core.export import sheetform, sheetwriters
from jixiao.core.export.form import money_text
from jixiao.core.export.registry import XLSX_MEDIA_TYPE, Document, Exporter, register
from jixiao.core.export.sheetform import Span
from jixiao.core.model import Project
from jixiao.core.score_settings import DEFAULT_SETTINGS, ScoringSettings, percent
from jixiao.core.selfeval import MonitoredIndicator, MonitoringReport

TITLE = "项目绩效目标执行监控表"
DEFAULT_MONTHS = 7  # the usual 双监控 period: January–July
WIDTHS = (0.08, 0.08, 0.13, 0.09, 0.09, 0.09, 0.11, 0.12, 0.08, 0.13)
TABLE_TITLE = "绩效指标完成情况"


@dataclass(frozen=True)
class Monitored:
    report: MonitoringReport
    settings: ScoringSettings = field(default=DEFAULT_SETTINGS)


def monitored(items: Iterable[Any]) -> Iterator[Monitored]:
    for item in items:
        if isinstance(item, Monitored):
            yield item
        elif isinstance(item, MonitoringReport):
            yield Monitored(item)
        elif isinstance(item, Document):
            yield from (Monitored(blank_monitoring(p, DEFAULT_MONTHS)) for p in item.projects)
        elif isinstance(item, Project):
            yield Monitored(blank_monitoring(item, DEFAULT_MONTHS))
        else:
            raise TypeError(f"cannot write a monitoring table of {type(item).__name__}")


def light_text(alert: Alert) -> str:
    """"绿灯（112.5%）" — the light in words, with the figure it was read from."""
    if alert.light is None:
        return "—"
    name = LIGHT_NAMES[alert.light][0]
    return f"{name}（{percent(alert.progress)}）" if alert.progress is not None else name


def header(months: int) -> tuple[str, ...]:
    span = "1月" if months == 1 else f"1–{months}月"
    return ("一级指标", "二级指标", "三级指标", "年度指标值", f"{span}完成值", "全年预计完成值", "预警",
            "偏差原因", "完成可能性", "纠偏措施及结果")


def head_block(m: Monitored, spending: Alert) -> sheetform.Block:
    r = m.report
    p = r.project
    span = "1月" if r.months == 1 else f"1–{r.months}月"
    rate = r.spent / r.budget if r.spent is not None and r.budget else None
    labels = ("年度预算数", f"{span}执行数", "执行率", "时间进度", "支出进度", "预警", "全年预计执行数", "")
    progress = spending.progress
    return (
        (Span("项目名称", 0, colspan=2, kind="label"), Span(p.name or "", 2, colspan=4),
         Span("监控期间", 6, kind="label"), Span(r.period or "", 7, colspan=3)),
        (Span("主管部门", 0, colspan=2, kind="label"), Span(p.department or "", 2, colspan=4),
         Span("实施单位", 6, kind="label"), Span(p.implementer or "", 7, colspan=3)),
        (Span(f"项目资金（{r.unit}）", 0, colspan=2, rowspan=2, kind="label"),
         *(Span(text, 2 + n, kind="header") for n, text in enumerate(labels))),
        (money_span(r.budget, 2), money_span(r.spent, 3),
         Span(percent(rate) if rate is not None else "", 4, kind="number", ratio=rate),
         Span(percent(time_share(r.months)), 5, kind="number", ratio=time_share(r.months)),
         Span(percent(progress) if progress is not None else "", 6, kind="number", ratio=progress),
         Span(LIGHT_NAMES[spending.light][0] if spending.light else "—", 7, kind="number"),
         money_span(r.expected_spending, 8), Span("", 9)),
    )


def money_span(value: Any, col: int) -> Span:
    return Span(money_text(value), col, kind="money", amount=value)


def reasons_text(m: MonitoredIndicator) -> str:
    reasons = "、".join(m.deviation_reasons)
    note = (m.deviation_note or "").strip()
    return f"{reasons}：{note}" if reasons and note else reasons or note


def correction_text(m: MonitoredIndicator) -> str:
    if m.correction_needed is None and not (m.correction_plan or m.correction_result):
        return ""
    if m.correction_needed is False:
        return "无需纠偏"
    parts = [f"措施：{m.correction_plan}" if m.correction_plan else "需纠偏"]
    if m.correction_result:
        parts.append(f"结果：{m.correction_result}")
    return "；".join(parts)


def row_cells(m: MonitoredIndicator, alert: Alert) -> tuple[str, ...]:
    ind = m.indicator
    return (ind.level1 or "", ind.level2 or "", ind.name or "", ind.target.raw, m.value_to_date or "",
            m.expected_value or "", light_text(alert), reasons_text(m), m.likelihood or "", correction_text(m))


def legend(s: ScoringSettings) -> str:
    """The thresholds in force, in words (the table is also read in black and white)."""
    return (f"预警说明：进度 = 完成（支出）比例 ÷ 时间进度。红灯：低于 {percent(s.red_below, 0)}；"
            f"黄灯：{percent(s.red_below, 0)} 至 {percent(s.green_from, 0)}；绿灯：{percent(s.green_from, 0)} 及以上；"
            f"蓝灯：累计指标已达年度目标的 {percent(s.blue_from, 0)} 及以上（超额较多，须说明）。"
            "定性指标：达成为绿灯，部分达成为黄灯，未达成为红灯。")


def monitoring_sheet(m: Monitored) -> sheetform.SheetForm:
    r = m.report
    spending, *alerts = monitoring_alerts(r, m.settings)
    rows = (row_cells(ind, alert) for ind, alert in zip(r.indicators, alerts, strict=True))
    return sheetform.SheetForm(
        title=TITLE, subtitle=f"（{r.period}）" if r.period else "", lines=(), sheet_name=r.project.name or TITLE,
        head=head_block(m, spending),
        table=sheetform.indicator_table(TABLE_TITLE, WIDTHS, header(r.months), rows),
        foot=((Span(legend(m.settings), 0, colspan=len(WIDTHS), kind="narrative"),),), landscape=True)


def write_xlsx(items: Iterable[Any], stream: BinaryIO) -> None:
    sheetwriters.write_xlsx((monitoring_sheet(m) for m in monitored(items)), stream)


def write_docx(items: Iterable[Any], stream: BinaryIO) -> None:
    sheetwriters.write_docx((monitoring_sheet(m) for m in monitored(items)), stream)


def write_pdf(items: Iterable[Any], stream: BinaryIO) -> None:
    sheetwriters.write_pdf((monitoring_sheet(m) for m in monitored(items)), stream)


register(Exporter(name="monitoring-xlsx", extension=".xlsx",
                  media_type=XLSX_MEDIA_TYPE,
                  write=write_xlsx, title="绩效运行监控表（Excel）", title_en="monitoring table (Excel)",
                  binary=True, kind="monitoring"))
register(Exporter(name="monitoring-docx", extension=".docx",
                  media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  write=write_docx, title="绩效运行监控表（Word）", title_en="monitoring table (Word)",
                  binary=True, kind="monitoring"))
register(Exporter(name="monitoring-pdf", extension=".pdf", media_type="application/pdf", write=write_pdf,
                  title="绩效运行监控表（PDF）", title_en="monitoring table (PDF)", binary=True, kind="monitoring"))
