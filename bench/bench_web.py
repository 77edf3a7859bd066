"""Web benchmark: bulk import into SQLite and PostgreSQL, then the pages under 8 concurrent clients.

    .venv/bin/python bench/bench_web.py [--projects 100000] [--databases sqlite,postgres] [--requests 200]

For each database: a fresh database, N synthetic projects from ``bench/corpus.py`` (≈16 indicators each;
rendered as documents and read back by the reader, untimed, so that they carry each indicator's source
line and the reader's diagnostics, ≈2.4 per project, as imported projects do) loaded through the import
service's bulk path (``importing.import_projects``) and timed; then a real server (gunicorn, as `jixiao
serve` starts it) on loopback and 8 client threads with keep-alive connections sending a bounded number
of requests to each page: the filtered list, the searched list, the project page and the overview (as a
reviewer, who sees every department). Prints the import rate and p50/p95 latency and throughput per page,
the server's CPU time per request (gunicorn's processes, not the database server), and the machine's load
average at the start and end of each database's run (the latencies are wall-clock; on a shared machine
the CPU figures are the steadier ones). Targets (issue 3): import ≥ 1,000 projects/s; project page p95 <
100 ms; list and search p95 < 200 ms; overview p95 < 500 ms.

PostgreSQL: ``--postgres postgres://postgres@127.0.0.1:5432/postgres`` (a database ``jixiao_bench`` is
created there, and dropped first if it exists).

A setting measured side by side: ``--compare VAR=VALUE --rounds 6 --pages project`` loads once,
then serves the pages ``--rounds`` times with the environment as it is and as many times with the
variable set, alternating which goes first, and prints the median of each. Every run asks for other
projects: run after run on the same ones, the second finds the first's pages in the cache and its rows
in the database's buffers (a 25 % "gain" on 28 Nov that was nothing else). The server's own settings
can be compared the same way: ``--compare JIXIAO_THREADS=2`` (threaded workers against the default).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import urlencode, urlparse

HERE = Path(__file__).parent
ROOT = HERE.parent
TARGETS_MS = {"list": 200, "search": 200, "project": 100, "overview": 500}
KINDS = tuple(TARGETS_MS)
SEARCH_TERMS = ["口岸", "电子商务", "营商环境", "冷链物流", "补贴", "港口建设费", "上海购物", "第三方评估"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--projects", type=int, default=100_000)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--postgres", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--requests", type=int, default=200, help="requests per page kind (default 200)")
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument("--workers", type=int, help="gunicorn workers (default: as `jixiao serve` starts it)")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--pages", default=",".join(KINDS), help="page kinds to measure (default all)")
    parser.add_argument("--compare", metavar="VAR=VALUE",
                        help="also serve with this environment variable set, alternating with the plain runs")
    parser.add_argument("--rounds", type=int, default=1, help="alternating rounds with --compare (default 1)")
    parser.add_argument("--load-only", action="store_true", help=argparse.SUPPRESS)  # the child process
    args = parser.parse_args()
    args.kinds = [k.strip() for k in args.pages.split(",") if k.strip()]
    if unknown := set(args.kinds) - set(KINDS):
        parser.error(f"--pages: unknown page kind(s) {', '.join(sorted(unknown))}; known: {', '.join(KINDS)}")
    if args.compare and "=" not in args.compare:
        parser.error("--compare takes VAR=VALUE: an environment variable the server reads, and its value")
    if args.load_only:
        return load(args)
    results = []
    for database in args.databases.split(","):
        results.append(run_database(database.strip(), args))
    print(json.dumps(results, indent=2, ensure_ascii=False))
    print(summary(results), file=sys.stderr)
    return 0


# --- one database ---------------------------------------------------------------------------------


def run_database(database: str, args: argparse.Namespace) -> dict:
    env = {**os.environ, "JIXIAO_ENV": "development", "PYTHONPATH": str(ROOT)}
    env.pop("DATABASE_URL", None)
    tmp = tempfile.mkdtemp(prefix=f"jixiao-bench-{database}-")
    env["JIXIAO_DATA_DIR"] = tmp
    if database == "postgres":
        env["DATABASE_URL"] = fresh_postgres(args.postgres)
    load_start = load_average()
    print(f"\n== {database}: loading {args.projects:,} projects (load average {load_start} on {os.cpu_count()} CPUs)",
          file=sys.stderr, flush=True)
    loaded = subprocess.run([sys.executable, __file__, "--load-only", "--projects", str(args.projects),
                             "--seed", str(args.seed)], env=env, capture_output=True, text=True, check=False)
    if loaded.returncode != 0:
        raise SystemExit(loaded.stderr)
    info = json.loads(loaded.stdout.strip().splitlines()[-1])
    print(f"   import: {info['rate']:,.0f} projects/s wall ({info['indicators']:,} indicators in {info['seconds']:.1f} s); "
          f"{info['cpu_rate']:,.0f} projects per CPU-second of the importing process, "
          f"{info['total_cpu_rate']:,.0f} counting the database server's CPU too", file=sys.stderr, flush=True)
    print(f"   load average after loading: {load_average()}", file=sys.stderr, flush=True)
    pages = compare(env, args, info) if args.compare else serve_and_measure(env, args, info, args.seed)
    load_end = load_average()
    print(f"   load average at the end: {load_end}", file=sys.stderr, flush=True)
    return {"database": database, "projects": args.projects, "import": info, "pages": pages,
            "load_average": {"start": load_start, "end": load_end, "cpus": os.cpu_count()}}


def serve_and_measure(env: dict[str, str], args: argparse.Namespace, info: dict, seed: int) -> dict:
    # The server as `jixiao serve` starts it (its workers, threads and timeout, or JIXIAO_* in ``env``).
    workers = ["--workers", str(args.workers)] if args.workers else []
    # Its log to a file: a pipe nobody reads stops the server once 64 KB of errors fill it.
    log_path = Path(env["JIXIAO_DATA_DIR"]) / "server.log"
    with log_path.open("a") as log:
        server = subprocess.Popen([sys.executable, "-m", "jixiao", "serve", "--port", str(args.port), *workers],
                                  env=env, stdout=subprocess.DEVNULL, stderr=log)
    try:
        wait_for_port(args.port, server=server)
        return measure_pages(args, info, server.pid, seed)
    except SystemExit as exc:
        raise SystemExit(f"{exc}\nthe server's log: {log_path}") from None
    finally:
        server.terminate()
        server.wait(timeout=30)


def compare(env: dict[str, str], args: argparse.Namespace, info: dict) -> dict:
    """The pages served alternately as configured and with ``--compare``'s variable set; medians of each."""
    name, value = args.compare.split("=", 1)
    runs: dict[str, list[dict]] = {"as configured": [], args.compare: []}
    variants = [("as configured", env), (args.compare, {**env, name: value})]
    for n in range(args.rounds):
        for i, (label, variant) in enumerate(variants if n % 2 == 0 else variants[::-1]):
            print(f"   round {n + 1}/{args.rounds}, {label}:", file=sys.stderr, flush=True)
            runs[label].append(serve_and_measure(variant, args, info, args.seed + 1 + 2 * n + i))
    medians: dict[str, dict] = {}
    for label, measured in runs.items():
        medians[label] = {kind: {figure: statistics.median(run[kind][figure] for run in measured)
                                 for figure in ("p50_ms", "p95_ms", "throughput_rps", "server_cpu_ms")}
                          for kind in args.kinds}
    print(f"   medians of {args.rounds} rounds:", file=sys.stderr)
    for label, kinds in medians.items():
        for kind, m in kinds.items():
            print(f"   {label:<24} {kind:<9} p50 {m['p50_ms']:7.1f} ms   p95 {m['p95_ms']:7.1f} ms   "
                  f"{m['throughput_rps']:7.1f} req/s   {m['server_cpu_ms']:5.1f} ms server CPU/request",
                  file=sys.stderr, flush=True)
    return {"compare": args.compare, "rounds": runs, "medians": medians, **medians["as configured"]}


