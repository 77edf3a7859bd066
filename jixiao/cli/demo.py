"""`jixiao demo` — a working jixiao on this machine: SQLite database, the seed imported, one user per
role, served on http://127.0.0.1:8000. Safe to run again: nothing is duplicated."""

from __future__ import annotations

import argparse

from jixiao.cli import CommandError
from jixiao.cli.manage import django_ready
from jixiao.cli.serve import add_server_arguments, serve


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("demo", help="set up the demo (database, seed, users) and serve it")
    add_server_arguments(p)
    p.add_argument("--no-serve", action="store_true", help="set up only, do not start the server")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    django_ready(migrate=True)
    from django.conf import settings

    from jixiao.web import demo

    if settings.PRODUCTION:
        raise CommandError("演示数据和演示账户不能用于生产环境 / the demo users must not be created in production")
    result = demo.install()
    db = settings.DATABASES["default"]
    print(f"数据库 / database: {db['NAME']} ({db['ENGINE'].rsplit('.', 1)[-1]})")
    print(f"种子数据 / seed: {result.summary()}")
    print("\n演示账户（仅供演示，切勿用于生产）/ demo users (demo only — never use in production):")
    for u in demo.DEMO_USERS:
        print(f"  {u.username:<20} 密码 / password: {u.password:<24} {u.description}")
    url = f"http://{args.host}:{args.port}/"
    print(f"\njixiao: {url}   API: {url}api/v1/docs   管理 / admin: {url}admin/")
    print("按 Ctrl+C 停止 / press Ctrl+C to stop", flush=True)
    if not args.no_serve:
        serve(args.host, args.port, args.workers, args.threads, args.timeout)
    return 0
