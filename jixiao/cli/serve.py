"""`jixiao serve` — the web application under gunicorn (static files by WhiteNoise, nothing external)."""

from __future__ import annotations

import argparse
from typing import Any

from jixiao.cli.manage import django_ready


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the web application (gunicorn)")
    add_server_arguments(p)
    p.set_defaults(run=run)


def add_server_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--workers", type=int, default=2, help="worker processes (default 2)")
    p.add_argument("--threads", type=int, default=4, help="threads per worker (default 4)")


def serve(host: str, port: int, workers: int = 2, threads: int = 4, access_log: bool = False) -> None:
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from jixiao.web.wsgi import application

    # gunicorn forks the workers from this process. A connection opened here (to migrate, to set up the
    # demo) would be inherited by every one of them, and a sync worker (--threads 1) serves in the very
    # thread that owns it: two processes on one PostgreSQL socket read each other's rows.
    connections.close_all()

    class Server(BaseApplication):
        def load_config(self) -> None:
            options: dict[str, Any] = {"bind": f"{host}:{port}", "workers": workers, "threads": threads,
                                       "accesslog": "-" if access_log else None, "loglevel": "warning",
                                       "timeout": 120}
            for key, value in options.items():
                self.cfg.set(key, value)

        def load(self) -> Any:
            return application

    Server().run()


def run(args: argparse.Namespace) -> int:
    django_ready(migrate=True)
    from django.conf import settings
    from django.core.management import call_command

    if settings.PRODUCTION:
        call_command("collectstatic", verbosity=0, interactive=False)
    print(f"jixiao: http://{args.host}:{args.port}/", flush=True)
    serve(args.host, args.port, args.workers, args.threads)
    return 0
