"""Self-evaluation forms (项目支出绩效自评表) read from every format by one engine: the 口岸工作经费 example
as XLSX, DOCX, PDF (LibreOffice), HTML and tab-separated text reads to its expected JSON and to the same
evaluation, and scores 97.79 (优) whatever the format; provenance per format; several forms in a file;
jixiao's own exports read back; `jixiao parse` refuses a form and points to `jixiao score`; bad input
names the file and the cell."""

from __future__ import annotations

import dataclasses
import io
import json
import re
import shutil
from pathlib import Path

import docx
import pytest

from jixiao.cli import main
from jixiao.core.errors import InputError
from jixiao.core.export import registry
from jixiao.core.model import DocumentSource, SourceRef
from jixiao.core.read import read_bytes, read_grid, read_selfeval_bytes, read_selfeval_path
from jixiao.core.read.grid import Row, text_to_rows
from jixiao.core.read.selfeval import is_selfeval, rows_to_selfeval
from jixiao.core.read.vocabulary import SELFEVAL_COLUMN_LABELS, selfeval_column_role
from jixiao.core.score import score_selfeval
from jixiao.core.selfeval import SelfEvaluation, dumps_selfeval, loads_selfeval

EXAMPLES = Path(__file__).parents[1] / "data" / "selfeval"
FORMATS = ("xlsx", "docx", "pdf", "html", "txt")
FILES = [EXAMPLES / f"kouan-2020.{ext}" for ext in FORMATS]
SEED = Path(__file__).parents[1] / "data" / "seed" / "shanghai-2020-commerce.txt"


def without_sources(ev: SelfEvaluation) -> SelfEvaluation:
    rows = tuple(dataclasses.replace(r, indicator=dataclasses.replace(r.indicator, source=SourceRef()))
                 for r in ev.indicators)
    return dataclasses.replace(ev, indicators=rows, source=SourceRef())


def read(path: Path) -> SelfEvaluation:
    evaluations = read_selfeval_path(path)
    assert len(evaluations) == 1
    return evaluations[0]


def json_example() -> SelfEvaluation:
    ev, = loads_selfeval((EXAMPLES / "kouan-2020.json").read_text(encoding="utf-8"))
    return ev


# --- the example in every format ---------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=FORMATS)
def test_each_format_reads_to_its_expected_json(path: Path) -> None:
    """The expected file is what make_formats.py laid the form out from, less provenance."""
    expected = json.loads(path.with_name(path.name + ".expected.json").read_text(encoding="utf-8"))
    got = json.loads(dumps_selfeval([without_sources(read(path))]))
    assert got == expected


def test_every_format_reads_to_the_same_evaluation() -> None:
    """The same facts as the JSON example; only the JSON names the framework, and only the forms written
    after the XLSX state their 总分 and grade."""
    readings = {path.suffix: without_sources(read(path)) for path in FILES}
    example = without_sources(json_example())
    example = dataclasses.replace(example, project=dataclasses.replace(example.project, framework=None))
    assert readings[".xlsx"] == example
    for suffix in (".docx", ".pdf", ".html", ".txt"):
        assert dataclasses.replace(readings[suffix], total=None, grade=None) == example, suffix
        assert (str(readings[suffix].total), readings[suffix].grade) == ("97.79", "优")


