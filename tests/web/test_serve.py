"""`jixiao serve` under load: worker processes must not share the database connection the server opened
before forking them (to migrate). Sync workers (``--threads 1``) serve in the thread that opened it, so
two of them reading one PostgreSQL socket at once got each other's rows ("list index out of range"; 73 of
these 120 requests failed). Against a real server in its own database, on SQLite or on PostgreSQL as the
suite runs (SQLite did not show it: its reads share no socket)."""

from __future__ import annotations

import http.client
import json
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest

SETUP = """
from jixiao.web import setup; setup()
from django.core.management import call_command
call_command("migrate", verbosity=0)
from jixiao.web.accounts.models import REVIEWER
from jixiao.web.accounts.services import create_token, ensure_user
print(create_token(ensure_user("serve-reviewer", "serve-test-password", REVIEWER))[1])
"""


@pytest.fixture
def server_env(tmp_path: Path) -> Iterator[dict[str, str]]:
    """A fresh database of its own: SQLite in a data directory, or a new PostgreSQL database when the
    suite runs on PostgreSQL."""
    env = {**os.environ, "JIXIAO_ENV": "development", "JIXIAO_DATA_DIR": str(tmp_path)}
    env.pop("DATABASE_URL", None)
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith("postgres"):
        yield env
        return
    import psycopg

    name = f"jixiao_serve_{os.getpid()}"
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    try:
        yield {**env, "DATABASE_URL": urlparse(url)._replace(path=f"/{name}").geturl()}
    finally:
        with psycopg.connect(url, autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_for(port: int, server: subprocess.Popen[str], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"the server stopped: {server.stderr.read() if server.stderr else ''}")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    pytest.fail(f"the server did not start on port {port}")


@pytest.mark.parametrize("threads", [1, 2])
def test_concurrent_requests_each_get_their_own_answer(server_env: dict[str, str], tmp_path: Path,
                                                       threads: int) -> None:
    token = subprocess.run([sys.executable, "-c", SETUP], env=server_env, capture_output=True, text=True,
                           timeout=120, check=True).stdout.split()[-1]
    port = _free_port()
    log = (tmp_path / "server.log").open("w+")
    server = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--port", str(port), "--workers", "2",
                               "--threads", str(threads)], env=server_env, stdout=subprocess.DEVNULL,
                              stderr=log, text=True)
    failures: list[str] = []

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        for _ in range(15):
            try:
                conn.request("GET", "/api/v1/projects?year=2020", headers={"Authorization": f"Bearer {token}"})
                response = conn.getresponse()
                body = response.read()
                if response.status != 200 or "items" not in json.loads(body):
                    failures.append(f"HTTP {response.status}: {body[:200]!r}")
            except (OSError, http.client.HTTPException, ValueError) as exc:
                failures.append(repr(exc))
                conn.close()

    try:
        _wait_for(port, server)
        clients = [threading.Thread(target=client) for _ in range(8)]
        for t in clients:
            t.start()
        for t in clients:
            t.join()
    finally:
        server.terminate()
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:  # a worker stuck on a socket another process read from
            server.kill()
            server.wait()
            failures.append("the server did not stop within 30 s of SIGTERM")
    log.seek(0)
    errors = log.read()
    assert not failures, f"{len(failures)} of 120 requests failed, e.g. {failures[0]}\n{errors[-2000:]}"
    assert "Traceback" not in errors, errors[-2000:]


def test_defaults_are_sync_workers_two_per_cpu(monkeypatch: pytest.MonkeyPatch) -> None:
    from jixiao.cli import build_parser
    from jixiao.cli.serve import default_workers

    for name in ("JIXIAO_WORKERS", "JIXIAO_THREADS", "JIXIAO_TIMEOUT"):
        monkeypatch.delenv(name, raising=False)
    args = build_parser().parse_args(["serve"])
    assert (args.workers, args.threads, args.timeout) == (min(2 * len(os.sched_getaffinity(0)), 8), 1, 600)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: set(range(16)))
    assert default_workers() == 8  # a large machine: capped
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0})
    assert default_workers() == 2
    monkeypatch.setenv("JIXIAO_WORKERS", "3")
    monkeypatch.setenv("JIXIAO_THREADS", "2")
    args = build_parser().parse_args(["demo"])
    assert (args.workers, args.threads) == (3, 2)
    assert build_parser().parse_args(["serve", "--workers", "5"]).workers == 5


@pytest.mark.parametrize(("argv", "env", "named"), [
    (["--workers", "0"], {}, "--workers"),
    (["--threads", "two"], {}, "--threads"),
    ([], {"JIXIAO_TIMEOUT": "-1"}, "JIXIAO_TIMEOUT"),
])
def test_bad_server_settings_are_refused(argv: list[str], env: dict[str, str], named: str, tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "jixiao", "serve", *argv], capture_output=True, text=True,
                          env={**os.environ, "JIXIAO_DATA_DIR": str(tmp_path), **env}, timeout=60)
    assert done.returncode == 2
    assert named in done.stderr and "正整数" in done.stderr and "Traceback" not in done.stderr
