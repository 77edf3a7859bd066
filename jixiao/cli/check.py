"""`jixiao check FILE... [--format table|json] [--config RULES.json]` — review target tables (绩效目标审核).
`jixiao check --rules` lists the rules: code, severity, dimension, title and where each comes from.

Reads each file, runs the review rules and prints the findings grouped by project with a suggested
grade, then a summary per department and year. Exit 1 when any finding is an error, 0 otherwise,
2 for input that cannot be read (one line naming the file).

``--config`` takes the JSON a rule set is stored as (``jixiao.core.review.config.from_data``) plus
an optional ``"rubric"`` (``jixiao.core.review.summary.rubric_from_data``).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, TextIO

from jixiao.cli import CommandError
from jixiao.core.errors import InputError
from jixiao.core.model import Document, Project
from jixiao.core.read import read_path
from jixiao.core.review import DEFAULT_RULESET, Finding, RuleSet, all_rules, finding_to_dict, get_rule, review
from jixiao.core.review.config import from_data
from jixiao.core.review.registry import DIMENSIONS, SEVERITY_ZH
from jixiao.core.review.summary import (
    DEFAULT_RUBRIC,
    GRADE_EN,
    DepartmentSummary,
    ProjectSummary,
    Rubric,
    department_summary_to_dict,
    project_summary_to_dict,
    rubric_from_data,
    summarise_department,
    summarise_project,
)

SCHEMA = "jixiao/review@1"
Reviewed = list[tuple[Project, list[Finding]]]


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("check", help="review target tables (审核绩效目标)",
                       description="Review target tables: findings per project, a suggested grade, "
                                   "a summary per department and year. Exit 1 when any error is found.")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.add_argument("--rules", action="store_true", help="list the review rules and exit (审核规则一览)")
    p.add_argument("--format", choices=("table", "json"), default="table")
    p.add_argument("--config", metavar="RULES.json",
                   help="rule set: enable/disable/re-grade rules, options, rubric (审核规则配置)")
    p.set_defaults(run=run)


def load_config(path: str | None) -> tuple[RuleSet, Rubric]:
    if path is None:
        return DEFAULT_RULESET, DEFAULT_RUBRIC
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise InputError("配置文件不存在", "no such configuration file", path=path) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError("无法读取配置文件", f"cannot read the configuration: {exc}", path=path) from None
    except json.JSONDecodeError as exc:
        raise InputError("配置文件不是有效的 JSON", f"not valid JSON: {exc.msg}", path=path, line=exc.lineno) from None
    try:
        rubric = rubric_from_data(data.pop("rubric")) if isinstance(data, dict) and "rubric" in data else DEFAULT_RUBRIC
        return from_data(data, {r.code for r in all_rules()}), rubric
    except InputError as exc:
        raise InputError(exc.message, exc.message_en, path=path) from None


def run(args: argparse.Namespace) -> int:
    if args.rules:
        write_rules(sys.stdout)
        return 0
    if not args.files:
        raise CommandError("请给出要审核的文件 / give at least one FILE to check (or --rules)")
    ruleset, rubric = load_config(args.config)
    documents = [read_path(path) for path in args.files]
    per_document = [[(p, review(p, ruleset)) for p in doc.projects] for doc in documents]
    everything = [item for items in per_document for item in items]
    departments = summarise_department(everything, rubric)
    out = sys.stdout
    if args.format == "json":
        json.dump(to_json(documents, per_document, departments, rubric), out, ensure_ascii=False, indent=2)
        out.write("\n")
    else:
        for document, reviewed in zip(documents, per_document, strict=True):
            write_document(document, reviewed, rubric, out)
        write_departments(departments, out)
    return 1 if any(f.severity == "error" for _, findings in everything for f in findings) else 0


def write_rules(out: TextIO) -> None:
    for r in all_rules():
        out.write(f"{r.code:<36} {r.severity:<8} {DIMENSIONS[r.dimension]}  {r.title}（{r.title_en}）\n")
        out.write(f"{'':<36} 依据 {r.source.text()}\n")


def to_json(documents: Sequence[Document], per_document: Sequence[Reviewed], departments: list[DepartmentSummary],
            rubric: Rubric) -> dict[str, Any]:
    files = []
    fired: set[str] = set()
    for document, reviewed in zip(documents, per_document, strict=True):
        projects = []
        for project, findings in reviewed:
            fired.update(f.rule for f in findings)
            projects.append({"summary": project_summary_to_dict(summarise_project(project, findings, rubric)),
                             "findings": [finding_to_dict(f) for f in findings]})
        files.append({"path": document.source.path, "sha256": document.source.sha256, "projects": projects})
    rules = [{"rule": r.code, "severity": r.severity, "dimension": r.dimension, "title": r.title,
              "title_en": r.title_en, "source": r.source.text()} for r in all_rules() if r.code in fired]
    return {"schema": SCHEMA, "files": files, "departments": [department_summary_to_dict(d) for d in departments],
            "rules": rules}


def write_document(document: Document, reviewed: Reviewed, rubric: Rubric, out: TextIO) -> None:
    out.write(f"# {document.source.path}\n")
    for number, (project, findings) in enumerate(reviewed, 1):
        write_project(number, project, findings, summarise_project(project, findings, rubric), out)
    if not reviewed:
        out.write("\n（未找到项目 no projects found）\n")


def _counts(summary: ProjectSummary) -> str:
    s = summary.by_severity
    dims = " · ".join(f"{zh} {sum(summary.by_dimension[d].values())}" for d, zh in DIMENSIONS.items())
    return f"错误 {s['error']} · 警告 {s['warning']} · 提示 {s['info']}  |  {dims}"


def write_project(number: int, project: Project, findings: list[Finding], summary: ProjectSummary,
                  out: TextIO) -> None:
    where = f"（第{project.source.line}行）" if project.source.line else ""
    out.write(f"\n[{number}] {project.name or '（无名称）'}{where}\n")
    out.write(f"    建议等级 {summary.grade}（{GRADE_EN.get(summary.grade, '')}）· {summary.score} 分 · "
              f"{_counts(summary)}\n")
    for f in findings:
        line = f"{f.line:>5}" if f.line is not None else "    -"
        out.write(f"  {line}  {SEVERITY_ZH[f.severity]} {DIMENSIONS[f.dimension]}  {f.message}  [{f.rule}]\n")
        out.write(f"  {'':>5}  {'':<9}  {f.message_en}\n")
    codes = list(dict.fromkeys(f.rule for f in findings))
    if codes:
        out.write("    改进建议 how to fix:\n")
        for code in codes:
            r = get_rule(code)
            out.write(f"      {code}  {r.hint} / {r.hint_en}\n")
            out.write(f"      {'':<{len(code)}}  依据 {r.source.text()}\n")


def write_departments(departments: list[DepartmentSummary], out: TextIO) -> None:
    for d in departments:
        grades = " · ".join(f"{g} {n}" for g, n in d.grades.items())
        out.write(f"\n== {d.department or '（未注明单位）'} {d.year or ''}：{d.projects} 个项目 projects · {grades}\n")
        if d.rules:
            out.write("   最常见的问题 most frequent findings:\n")
            for code, n, projects in d.rules[:10]:
                r = get_rule(code)
                out.write(f"   {n:>4} 条 / {projects} 个项目  {r.title}（{r.title_en}） [{code}]\n")
        needy = [s for s in d.worst if s.total][:5]
        if needy:
            out.write("   最需修改的项目 projects needing most work:\n")
            for s in needy:
                out.write(f"   {s.score:>6} 分 {s.grade}  {s.project or '（无名称）'}  ({_counts(s)})\n")