@pytest.mark.parametrize("path", FILES, ids=FORMATS)
def test_every_format_scores_97_79_excellent(path: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Through `jixiao score`, the format told by content: each file is copied under a name that says nothing."""
    anonymous = tmp_path / "upload.bin"
    shutil.copyfile(path, anonymous)
    assert main(["score", str(anonymous), "--format", "json"]) == 0
    result, = json.loads(capsys.readouterr().out)["results"]
    assert (result["total"], result["grade"], result["possible"]) == ("97.79", "优", "98")
    assert [r["score"] for r in result["indicators"]][:3] == ["2.04", "2.01", "2.04"]


def test_the_table_is_the_same_for_every_format(capsys: pytest.CaptureFixture[str]) -> None:
    tables = []
    for path in FILES:
        assert main(["score", str(path)]) == 0
        tables.append(capsys.readouterr().out)
    assert "总分 total 97.79  等级 grade 优" in tables[0]
    assert all(t == tables[0] for t in tables[1:])


# --- provenance ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(("ext", "form", "second"), [
    ("xlsx", SourceRef(line=3, sheet="自评表", cell="A3"), SourceRef(line=14, sheet="自评表", cell="D14")),
    ("docx", SourceRef(line=3, sheet="table 1", cell="A1"), SourceRef(line=14, sheet="table 2", cell="C3")),
    ("html", SourceRef(line=3, sheet="table 1", cell="A1"), SourceRef(line=14, sheet="table 1", cell="D12")),
    ("txt", SourceRef(line=3, cell=None), SourceRef(line=14)),
    ("pdf", SourceRef(line=3, page=1, sheet="p1 table 1", cell="A1"),
     SourceRef(line=14, page=1, sheet="p1 table 2", cell="C3")),
])
def test_provenance_points_at_the_form_and_each_indicator(ext: str, form: SourceRef, second: SourceRef) -> None:
    """The form's source is its 项目名称 cell; an indicator's is its 三级指标 cell (预算执行率, the second)."""
    ev = read(EXAMPLES / f"kouan-2020.{ext}")
    assert ev.source == form
    assert ev.indicators[1].indicator.name == "预算执行率" and ev.indicators[1].indicator.source == second


def test_a_pdf_table_over_pages_keeps_its_pages_and_skips_the_repeated_header() -> None:
    path = EXAMPLES / "kouan-2020.pdf"
    headers = [r for r in read_grid(path.read_bytes(), str(path)).rows if r.cells[:2] == ["一级指标", "二级指标"]]
    assert len(headers) >= 2 and headers[1].where is not None and headers[1].where.page == 2  # Word's repeated header
    ev = read(path)
    pages = [r.indicator.source.page or 0 for r in ev.indicators]
    assert len(pages) == 24 and pages == sorted(pages) and pages[0] == 1 and pages[-1] >= 2
    assert "一级指标" not in [r.indicator.level1 for r in ev.indicators]


# --- the engine on its own ---------------------------------------------------------------------------------


def rows(text: str) -> list[Row]:
    return text_to_rows(text)


SOURCE = DocumentSource(path="form.txt", sha256="", format="text")


FORM = """项目支出绩效自评表
（2021年度）
项目名称\t{name}
主管部门\t某局\t实施单位\t某中心
项目资金（万元）\t\t全年预算数\t全年执行数\t分值\t得分
\t年度资金总额\t120\t108\t10\t9
三级指标\t权重\t指标值\t实际值\t偏差原因及改进措施\t一级指标\t二级指标\t得分
受益企业数\t20\t>1000家\t1200家\t\t产出指标\t数量指标\t20
合格率\t10\t>=95%\t90%\t人手不足\t\t质量指标\t
总分\t\t\t\t\t\t\t{total}
"""


def test_synonyms_and_columns_in_any_order() -> None:
    ev, = rows_to_selfeval(rows(FORM.format(name="测试项目", total="95")), SOURCE)
    assert ev.project.year == 2021 and ev.project.implementer == "某中心"
    assert ev.execution.full_year_budget == 1_200_000 and ev.execution.initial_budget is None  # 万元 → 元
    first, second = ev.indicators
    assert (first.indicator.name, first.actual, first.weight, first.score) == ("受益企业数", "1200家", 20, 20)
    assert second.indicator.level1 == "产出指标" and second.deviation_reason == "人手不足"  # 一级 carried down
    assert ev.total == 95


@pytest.mark.parametrize(("label", "role"), [
    ("年度指标值", "target"), ("指标值", "target"), ("实际完成值", "actual"), ("实际值", "actual"),
    ("完成值", "actual"), ("权重（%）", "weight"), ("分值", "weight"), ("偏差原因分析及改进措施", "reason"),
    ("偏差原因及改进措施", "reason"), ("未完成原因", "reason"), ("偏差原因分析及下一步改进措施", "reason"),
    ("三 级 指 标", "name"), ("项目名称", None), ("绩效指标", None),
])
def test_column_vocabulary(label: str, role: str | None) -> None:
    assert selfeval_column_role(label) == role


def test_several_forms_in_one_file() -> None:
    text = FORM.format(name="甲项目", total="95") + "自评等级\t优\n" + FORM.format(name="乙项目", total="88")
    first, second = rows_to_selfeval(rows(text), SOURCE)
    assert (first.project.name, first.total, first.grade, len(first.indicators)) == ("甲项目", 95, "优", 2)
    assert (second.project.name, second.total, second.grade, len(second.indicators)) == ("乙项目", 88, None, 2)
    assert second.project.year == 2021 and second.source.line == 14


def test_a_target_table_is_no_self_evaluation() -> None:
    assert is_selfeval(rows(SEED.read_text(encoding="utf-8"))) is None
    assert is_selfeval(rows("一级指标\t二级指标\t三级指标\t指标值\t分值\n")) is None
    assert is_selfeval(rows("一级指标\t三级指标\t年度指标值\t实际完成值\n")) is not None


@pytest.mark.parametrize("word", sorted(SELFEVAL_COLUMN_LABELS["actual"] + SELFEVAL_COLUMN_LABELS["score"]))
def test_every_word_for_actual_or_score_passes_the_whole_text_screen(word: str) -> None:
    # the screen looks at the whole text before any row: spaced letters and a colon must not hide a header
    spaced = " ".join(word) + "："
    narrative = "项目概况\t按实际情况完成，得到好评\n"
    assert is_selfeval(rows(narrative + f"一级指标\t三级指标\t年度指标值\t{spaced}\n")) is not None
    assert is_selfeval(rows(narrative + "一级指标\t三级指标\t年度指标值\n")) is None


# --- jixiao's own exports -------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["selfeval-xlsx", "selfeval-docx", "selfeval-pdf", "selfeval-template"])
def test_own_exports_read_back_and_score_alike(name: str) -> None:
    report = score_selfeval(json_example())
    out = io.BytesIO()
    registry.get(name).write([report], out)  # type: ignore[list-item]
    back, = read_selfeval_bytes(out.getvalue(), f"form{registry.get(name).extension}")
    again = score_selfeval(back)
    assert (again.total, again.grade) == (report.total, report.grade)
    assert [r.indicator.name for r in back.indicators] == [r.indicator.name for r in json_example().indicators]


# --- `jixiao parse` on a form ------------------------------------------------------------------------------


@pytest.mark.parametrize("path", FILES, ids=FORMATS)
def test_parse_refuses_a_self_evaluation_and_points_to_score(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    assert f"{path}: " in err and "这是项目支出绩效自评表" in err and "jixiao score" in err


def test_parse_names_where_the_form_was_seen() -> None:
    with pytest.raises(InputError) as exc:
        read_bytes((EXAMPLES / "kouan-2020.xlsx").read_bytes(), "k.xlsx")
    assert exc.value.field == "自评表!F12"
    with pytest.raises(InputError) as exc:
        read_bytes((EXAMPLES / "kouan-2020.txt").read_bytes(), "k.txt")
    assert (exc.value.line, exc.value.field) == (12, "column 6")


# --- bad input ---------------------------------------------------------------------------------------------


def score_fails(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["score", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "Traceback" not in err
    return err


@pytest.mark.parametrize("name", ["hand-rowspan.html", "hand-one-table.docx", "lo-hand-national-order.pdf"])
def test_a_file_without_a_form_header(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = Path(__file__).parents[1] / "data" / "formats" / name
    err = score_fails(path, capsys)
    assert f"{path}: 没有找到自评表：缺少“三级指标”和“实际完成值”表头" in err


def test_a_weight_that_is_not_a_number_in_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (EXAMPLES / "kouan-2020.txt").read_text(encoding="utf-8")
    bad = tmp_path / "bad.txt"
    bad.write_text(text.replace("98.6%\t1.97\t2\t", "98.6%\t1.97\t两分\t"), encoding="utf-8")
    err = score_fails(bad, capsys)
    assert f"{bad}: line 14: column 8: 分值“两分”不是数字 / weight '两分' is not a number" in err


def test_a_weight_that_is_not_a_number_in_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    page = (EXAMPLES / "kouan-2020.html").read_text(encoding="utf-8")
    page, n = re.subn(r"<td>预算执行率</td><td>2</td>", "<td>预算执行率</td><td>二</td>", page)
    assert n == 1
    bad = tmp_path / "bad.html"
    bad.write_text(page, encoding="utf-8")
    assert f"{bad}: table 1!E12: 分值“二”不是数字" in score_fails(bad, capsys)


def test_a_weight_that_is_not_a_number_in_docx(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    document = docx.Document(str(EXAMPLES / "kouan-2020.docx"))
    document.tables[1].cell(2, 5).text = "2分值"
    bad = tmp_path / "bad.docx"
    document.save(str(bad))
    assert f"{bad}: table 2!F3: 分值“2分值”不是数字" in score_fails(bad, capsys)


def test_a_band_outside_the_three_names_the_cell() -> None:
    text = FORM.format(name="x", total="").replace("偏差原因及改进措施\t", "偏差原因及改进措施\t评价档次\t", 1)
    text = text.replace("1200家\t\t", "1200家\t\t优秀\t", 1)
    with pytest.raises(InputError) as exc:
        rows_to_selfeval(rows(text), SOURCE)
    assert (exc.value.line, exc.value.field) == (8, "column 6") and "评价档次" in exc.value.message
