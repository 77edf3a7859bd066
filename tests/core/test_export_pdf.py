"""PDF in the official layout: Chinese in an embedded font, extractable and rendered, tables that
break across pages with their header repeated and their merged cells and narratives cut there."""

from __future__ import annotations

import io
import shutil
import subprocess
from functools import cache
from pathlib import Path

import pdfplumber
import pytest
from PIL import Image

from jixiao.core.export import form, pdf
from jixiao.core.export.linebreak import NO_LINE_START
from tests.core.export_helpers import export, long_project, seed

POPPLER = shutil.which("pdftotext") and shutil.which("pdftoppm")
needs_poppler = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdftoppm) is not installed")


@cache
def seed_pdf() -> bytes:
    return export("pdf", [seed()])


@cache
def long_pdf() -> bytes:
    return export("pdf", [long_project(indicators=70, narrative_chars=4000)])


def _pages(data: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(data)) as document:
        return [page.extract_text() or "" for page in document.pages]


def test_the_seed_reads_back_in_chinese() -> None:
    pages = _pages(seed_pdf())
    text = "\n".join(pages)
    assert pages[0].startswith("财政项目支出绩效目标表\n(2020年度)\n申报单位名称：上海市商务委员会")
    assert text.count("财政项目支出绩效目标表") == 8
    for expected in ("2019年度港口建设费地方留存部分退付保障资金", "项目总预算（元）：", "120,000,000",
                     "是否含有政府购买服务：", "政策知晓度", ">=80%百分比", "<=4月30日", "2035年以前",
                     "本项目上年度市级财政资金使用情况", "2020年绩效目标"):
        assert expected in text, expected
    assert "第 1 页" in pages[0]


def test_the_font_is_embedded_as_a_subset_with_unicode_mapping() -> None:
    data = seed_pdf()
    assert b"/FontFile2" in data and b"/ToUnicode" in data  # TrueType outlines inside the file
    assert b"/Encoding /Identity-H" in data  # the encoding every extractor knows
    with pdfplumber.open(io.BytesIO(data)) as document:
        fonts = {c["fontname"] for c in document.pages[0].chars}
    assert len(fonts) == 1 and next(iter(fonts)).endswith("+NotoSerifSC")  # a subset: XXXXXX+Name
    assert len(data) < 600_000  # only the glyphs used, not the 11 MB font


@needs_poppler
def test_pdftotext_returns_the_chinese(tmp_path: Path) -> None:
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf())
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, check=True).stdout.decode()
    assert "财政项目支出绩效目标表" in text and "打响上海购物品牌" in text and "有较强参考价值" in text


@needs_poppler
def test_poppler_finds_every_font_embedded(tmp_path: Path) -> None:
    # Embedded, a viewer draws the Chinese from the file, whatever fonts its machine has (or lacks).
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf())
    listing = subprocess.run(["pdffonts", str(path)], capture_output=True, check=True, text=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    assert rows and all("NotoSerifSC" in row[0] for row in rows)
    assert all(row[-5:-2] == ["yes", "yes", "yes"] for row in rows)  # embedded, subset, ToUnicode


@needs_poppler
def test_a_rendered_page_shows_ink_where_the_title_is(tmp_path: Path) -> None:
    path = tmp_path / "seed.pdf"
    path.write_bytes(seed_pdf())
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path), str(tmp_path / "page")],
                   check=True)
    (png,) = tmp_path.glob("page*.png")
    image = Image.open(png).convert("L")
    width, height = image.size
    assert abs(width - 413) <= 1 and abs(height - 585) <= 1  # A4 at 50 dpi
    title = image.crop((int(width * 0.3), int(height * 0.03), int(width * 0.7), int(height * 0.07)))
    dark = sum(title.histogram()[:128])  # pixels darker than mid-grey
    assert dark > 200, "the title area is blank: the Chinese was not drawn"
    assert sum(image.histogram()[:128]) > 5000


def test_a_long_narrative_flows_onto_the_next_page_marked_continued() -> None:
    pages = _pages(long_pdf())
    assert len(pages) >= 4
    assert "项目设立的必要性：" in pages[0] and "（续）" in pages[1]
    text = "".join(pages).replace("\n", "")
    assert text.count("保证排名稳中有进") >= 4000 // 44  # nothing of the text was lost


def test_the_indicator_header_repeats_and_merged_cells_are_cut_at_page_ends() -> None:
    pages = _pages(long_pdf())
    table_pages = [p for p in pages if "指标001" in p or "指标070" in p or "指标040" in p]
    with_rows = [n for n, p in enumerate(pages) if "指标0" in p]
    assert len(with_rows) >= 2
    for n in with_rows:
        assert "一级目标 二级目标 三级目标 指标目标值" in pages[n], f"page {n + 1} lacks the header"
        assert "产出目标" in pages[n], f"page {n + 1} lacks its 一级 label"
    assert table_pages
    text = "".join(pages)
    assert all(f"指标{i:03d}" in text for i in range(1, 71))


def test_no_line_of_a_narrative_starts_with_a_closing_mark() -> None:
    with pdfplumber.open(io.BytesIO(long_pdf())) as document:
        for page in document.pages:
            # the value column starts after the label column (its share of the 180 mm between margins)
            left = 72 / 25.4 * (pdf.MARGIN_MM + form.BASE_WIDTHS[0] * 180 + 0.3)
            value_column = [c for c in page.chars if c["x0"] > left]
            lines: dict[int, list[dict[str, object]]] = {}
            for char in value_column:
                lines.setdefault(round(float(char["top"])), []).append(char)  # type: ignore[arg-type]
            starts = [min(chars, key=lambda c: float(c["x0"]))["text"] for chars in lines.values()]  # type: ignore[arg-type]
            assert len(starts) > 10 and not [s for s in starts if s in NO_LINE_START]


def test_an_empty_input_is_still_a_valid_pdf() -> None:
    assert len(_pages(export("pdf", []))) == 1
