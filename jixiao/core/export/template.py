"""The Excel template (填报模板): the official form the ``xlsx`` writer draws, plus what helps someone
fill it in offline, so that one reader reads both and a filled-in template imports like any document.

What the template adds to the exported workbook:

- a notes sheet (填写说明) first: how to fill in and hand back, how to write target values — each
  example shown as jixiao's own value grammar reads it, so the notes cannot drift from the reader —
  and the framework's branches;
- comments on the indicator table's header cells (operators, units, deadlines, grades);
- drop-down lists (data validation) for 一级 and 二级 from the framework's branches. The 二级 list
  follows the row's 一级: each 一级 is a defined name for the range of its 二级 on a hidden sheet, and
  the 二级 cell's list is ``INDIRECT`` of the 一级 cell (the top cell of a merged 一级). Both lists
  warn rather than refuse, since the reader also understands other frameworks' labels, aliases
  (其他 for 其它) and points written into a label (产出指标(50分));
- 是/否 for 是否含有政府购买服务, and empty bordered indicator rows below each table.

The indicator cells are formatted as text by the ``xlsx`` writer itself, so a typed "=100%" stays a
target value. With no projects the template is one blank form for the department and year. Its notes
and lists sheets are known to the reader by their first cell (``vocabulary.ASIDE_SHEET_TITLES``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, BinaryIO

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation, DataValidationList

from jixiao.core import frameworks, values
from jixiao.core.export import form as layout
from jixiao.core.export import xlsx
from jixiao.core.export.registry import XLSX_MEDIA_TYPE, Exporter, Item, iter_projects, register
from jixiao.core.model import Project
from jixiao.core.read.vocabulary import LISTS_SHEET_TITLE, NOTES_SHEET_TITLE
from jixiao.core.values.render import describe

DEFAULT_FRAMEWORK = "shanghai-2020"
NOTES_SHEET = "填写说明"
LISTS_SHEET = "下拉选项"
SPARE_ROWS = 10  # empty indicator rows below a filled table
BLANK_ROWS = 30  # indicator rows of a blank form
LEVEL1_LIST = "一级目标清单"
LEVEL2_LIST = "二级目标清单"
AUTHOR = "jixiao"
# An Excel defined name: a letter (CJK included) or underscore, then letters, digits, _ or .
_NAME = re.compile(r"^[^\W\d][\w.]*$")


@dataclass(frozen=True, slots=True)
class Scope:
    """What the template is for: the department and year written on a blank form, the framework of the
    drop-down lists."""

    department: str | None
    year: int | None
    framework: frameworks.Framework


# --- notes -----------------------------------------------------------------------------------------


def header_notes(header: Sequence[str], scope: Scope) -> list[Comment | None]:
    """A comment for each header cell of the indicator table."""
    year = scope.year or 2024
    fw = scope.framework
    texts = {
        "一级目标": f"从下拉列表选择一级目标（{fw.name}）：{'、'.join(fw.level1)}。"
                    "同一一级目标的连续行可以合并单元格，也可以每行都填。",
        "二级目标": "先选一级目标，再从下拉列表选择它下面的二级目标（列表随一级目标变化）。",
        "三级目标": "指标名称，具体、可衡量，如“受益企业数”“资金拨付及时率”；不要用“数量1”“其他指标”这类占位名称，"
                    "也不要与二级目标同名。",
        "指标目标值": "运算符＋数值＋单位：≥1000家、≤5%、=100%（运算符可写 ≥ ≤ = > <，或 >= <=、不低于、不超过）；"
                      f"期限：≤{year}年6月30日、{year}年12月底前；定性指标写等级：达标、合理、健全、较好。"
                      "本列已设为文本格式，输入的内容原样保存。详见“填写说明”工作表。",
        "指标性质": "运算符：≥、≤、= 等（也可直接写在目标值里）。",
        "计量单位": "如 家、人次、%、元、天。",
        "指标方向": "正向（越大越好）或反向（越小越好）。",
        "分值": "该指标的分值（数字）。",
        "绩效标准": "取值依据：计划标准、行业标准、历史标准、预算支出标准或其他标准。",
    }
    out: list[Comment | None] = []
    for label in header:
        text = texts.get(label)
        out.append(_comment(text) if text else None)
    return out


def _comment(text: str) -> Comment:
    comment = Comment(text, AUTHOR)
    comment.width = 320
    comment.height = 20 + 16 * (len(text) // 20 + 1)
    return comment


def value_examples(year: int) -> list[tuple[str, str]]:
    """(how it is written, example) for the notes; the third column is the example as jixiao reads it."""
    return [
        ("数量、比率：运算符＋数值＋单位", "≥1000家"), ("", "≤5%"), ("", "=100%"),
        ("带“万”“亿”的数值", ">5亿元"),
        ("期限（完成时限）", f"≤{year}年6月30日"), ("", f"{year}年12月底前"),
        ("定性指标：写等级", "达标"), ("", "合理"), ("", "较好"),
        ("其他文字（保留原文，审核时会提示能否量化）", "信息获取后3个工作日内发布"),
    ]


def notes_rows(scope: Scope) -> list[tuple[str, ...]]:
    """The notes sheet's rows: a one-cell row is a paragraph across the sheet, ("#", text) a section."""
    year, fw = scope.year or 2024, scope.framework
    whose = f"{scope.department or ''}{scope.year or ''}{'年度' if scope.year else ''}"
    rows: list[tuple[str, ...]] = [
        (f"本工作簿是{whose}财政项目支出绩效目标表的填报模板，由 jixiao 生成。每个项目一个工作表，版式即官方表样。",),
        ("填好后导入 jixiao：在网页的“导入”页面上传本文件；或命令行 jixiao import 文件名.xlsx；或 API："
         "POST /api/v1/imports。申报单位、年度和项目名称相同的项目视为同一项目：内容有变化的更新（修改前的版本保留在"
         "历史中），没有变化的不作改动。",),
        ("新增项目：复制一个项目工作表（右键工作表标签 →“移动或复制”→“建立副本”），再改写项目名称和内容。"
         "不要删除“（年度）”和“申报单位名称：”这两行，也不要改动各栏目的名称。",),
        ("指标行不够时，使用表格下方预留的空行，或在表格中插入行。一级目标、二级目标相同的连续行可以合并单元格，"
         "也可以每行都填写。",),
        (f"一级目标、二级目标：从下拉列表选择（{fw.name}）；先选一级目标，二级目标的下拉列表随之变化。",),
        ("金额填写数字，单位为元；日期写成 2024-01-01；是否含有政府购买服务：从下拉列表选择“是”或“否”。",),
        ("#", "指标目标值的写法"),
        ("写法", "例子", "jixiao 读作"),
        *((how, example, describe(values.parse(example, year))) for how, example in value_examples(year)),
        ("运算符", "≥ ≤ = > <，也可写 >= <=，或 不低于、不少于、不超过、以上、以内", ""),
        ("计量单位", "写在数值后面：家、人、人次、个、次、项、%、元、万元、天……", ""),
        ("#", f"一级目标与二级目标（{fw.name}）"),
        ("一级目标", "二级目标", ""),
        *((l1, "、".join(fw.level2.get(l1, ())), "") for l1 in fw.level1),
    ]
    return rows


