"""`jixiao parse`: the canonical JSON, the summary, --explain, --strict, and bad input (exit 2, one line)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from jixiao.cli import main

DATA = Path(__file__).parent / "data"
SEED = DATA / "seed" / "shanghai-2020-commerce.txt"
DAMAGED = DATA / "text" / "damaged-national.txt"


def test_json_equals_the_golden_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEED), "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    golden = json.loads((DATA / "seed" / "shanghai-2020-commerce.expected.json").read_text(encoding="utf-8"))
    assert out["documents"][0]["source"]["path"] == str(SEED)
    out["documents"][0]["source"]["path"] = golden["documents"][0]["source"]["path"]
    assert out == golden


def test_json_is_utf8_with_chinese_readable() -> None:
    done = subprocess.run([sys.executable, "-m", "jixiao", "parse", str(SEED), "--format", "json"],
                          capture_output=True, check=True)
    assert "上海市商务委员会".encode() in done.stdout and b"\\u4e0a" not in done.stdout


def test_table_summary(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEED)]) == 0
    out = capsys.readouterr().out
    assert "8 个项目 projects, 130 个指标 indicators" in out
    assert "产出目标 / 数量 / 服务企业数  =>  （空）  [missing]" in out


def test_explain_shows_classification_and_repairs(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(DAMAGED), "--explain"]) == 0
    out = capsys.readouterr().out
    assert "header             level1 | level2 | name | value" in out
    assert "furniture          -3-" in out
    assert "row-realigned" in out and "field-before-label" in out and "unrecognised-line" in out


def test_strict_fails_on_warnings_only(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["parse", str(DAMAGED), "--strict"]) == 1
    clean = tmp_path / "clean.txt"
    clean.write_text("项目名称：\t整洁的项目\n一级目标\t二级目标\t三级目标\t指标目标值\n"
                     "产出目标\t数量\t培训人数\t>=100人\n", encoding="utf-8")
    assert main(["parse", str(clean), "--strict"]) == 0


@pytest.mark.parametrize(("content", "words"), [
    (None, "no such file"),
    (b"", "empty"),
    (b"\x00\x01\x02binary\x00", "binary"),
    (b"\xb2\xe2\xff\xff\x81", "undecodable"),
    ("随便一段文字，不是表格。".encode(), "no target table"),
])
def test_bad_input_is_one_line_and_exit_2(tmp_path: Path, content: bytes | None, words: str) -> None:
    path = tmp_path / "input.txt"
    if content is not None:
        path.write_bytes(content)
    done = subprocess.run([sys.executable, "-m", "jixiao", "parse", str(path)], capture_output=True, text=True)
    assert done.returncode == 2
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and str(path) in lines[0] and words in lines[0] and "Traceback" not in done.stderr
