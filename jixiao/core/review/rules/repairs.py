"""Rows the reader had to repair: worth a look against the source before the review relies on them."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.core.review import citations as cite
from jixiao.core.review.context import Context
from jixiao.core.review.registry import Hit, rule


@rule("R-IMPORT-REPAIRED-ROW", severity="info", dimension="completeness",
      title="导入时修复过的行", title_en="Row repaired on import", source=cite.IMPORT_REPAIR,
      hint="对照原件核实该行的一级/二级目标、名称和目标值。",
      hint_en="Check this row's branches, name and value against the source document.")
def repaired_row(ctx: Context) -> Iterator[Hit]:
    for diag in ctx.project.diagnostics:
        if diag.severity != "warning":
            continue
        at = f"第{diag.line}行" if diag.line is not None else "某行"
        at_en = f"line {diag.line}" if diag.line is not None else "a row"
        yield ctx.project_hit(f"{at}导入时做了修复（{diag.code}：{diag.message}），请对照原件核实",
                              f"{at_en} was repaired on import ({diag.code}: {diag.message_en}); check the source",
                              line=diag.line)
