"""Regenerate the expected JSON beside each test document — only on purpose, after checking the diff by hand.

    .venv/bin/python tests/data/regenerate.py            # all documents
    .venv/bin/python tests/data/regenerate.py FILE ...   # some

Each expected file is the canonical JSON of ``read_bytes(data, <file name>)``: the source path is the
bare file name so that the golden does not depend on where the repository lies.
"""

from __future__ import annotations

import sys
from pathlib import Path

from jixiao.core import canonical
from jixiao.core.read import read_bytes

DATA = Path(__file__).parent
DOCUMENTS = sorted([*DATA.glob("seed/*.txt"), *DATA.glob("text/*.txt")])


def expected_path(document: Path) -> Path:
    return document.with_suffix(".expected.json")


def render(document: Path) -> str:
    return canonical.dumps([read_bytes(document.read_bytes(), document.name)]) + "\n"


def main(paths: list[str]) -> None:
    for document in [Path(p) for p in paths] or DOCUMENTS:
        expected_path(document).write_text(render(document), encoding="utf-8")
        print(f"wrote {expected_path(document)}")


if __name__ == "__main__":
    main(sys.argv[1:])
