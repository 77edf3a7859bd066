"""A text line to a row of cells: what the shortcuts in ``line_to_row`` must keep exactly."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from jixiao.core.read.grid import _SPACES, line_to_row, split_cells

LINE = st.text(alphabet=st.sampled_from(list("项目名称 \t|｜\u3000\u00a0\ufeff90%<p>&amp;")), max_size=30)


def spelled_out(line: str) -> list[str]:
    """Every cell stripped, trailing empty cells dropped: the rule, without the shortcuts."""
    cells = [c.strip(_SPACES) for c in (line.split("\t") if "\t" in line else split_cells(line))]
    while cells and not cells[-1]:
        cells.pop()
    return cells


@settings(max_examples=500, deadline=None)
@given(LINE)
def test_cells_are_the_stripped_cells_and_filled_the_non_empty_ones(line: str) -> None:
    row = line_to_row(7, line)
    if "<" not in line and "&" not in line:  # HTML remnants are cleaned as well, tested elsewhere
        assert row.cells == spelled_out(line)
    assert row.filled == [c for c in row.cells if c]
    assert (row.line, row.raw) == (7, line)
