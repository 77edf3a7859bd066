"""The official form as a grid (shared by XLSX, DOCX, PDF), its merges, and Chinese line breaking."""

from __future__ import annotations

import itertools
from dataclasses import replace
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from jixiao.core.export import form
from jixiao.core.export.linebreak import NO_LINE_END, NO_LINE_START, break_lines, chunks, units
from tests.core.export_helpers import first_two, indicator, seed


def test_form_of_the_first_seed_project_matches_the_published_layout() -> None:
    f = form.project_form(seed().projects[0])
    assert (f.title, f.subtitle, f.department) == ("财政项目支出绩效目标表", "(2020年度)", "申报单位名称：上海市商务委员会")
    assert f.table_title == "2020年绩效目标"
    assert f.header == ("一级目标", "二级目标", "三级目标", "指标目标值")
    first = [(c.text, c.span) for c in f.facts[0]]
    assert first == [("项目名称：", 1), ("2019年度港口建设费地方留存部分退付保障资金", 1), ("项目类别：", 1),
                     ("其他一次性项目", 1)]
    assert [c.text for c in f.facts[2]] == ["是否含有政府购买服务：", "否", "绩效类型：", "政策补贴类"]
    labels = [row[0].text for row in f.facts]
    assert labels[3:9] == ["项目概况：", "立项依据：", "项目设立的必要性：", "保证项目实施的制度、措施：", "项目实施计划：",
                           "总目标及阶段性目标："]
    assert all(row[1].span == 3 for row in f.facts[3:9])  # narratives span the three value columns
    money = [c for c in f.facts[-2] + f.facts[-1] if c.kind == "money"]
    assert [c.text for c in money] == ["120,000,000", "120,000,000", "120,000,000", ""]
    assert money[0].amount == Decimal("120000000") and money[-1].amount is None
    assert f.indicators[0] == ("投入与管理", "投入管理", "预算编制合理性", "合理")
    assert f.indicators[-1] == ("影响力目标", "信息共享", "政策知晓度", ">=80%百分比")
    assert abs(sum(f.widths) - 1) < 1e-9


def test_the_hand_written_fixture_and_the_reader_give_the_same_form() -> None:
    for written, read in zip(first_two().projects, seed().projects[:2], strict=False):
        assert form.project_form(written) == form.project_form(read)


def test_optional_columns_appear_only_when_used_and_widen_the_facts() -> None:
    project = seed().projects[1]
    plain = form.project_form(project)
    assert plain.columns == 4
    rows = list(project.indicators)
    rows[0] = replace(rows[0], weight=Decimal("10"), direction="正向")
    f = form.project_form(replace(project, indicators=tuple(rows)))
    assert f.header == (*form.BASE_HEADER, "指标方向", "分值")
    assert f.indicators[0][4:] == ("正向", "10") and f.indicators[1][4:] == ("", "")
    assert all(sum(c.span for c in row) == 6 for row in f.facts)


def test_extra_facts_are_kept_as_labelled_rows() -> None:
    project = replace(seed().projects[1], extra=(("项目负责人", "张三"),))
    labels = [(row[0].text, row[-1].text) for row in form.project_form(project).facts]
    assert ("项目负责人：", "张三") in labels


def test_merge_runs_follow_equal_values_and_never_cross_the_branch_above() -> None:
    rows = [("A", "x", "1"), ("A", "x", "2"), ("A", "y", "3"), ("B", "y", "4"), ("B", "y", "5"), ("", "", "6"),
            ("", "", "7")]
    assert form.merge_runs(rows, 0) == [form.Run(0, 3), form.Run(3, 2), form.Run(5, 1), form.Run(6, 1)]
    # "y" under A and "y" under B are two runs; empty cells are never merged
    assert form.merge_runs(rows, 1) == [form.Run(0, 2), form.Run(2, 1), form.Run(3, 2), form.Run(5, 1),
                                        form.Run(6, 1)]
    assert form.merge_runs([], 0) == []