NOTES_WIDTHS = (34.0, 46.0, 30.0)


def write_notes(ws: Any, scope: Scope) -> None:
    xlsx.setup_page(ws, NOTES_WIDTHS)
    rows = xlsx.SheetRows(ws, NOTES_WIDTHS)
    n = len(NOTES_WIDTHS)
    rows.add([(NOTES_SHEET_TITLE, xlsx.TITLE, n)], height=30)
    after_section = False
    for cells in notes_rows(scope):
        if len(cells) == 1:
            rows.add([(cells[0], xlsx.VALUE, n)], height=xlsx.row_points([(cells[0], sum(NOTES_WIDTHS))]))
        elif cells[0] == "#":
            rows.add([(cells[1], xlsx.SECTION, n)], height=22)
            after_section = True
        else:
            look = xlsx.HEADER if after_section else xlsx.VALUE
            rows.add([(c or None, look, 1) for c in cells],
                     height=xlsx.row_points(zip(cells, NOTES_WIDTHS, strict=True)))
            after_section = False


# --- drop-down lists ---------------------------------------------------------------------------------


def dependent_lists(fw: frameworks.Framework) -> bool:
    """Whether every 一级 of the framework can name the range of its 二级 (INDIRECT needs that)."""
    return all(_NAME.match(l1) and l1 not in (LEVEL1_LIST, LEVEL2_LIST) for l1 in fw.level1)


def write_lists(wb: Any, ws: Any, fw: frameworks.Framework) -> None:
    """The hidden sheet behind the drop-downs, and a defined name for each list on it: column A the
    一级 (``一级目标清单``), then one column per 一级 with its 二级 (named as the 一级), then all 二级."""
    level2_all = [l2 for l1 in fw.level1 for l2 in fw.level2.get(l1, ())]
    columns = [[LEVEL1_LIST, *fw.level1]] + [[l1, *fw.level2.get(l1, ())] for l1 in fw.level1]
    columns.append([LEVEL2_LIST, *level2_all])
    ws.append([LISTS_SHEET_TITLE])
    for r in range(max(len(c) for c in columns)):
        ws.append([c[r] if r < len(c) else None for c in columns])
    sheet = f"'{LISTS_SHEET}'"
    for i, column in enumerate(columns, start=1):
        name = LEVEL1_LIST if i == 1 else LEVEL2_LIST if i == len(columns) else column[0]
        if i in (1, len(columns)) or dependent_lists(fw):
            letter = get_column_letter(i)
            ref = f"{sheet}!${letter}$3:${letter}${max(len(column) + 1, 3)}"
            wb.defined_names[name] = DefinedName(name, attr_text=ref)
    ws.sheet_state = "hidden"


