"""Write the example 自评表 of 口岸工作经费 in the other formats departments publish, with what each must read to.

    .venv/bin/python tests/data/selfeval/make_formats.py

The facts are those of ``make_examples.py`` (the JSON and XLSX examples). Each file is laid out here by
hand, each in its own arrangement, as departments print the form:

- ``kouan-2020.docx`` (python-docx): the official layout, landscape — a head table (项目名称,
  主管部门/实施单位, the money block with 项目资金 merged down its five rows, 年度总体目标) and the
  indicator table (一级/二级 merged down their rows, its header repeated on every page), money with
  thousands separators, 总分 with 97.79 and 自评等级：优;
- ``kouan-2020.pdf``: that document converted by LibreOffice (``soffice --headless --convert-to pdf``;
  skipped with a note when LibreOffice is not installed — the committed PDF is what the tests read);
- ``kouan-2020.html``: one table with rowspan/colspan, money in 万元, the synonyms 指标值 / 实际值 / 权重 /
  偏差原因及改进措施, the weight column moved before the target, 主管部门 and 实施单位 each in one cell
  with a colon;
- ``kouan-2020.txt``: tab-separated text as it comes out of a PDF — merged cells empty, the header
  repeated after a page number, the synonyms 完成值 and 未完成原因, 得分 before 分值.

``X.expected.json`` beside each (``jixiao/selfeval@1``) is the evaluation the file was laid out from,
less provenance (``source``, which says *how* a format was read, not *what*): never the reader's
output. The XLSX example states no 总分 score nor grade; the forms written here state 97.79 and 优.
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
from dataclasses import replace
from decimal import Decimal
from pathlib import Path
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from jixiao.core.selfeval import SelfEvaluation, dumps_selfeval

HERE = Path(__file__).parent
sys.path.insert(0, str(HERE))
from make_examples import DEPARTMENT, EXECUTION_SCORE, MONEY, NAME, ROWS, YEAR, evaluation  # noqa: E402

TOTAL, GRADE = "97.79", "优"


def stated() -> SelfEvaluation:
    """What the forms written here state: the examples' facts, the total and grade, no framework."""
    ev = evaluation()
    return replace(ev, project=replace(ev.project, framework=None), total=Decimal(TOTAL), grade=GRADE)


def without_sources(data: dict[str, Any]) -> dict[str, Any]:
    for ev in data["evaluations"]:
        ev["source"] = {}
        for row in ev["indicators"]:
            row["indicator"]["source"] = {}
    return data


def write_expected(path: Path, ev: SelfEvaluation) -> None:
    data = without_sources(json.loads(dumps_selfeval([ev])))
    path.with_name(path.name + ".expected.json").write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n",
                                                            encoding="utf-8")


def thousands(text: str) -> str:
    return f"{int(text):,}"


def rate() -> str:
    full_year, executed = (Decimal(x) for x in MONEY["年度资金总额"][1:])
    return f"{executed / full_year * 100:.2f}%"


def runs(values: list[str]) -> list[tuple[int, int]]:
    """(first, last) of each run of equal values: the rows a merged cell covers."""
    out: list[tuple[int, int]] = []
    for n, value in enumerate(values):
        if out and values[out[-1][0]] == value:
            out[-1] = (out[-1][0], n)
        else:
            out.append((n, n))
    return out


def blank(text: str | None) -> str:
    return "" if text is None else text


# --- DOCX: the official layout ----------------------------------------------------------------------


def set_borders(table: Any) -> None:
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        borders.append(el)
    table._tbl.tblPr.append(borders)


def repeat_as_header(row: Any) -> None:
    """Word's "repeat as header row at the top of each page" (``w:tblHeader``)."""
    props = row._tr.get_or_add_trPr()
    el = OxmlElement("w:tblHeader")
    el.set(qn("w:val"), "true")
    props.append(el)


def put(table: Any, r: int, c: int, text: str, to: tuple[int, int] | None = None) -> None:
    cell = table.cell(r, c) if to is None else table.cell(r, c).merge(table.cell(*to))
    cell.text = text