def load_average() -> str:
    """1, 5 and 15 minutes: other processes on the machine (the figures are wall-clock latencies)."""
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def summary(results: list[dict]) -> str:
    """One line per database, for the README's table."""
    lines = []
    for r in results:
        pages = " · ".join(f"{kind} {r['pages'][kind]['p50_ms']:.0f}/{r['pages'][kind]['p95_ms']:.0f}"
                           for kind in KINDS if kind in r["pages"])
        lines.append(f"{r['database']} {r['projects']:,}: import {r['import']['rate']:,.0f}/s wall, "
                     f"{r['import']['cpu_rate']:,.0f}/client CPU-s, {r['import']['total_cpu_rate']:,.0f}/CPU-s with the "
                     f"server; p50/p95 ms: {pages}; load average {r['load_average']['start']} → {r['load_average']['end']}")
    return "\n".join(lines)


def server_cpu_seconds() -> float:
    """CPU time of this connection's PostgreSQL backend (same machine), 0 for SQLite (in-process)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        return 0.0
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def fresh_postgres(admin_url: str) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS jixiao_bench")
        conn.execute("CREATE DATABASE jixiao_bench")
    return urlparse(admin_url)._replace(path="/jixiao_bench").geturl()


def wait_for_port(port: int, timeout: float = 60, server: subprocess.Popen | None = None) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if server is not None and server.poll() is not None:
            raise SystemExit(f"the server stopped before it listened on port {port} (exit code {server.returncode})")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise SystemExit(f"the server did not start on port {port}")


# --- the load (child process: Django configured for one database) -----------------------------------


def load(args: argparse.Namespace) -> int:
    sys.path.insert(0, str(HERE))
    from corpus import generate_projects, read_back  # type: ignore[import-not-found]

    from jixiao.web import setup

    setup()
    from django.core.management import call_command
    from django.db import connection
    from django.test import Client

    from jixiao.web.accounts.models import REVIEWER
    from jixiao.web.accounts.services import ensure_user
    from jixiao.web.projects.importing import import_projects
    from jixiao.web.projects.models import Project, SourceDocument

    call_command("migrate", verbosity=0)
    projects = read_back(generate_projects(args.projects, args.seed), args.seed)
    indicators = sum(len(p.indicators) for p in projects)
    server_started = server_cpu_seconds()
    started, cpu_started = time.perf_counter(), time.process_time()
    source = SourceDocument(name=f"bench-{args.projects}-{args.seed}", sha256=f"{args.projects:032d}{args.seed:032d}")
    import_projects(None, projects, source)
    seconds = time.perf_counter() - started
    cpu_seconds = time.process_time() - cpu_started
    server_seconds = server_cpu_seconds() - server_started
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")
    client = Client()
    client.force_login(ensure_user("bench-reviewer", "bench-only-password", REVIEWER))
    ids = list(Project.objects.values_list("id", flat=True))
    departments = list(Project.objects.values_list("department_id", flat=True).distinct())
    print(json.dumps({"rate": len(projects) / seconds, "seconds": seconds, "indicators": indicators,
                      "cpu_rate": len(projects) / cpu_seconds,
                      "total_cpu_rate": len(projects) / (cpu_seconds + server_seconds),
                      "session": client.cookies["sessionid"].value, "ids": [min(ids), max(ids)],
                      "departments": departments}))
    return 0


# --- the clients ----------------------------------------------------------------------------------


def page_requests(kind: str, n: int, info: dict, rng: random.Random) -> list[str]:
    low, high = info["ids"]
    years = [2019, 2020, 2021, 2022]
    if kind == "list":
        return [f"/projects/?{urlencode({'year': rng.choice(years), 'department': rng.choice(info['departments']), 'sort': rng.choice(['-budget', 'name', '-year']), 'page': rng.randint(1, 5)})}"
                for _ in range(n)]
    if kind == "search":
        return [f"/projects/?{urlencode({'q': rng.choice(SEARCH_TERMS), 'year': rng.choice(['', *map(str, years)])})}"
                for _ in range(n)]
    if kind == "project":
        return [f"/projects/{rng.randint(low, high)}/" for _ in range(n)]
    return [f"/overview/?year={rng.choice(years)}" for _ in range(n)]


def measure_pages(args: argparse.Namespace, info: dict, server_pid: int | None, seed: int) -> dict:
    rng = random.Random(seed)
    found = {}
    for kind in args.kinds:
        paths = page_requests(kind, args.requests, info, rng)
        for path in paths[: args.clients]:  # warm up each worker's connection and caches, not timed
            fetch(args.port, info["session"], path)
        cpu_started = process_tree_cpu_seconds(server_pid)
        latencies, wall = run_clients(args, info["session"], paths)
        cpu_ms = (process_tree_cpu_seconds(server_pid) - cpu_started) / len(paths) * 1000
        p50 = statistics.median(latencies) * 1000
        p95 = statistics.quantiles(latencies, n=20)[18] * 1000
        found[kind] = {"p50_ms": round(p50, 1), "p95_ms": round(p95, 1), "throughput_rps": round(len(paths) / wall, 1),
                       "server_cpu_ms": round(cpu_ms, 1), "target_p95_ms": TARGETS_MS[kind], "ok": p95 < TARGETS_MS[kind]}
        print(f"   {kind:<9} p50 {p50:7.1f} ms   p95 {p95:7.1f} ms   {len(paths) / wall:7.1f} req/s   "
              f"{cpu_ms:5.1f} ms server CPU/request   (target p95 < {TARGETS_MS[kind]} ms)", file=sys.stderr, flush=True)
    return found


def process_tree_cpu_seconds(pid: int | None) -> float:
    """CPU time of a process and its descendants (the gunicorn master and workers; not the database
    server): the steadier figure on a shared machine, where wall-clock latencies follow the load."""
    if pid is None:
        return 0.0
    total, pending = 0.0, [pid]
    while pending:
        current = pending.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        pending.extend(int(c) for c in children)
    return total


def fetch(port: int, session: str, path: str, conn: http.client.HTTPConnection | None = None) -> float:
    conn = conn or http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    started = time.perf_counter()
    conn.request("GET", path, headers={"Cookie": f"sessionid={session}"})
    response = conn.getresponse()
    response.read()
    if response.status != 200:
        raise SystemExit(f"{path}: HTTP {response.status}")
    return time.perf_counter() - started


def run_clients(args: argparse.Namespace, session: str, paths: list[str]) -> tuple[list[float], float]:
    latencies: list[float] = []
    failed: list[str] = []
    lock = threading.Lock()
    queue = list(reversed(paths))

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", args.port, timeout=120)
        while True:
            with lock:
                if not queue:
                    return
                path = queue.pop()
            try:
                took = fetch(args.port, session, path, conn)
            except (SystemExit, OSError, http.client.HTTPException) as exc:
                # A thread that raised would just end: the run would go on with fewer clients, and its
                # figures would look better for it. Stop every client and fail the run instead.
                with lock:
                    failed.append(str(exc) if isinstance(exc, SystemExit) else f"{path}: {exc!r}")
                    queue.clear()
                return
            with lock:
                latencies.append(took)

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    started = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    if failed:
        raise SystemExit(f"{len(failed)} request(s) failed, the run is void: {failed[0]}")
    return latencies, time.perf_counter() - started


if __name__ == "__main__":
    sys.exit(main())