def test_split_runs_cuts_at_page_starts_and_at_the_height_limit() -> None:
    runs = [form.Run(0, 6)]
    assert form.split_runs(runs, [1.0] * 6, float("inf"), cuts={4}) == [form.Run(0, 4), form.Run(4, 2)]
    assert form.split_runs(runs, [1.0] * 6, 2.5) == [form.Run(0, 2), form.Run(2, 2), form.Run(4, 2)]
    # a cut at a run's own first row changes nothing
    assert form.split_runs(runs, [1.0] * 6, float("inf"), cuts={0}) == runs


def test_money_text_prints_as_the_form_does() -> None:
    assert form.money_text(Decimal("120000000")) == "120,000,000"
    assert form.money_text(Decimal("1.2E+8")) == "120,000,000"
    assert form.money_text(Decimal("1234.50")) == "1,234.5"
    assert form.money_text(None) == ""


def test_indicator_cells_keep_the_target_as_written() -> None:
    cells = form.indicator_cells(indicator("产出目标", "数量", "受益企业数", ">1000家"), ())
    assert cells == ("产出目标", "数量", "受益企业数", ">1000家")


# --- line breaking ---------------------------------------------------------------------------------


def _width(text: str) -> float:
    return sum(2.0 if ord(ch) > 0x2000 else 1.0 for ch in text)


def test_units_keep_numbers_and_latin_words_whole() -> None:
    assert units("PM2.5浓度下降20%，2019年") == ["PM2.5", "浓", "度", "下", "降", "20%", "，", "2019", "年"]


def test_no_line_starts_with_a_closing_mark_nor_ends_with_an_opening_one() -> None:
    assert break_lines("一二三四五六七八，九十", 16, _width) == ["一二三四五六七", "八，九十"]
    assert break_lines("一二三四五六七（八九十", 16, _width) == ["一二三四五六七", "（八九十"]
    assert break_lines("同名项目上年预算额（元）：", 18, _width) == ["同名项目上年预算额", "（元）："]


def test_a_word_longer_than_the_line_is_cut_and_paragraphs_are_kept() -> None:
    assert break_lines("abcdefghijklmnopqrstuvwxyz", 10, _width) == ["abcdefghij", "klmnopqrst", "uvwxyz"]
    assert break_lines("第一段\n第二段", 40, _width) == ["第一段", "第二段"]


@given(st.text(alphabet="一二三四五六七八九十，。、（）《》“”ab12 %", max_size=120), st.integers(2, 40))
def test_breaking_keeps_every_character_and_breaks_only_where_allowed(text: str, width: int) -> None:
    lines = break_lines(text, width, _width)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    assert all(line.strip() for line in lines[1:]) or not text.strip()  # no blank line is made
    for previous, line in itertools.pairwise(lines):
        # the rules give way only when the line before has a single unit left to carry over
        single = len([u for u in units(previous) if not u.isspace()]) == 1
        if line and line[0] in NO_LINE_START:
            assert single, (previous, line)
        if previous and previous[-1] in NO_LINE_END:
            assert single, (previous, line)


@given(st.text(alphabet="一二三四五六七八九十ab12", max_size=120), st.integers(2, 40))
def test_without_punctuation_every_line_fits(text: str, width: int) -> None:
    assert all(_width(line) <= width for line in break_lines(text, width, _width))


@given(st.text(alphabet="一二三四五六七八九十，。（）ab1 \n", max_size=200), st.integers(2, 30), st.integers(1, 5))
def test_chunks_give_the_text_back_and_hold_at_most_so_many_lines(text: str, width: int, most: int) -> None:
    pieces = chunks(text, width, _width, most)
    assert "".join(pieces) == text
    assert len(pieces) == max(1, -(-len(break_lines(text, width, _width)) // most))
    if not any(ch in NO_LINE_START or ch in NO_LINE_END or ch.isspace() for ch in text):
        assert all(len(break_lines(piece, width, _width)) <= most for piece in pieces)
