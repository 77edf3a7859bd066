"""The texts the built-in rules come from, named once.

Regulations are cited by document and by the requirement in it (the requirement's own words,
abridged); article numbers are left out because the numbering differs between the published
versions we could compare. Practice rules say what reviewers do and where it is written down.
"""

from __future__ import annotations

from jixiao.core.review.registry import Citation

MOF_2015_88 = "财预〔2015〕88号《中央部门预算绩效目标管理办法》"
MOF_2020_10 = "财预〔2020〕10号《项目支出绩效评价管理办法》"
MOF_2021_101 = "财预〔2021〕101号《中央部门项目支出核心绩效目标和指标设置及取值指引（试行）》"
SHANGHAI_2020 = "上海市财政局项目支出绩效目标表（2020年度）"
PRACTICE = "审核实务（documented practice）"

COMPLETENESS = Citation(
    MOF_2015_88, "绩效目标审核·完整性审核：绩效目标的内容是否完整，绩效目标是否明确、清晰",
    "target review, completeness: is the content complete, are the targets clear and specific")
FORM = Citation(
    SHANGHAI_2020, "表头各栏（申报单位、项目名称、计划开始/完成日期、项目总预算、项目当年预算等）均为必填项",
    "every header field of the form (department, project, planned dates, total and current budget) is required")
INDICATOR_TREE = Citation(
    MOF_2015_88, "绩效指标：产出指标（数量、质量、时效、成本）、效益指标（经济、社会、生态效益，可持续影响）、满意度指标",
    "indicators: outputs (quantity, quality, timeliness, cost), effects, satisfaction")
SATISFACTION = Citation(
    MOF_2020_10, "附件 项目支出绩效评价指标体系框架：满意度指标——社会公众或服务对象满意度",
    "annex, evaluation framework: satisfaction of the public or of those served")
QUANTIFY = Citation(
    MOF_2015_88, "绩效目标设定要求·细化量化：尽量进行定量表述，不能以量化形式表述的，可以采用定性的分级分档形式表述",
    "targets are broken down and quantified; qualitative only where no number is possible, then graded")
RELEVANCE = Citation(
    MOF_2015_88, "绩效目标审核·相关性审核：是否对申报的绩效目标设定了相关联的绩效指标，绩效指标是否细化、量化",
    "target review, relevance: do the indicators belong to the targets, are they specific and quantified")
APPROPRIATENESS = Citation(
    MOF_2015_88, "绩效目标审核·适当性审核：资金规模与绩效目标之间是否匹配",
    "target review, appropriateness: are the money and the targets in proportion")
MATCHING = Citation(
    MOF_2015_88, "绩效目标设定要求·相应匹配：与预算确定的投资额或资金量相匹配",
    "targets correspond to the amount of money budgeted")
FEASIBILITY = Citation(
    MOF_2015_88, "绩效目标审核·可行性审核：绩效目标是否经过充分论证和合理测算，能否确保如期实现",
    "target review, feasibility: are the targets reasoned and reachable in time")
COST_CEILING = Citation(
    PRACTICE, "成本指标是控制上限，应写作“≤”；写作“≥/>”等于鼓励多花钱（参见" + MOF_2021_101 + "成本指标）",
    "a cost indicator is a ceiling (≤); a lower bound rewards spending more (see MOF 2021/101 on cost indicators)",
    kind="practice")
PLACEHOLDER = Citation(
    PRACTICE, "指标名称须说明衡量什么；“数量1”“其他指标”之类占位名称审核时一律退回（domain.md §4）",
    "an indicator's name must say what it measures; placeholders such as 数量1 or 其他指标 are sent back",
    kind="practice")
BRANCH_ECHO = Citation(
    PRACTICE, "三级指标重复二级目标名称（如 投入管理/投入管理）不构成可衡量的指标（domain.md §4）",
    "an indicator named like its own branch (投入管理/投入管理) measures nothing", kind="practice")
DUPLICATE = Citation(
    PRACTICE, "同一指标在一个项目中重复设置，重复计分、虚增目标（domain.md §4）",
    "the same indicator twice in one project counts it twice", kind="practice")
VAGUE_STANDARD = Citation(
    PRACTICE, "“达标”须写明所达标准（行业标准、计划标准等），否则无法评价（" + MOF_2015_88 + "绩效标准）",
    "达标 must name the standard met (industry, plan …), otherwise it cannot be evaluated", kind="practice")
MISPLACED = Citation(
    PRACTICE, "产出包装成效益、满意度替代效益、管理类指标充作效果，均属指标与目标不对应（domain.md §4；"
    + MOF_2021_101 + "）", "outputs dressed as effects, satisfaction or management standing in for effects",
    kind="practice")
IMPORT_REPAIR = Citation(
    PRACTICE, "导入时按版式修复了该行（合并单元格、分页错位等），审核前应对照原件核实",
    "the reader repaired this row on import (merged cells, page breaks); check it against the source",
    kind="practice")
