"""`jixiao score`: table and JSON for the 口岸工作经费 examples (JSON and XLSX score alike; the other
formats in tests/core/test_selfeval_read.py), settings, and bad input (one line naming the file and field or cell, exit 2, never a traceback)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from openpyxl import load_workbook

from jixiao.cli import main

EXAMPLES = Path(__file__).parent / "data" / "selfeval"
JSON_EXAMPLE, XLSX_EXAMPLE = EXAMPLES / "kouan-2020.json", EXAMPLES / "kouan-2020.xlsx"


def score_json(path: Path, capsys: pytest.CaptureFixture[str], *extra: str) -> dict:
    assert main(["score", str(path), "--format", "json", *extra]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize("path", [JSON_EXAMPLE, XLSX_EXAMPLE])
def test_table_shows_each_score_with_its_explanation_total_and_grade(path: Path,
                                                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["score", str(path)]) == 0
    out = capsys.readouterr().out
    assert "口岸工作经费  2020  主管部门 上海市商务委员会" in out
    assert "预算执行率：全年预算数 10000000元，全年执行数 9860000元，执行率 98.60%，得 10.06 分" in out
    assert "产出目标/时效/按时完成计划：目标 及时，实际 12月水电费次年1月拨付，评价档次 部分达成（60%–80%），得 3.57 分" in out
    assert "投入与管理/资产管理/资产管理情况：不适用" in out
    assert "总分 total 97.79  等级 grade 优" in out
    assert "适用指标分值合计 98，按 100 ÷ 98 折算" in out


def test_json_and_xlsx_score_alike(capsys: pytest.CaptureFixture[str]) -> None:
    from_json = score_json(JSON_EXAMPLE, capsys)
    from_xlsx = score_json(XLSX_EXAMPLE, capsys)
    assert from_json["schema"] == "jixiao/score@1"
    a, b = from_json["results"][0], from_xlsx["results"][0]
    assert (a["total"], a["grade"], a["possible"]) == (b["total"], b["grade"], b["possible"]) == ("97.79", "优", "98")
    assert [(r["name"], r["score"], r["explanation"]) for r in a["indicators"]] == \
        [(r["name"], r["score"], r["explanation"]) for r in b["indicators"]]
    row = a["indicators"][1]
    assert row["name"] == "预算执行率" and row["score"] == "2.01" and row["met"] is False
    assert row["explanation_en"].startswith("target =100%, actual 98.6%: not reached")


def test_settings_file_changes_the_rules(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "province.json"
    settings.write_text(json.dumps({"grades": {"优": "98", "良": "80", "中": "60", "差": "0"}}), encoding="utf-8")
    result = score_json(JSON_EXAMPLE, capsys, "--settings", str(settings))
    assert result["results"][0]["grade"] == "良" and result["settings"]["grades"]["优"] == "98"


def test_json_output_is_utf8_with_chinese_readable() -> None:
    done = subprocess.run([sys.executable, "-m", "jixiao", "score", str(JSON_EXAMPLE), "--format", "json"],
                          capture_output=True, check=True)
    assert "口岸工作经费".encode() in done.stdout and b"\\u53e3" not in done.stdout


def fails(args: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["score", *args]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = fails([str(tmp_path / "none.json")], capsys)
    assert "none.json" in err and "文件不存在 / no such file" in err


def test_no_form_in_the_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "form.txt"
    text.write_text("项目名称：口岸工作经费\n", encoding="utf-8")
    assert "没有找到自评表：缺少“三级指标”和“实际完成值”表头" in fails([str(text)], capsys)
    binary = tmp_path / "form.xlsx"
    binary.write_bytes(b"PK\x03\x04 not really a zip")
    assert "form.xlsx: zip 文件已损坏" in fails([str(binary)], capsys)
    image = tmp_path / "form.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "form.png: 这是二进制文件，不是文本" in fails([str(image)], capsys)


def test_bad_json_names_the_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(JSON_EXAMPLE.read_text(encoding="utf-8"))
    data["evaluations"][0]["indicators"][3]["weight"] = "two"
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    err = fails([str(bad)], capsys)
    assert "bad.json: $.evaluations[0].indicators[3].weight: 'two' 不是数字" in err


def test_weight_not_a_number_names_the_cell(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = load_workbook(XLSX_EXAMPLE)
    ws = wb.active
    assert ws is not None
    ws["G15"] = "两分"
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    err = fails([str(bad)], capsys)
    assert "bad.xlsx: 自评表!G15: 分值“两分”不是数字 / weight '两分' is not a number" in err


def test_header_not_found(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wb = load_workbook(XLSX_EXAMPLE)
    ws = wb.active
    assert ws is not None
    ws["E12"] = "目标"  # 年度指标值 renamed to something no form uses
    bad = tmp_path / "bad.xlsx"
    wb.save(bad)
    assert "没有找到表头“三级指标/年度指标值/实际完成值”" in fails([str(bad)], capsys)


def test_bad_settings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    settings = tmp_path / "s.json"
    settings.write_text(json.dumps({"lower_is_better": "cubic"}), encoding="utf-8")
    assert "s.json: settings.lower_is_better" in fails([str(JSON_EXAMPLE), "--settings", str(settings)], capsys)
