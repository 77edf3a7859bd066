"""Production settings refuse the development secret key and DEBUG, with a clear message."""

from __future__ import annotations

import subprocess
import sys

import pytest


def _check(env: dict[str, str], tmp_path) -> subprocess.CompletedProcess[str]:  # type: ignore[no-untyped-def]
    base = {"PATH": "/usr/bin:/bin", "JIXIAO_DATA_DIR": str(tmp_path)}
    return subprocess.run([sys.executable, "-m", "jixiao", "manage", "check"], env={**base, **env},
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("env", "message"), [
    ({"JIXIAO_ENV": "production"}, "JIXIAO_SECRET_KEY"),
    ({"JIXIAO_ENV": "production", "JIXIAO_SECRET_KEY": "s" * 50, "JIXIAO_DEBUG": "1"}, "DEBUG"),
    ({"JIXIAO_ENV": "staging"}, "JIXIAO_ENV"),
    ({"JIXIAO_DEBUG": "maybe"}, "JIXIAO_DEBUG"),
])
def test_refuses_to_start(env: dict[str, str], message: str, tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = _check(env, tmp_path)
    assert done.returncode == 2
    assert message in done.stderr and "Traceback" not in done.stderr


def test_production_with_a_secret_key_starts(tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = _check({"JIXIAO_ENV": "production", "JIXIAO_SECRET_KEY": "s" * 50,
                   "JIXIAO_ALLOWED_HOSTS": "jixiao.example"}, tmp_path)
    assert done.returncode == 0, done.stderr


def test_demo_refuses_production(tmp_path) -> None:  # type: ignore[no-untyped-def]
    base = {"PATH": "/usr/bin:/bin", "JIXIAO_DATA_DIR": str(tmp_path), "JIXIAO_ENV": "production",
            "JIXIAO_SECRET_KEY": "s" * 50}
    done = subprocess.run([sys.executable, "-m", "jixiao", "demo", "--no-serve"], env=base, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 2 and "production" in done.stderr


def test_sqlite_runs_in_wal_mode_in_the_data_directory(tmp_path) -> None:  # type: ignore[no-untyped-def]
    base = {"PATH": "/usr/bin:/bin", "JIXIAO_DATA_DIR": str(tmp_path)}
    code = ("from jixiao.web import setup; setup(); from django.db import connection; c = connection.cursor(); "
            "c.execute('PRAGMA journal_mode'); print(c.fetchone()[0]); c.execute('PRAGMA busy_timeout'); "
            "print(c.fetchone()[0])")
    done = subprocess.run([sys.executable, "-c", code], env=base, capture_output=True, text=True, timeout=120)
    assert done.stdout.split() == ["wal", "20000"], done.stderr
    assert (tmp_path / "jixiao.sqlite3").exists()


def test_sqlite_connections_are_kept_between_requests(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Opening a connection reads the schema and runs the PRAGMAs (~2 ms a request otherwise)."""
    from jixiao.web.settings import sqlite_database

    db = sqlite_database(tmp_path / "x.sqlite3")
    assert db["CONN_MAX_AGE"] > 0 and db["CONN_HEALTH_CHECKS"] is True
