"""Format readers: field-level accuracy per format on the corpus, and PDF throughput beside pdfplumber.

    .venv/bin/python bench/bench_formats.py [--repeat 3]

Accuracy: every file of tests/data/formats is read and compared with its expected projects (project
fields, and indicator rows: a row counts when all of it agrees), per format and per family — files
written by jixiao's exporters (target 100 %) and files made independently (LibreOffice PDFs, hand-made
workbooks, documents and pages; target at least 98 % of indicator rows).

Throughput: the corpus's PDFs read by jixiao (pdfplumber's ruled tables, plus text outside them, plus
the layout engine) and, side by side, by pdfplumber's own table extraction alone (``open`` and
``extract_tables`` on every page). Both in CPU seconds of this process, best of ``--repeat`` runs.
Targets (issue 7): at least 5 pages/s, and at most 1.5x the time of pdfplumber's extraction.
"""

from __future__ import annotations

import argparse
import io
import sys
import time
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).parent
FORMATS = HERE.parent / "tests" / "data" / "formats"
sys.path.insert(0, str(FORMATS))
sys.path.insert(0, str(HERE.parent))

from corpus import Score, compare, documents, is_own_export, load_expected, projects_of  # noqa: E402

from jixiao.core import canonical  # noqa: E402
from jixiao.core.read import read_bytes  # noqa: E402


def accuracy() -> bool:
    scores: dict[tuple[str, str], Score] = defaultdict(Score)
    print(f"{'file':34} {'fields':>12} {'indicator rows':>16}")
    for path in documents():
        got = projects_of(canonical.to_dict([read_bytes(path.read_bytes(), path.name)]))
        score, _ = compare(load_expected(path), got)
        family = "own exporters" if is_own_export(path) else "independent"
        scores[(family, path.suffix.lstrip("."))].add(score)
        scores[(family, "all")].add(score)
        print(f"{path.name:34} {score.fields_ok:>5}/{score.fields:<6} {score.rows_ok:>7}/{score.rows:<8}")
    print(f"\n{'family':14} {'format':6} {'fields':>8} {'rows':>8}")
    for (family, fmt), s in sorted(scores.items()):
        print(f"{family:14} {fmt:6} {s.field_rate:8.1%} {s.row_rate:8.1%}")
    own, independent = scores[("own exporters", "all")], scores[("independent", "all")]
    ok = own.field_rate == own.row_rate == 1.0 and independent.row_rate >= 0.98
    print(f"\ntargets: own exporters 100 % -> {own.field_rate:.1%} fields, {own.row_rate:.1%} rows; "
          f"independent >= 98 % rows -> {independent.row_rate:.1%}  {'OK' if ok else 'MISSED'}")
    return ok


def cpu(run: object, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        start = time.process_time()
        run()  # type: ignore[operator]
        best = min(best, time.process_time() - start)
    return best


def throughput(repeat: int) -> bool:
    import pdfplumber

    pdfs = [(p.name, p.read_bytes()) for p in documents() if p.suffix == ".pdf"]
    pages = 0
    for _, data in pdfs:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            pages += len(pdf.pages)

    def plumber() -> None:
        for _, data in pdfs:
            with pdfplumber.open(io.BytesIO(data)) as pdf:
                for page in pdf.pages:
                    page.extract_tables()
                    page.close()

    def jixiao() -> None:
        for name, data in pdfs:
            read_bytes(data, name)

    jixiao()  # imports and caches warmed, as pdfplumber's are by counting the pages
    ours, theirs = cpu(jixiao, repeat), cpu(plumber, repeat)
    rate, ratio = pages / ours, ours / theirs
    ok = rate >= 5 and ratio <= 1.5
    print(f"\nPDF: {len(pdfs)} files, {pages} pages")
    print(f"  jixiao read (tables, text, layout engine): {ours:6.2f} s CPU  {rate:6.1f} pages/s")
    print(f"  pdfplumber extract_tables alone:           {theirs:6.2f} s CPU  {pages / theirs:6.1f} pages/s")
    print(f"  ratio {ratio:.2f}x (target <= 1.5x), {rate:.1f} pages/s (target >= 5)  {'OK' if ok else 'MISSED'}")
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    ok = accuracy()
    ok = throughput(args.repeat) and ok
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
