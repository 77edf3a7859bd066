"""`jixiao score FILE [--format table|json] [--settings JSON]` — score a self-evaluation (绩效自评评分).

FILE is a self-evaluation as JSON (``jixiao/selfeval@1``), or a 项目支出绩效自评表 as published — XLSX,
DOCX, PDF, HTML or tab-separated text; the kind is told from the content, not the name. Each indicator
is printed with its score and the words that explain it, then the total and the grade (财预〔2020〕10号,
or the administrator's settings given with --settings). Input that cannot be scored is one line naming the
file and the field or cell, exit 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal
from typing import TextIO

from jixiao.core.errors import InputError
from jixiao.core.read import path_to_bytes, read_selfeval_bytes
from jixiao.core.score import ScoreReport, reports_to_dict, score_selfeval
from jixiao.core.score_settings import (
    DEFAULT_SETTINGS,
    GROUP_NAMES,
    ScoringSettings,
    points,
    settings_from_dict,
)
from jixiao.core.selfeval import SelfEvaluation, loads_selfeval


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("score", help="score a self-evaluation (绩效自评评分)",
                       description="Score a self-evaluation (JSON jixiao/selfeval@1, or a 自评表 as XLSX, DOCX, PDF, "
                                   "HTML or text): each indicator with its explanation, the total and the grade.")
    p.add_argument("file", metavar="FILE")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--settings", metavar="JSON",
                   help="scoring settings as JSON (keys of ScoringSettings); default 财预〔2020〕10号")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    settings = read_settings(args.settings) if args.settings else DEFAULT_SETTINGS
    evaluations = read_evaluations(args.file)
    reports = [score_selfeval(ev, settings) for ev in evaluations]
    if args.format == "json":
        sys.stdout.write(json.dumps(reports_to_dict(reports, settings), ensure_ascii=False, indent=2) + "\n")
    else:
        for report in reports:
            write_table(report, sys.stdout)
    return 0


def _located(exc: InputError, path: str) -> InputError:
    return InputError(exc.message, exc.message_en, path=path, line=exc.line, field=exc.field)


def _json_text(data: bytes) -> str | None:
    """The text of a JSON document, or None when the bytes are no JSON (a form in any other format)."""
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None
    return text if text.lstrip().startswith(("{", "[")) else None


def read_evaluations(path: str) -> list[SelfEvaluation]:
    """The self-evaluations in a file: JSON when it reads as JSON text, otherwise 自评表 in whatever
    format the content shows (XLSX, DOCX, PDF, HTML, text)."""
    data = path_to_bytes(path)
    text = _json_text(data)
    if text is None:
        evaluations = read_selfeval_bytes(data, path)
    else:
        try:
            evaluations = loads_selfeval(text)
        except InputError as exc:
            raise _located(exc, path) from None
    if not evaluations:
        raise InputError("文件中没有自评表", "no self-evaluation in the file", path=path)
    return evaluations


def read_settings(path: str) -> ScoringSettings:
    try:
        data = json.loads(path_to_bytes(path).decode("utf-8-sig"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise InputError("评分设置不是 JSON", "scoring settings are not JSON", path=path) from None
    try:
        return settings_from_dict(data)
    except InputError as exc:
        raise _located(exc, path) from None


def _shown(value: Decimal | None) -> str:
    return "-" if value is None else points(value)


def write_table(report: ScoreReport, out: TextIO) -> None:
    ev, ex = report.evaluation, report.execution
    p = ev.project
    out.write(f"{p.name or '（无名称）'}  {p.year or ''}  主管部门 {p.department or '-'} · 实施单位 "
              f"{p.implementer or '-'} · 指标体系 {report.framework or '-'}\n")
    out.write(f"  {'分值':>5} {'得分':>5}\n")
    out.write(f"  {_shown(ex.effective_weight):>7} {_shown(ex.score):>7}  {GROUP_NAMES['execution'][0]}："
              f"{ex.explanation}\n")
    for d in ex.diagnostics:
        out.write(f"{'':20}! {d.code}: {d.message} / {d.message_en}\n")
    for row in report.indicators:
        ind = row.row.indicator
        where = "/".join(x or "-" for x in (ind.level1, ind.level2, ind.name))
        out.write(f"  {_shown(row.effective_weight):>7} {_shown(row.score):>7}  {where}：{row.explanation}\n")
        for d in row.diagnostics:
            if d.severity != "info":
                out.write(f"{'':20}! {d.code}: {d.message} / {d.message_en}\n")
    out.write(f"  总分 total {points(report.total)}  等级 grade {report.grade}\n")
    for d in report.diagnostics:
        out.write(f"  · {d.message} / {d.message_en}\n")
    out.write("\n")
