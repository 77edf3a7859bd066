"""The 项目支出绩效自评表 (财预〔2020〕10号 附件; domain.md §6) in XLSX, DOCX and PDF, and an XLSX
template of it to fill in and read back.

Layout, as the official form: header 项目名称 / 主管部门 / 实施单位; the money block 项目资金 with
columns 年初预算数 / 全年预算数 / 全年执行数 / 分值 / 执行率 / 得分 and rows 年度资金总额, 其中：当年财政
拨款, 上年结转资金, 其他资金; 年度总体目标 with 预期目标 and 实际完成情况; the indicator table 一级指标 /
二级指标 / 三级指标 / 年度指标值 / 实际完成值 / 分值 / 得分 / 偏差原因分析及改进措施; 总分 with the grade.

What the writers accept (``items``): a ``ScoreReport`` is printed as scored (分值 after rescaling, so the
column adds up to 100 with the execution's); a ``SelfEvaluation`` is scored with the default settings
first; a target table (``Document`` or ``Project``) gives the blank form of its targets. The
template (``selfeval-template``) adds the two columns the reader understands beyond the official form,
评价档次 and 是否适用, and prints only what a person entered — it is for filling in, not for filing.
The form's only breakdown of the money is 年度资金总额: the 其中 rows are left for the department.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, BinaryIO

from jixiao.core.blank import blank_selfeval
from jixiao.core.canonical import decimal_text
from jixiao.core.export import sheetform, sheetwriters
from jixiao.core.export.form import money_text
from jixiao.core.export.registry import XLSX_MEDIA_TYPE, Document, Exporter, register
from jixiao.core.export.sheetform import Span
from jixiao.core.model import Project
from jixiao.core.score import IndicatorScore, ScoreReport, score_selfeval
from jixiao.core.score_settings import percent, points
from jixiao.core.selfeval import EvaluatedIndicator, SelfEvaluation

TITLE = "项目支出绩效自评表"
HEADER = ("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施")
WIDTHS = (0.09, 0.14, 0.12, 0.12, 0.12, 0.07, 0.09, 0.25)
TEMPLATE_HEADER = (*HEADER, "评价档次", "是否适用")
TEMPLATE_WIDTHS = (*WIDTHS, 0.08, 0.06)
FUND_ROWS = ("年度资金总额", "其中：当年财政拨款", "上年结转资金", "其他资金")
MONEY_HEADER = ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分")
TABLE_TITLE = "绩效指标"


@dataclass(frozen=True)
class Filled:
    """One form to print: the evaluation, its score (None for a blank form) and whether it is the template."""

    evaluation: SelfEvaluation
    report: ScoreReport | None = None
    template: bool = False


def filled_forms(items: Iterable[Any], template: bool = False) -> Iterator[Filled]:
    """Items as forms: score reports as they are, evaluations scored by default, target tables blank."""
    for item in items:
        if isinstance(item, ScoreReport):
            yield Filled(item.evaluation, None if template else item, template)
        elif isinstance(item, SelfEvaluation):
            yield Filled(item, None if template else score_selfeval(item), template)
        elif isinstance(item, Document):
            yield from (Filled(blank_selfeval(p), None, template) for p in item.projects)
        elif isinstance(item, Project):
            yield Filled(blank_selfeval(item), None, template)
        else:
            raise TypeError(f"cannot write a self-evaluation form of {type(item).__name__}")


def money_span(value: Decimal | None, col: int) -> Span:
    return Span(money_text(value), col, kind="money", amount=value)


def head_block(f: Filled, columns: int) -> sheetform.Block:
    ev, report = f.evaluation, f.report
    p, ex = ev.project, ev.execution
    unit = ex.unit or "元"
    rate = report.execution.rate if report else None
    exec_weight = points(report.execution.effective_weight) if report else (decimal_text(ex.weight) or "")
    exec_score = points(report.execution.score) if report else (decimal_text(ex.score) or "")
    # The last column (得分) takes whatever columns the indicator table has beyond the eighth.
    header_row = (Span(f"项目资金（{unit}）", 0, rowspan=5, kind="label"), Span("", 1, kind="header"),
                  *(Span(text, 2 + n, kind="header", colspan=columns - 7 if 2 + n == 7 else 1)
                    for n, text in enumerate(MONEY_HEADER)))
    total_row = (Span(FUND_ROWS[0], 1, kind="label"), money_span(ex.initial_budget, 2),
                 money_span(ex.full_year_budget, 3), money_span(ex.executed, 4),
                 Span(exec_weight, 5, kind="number"),
                 Span(percent(rate) if rate is not None else "", 6, kind="number", ratio=rate),
                 Span(exec_score, 7, kind="number", colspan=columns - 7))
    other_rows = tuple((Span(label, 1, kind="label"), *(Span("", c, kind="money") for c in (2, 3, 4)),
                        *(Span("—", c, kind="number") for c in (5, 6)),
                        Span("—", 7, kind="number", colspan=columns - 7))
                       for label in FUND_ROWS[1:])
    split = 5
    return (
        (Span("项目名称", 0, colspan=2, kind="label"), Span(p.name or "", 2, colspan=columns - 2)),
        (Span("主管部门", 0, colspan=2, kind="label"), Span(p.department or "", 2, colspan=3),
         Span("实施单位", 5, colspan=2, kind="label"), Span(p.implementer or "", 7, colspan=columns - 7)),
        header_row, total_row, *other_rows,
        (Span("年度总体目标", 0, colspan=2, rowspan=2, kind="label"), Span("预期目标", 2, colspan=split - 2, kind="header"),
         Span("实际完成情况", split, colspan=columns - split, kind="header")),
        (Span(ev.goal_expected or "", 2, colspan=split - 2, kind="narrative"),
         Span(ev.goal_actual or "", split, colspan=columns - split, kind="narrative")),
    )


def _text(value: Decimal | None) -> str:
    return decimal_text(value) or ""


def row_cells(row: EvaluatedIndicator, scored: IndicatorScore | None, template: bool) -> tuple[str, ...]:
    ind = row.indicator
    base = (ind.level1 or "", ind.level2 or "", ind.name or "", ind.target.raw)
    if template:
        applicable = "" if row.applicable else "否"
        return (*base, row.actual or "", _text(row.weight), _text(row.score), row.deviation_reason or "",
                row.band or "", applicable)
    if not row.applicable:
        return (*base, row.actual or "不适用", "—", "—", row.deviation_reason or "")
    weight = points(scored.effective_weight) if scored and scored.effective_weight is not None else _text(row.weight)
    score = points(scored.score) if scored and scored.score is not None else ""
    return (*base, row.actual or "", weight, score, row.deviation_reason or "")


def foot_block(f: Filled, columns: int) -> sheetform.Block:
    report, ev = f.report, f.evaluation
    if f.template:
        return ((Span("总分", 0, colspan=5, kind="label"), Span("100", 5, kind="number"), Span("", 6, kind="number"),
                 Span("", 7, colspan=columns - 7)),)
    total = points(report.total) if report else ""
    grade = f"自评等级：{report.grade}" if report else "自评等级："
    rows: list[tuple[Span, ...]] = [
        (Span("总分", 0, colspan=5, kind="label"), Span("100", 5, kind="number"), Span(total, 6, kind="number"),
         Span(grade, 7, colspan=columns - 7)),
    ]
    if ev.conclusion:
        rows.append((Span("自评结论", 0, colspan=2, kind="label"),
                     Span(ev.conclusion, 2, colspan=columns - 2, kind="narrative")))
    return tuple(rows)


def selfeval_sheet(f: Filled) -> sheetform.SheetForm:
    ev = f.evaluation
    header, widths = (TEMPLATE_HEADER, TEMPLATE_WIDTHS) if f.template else (HEADER, WIDTHS)
    scored = f.report.indicators if f.report else (None,) * len(ev.indicators)
    rows = (row_cells(r, s, f.template) for r, s in zip(ev.indicators, scored, strict=True))
    year = ev.project.year
    return sheetform.SheetForm(
        title=TITLE, subtitle=f"（{year}年度）" if year else "（    年度）", lines=(),
        sheet_name=ev.project.name or TITLE, head=head_block(f, len(header)),
        table=sheetform.indicator_table(TABLE_TITLE, widths, header, rows), foot=foot_block(f, len(header)))


def write_xlsx(items: Iterable[Any], stream: BinaryIO) -> None:
    sheetwriters.write_xlsx((selfeval_sheet(f) for f in filled_forms(items)), stream)


def write_template(items: Iterable[Any], stream: BinaryIO) -> None:
    sheetwriters.write_xlsx((selfeval_sheet(f) for f in filled_forms(items, template=True)), stream)


def write_docx(items: Iterable[Any], stream: BinaryIO) -> None:
    sheetwriters.write_docx((selfeval_sheet(f) for f in filled_forms(items)), stream)


def write_pdf(items: Iterable[Any], stream: BinaryIO) -> None:
    sheetwriters.write_pdf((selfeval_sheet(f) for f in filled_forms(items)), stream)


register(Exporter(name="selfeval-xlsx", extension=".xlsx", media_type=XLSX_MEDIA_TYPE, write=write_xlsx,
                  title="项目支出绩效自评表（Excel，官方表样）", title_en="self-evaluation form (Excel, official layout)",
                  binary=True, kind="selfeval"))
register(Exporter(name="selfeval-docx", extension=".docx",
                  media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                  write=write_docx, title="项目支出绩效自评表（Word，官方表样）",
                  title_en="self-evaluation form (Word, official layout)", binary=True, kind="selfeval"))
register(Exporter(name="selfeval-pdf", extension=".pdf", media_type="application/pdf", write=write_pdf,
                  title="项目支出绩效自评表（PDF，官方表样）", title_en="self-evaluation form (PDF, official layout)",
                  binary=True, kind="selfeval"))
register(Exporter(name="selfeval-template", extension=".xlsx", media_type=XLSX_MEDIA_TYPE, write=write_template,
                  title="自评表填报模板（Excel，含评价档次、是否适用两列，可上传）",
                  title_en="self-evaluation template to fill in and upload (Excel)", binary=True, kind="selfeval"))
