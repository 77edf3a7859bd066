"""`jixiao export FILE... --format F [--out PATH]` — write target tables as JSON, CSV, XLSX (or the Excel
template to fill in), DOCX, PDF or an open-data package (the formats of ``jixiao.core.export.registry``).

`jixiao export --from-db [--department D] [--year Y] [filters…] --format F [--out PATH]` writes stored
projects instead, selected as on the project list, through the web layer's export service (imported
only then, so that exporting files needs no Django). ``--format xlsx-template`` with --department and
--year writes that department's template for the year (``--empty``: a blank form).

Text formats go to stdout unless --out is given; binary ones need --out. The file appears only when
the export succeeded (it is written beside its final place and renamed), so a failed export never
leaves half a file. ``--format datapackage`` writes a zip when PATH ends in .zip, else a folder.
Files are read one at a time as the writer asks for their projects; a progress bar counts the
projects on stderr when it is a terminal.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from tqdm import tqdm

from jixiao.cli import CommandError
from jixiao.core.export import datapackage, registry
from jixiao.core.export.registry import Exporter, Item
from jixiao.core.read import read_path


def _formats_help() -> str:
    return "\n".join(f"  {e.name:<12} {e.title_en}" for e in registry.formats("targets"))


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "export", help="write target tables as JSON, CSV, XLSX, DOCX, PDF or open data (导出)",
        description="Write target tables in another format: the canonical JSON, a CSV for Excel, the "
                    "official form as XLSX, DOCX or PDF, or a Frictionless data package.",
        epilog="formats:\n" + _formats_help(), formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("files", nargs="*", metavar="FILE", help="published target tables to read")
    p.add_argument("--format", required=True, metavar="F",
                   help=f"one of: {', '.join(registry.names('targets'))}")
    p.add_argument("--out", metavar="PATH", type=Path,
                   help="file to write (a folder or .zip for datapackage); stdout when omitted, "
                        "for text formats only")
    db = p.add_argument_group("from the database (instead of FILE…)")
    db.add_argument("--from-db", action="store_true",
                    help="export stored projects (DATABASE_URL, or SQLite in JIXIAO_DATA_DIR)")
    db.add_argument("--department", metavar="NAME", help="申报单位: its name (or id)")
    db.add_argument("--year", type=int, help="年度")
    db.add_argument("--category", help="项目类别")
    db.add_argument("--performance-type", help="绩效类型")
    db.add_argument("--q", metavar="TEXT", help="search in names, facts and narratives")
    db.add_argument("--budget-min", metavar="YUAN", help="当年预算 at least")
    db.add_argument("--budget-max", metavar="YUAN", help="当年预算 at most")
    db.add_argument("--user", help="only the projects this user may see (default: all)")
    db.add_argument("--empty", action="store_true", help="with --format xlsx-template: a blank form")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    exporter = target_format(args.format)
    out: Path | None = args.out
    if bool(args.files) == bool(args.from_db):
        raise CommandError("请给出要读取的文件，或用 --from-db 导出数据库中的项目（二者选一） / "
                           "give FILE… to read, or --from-db for stored projects (one of the two)")
    if out is None and exporter.binary:
        raise CommandError(f"{exporter.name} 是二进制格式，请用 --out 指定输出文件 / "
                           f"{exporter.name} is a binary format: give --out PATH")
    if out is not None:
        check_writable(out, as_folder=is_folder_package(exporter, out))
    if args.from_db:
        return run_from_db(args, exporter, out)
    check_readable(args.files)
    with tqdm(desc="导出 export", unit=" 项目 projects", file=sys.stderr, disable=None, leave=False) as bar:
        progress = Progress(bar)
        write_items(exporter, read_items(args.files, exporter, progress), out)
    done(progress.count, out)
    return 0


def write_items(exporter: Exporter, items: Iterator[Item], out: Path | None) -> None:
    if out is None:
        exporter.write(items, sys.stdout.buffer)
        sys.stdout.buffer.flush()
    elif is_folder_package(exporter, out):
        write_folder(items, out)
    else:
        with replacing(out) as stream:
            exporter.write(items, stream)


def done(n: int, out: Path | None) -> None:
    if out is not None:
        print(f"已导出 {n} 个项目到 {out} / exported {n} projects to {out}", file=sys.stderr)


# --- from the database -----------------------------------------------------------------------------


def run_from_db(args: argparse.Namespace, exporter: Exporter, out: Path | None) -> int:
    """Stored projects through the web layer's export service (Django is started only here)."""
    from jixiao.cli.manage import django_ready

    django_ready(migrate=True)  # as `jixiao import` does: a new database is an empty one, not an error
    from jixiao.web.projects import exporting
    from jixiao.web.projects.queries import ProjectFilter

    user = _user(args.user)
    department = _department(args.department)
    f = ProjectFilter.from_query({
        "department": department.pk if department else None, "year": args.year, "category": args.category,
        "performance_type": args.performance_type, "q": args.q, "budget_min": args.budget_min,
        "budget_max": args.budget_max, "sort": "department"})
    if f.errors:
        raise CommandError(f"筛选条件无效：{', '.join(f.errors)} / invalid filter: {', '.join(f.errors)}")
    queryset = exporting.matching(user, f)
    is_template = exporter.name == exporting.TEMPLATE
    if is_template and (department is None or args.year is None):
        raise CommandError("填报模板需要 --department 和 --year / the template needs --department and --year")
    total = 0 if is_template and args.empty else queryset.count()
    with tqdm(desc="导出 export", unit=" 项目 projects", total=total, file=sys.stderr, disable=None,
              leave=False) as bar:
        progress = Progress(bar)
        if is_template:
            assert out is not None and department is not None  # a binary format; checked above
            with replacing(out) as stream:
                exporting.write_template(user, department, args.year, args.empty, stream, progress.update)
        else:
            write_items(exporter, exporting.core_projects(queryset, progress.update), out)
    done(progress.count, out)
    return 0