def docx_head(doc: Any) -> None:
    t = doc.add_table(rows=9, cols=9)
    set_borders(t)
    put(t, 0, 0, "项目名称")
    put(t, 0, 1, NAME, (0, 8))
    put(t, 1, 0, "主管部门")
    put(t, 1, 1, DEPARTMENT, (1, 4))
    put(t, 1, 5, "实施单位")
    put(t, 1, 6, DEPARTMENT, (1, 8))
    put(t, 2, 0, "项目资金（元）", (6, 0))
    for c, label in enumerate(("年初预算数", "全年预算数", "全年执行数", "分值", "执行率"), start=2):
        put(t, 2, c, label)
    put(t, 2, 7, "得分", (2, 8))
    for r, (label, figures) in enumerate(MONEY.items(), start=3):
        put(t, r, 1, label)
        for c, figure in enumerate(figures, start=2):
            put(t, r, c, thousands(figure))
        last = ("10", rate(), EXECUTION_SCORE) if r == 3 else ("—", "—", "—")
        put(t, r, 5, last[0])
        put(t, r, 6, last[1])
        put(t, r, 7, last[2], (r, 8))
    ev = evaluation()
    put(t, 7, 0, "年度总体目标", (8, 0))
    put(t, 7, 1, "预期目标", (7, 4))
    put(t, 7, 5, "实际完成情况", (7, 8))
    put(t, 8, 1, blank(ev.goal_expected), (8, 4))
    put(t, 8, 5, blank(ev.goal_actual), (8, 8))


def docx_indicators(doc: Any) -> None:
    t = doc.add_table(rows=len(ROWS) + 2, cols=8)
    set_borders(t)
    for c, label in enumerate(("一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分",
                               "偏差原因分析及改进措施")):
        put(t, 0, c, label)
    repeat_as_header(t.rows[0])
    for n, (_l1, _l2, name, target, actual, weight, score, reason) in enumerate(ROWS, start=1):
        for c, text in enumerate((name, target, actual, weight or "—", score or "—", blank(reason)), start=2):
            put(t, n, c, text)
    for column, key in ((0, lambda r: r[0]), (1, lambda r: f"{r[0]}/{r[1]}")):
        for first, last in runs([key(r) for r in ROWS]):
            put(t, first + 1, column, ROWS[first][column], (last + 1, column) if last > first else None)
    end = len(ROWS) + 1
    put(t, end, 0, "总分", (end, 4))
    put(t, end, 5, "100")
    put(t, end, 6, TOTAL)
    put(t, end, 7, f"自评等级：{GRADE}")


