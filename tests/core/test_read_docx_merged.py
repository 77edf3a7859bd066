"""A DOCX table whose 二级 cell is merged down over an indicator named like that branch: the blank under
the merged cell is merged, not missing, so the row is not taken for a drifted one."""

from __future__ import annotations

import io

from docx import Document as Docx

from jixiao.core.read import read_bytes


def merged_table_docx() -> bytes:
    doc = Docx()
    doc.add_paragraph("项目名称：资产管理测试")
    table = doc.add_table(rows=3, cols=4)
    rows = [("一级目标", "二级目标", "三级目标", "指标目标值"),
            ("投入与管理", "资产管理", "资产管理情况", "合格"),
            ("", "", "资产管理", "专款专用")]
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(2, 0))
    table.cell(1, 1).merge(table.cell(2, 1))
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_merged_branch_over_a_branch_named_indicator() -> None:
    project = read_bytes(merged_table_docx(), "merged.docx").projects[0]
    second = project.indicators[1]
    assert (second.level1, second.level2, second.name, second.target.raw) == ("投入与管理", "资产管理", "资产管理", "专款专用")
    assert not [d for d in project.diagnostics if d.code == "row-realigned"]