def _user(name: str | None) -> Any:
    if name is None:
        return None
    from django.contrib.auth.models import User

    user = User.objects.filter(username=name).first()
    if user is None:
        raise CommandError(f"没有用户 {name} / no user {name!r}")
    return user


def _department(name: str | None) -> Any:
    if name is None:
        return None
    from django.db.models import Q

    from jixiao.web.accounts.models import Department

    match = Q(name=name) | (Q(pk=int(name)) if name.isdigit() else Q())
    department = Department.objects.filter(match).first()
    if department is None:
        raise CommandError(f"没有部门 {name} / no department {name!r}")
    return department


def target_format(name: str) -> Exporter:
    """A format that writes target tables (the registry also holds the 自评表 and monitoring forms,
    which need more than a target table)."""
    if name not in registry.names("targets"):
        known = ", ".join(registry.names("targets"))
        raise CommandError(f"未知的导出格式 {name!r}（可用：{known}） / unknown export format {name!r} (known: {known})")
    return registry.get(name)


class Progress:
    """Projects handed to the writer: counted always, shown when stderr is a terminal."""

    def __init__(self, bar: tqdm) -> None:
        self.bar = bar
        self.count = 0

    def update(self, n: int) -> None:
        self.count += n
        self.bar.update(n)


def read_items(paths: Sequence[str], exporter: Exporter, progress: Progress) -> Iterator[Item]:
    """The documents, read one at a time as the writer asks for them; bare projects (counted one by
    one) for formats that do not keep documents, and a check on formats that hold only one project."""
    seen = 0
    for path in paths:
        document = read_path(path)
        seen += len(document.projects)
        if seen > 1 and not exporter.several_projects:
            raise CommandError(f"{exporter.name} 格式只能容纳一个项目，输入中有多个 / "
                               f"the {exporter.name} format holds one project and the input has more")
        if exporter.keeps_documents:
            yield document
            progress.update(len(document.projects))
            continue
        for project in document.projects:
            yield project
            progress.update(1)


def check_readable(paths: Sequence[str]) -> None:
    """Fail before writing anything when an input cannot be read (read_path says why)."""
    for path in paths:
        if not (os.path.isfile(path) and os.access(path, os.R_OK)):
            read_path(path)


def is_folder_package(exporter: Exporter, out: Path) -> bool:
    return exporter.name == "datapackage" and out.suffix.lower() != ".zip"


def check_writable(out: Path, as_folder: bool) -> None:
    """Fail before reading anything when the output cannot be written."""
    if out.is_dir() and not as_folder:
        raise CommandError(f"{out}: 这是一个目录，请给出文件名 / is a directory: give a file name")
    if out.exists() and as_folder and not out.is_dir():
        raise CommandError(f"{out}: 已存在同名文件，数据包需要一个目录 / exists and is not a folder")
    parent = out.parent if not out.is_dir() else out
    if not parent.is_dir():
        raise CommandError(f"{out}: 目录 {parent} 不存在 / folder {parent} does not exist")
    if not os.access(parent, os.W_OK):
        raise CommandError(f"{out}: 没有写入权限 / permission denied")


@contextmanager
def replacing(out: Path) -> Iterator[BinaryIO]:
    """A stream to a temporary file beside ``out`` that replaces ``out`` only when all went well."""
    try:
        fd, temporary = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.")
    except OSError as exc:
        raise CommandError(f"{out}: 无法写入 / cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as stream:
            yield stream
        os.chmod(temporary, 0o666 & ~_umask())  # a temporary file is private; the export is not
        os.replace(temporary, out)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_folder(items: Iterator[Item], out: Path) -> None:
    try:
        datapackage.write_directory(items, out)
    except OSError as exc:
        raise CommandError(f"{out}: 无法写入 / cannot write: {exc.strerror}") from None
