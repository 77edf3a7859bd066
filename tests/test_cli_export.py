"""`jixiao export`: every format from the real seed, stdout for text, --out for binary, and bad input
or an unwritable path as one line with exit 2 — never a traceback, never half a file."""

from __future__ import annotations

import codecs
import csv
import io
import json
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import openpyxl
import pdfplumber
import pytest
from frictionless import validate

from jixiao.cli import main

SEED = Path(__file__).parent / "data" / "seed" / "shanghai-2020-commerce.txt"


def _jixiao(*args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "jixiao", *args], capture_output=True, check=False)


def test_csv_goes_to_stdout_with_a_bom() -> None:
    done = _jixiao("export", str(SEED), "--format", "csv")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(codecs.BOM_UTF8)
    rows = list(csv.reader(io.StringIO(done.stdout.decode("utf-8-sig"))))
    assert len(rows) == 1 + 130 and rows[1][3] == "2019年度港口建设费地方留存部分退付保障资金"
    assert done.stderr == b""  # no progress bar when stderr is not a terminal


def test_json_goes_to_stdout_as_the_canonical_json() -> None:
    done = _jixiao("export", str(SEED), "--format", "json")
    data = json.loads(done.stdout)
    assert data["schema"] == "jixiao/targets@1" and len(data["documents"][0]["projects"]) == 8


def test_a_binary_format_needs_out(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SEED), "--format", "xlsx"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1 and "--out" in captured.err and "xlsx" in captured.err


def test_an_unknown_format_is_one_line_naming_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SEED), "--format", "xls"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "'xls'" in err and "xlsx, xlsx-template, docx, pdf, datapackage" in err


def test_help_lists_the_registrys_formats() -> None:
    done = _jixiao("export", "--help")
    assert done.returncode == 0
    for name in ("json", "csv", "xlsx", "docx", "pdf", "datapackage"):
        assert f"  {name} " in done.stdout.decode()


@pytest.mark.parametrize("out", ["missing-folder/seed.pdf", "."])
def test_an_unwritable_path_is_one_line_and_exit_2(tmp_path: Path, out: str,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", str(SEED), "--format", "pdf", "--out", str(tmp_path / out)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and str(tmp_path) in err
    assert list(tmp_path.iterdir()) == []


def test_a_missing_input_writes_nothing(tmp_path: Path) -> None:
    out = tmp_path / "seed.csv"
    done = _jixiao("export", str(SEED), str(tmp_path / "nope.txt"), "--format", "csv", "--out", str(out))
    assert done.returncode == 2
    assert done.stderr.decode().strip().endswith("nope.txt: 文件不存在 / no such file")
    assert b"Traceback" not in done.stderr and not out.exists()


def test_an_input_failing_midway_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    out = tmp_path / "seed.xlsx"
    out.write_bytes(b"old")
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    done = _jixiao("export", str(SEED), str(empty), "--format", "xlsx", "--out", str(out))
    assert done.returncode == 2 and "empty.txt" in done.stderr.decode()
    assert out.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty.txt", "seed.xlsx"]


def test_xlsx_docx_and_pdf_files_of_the_seed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("xlsx", "docx", "pdf"):
        assert main(["export", str(SEED), "--format", name, "--out", str(tmp_path / f"seed.{name}")]) == 0
        assert "已导出 8 个项目" in capsys.readouterr().err
    book = openpyxl.load_workbook(tmp_path / "seed.xlsx")
    assert len(book.sheetnames) == 9 and book["打响上海购物品牌"]["B4"].value == "打响上海购物品牌"
    assert len(docx.Document(str(tmp_path / "seed.docx")).tables) == 16
    with pdfplumber.open(tmp_path / "seed.pdf") as document:
        assert "口岸工作经费" in "".join(page.extract_text() or "" for page in document.pages)
    assert (tmp_path / "seed.pdf").stat().st_mode & 0o044  # readable by others, like any new file


def test_datapackage_as_zip_or_folder(tmp_path: Path) -> None:
    assert main(["export", str(SEED), "--format", "datapackage", "--out", str(tmp_path / "seed.zip")]) == 0
    assert zipfile.is_zipfile(tmp_path / "seed.zip") and validate(str(tmp_path / "seed.zip")).valid
    assert main(["export", str(SEED), "--format", "datapackage", "--out", str(tmp_path / "open-data")]) == 0
    assert validate(str(tmp_path / "open-data" / "datapackage.json")).valid


def test_several_files_make_one_export(tmp_path: Path) -> None:
    copy = tmp_path / "copy.txt"
    copy.write_bytes(SEED.read_bytes())
    out = tmp_path / "both.zip"
    assert main(["export", str(SEED), str(copy), "--format", "datapackage", "--out", str(out)]) == 0
    report = validate(str(out))
    assert report.valid and {t.name: t.stats["rows"] for t in report.tasks}["projects"] == 16


def test_the_progress_bar_counts_projects_as_the_writer_takes_them() -> None:
    from tqdm import tqdm

    from jixiao.cli import export as command
    from jixiao.core.export import registry

    shown = io.StringIO()
    with tqdm(file=shown, disable=False, unit=" 项目 projects", mininterval=0) as bar:
        progress = command.Progress(bar)
        items = command.read_items([str(SEED)], registry.get("csv"), progress)
        assert progress.count == 0  # nothing is read before the writer asks
        registry.get("csv").write(items, io.BytesIO())
    assert progress.count == 8 and "8 项目 projects" in shown.getvalue()


def test_a_format_for_one_project_refuses_several(monkeypatch: pytest.MonkeyPatch, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    from jixiao.core.export import registry

    monkeypatch.setattr(registry, "_EXPORTERS", dict(registry._EXPORTERS))
    registry.register(registry.Exporter(
        name="single", extension=".txt", media_type="text/plain", title="", title_en="one project",
        write=lambda items, stream: stream.write(b"".join((p.name or "").encode() for p in
                                                          registry.iter_projects(items))),
        several_projects=False))
    assert main(["export", str(SEED), "--format", "single", "--out", str(tmp_path / "one.txt")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "holds one project" in err
    assert list(tmp_path.iterdir()) == []
