"""Export time and memory: N synthetic projects, built in memory, written to CSV, XLSX and the data package.

    .venv/bin/python bench/bench_export.py [--projects 10000] [--seed 1] [--formats csv,xlsx,datapackage]

Projects come from ``bench/corpus.py`` (the seed's fields, values and narratives recombined; the same
for the same seed). Each format runs in a child process of its own, so that one format's peak memory
does not hide another's: the child builds the projects (not timed), notes its peak resident memory,
writes the export to a temporary file and reports CPU and wall seconds and how much the peak grew
while writing. A writer that streams grows by about the same whatever N is; run with two sizes to
see it (e.g. --projects 2500 and 10000).
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parent))

from corpus import generate_projects  # noqa: E402

from jixiao.core.export import registry  # noqa: E402

DEFAULT_FORMATS = "csv,xlsx,datapackage"


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def run_one(name: str, n: int, seed: int) -> dict[str, float | int | str]:
    """Export n projects to one format in this process; the measurements as a dict."""
    exporter = registry.get(name)
    projects = generate_projects(n, seed)
    before = peak_mib()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"bench{exporter.extension}"
        cpu, wall = time.process_time(), time.perf_counter()
        with open(path, "wb") as stream:
            exporter.write(projects, stream)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        size = path.stat().st_size
    return {"format": name, "projects": n, "indicators": sum(len(p.indicators) for p in projects),
            "cpu_s": round(cpu, 2), "wall_s": round(wall, 2), "peak_before_mib": round(before, 1),
            "peak_growth_mib": round(peak_mib() - before, 1), "output_mib": round(size / 2**20, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=10000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--formats", default=DEFAULT_FORMATS)
    parser.add_argument("--one", help=argparse.SUPPRESS)  # the child's single format
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.projects, args.seed)))
        return
    print(f"{'format':<12} {'projects':>8} {'indicators':>10} {'cpu s':>7} {'wall s':>7} "
          f"{'proj/s':>7} {'peak MiB':>9} {'+ while writing':>16} {'output MiB':>10}")
    for name in args.formats.split(","):
        child = subprocess.run([sys.executable, __file__, "--one", name, "--projects", str(args.projects),
                                "--seed", str(args.seed)], capture_output=True, text=True, check=True)
        r = json.loads(child.stdout)
        rate = r["projects"] / r["cpu_s"] if r["cpu_s"] else float("inf")
        print(f"{r['format']:<12} {r['projects']:>8} {r['indicators']:>10} {r['cpu_s']:>7} {r['wall_s']:>7} "
              f"{rate:>7.0f} {r['peak_before_mib']:>9} {r['peak_growth_mib']:>16} {r['output_mib']:>10}")


if __name__ == "__main__":
    main()