def _validation(formula: str, title: str, prompt: str, error: str) -> DataValidation:
    return DataValidation(type="list", formula1=formula, allow_blank=True, errorStyle="warning",
                          showErrorMessage=True, showInputMessage=True, promptTitle=title, prompt=prompt,
                          errorTitle=title, error=error)


def add_validations(ws: Any, form: layout.Form, header: int, spare: int, scope: Scope) -> None:
    """Drop-downs on the indicator table (its rows and the spare ones) and on 是否含有政府购买服务."""
    first, count = header + 1, len(form.indicators)
    last = first + count + spare - 1
    if last >= first:
        level1 = _validation(LEVEL1_LIST, "一级目标", "从列表选择一级目标", "不是本框架的一级目标，仍要使用吗？")
        level1.add(f"A{first}:A{last}")
        ws.data_validations.append(level1)
        for top, end in level1_runs(form, first, spare):
            formula = f"INDIRECT($A${top})" if dependent_lists(scope.framework) else LEVEL2_LIST
            level2 = _validation(formula, "二级目标", "先选一级目标，再从列表选择二级目标",
                                 "不是该一级目标下的二级目标，仍要使用吗？")
            level2.add(f"B{top}:B{end}")
            ws.data_validations.append(level2)
    row = procurement_row(form)
    if row is not None:
        yes_no = DataValidation(type="list", formula1='"是,否"', allow_blank=True, showErrorMessage=True,
                                errorTitle="是否含有政府购买服务", error="请选择“是”或“否”")
        yes_no.add(f"B{row}")
        ws.data_validations.append(yes_no)


def level1_runs(form: layout.Form, first: int, spare: int) -> list[tuple[int, int]]:
    """(top, last) rows sharing one 一级 cell: the merged runs of the table, then each spare row alone."""
    runs = [(first + run.start, first + run.start + run.length - 1)
            for run in layout.merge_runs(form.indicators, 0)]
    start = first + len(form.indicators)
    return runs + [(r, r) for r in range(start, start + spare)]


def procurement_row(form: layout.Form) -> int | None:
    """The sheet row of 是否含有政府购买服务 (a pair row of the facts block, before any narrative)."""
    for i, cells in enumerate(form.facts):
        if cells and cells[0].text == "是否含有政府购买服务：":
            return 4 + i  # below the title, the year and the department
        if cells and cells[-1].kind == "narrative":
            return None
    return None


# --- the workbook ------------------------------------------------------------------------------------


def scope_of(projects: Sequence[Project], department: str | None, year: int | None,
             framework: str | None) -> Scope:
    head = projects[0] if projects else None
    code = framework or (head.framework if head else None) or DEFAULT_FRAMEWORK
    try:
        fw = frameworks.get(code)
    except KeyError:
        fw = frameworks.get(DEFAULT_FRAMEWORK)
    return Scope(department=department or (head.department if head else None),
                 year=year or (head.year if head else None), framework=fw)


def write_template(projects: Iterable[Project], stream: BinaryIO, *, department: str | None = None,
                   year: int | None = None, framework: str | None = None) -> int:
    """The template for ``projects`` (a blank form for ``department`` and ``year`` when there are
    none). Returns the number of projects written."""
    wb = Workbook(write_only=True)
    for look in xlsx.ALL_LOOKS:
        wb.add_named_style(look.named_style())
    head, every = xlsx._peek(iter(projects))
    scope = scope_of(head, department, year, framework)
    write_notes(wb.create_sheet(NOTES_SHEET), scope)
    taken = {NOTES_SHEET.casefold(), LISTS_SHEET.casefold()}
    index = xlsx.start_index(wb) if len(head) > 1 else None
    if index:
        taken.add(xlsx.INDEX_TITLE.casefold())
    blank = Project(name=None, department=scope.department, year=scope.year, framework=scope.framework.code)
    count = 0
    for number, project in enumerate(every if head else [blank], start=1):
        title = xlsx.sheet_title(project.name, taken, fallback="新项目" if project is blank else f"项目{number}")
        ws = wb.create_sheet(title)
        form = layout.project_form(project)
        spare = BLANK_ROWS if project is blank else SPARE_ROWS
        header = xlsx.write_form(ws, form, notes=header_notes(form.header, scope), spare=spare)
        add_validations(ws, form, header, spare, scope)
        ws.close()
        xlsx.forget_written(ws)
        ws.data_validations = DataValidationList()  # written; the comments are written with the workbook
        if index:
            xlsx.add_to_index(index, number, project, title)
        count += project is not blank
    write_lists(wb, wb.create_sheet(LISTS_SHEET), scope.framework)
    wb.save(stream)
    return count


def write(items: Iterable[Item], stream: BinaryIO) -> None:
    write_template(iter_projects(items), stream)


register(Exporter(
    name="xlsx-template", extension=".xlsx",
    media_type=XLSX_MEDIA_TYPE, write=write,
    title="Excel 填报模板（官方表样，带下拉列表和填写说明，填好后可导入）",
    title_en="Excel template to fill in offline and import: the official layout with drop-down lists and notes",
    binary=True,
))
