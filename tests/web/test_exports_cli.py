"""`jixiao export --from-db` and `jixiao import` of a workbook, as a person runs them: separate processes
on a fresh SQLite database."""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import openpyxl

from tests.web.conftest import DEPT_A, SEED


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess[str]:
    env = {"JIXIAO_DATA_DIR": str(tmp_path / "data"), "PATH": "/usr/bin:/bin"}
    return subprocess.run([sys.executable, "-m", "jixiao", *args], env=env, capture_output=True, text=True,
                          timeout=300)


def test_export_from_the_database_edit_offline_and_import_back(tmp_path: Path) -> None:
    assert _run(tmp_path, "import", str(SEED)).returncode == 0

    listed = _run(tmp_path, "export", "--from-db", "--department", DEPT_A, "--year", "2020", "--q", "港口",
                  "--format", "csv")
    assert listed.returncode == 0, listed.stderr
    names = {r["项目名称"] for r in csv.DictReader(io.StringIO(listed.stdout.lstrip("\ufeff")))}
    assert names == {"2019年度港口建设费地方留存部分退付保障资金"}

    template = tmp_path / "模板.xlsx"
    made = _run(tmp_path, "export", "--from-db", "--department", DEPT_A, "--year", "2020",
                "--format", "xlsx-template", "--out", str(template))
    assert made.returncode == 0, made.stderr
    assert "exported 8 projects" in made.stderr
    wb = openpyxl.load_workbook(template)
    assert wb.sheetnames[0] == "填写说明" and len(wb.sheetnames) == 11  # notes, index, 8 projects, lists

    unchanged = _run(tmp_path, "import", str(template))
    assert "updated 0, unchanged 8" in unchanged.stdout, unchanged.stdout + unchanged.stderr

    ws = wb["打响上海购物品牌"]
    cell = next(c for row in ws.iter_rows() for c in row if c.value == "研究报告")
    ws.cell(cell.row, cell.column + 1, "≥2个")
    edited = tmp_path / "edited.xlsx"
    wb.save(edited)
    updated = _run(tmp_path, "import", str(edited))
    assert "updated 1, unchanged 7" in updated.stdout, updated.stdout + updated.stderr

    back = _run(tmp_path, "export", "--from-db", "--q", "购物品牌", "--format", "json")
    assert "≥2个" in back.stdout


def test_export_from_the_database_refuses_what_it_cannot_do(tmp_path: Path) -> None:
    both = _run(tmp_path, "export", str(SEED), "--from-db", "--format", "csv")
    assert both.returncode == 2 and "one of the two" in both.stderr
    no_department = _run(tmp_path, "export", "--from-db", "--department", "没有这个部门", "--format", "csv")
    assert no_department.returncode == 2 and "no department" in no_department.stderr
    template = _run(tmp_path, "export", "--from-db", "--format", "xlsx-template", "--out", str(tmp_path / "t.xlsx"))
    assert template.returncode == 2 and "--department and --year" in template.stderr
    assert not (tmp_path / "t.xlsx").exists()
    blank = _run(tmp_path, "export", "--from-db", "--format", "xlsx-template", "--department", DEPT_A,
                 "--year", "2025", "--empty", "--out", str(tmp_path / "blank.xlsx"))
    assert blank.returncode == 2 and "no department" in blank.stderr  # a new database has none yet
