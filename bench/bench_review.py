"""Review throughput: every built-in rule over N synthetic projects built in memory.

    .venv/bin/python bench/bench_review.py [--projects 20000] [--seed 1] [--repeat 3]

Projects come from ``bench/corpus.py`` (the seed's variety of fields, values and damage,
recombined); where that module is missing, from the seed's own projects under fresh names.
Generation is not timed; the best of ``--repeat`` runs of review + per-project summary is, as CPU
time of this process (the machines are shared: wall time counts the neighbours' work too; both
are printed). Target (issue 4): at least 5,000 projects/s on one core.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from jixiao.core.model import Project  # noqa: E402
from jixiao.core.review import review  # noqa: E402
from jixiao.core.review.summary import summarise_project  # noqa: E402

TARGET = 5000


def synthetic_projects(n: int, seed: int) -> list[Project]:
    try:
        from corpus import generate_projects
    except ImportError:
        return seed_copies(n)
    return generate_projects(n, seed)


def seed_copies(n: int) -> list[Project]:
    from jixiao.core.read import read_path

    seed = read_path(HERE.parent / "tests" / "data" / "seed" / "shanghai-2020-commerce.txt").projects
    return [replace(seed[i % len(seed)], name=f"{seed[i % len(seed)].name}-{i}") for i in range(n)]


def run_once(projects: list[Project]) -> tuple[float, float, Counter[str]]:
    """(CPU seconds, wall seconds, findings per rule) of one review of every project."""
    counts: Counter[str] = Counter()
    cpu, wall = time.process_time(), time.perf_counter()
    for project in projects:
        findings = review(project)
        summarise_project(project, findings)
        counts.update(f.rule for f in findings)
    return time.process_time() - cpu, time.perf_counter() - wall, counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--projects", type=int, default=20000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    projects = synthetic_projects(args.projects, args.seed)
    indicators = sum(len(p.indicators) for p in projects)
    review(projects[0])  # load the rules and frameworks outside the timing
    best, wall, counts = min((run_once(projects) for _ in range(args.repeat)), key=lambda r: r[0])
    rate = len(projects) / best
    print(f"{len(projects)} projects, {indicators} indicators, {sum(counts.values())} findings")
    print(f"review + summary: {best:.3f} s CPU  ->  {rate:,.0f} projects/s  ({indicators / best:,.0f} indicators/s);"
          f"  wall {wall:.3f} s  ->  {len(projects) / wall:,.0f} projects/s")
    for code, n in counts.most_common():
        print(f"  {n:>7}  {code}")
    print(f"target {TARGET:,} projects/s: {'met' if rate >= TARGET else 'NOT met'}")
    return 0 if rate >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
