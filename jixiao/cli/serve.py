"""`jixiao serve` — the web application under gunicorn (static files by WhiteNoise, nothing external).

By default each worker is a process that takes one request at a time (gunicorn's sync workers), two per
CPU (at most 8). jixiao's pages are Python work, not waiting: threads in one process only take turns on the
interpreter lock, and a threaded worker keeps accepting connections (and holds keep-alive ones) while it is
busy, so a request can wait behind another in one worker while the next worker is idle. With sync workers
every request goes to the first free process. Measured on 28 Nov with bench/bench_web.py's pages (100,000
projects on PostgreSQL, 8 clients, 2 CPUs, two rounds): 4 sync workers gave p95s of 77–81 ms (list), 65–98
(search), 75–82 (project) and 49–52 (overview), against 98–117, 126–156, 86–101 and 64–81 ms with 4 workers
of 2 threads, for the same throughput. ``--threads N`` (N > 1) gives threaded workers again.

A sync worker is stopped when one request takes longer than ``--timeout``, so that is long (exporting all
100,000 benchmark projects as CSV took 145 s). In production put a reverse proxy in front: a sync worker
is busy for as long as a slow client takes to send its request or read the answer.

Defaults from the environment where set: ``JIXIAO_WORKERS``, ``JIXIAO_THREADS``, ``JIXIAO_TIMEOUT``.
"""

from __future__ import annotations

import argparse
import os
from typing import Any

from jixiao.cli.manage import django_ready


def default_workers() -> int:
    """Two per CPU, at most 8: after the warm-up a worker adds about 28 MB (PSS, the rest shared), and a
    departmental server rarely needs more; set --workers where it does."""
    try:
        cpus = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cpus = os.cpu_count() or 1
    return min(2 * cpus, 8)


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("serve", help="serve the web application (gunicorn)")
    add_server_arguments(p)
    p.set_defaults(run=run)


def add_server_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    _count_option(p, "--workers", "JIXIAO_WORKERS", default_workers(), "worker processes", "two per CPU, at most 8")
    _count_option(p, "--threads", "JIXIAO_THREADS", 1, "threads per worker",
                  "1: each worker serves one request at a time")
    _count_option(p, "--timeout", "JIXIAO_TIMEOUT", 600, "seconds one request may take before its worker is restarted",
                  "600")


def _count_option(p: argparse.ArgumentParser, flag: str, variable: str, default: int, what: str, said: str) -> None:
    """A positive whole number, from the command line, else the environment variable, else ``default``.
    The default is a string so that it goes through ``type`` too: a bad environment value is argparse's
    clear error (exit 2), not a traceback."""

    def parse(text: str) -> int:
        if not text.strip().isdigit() or int(text) < 1:
            raise argparse.ArgumentTypeError(f"应为正整数（或设置 {variable}） / expected a positive whole number "
                                             f"(here or in {variable}): {text!r}")
        return int(text)

    p.add_argument(flag, type=parse, default=os.environ.get(variable) or str(default),
                   help=f"{what} (default {said}; {variable})")


def serve(host: str, port: int, workers: int, threads: int, timeout: int, access_log: bool = False) -> None:
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
                                       "timeout": timeout}
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
    serve(args.host, args.port, args.workers, args.threads, args.timeout)
    return 0
