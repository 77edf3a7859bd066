"""`jixiao parse FILE... [--format json|table] [--explain] [--strict]` — read published target tables.

json prints the canonical JSON; table a readable summary per project; --explain how each line was
classified and every repair made. A damaged document still yields what could be read plus its
diagnostics (exit 0, or 1 with --strict when any warning exists); input that is no target table at
all is one line naming the file and exit 2.
"""

from __future__ import annotations

import argparse
import sys
from typing import TextIO

from jixiao.core import canonical
from jixiao.core.canonical import decimal_text
from jixiao.core.model import Document, Project, all_diagnostics
from jixiao.core.read import read_path
from jixiao.core.read.layout import TraceEntry


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("parse", help="read published target tables (读取绩效目标表)",
                       description="Read published target tables into the canonical JSON or a summary.")
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--format", choices=("json", "table"), default="table")
    p.add_argument("--explain", action="store_true", help="show how each line was read and every repair")
    p.add_argument("--strict", action="store_true", help="exit 1 when any warning was reported")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    documents: list[Document] = []
    traces: list[list[TraceEntry]] = []
    for path in args.files:
        trace: list[TraceEntry] = []
        documents.append(read_path(path, trace if args.explain else None))
        traces.append(trace)
    out = sys.stdout
    if args.explain:
        for document, trace in zip(documents, traces, strict=True):
            write_explain(document, trace, out)
    elif args.format == "json":
        out.write(canonical.dumps(documents) + "\n")
    else:
        for document in documents:
            write_table(document, out)
    warnings = [d for doc in documents for d in all_diagnostics(doc) if d.severity != "info"]
    return 1 if args.strict and warnings else 0


def write_table(document: Document, out: TextIO) -> None:
    src = document.source
    out.write(f"# {src.path}  ({src.format}, {src.encoding or '-'}, sha256 {src.sha256[:12]})\n")
    for number, project in enumerate(document.projects, 1):
        write_project(number, project, out)
    diags = all_diagnostics(document)
    warnings = sum(1 for d in diags if d.severity != "info")
    out.write(f"\n{len(document.projects)} 个项目 projects, "
              f"{sum(len(p.indicators) for p in document.projects)} 个指标 indicators, "
              f"{warnings} 个警告 warnings, {len(diags) - warnings} 条提示 notes\n")


def write_project(number: int, p: Project, out: TextIO) -> None:
    b = p.budget
    out.write(f"\n[{number}] {p.name or '（无名称）'}  {p.year or ''}  {p.department or ''}\n")
    out.write(f"    类别 {p.category or '-'} · 绩效类型 {p.performance_type or '-'} · "
              f"{p.start_date or '?'} → {p.end_date or '?'} · 政府购买服务 "
              f"{ {True: '是', False: '否', None: '-'}[p.government_procurement] } · 指标体系 {p.framework or '-'}\n")
    out.write(f"    预算(元) 总 {decimal_text(b.total) or '-'} · 当年 {decimal_text(b.current_year) or '-'} · "
              f"上年 {decimal_text(b.previous_year) or '-'} · 上年执行 {decimal_text(b.previous_year_executed) or '-'}\n")
    for ind in p.indicators:
        t = ind.target
        shown = t.raw or "（空）"
        out.write(f"    {ind.source.line or '':>5}  {ind.level1 or '-'} / {ind.level2 or '-'} / {ind.name or '-'}"
                  f"  =>  {shown}  [{t.kind}]\n")
    for d in p.diagnostics:
        if d.severity != "info":
            out.write(f"    ! {d.severity} {d.code}: {d.message}\n")


def write_explain(document: Document, trace: list[TraceEntry], out: TextIO) -> None:
    out.write(f"# {document.source.path}: how each line was read\n")
    by_line: dict[int, list[str]] = {}
    for d in all_diagnostics(document):
        if d.line is not None:
            by_line.setdefault(d.line, []).append(f"{d.severity} {d.code}: {d.message} / {d.message_en}")
    for entry in trace:
        if entry.kind == "blank":
            continue
        out.write(f"{entry.line:>6}  {entry.kind:<18} {entry.detail[:160]}\n")
        for text in by_line.pop(entry.line, []):
            out.write(f"{'':>6}  ↳ {text}\n")
    for line, texts in sorted(by_line.items()):
        for text in texts:
            out.write(f"{line:>6}  ↳ {text}\n")
