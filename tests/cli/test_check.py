"""`jixiao check`: table and JSON output, exit codes 0/1/2, configuration file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from jixiao.cli import main

DATA = Path(__file__).parents[1] / "data"
SEED = DATA / "seed" / "shanghai-2020-commerce.txt"
CLEAN = DATA / "review" / "clean-shanghai-2020.txt"


def test_seed_table_exits_1_and_names_the_defects(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED)]) == 1
    out = capsys.readouterr().out
    assert "产出目标/数量/服务企业数（第94行）未填写指标目标值" in out
    assert "(line 94) has no target value" in out
    for placeholder in ("数量1", "数量2", "数量3", "质量1", "质量2", "时效1", "其他指标"):
        assert f"指标名称“{placeholder}”是占位词" in out
    assert "投入与管理/投入管理/投入管理（第58行）" in out
    assert "[5] 口岸工作经费" in out and "建议等级" in out
    assert "== 上海市商务委员会 2020：8 个项目" in out
    assert "依据 财预〔2015〕88号" in out


def test_seed_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED), "--format", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["schema"] == "jixiao/review@1"
    [file] = data["files"]
    assert len(file["projects"]) == 8
    first = file["projects"][2]
    assert first["summary"]["project"] == "单一窗口经费—运维费"
    assert {"rule", "severity", "dimension", "message", "message_en", "hint", "source", "line"} <= set(first["findings"][0])
    missing = [f for f in first["findings"] if f["rule"] == "R-COMPLETE-VALUE-MISSING"]
    assert missing[0]["line"] == 94 and missing[0]["severity"] == "error" and missing[0]["dimension_zh"] == "完整性"
    assert data["departments"][0]["rules"][0]["rule"] == "R-RELEVANT-VAGUE-NUMBER"
    assert {r["rule"] for r in data["rules"]} >= {"R-COMPLETE-PLACEHOLDER-NAME", "R-COMPLETE-VALUE-MISSING"}


def test_clean_table_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(CLEAN)]) == 0
    out = capsys.readouterr().out
    assert "100 分" in out and "优" in out


def test_config_can_turn_errors_off(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "rules.json"
    config.write_text(json.dumps({
        "rules": {"R-COMPLETE-VALUE-MISSING": {"severity": "warning"}},
        "frameworks": {"shanghai-2020": {"R-COMPLETE-PLACEHOLDER-NAME": {"enabled": False}}},
        "rubric": {"grades": [[80, "优"], [70, "良"], [60, "中"], [0, "差"]]}}), encoding="utf-8")
    assert main(["check", str(SEED), "--config", str(config), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    rules = {f["rule"] for p in data["files"][0]["projects"] for f in p["findings"]}
    assert "R-COMPLETE-PLACEHOLDER-NAME" not in rules


@pytest.mark.parametrize("content", ["{not json", '{"rules": {"R-NOPE": {}}}', '{"rubric": {"start": "x"}}', "[]"])
def test_bad_config_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str) -> None:
    config = tmp_path / "rules.json"
    config.write_text(content, encoding="utf-8")
    assert main(["check", str(CLEAN), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert str(config) in err and "Traceback" not in err and err.count("\n") == 1


def test_missing_file_exits_2_with_one_line(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nope.txt"
    assert main(["check", str(missing)]) == 2
    err = capsys.readouterr().err
    assert str(missing) in err and err.count("\n") == 1


def test_empty_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    assert main(["check", str(empty)]) == 2
    assert str(empty) in capsys.readouterr().err


def test_several_files_are_summarised_together(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", str(SEED), str(CLEAN)]) == 1
    out = capsys.readouterr().out
    assert f"# {SEED}" in out and f"# {CLEAN}" in out
    assert "== 上海市商务委员会 2020：9 个项目" in out


def test_rules_are_listed_with_their_source(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--rules"]) == 0
    out = capsys.readouterr().out
    assert "R-COMPLETE-PLACEHOLDER-NAME" in out and "error" in out and "完整性" in out
    assert "依据 财预〔2015〕88号" in out


def test_no_file_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check"]) == 2
    assert "FILE" in capsys.readouterr().err
