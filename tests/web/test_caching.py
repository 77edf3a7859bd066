"""Cached figures are computed once when many ask at once, across threads (and processes: a file lock)."""

from __future__ import annotations

import threading
import time

import pytest

from jixiao.web.projects import caching


@pytest.fixture
def lock_dir(settings, tmp_path):  # type: ignore[no-untyped-def]
    settings.DATA_DIR = tmp_path
    return tmp_path / "locks"


def test_a_value_asked_for_at_once_is_computed_once(lock_dir) -> None:  # type: ignore[no-untyped-def]
    calls, results = [], []

    def compute() -> dict[str, int]:
        calls.append(1)
        time.sleep(0.3)  # the others arrive while this runs
        return {"answer": 42}

    def ask() -> None:
        results.append(caching.cached("figures", compute, version=7))

    threads = [threading.Thread(target=ask) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert results == [{"answer": 42}] * 4
    assert len(calls) == 1
    assert list(lock_dir.glob("cache-*.lock"))


def test_a_computation_may_ask_for_another_value_under_the_same_lock(lock_dir, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(caching, "LOCK_SLOTS", 1)  # every key in one lock: the inner ask must not wait for the outer
    done: list[object] = []

    def outer() -> list[int]:
        return [caching.cached("inner", lambda: 1, version=3), 2]

    worker = threading.Thread(target=lambda: done.append(caching.cached("outer", outer, version=3)))
    worker.start()
    worker.join(10)
    assert done == [[1, 2]]


def test_the_lock_is_released_when_a_computation_fails(lock_dir) -> None:  # type: ignore[no-untyped-def]
    def failing() -> int:
        raise RuntimeError("database gone")

    with pytest.raises(RuntimeError):
        caching.cached("x", failing, version=1)
    worker = threading.Thread(target=lambda: caching.cached("x", lambda: 5, version=1))
    worker.start()
    worker.join(10)
    assert not worker.is_alive() and caching.cached("x", lambda: 6, version=1) == 5


def test_an_unwritable_data_directory_computes_without_the_lock(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    blocked = tmp_path / "data"
    blocked.write_text("a file where the data directory should be")
    settings.DATA_DIR = blocked
    assert caching.cached("y", lambda: 9, version=2) == 9