def make_docx() -> bytes:
    doc = new_docx()
    section = doc.sections[0]
    section.orientation = WD_ORIENT.LANDSCAPE
    section.page_width, section.page_height = Cm(29.7), Cm(21.0)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Cm(1.5))
    style = doc.styles["Normal"]
    style.font.size = Pt(9)
    doc.add_paragraph("项目支出绩效自评表")
    doc.add_paragraph(f"（{YEAR}年度）")
    docx_head(doc)
    doc.add_paragraph()  # two tables with nothing between them are one table to Word and LibreOffice
    docx_indicators(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


# --- HTML: one table, 万元, synonyms --------------------------------------------------------------


def esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def td(text: str, rowspan: int = 1, colspan: int = 1, tag: str = "td") -> str:
    spans = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f"<{tag}{spans}>{esc(text)}</{tag}>"


def wan(text: str) -> str:
    """An amount in 元 written in 万元."""
    amount = Decimal(text) / 10_000
    return f"{amount.normalize():f}"


def html_rows() -> list[str]:
    ev = evaluation()
    rows = [td("项目名称", tag="th") + td(NAME, colspan=8),
            td(f"主管部门：{DEPARTMENT}", colspan=4) + td(f"实施单位：{DEPARTMENT}", colspan=5)]
    rows.append(td("项目资金（万元）", rowspan=5, tag="th") + td("") + "".join(
        td(label, tag="th") for label in ("年初预算数", "全年预算数", "全年执行数", "分值", "执行率"))
        + td("得分", colspan=2, tag="th"))
    for n, (label, figures) in enumerate(MONEY.items()):
        last = ("10", rate(), EXECUTION_SCORE) if n == 0 else ("—", "—", "—")
        rows.append(td(label) + "".join(td(wan(f)) for f in figures) + td(last[0]) + td(last[1])
                    + td(last[2], colspan=2))
    rows.append(td("年度总体目标", rowspan=2, tag="th") + td("预期目标", colspan=4, tag="th")
                + td("实际完成情况", colspan=4, tag="th"))
    rows.append(td(blank(ev.goal_expected), colspan=4) + td(blank(ev.goal_actual), colspan=4))
    rows.append(td("绩效指标", rowspan=len(ROWS) + 1, tag="th") + "".join(
        td(label, tag="th") for label in ("一级指标", "二级指标", "三级指标", "权重", "指标值", "实际值", "得分",
                                          "偏差原因及改进措施")))
    level1 = dict(runs([r[0] for r in ROWS]))
    level2 = dict(runs([f"{r[0]}/{r[1]}" for r in ROWS]))
    for n, (l1, l2, name, target, actual, weight, score, reason) in enumerate(ROWS):
        cells = td(l1, rowspan=level1[n] - n + 1) if n in level1 else ""
        cells += td(l2, rowspan=level2[n] - n + 1) if n in level2 else ""
        cells += "".join(td(x) for x in (name, weight or "—", target, actual, score or "—", blank(reason)))
        rows.append(cells)
    rows.append(td("总分", colspan=4, tag="th") + td("100") + td("") + td("") + td(TOTAL) + td(f"自评等级：{GRADE}"))
    return rows


def make_html() -> bytes:
    body = "\n".join(f"<tr>{row}</tr>" for row in html_rows())
    page = (f'<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8"><title>{NAME}自评表</title>'
            f"<style>td, th {{ border: 1px solid #333; }}</style></head>\n<body>\n"
            f"<h1>项目支出绩效自评表</h1>\n<p>（{YEAR}年度）</p>\n<table>\n{body}\n</table>\n"
            f"<p>填报说明：金额单位为万元。</p>\n</body></html>\n")
    return page.encode("utf-8")


# --- text: tab-separated, as extracted from a PDF --------------------------------------------------


def text_lines() -> list[list[str]]:
    ev = evaluation()
    header = ["绩效指标", "一级指标", "二级指标", "三级指标", "年度指标值", "完成值", "得分", "分值", "未完成原因"]
    lines = [["项目支出绩效自评表"], [f"（{YEAR}年度）"], ["项目名称", NAME],
             ["主管部门", DEPARTMENT, "", "", "", "实施单位", DEPARTMENT],
             ["项目资金（元）", "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"]]
    for n, (label, figures) in enumerate(MONEY.items()):
        last = ["10", rate(), EXECUTION_SCORE] if n == 0 else ["—", "—", "—"]
        lines.append(["", label, *figures, *last])
    lines += [["年度总体目标", "预期目标", "", "", "", "实际完成情况"],
              ["", blank(ev.goal_expected), "", "", "", blank(ev.goal_actual)], header]
    for n, (l1, l2, name, target, actual, weight, score, reason) in enumerate(ROWS):
        before = ROWS[n - 1] if n else None
        if n == 14:  # a page break in the PDF the text came from: its page number, the header repeated
            lines += [["- 1 -"], header]
        lines.append(["", l1 if before is None or before[0] != l1 else "",
                      l2 if before is None or before[:2] != (l1, l2) else "",
                      name, target, actual, score or "—", weight or "—", blank(reason)])
    lines.append(["总分", "", "", "", "", "", TOTAL, "100"])
    lines.append(["自评等级", GRADE])
    return lines


def make_text() -> bytes:
    return "".join("\t".join(cells) + "\n" for cells in text_lines()).encode("utf-8")


# --- LibreOffice -----------------------------------------------------------------------------------


def libreoffice_pdf(source: bytes, suffix: str) -> bytes | None:
    soffice = shutil.which("soffice")
    if soffice is None:
        print("soffice not found: kouan-2020.pdf not regenerated")
        return None
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"source{suffix}"
        path.write_bytes(source)
        subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", tmp, str(path)],
                       check=True, capture_output=True, timeout=300)
        return (Path(tmp) / "source.pdf").read_bytes()


def write(name: str, data: bytes) -> None:
    path = HERE / name
    path.write_bytes(data)
    write_expected(path, stated())
    print(f"wrote {name} ({len(data) // 1024} KB)")


def main() -> None:
    docx = make_docx()
    write("kouan-2020.docx", docx)
    pdf = libreoffice_pdf(docx, ".docx")
    if pdf is not None:
        write("kouan-2020.pdf", pdf)
    write("kouan-2020.html", make_html())
    write("kouan-2020.txt", make_text())
    example = evaluation()
    write_expected(HERE / "kouan-2020.xlsx", replace(example, project=replace(example.project, framework=None)))


if __name__ == "__main__":
    main()
