"""`jixiao import FILE…` — store documents in the database, through the same service as the upload page.

All files are read first (a bad one stops everything before anything is written), then imported in
one transaction. Re-importing a file changes nothing.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from jixiao.cli import CommandError
from jixiao.cli.manage import django_ready
from jixiao.core.errors import InputError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import target tables into the database (DATABASE_URL or SQLite in "
                                      "JIXIAO_DATA_DIR)")
    p.add_argument("files", nargs="+", metavar="FILE", help="text tables or canonical JSON")
    p.add_argument("--user", help="record the import as made by this user (default: the system)")
    p.set_defaults(run=run)


def _read(path: str) -> bytes:
    try:
        return Path(path).read_bytes()
    except FileNotFoundError:
        raise InputError("文件不存在", "no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("这是一个目录，不是文件", "is a directory, not a file", path=path) from None
    except OSError as exc:
        raise InputError(f"无法读取：{exc.strerror}", f"cannot read: {exc.strerror}", path=path) from None


def run(args: argparse.Namespace) -> int:
    django_ready(migrate=True)
    from django.contrib.auth.models import User
    from django.core.exceptions import PermissionDenied
    from tqdm import tqdm

    from jixiao.web.projects import importing

    actor = None
    if args.user:
        actor = User.objects.filter(username=args.user).first()
        if actor is None:
            raise CommandError(f"没有用户 {args.user} / no user {args.user!r}")
    files = [(path, _read(path)) for path in args.files]
    with tqdm(unit=" 项目", file=sys.stderr, disable=None, desc="导入 / import") as bar:
        try:
            results = importing.import_files(actor, files, progress=bar.update)
        except PermissionDenied as exc:
            raise CommandError(str(exc)) from None
    for result in results:
        print(result.summary())
    return 0
