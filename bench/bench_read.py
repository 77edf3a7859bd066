"""Text reader throughput on the synthetic corpus, side by side with a bare pass over the same bytes.

    .venv/bin/python bench/bench_read.py [--projects 10000] [--dir bench/out/corpus]

The bare pass only decodes each file and splits it into lines and cells; the reader does everything.
Each pass runs in its own process, one core, reading file by file; it is timed in CPU seconds (so other
work on the machine does not count) and reports its peak memory (the process's own high-water mark).
The two passes alternate ``--repeat`` times and the fastest of each is taken: on a shared machine a
pass can only be slowed by what else runs, so the minimum is the figure closest to the code's own.
Targets (issue 2): at least 2,000 projects/s; within 10x of the bare pass; peak memory under 500 MB.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).parent


def bare_pass(paths: list[Path]) -> dict:
    cells = 0
    for path in paths:
        text = path.read_bytes().decode("utf-8")
        for line in text.split("\n"):
            cells += len(line.split("\t"))
    return {"cells": cells}


def full_pass(paths: list[Path]) -> dict:
    from jixiao.core.read import read_path

    projects = indicators = warnings = 0
    for path in paths:
        document = read_path(path)
        projects += len(document.projects)
        for p in document.projects:
            indicators += len(p.indicators)
            warnings += sum(1 for d in p.diagnostics if d.severity == "warning")
    return {"projects": projects, "indicators": indicators, "warnings": warnings}


def peak_rss_mb() -> float:
    """This process's peak resident memory. Linux's ru_maxrss carries the parent's peak across exec (the
    corpus generator's, the first time), so the high-water mark of this process's own memory is read."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_phase(phase: str, directory: Path) -> None:
    paths = sorted(directory.glob("corpus-*.txt"))
    if phase == "full":
        from jixiao.core.read import read_path  # import cost is not parse time

        read_path(paths[0])
    # CPU time of this process: what one core spends, whatever else the machine is doing
    start = time.process_time()
    result = (bare_pass if phase == "bare" else full_pass)(paths)
    result["seconds"] = time.process_time() - start
    result["peak_rss_mb"] = peak_rss_mb()
    print(json.dumps(result))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--dir", type=Path, default=HERE / "out" / "corpus")
    parser.add_argument("--repeat", type=int, default=3, help="alternating runs of each pass (default 3)")
    parser.add_argument("--phase", choices=("bare", "full"))
    args = parser.parse_args()
    if args.phase:
        run_phase(args.phase, args.dir)
        return
    marker = args.dir / f".projects-{args.projects}"
    if not marker.exists():
        sys.path.insert(0, str(HERE))
        from corpus import write_corpus

        for old in args.dir.glob("corpus-*.txt"):
            old.unlink()
        write_corpus(args.dir, args.projects)
        marker.touch()
    paths = sorted(args.dir.glob("corpus-*.txt"))
    megabytes = sum(p.stat().st_size for p in paths) / 1e6
    runs: dict[str, list[dict]] = {"bare": [], "full": []}
    for _ in range(max(1, args.repeat)):
        for phase in ("bare", "full"):
            done = subprocess.run([sys.executable, __file__, "--phase", phase, "--dir", str(args.dir)],
                                  capture_output=True, text=True, check=True)
            runs[phase].append(json.loads(done.stdout.strip().splitlines()[-1]))
    bare, full = (min(runs[phase], key=lambda r: r["seconds"]) for phase in ("bare", "full"))
    print(f"corpus: {len(paths)} files, {megabytes:.1f} MB, {args.projects} projects generated")
    print(f"read:   {full['projects']} projects, {full['indicators']} indicators, {full['warnings']} warnings")
    print(f"bare pass: {bare['seconds']:.2f} s ({megabytes / bare['seconds']:.0f} MB/s), peak {bare['peak_rss_mb']:.0f} MB")
    print(f"reader:    {full['seconds']:.2f} s — {full['projects'] / full['seconds']:.0f} projects/s, "
          f"{megabytes / full['seconds']:.1f} MB/s, peak {full['peak_rss_mb']:.0f} MB")
    print(f"ratio reader / bare pass: {full['seconds'] / bare['seconds']:.1f}x   (fastest of {len(runs['full'])} "
          "alternating runs each; all runs, s: bare " + " ".join(f"{r['seconds']:.2f}" for r in runs["bare"])
          + " · reader " + " ".join(f"{r['seconds']:.2f}" for r in runs["full"]) + ")")


if __name__ == "__main__":
    main()
