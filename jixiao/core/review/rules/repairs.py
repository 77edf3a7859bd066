"""Rows the reader had to repair: worth a look against the source before the review relies on them."""

from __future__ import annotations

from collections.abc import Iterator

from jixiao.core.model import Diagnostic
from jixiao.core.review import citations as cite
from jixiao.core.review.context import Context
from jixiao.core.review.registry import Hit, rule


@rule("R-IMPORT-REPAIRED-ROW", severity="info", dimension="completeness",
      title="导入时修复过的行", title_en="Row repaired on import", source=cite.IMPORT_REPAIR,
      hint="对照原件核实该行的一级/二级目标、名称和目标值。",
      hint_en="Check this row's branches, name and value against the source document.")
def repaired_row(ctx: Context) -> Iterator[Hit]:
    by_line: dict[int | None, list[Diagnostic]] = {}
    for diag in ctx.project.diagnostics:
        if diag.severity == "warning" and diag.code not in ctx.options.repairs_reported_elsewhere:
            by_line.setdefault(diag.line, []).append(diag)
    for line, diags in by_line.items():
        at = f"第{line}行" if line is not None else "某行"
        at_en = f"line {line}" if line is not None else "a row"
        what = "；".join(f"{d.code}：{d.message}" for d in diags)
        what_en = "; ".join(f"{d.code}: {d.message_en}" for d in diags)
        yield ctx.project_hit(f"{at}导入时做了修复（{what}），请对照原件核实",
                              f"{at_en} was repaired on import ({what_en}); check the source", line=line)
