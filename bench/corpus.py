"""A seeded generator of synthetic target tables with the seed's variety of fields, values and damage.

    generate_projects(n, seed)          -> core Projects (for the web, review and export benchmarks)
    render_document(projects, rng)      -> text in the seed's layout, damaged as real extraction damages it
    write_corpus(directory, n, seed)    -> files of about eight projects each, like the published document
    read_back(projects, seed)           -> those projects as the reader gets them from such files

Pools come from the seed itself (its narratives, indicator rows and target values), recombined with
fresh names, budgets and numbers, so the corpus looks like the seed without copying it.

    .venv/bin/python bench/corpus.py OUT_DIR [--projects 10000] [--seed 1]
"""

from __future__ import annotations

import argparse
import random
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from decimal import Decimal
from functools import cache
from pathlib import Path

from jixiao.core import values
from jixiao.core.model import Budget, Indicator, Project
from jixiao.core.read import read_bytes, read_path

SEED = Path(__file__).parents[1] / "tests" / "data" / "seed" / "shanghai-2020-commerce.txt"
DEPARTMENTS = ["上海市商务委员会", "上海市财政局", "上海市教育委员会", "上海市卫生健康委员会", "上海市交通委员会",
               "上海市农业农村委员会", "上海市生态环境局", "上海市文化和旅游局", "上海市科学技术委员会", "上海市民政局"]
SUBJECTS = ["口岸", "会展", "消费", "家政", "供应链", "电子商务", "外贸", "服务贸易", "老字号", "夜间经济", "社区商业",
            "菜市场", "冷链物流", "跨境电商", "品牌", "诚信体系", "标准化", "统计监测", "信息化", "人才培训"]
KINDS = ["专项资金", "运维经费", "建设项目", "补贴资金", "宣传推广", "评审审计", "培训项目", "监测服务"]
CATEGORIES = ["其他一次性项目", "专项资金", "经常性专项业务费"]
TYPES = ["政策补贴类", "其他类", "政府购买服务类", "设备购置类"]
NUMBER_UNITS = ["家", "人", "人次", "名", "个", "次", "项", "场", "篇", "份", "%", "户", "辆"]


@cache
def _seed_projects() -> tuple[Project, ...]:
    return read_path(SEED).projects


def _pools() -> tuple[dict[str, list[str]], list[Indicator], list[str]]:
    narratives: dict[str, list[str]] = {}
    rows: list[Indicator] = []
    raws: list[str] = []
    for p in _seed_projects():
        for field in ("overview", "basis", "necessity", "safeguards", "implementation_plan", "goals"):
            text = getattr(p, field)
            if text:
                narratives.setdefault(field, []).append(text)
        rows.extend(i for i in p.indicators if i.name and i.target.raw)
        raws.extend(i.target.raw for i in p.indicators if i.target.raw)
    return narratives, rows, raws


def _fresh_value(rng: random.Random, raws: list[str], year: int) -> str:
    roll = rng.random()
    if roll < 0.45:
        return rng.choice(raws)
    if roll < 0.75:
        op = rng.choice(["", "=", ">", ">=", "≥", "<=", "≤"])
        unit = rng.choice(NUMBER_UNITS)
        number = rng.choice([rng.randint(1, 100), rng.randint(100, 50000), rng.randint(1, 99)])
        return f"{op}{min(number, 100) if unit == '%' else number}{unit}"
    if roll < 0.85:
        return rng.choice([f"<={rng.randint(1, 12)}月{rng.randint(1, 28)}日", f"={year}年", f"{year}年底前",
                           f"{year}年{rng.randint(1, 12)}月底前"])
    return rng.choice(["合理", "健全", "有效", "规范", "达标", "较好", "满意", "及时", "完善", "稳定"])


def _narrative(rng: random.Random, pool: dict[str, list[str]], field: str) -> str:
    text = rng.choice(pool[field])
    cut = rng.randint(min(len(text), 20), len(text))
    # no space left at the cut: a published cell never ends in one (readers trim cells), so an exported
    # and re-read project would differ from the generated one by it
    return text[:cut].rstrip("，、 \t\n") or text


def generate_projects(n: int, seed: int = 1) -> list[Project]:
    """n synthetic projects, the same for the same seed."""
    rng = random.Random(seed)
    narratives, rows, raws = _pools()
    by_branch: dict[tuple[str | None, str | None], list[Indicator]] = {}
    for row in rows:
        by_branch.setdefault((row.level1, row.level2), []).append(row)
    branches = sorted(by_branch, key=str)
    projects = []
    for k in range(n):
        year = rng.choice([2019, 2020, 2021, 2022])
        total = Decimal(rng.randint(50, 200000) * 1000)
        picked = sorted(rng.sample(branches, rng.randint(4, min(12, len(branches)))), key=branches.index)
        indicators = []
        for branch in picked:
            for row in rng.sample(by_branch[branch], min(len(by_branch[branch]), rng.randint(1, 3))):
                raw = _fresh_value(rng, raws, year)
                indicators.append(replace(row, target=values.parse(raw, year)))
        projects.append(Project(
            name=f"{rng.choice(SUBJECTS)}{rng.choice(KINDS)}（{k:05d}）",
            department=rng.choice(DEPARTMENTS), year=year, category=rng.choice(CATEGORIES),
            start_date=date(year, 1, 1), end_date=date(year, rng.choice([6, 12]), 30 if rng.random() < 0.5 else 1),
            government_procurement=rng.random() < 0.4, performance_type=rng.choice(TYPES),
            budget=Budget(total=total, current_year=total,
                          previous_year=total if rng.random() < 0.8 else None,
                          previous_year_executed=total if rng.random() < 0.6 else None),
            framework="shanghai-2020", indicators=tuple(indicators),
            **{f: _narrative(rng, narratives, f) for f in narratives},
        ))
    return projects


# --- rendering in the seed's layout, with its damage --------------------------------------------------


def _money(amount: Decimal | None) -> str:
    return "" if amount is None else f"{int(amount):,}"


def _title_lines(p: Project, rng: random.Random) -> list[str]:
    roll = rng.random()
    if roll < 0.1:  # title, year and department merged into one line
        return [f"财政项目支出绩效目标表 ({p.year}年度) 申报单位名称：{p.department}\t\t\t"]
    if roll < 0.2:  # split across blank lines
        return ["财政项目支出绩效目标表", "", f"({p.year}年度)", "", f"申报单位名称：{p.department}", ""]
    return ["财政项目支出绩效目标表\t\t\t", f"({p.year}年度)\t\t\t", f"申报单位名称：{p.department}\t\t\t"]


def _narrative_lines(p: Project, rng: random.Random) -> list[str]:
    labels = [("项目概况：", p.overview), ("立项依据：", p.basis), ("项目设立的必要性：", p.necessity),
              ("保证项目实施的制度、措施：", p.safeguards), ("项目实施计划：", p.implementation_plan),
              ("总目标及阶段性目标：", p.goals)]
    lines: list[str] = []
    for label, text in labels:
        text = text or ""
        roll = rng.random()
        cut = len(text) // 2
        if roll < 0.05 and len(text) > 30 and text[cut - 1].isalnum():
            # the first part stands before a vertically centred label
            lines += [f"\t{text[:cut]}\t\t", f"{label}\t{text[cut:]}\t\t"]
        elif roll < 0.1:  # the value below its label, after a blank line
            lines += [label, "", text, ""]
        elif roll < 0.15:  # HTML remnants
            lines.append(f"{label}\t<p>{text}</p>\t\t")
        else:
            lines.append(f"{label}\t{text}\t\t")
    return lines


def _indicator_lines(p: Project, rng: random.Random) -> list[str]:
    lines = ["一级目标\t二级目标\t三级目标\t指标目标值"]
    last1 = last2 = None
    for ind in p.indicators:
        l1 = ind.level1 if ind.level1 != last1 else ""
        l2 = ind.level2 if (ind.level2 != last2 or l1) else ""
        last1, last2 = ind.level1, ind.level2
        raw = ind.target.raw
        roll = rng.random()
        if roll < 0.02 and l1 and l2:  # the row drifts one column right and loses its value
            lines.append(f"\t{l1}\t{l2}\t{ind.name}")
        elif roll < 0.04 and not l1 and l2:  # a 二级 lands in the 一级 column
            lines.append(f"{l2}\t\t{ind.name}\t{raw}")
        elif roll < 0.05 and not l1 and l2:  # a row of three cells, one column left
            lines.append(f"{l2}\t{ind.name}\t{raw}\t")
        else:
            lines.append(f"{l1}\t{l2}\t{ind.name}\t{raw}")
    return lines


def render_project(p: Project, rng: random.Random) -> list[str]:
    gp = "是" if p.government_procurement else "否"
    lines = [
        *_title_lines(p, rng),
        f"项目名称：\t{p.name}\t项目类别：\t{p.category}",
        f"计划开始日期：\t{p.start_date}\t计划完成日期：\t{p.end_date}",
        f"是否含有政府购买服务：\t{gp}\t绩效类型：\t{p.performance_type}",
        *_narrative_lines(p, rng),
    ]
    b, unit = p.budget, rng.choice(["（元）", "(元)"])
    lines += ["", "本项目上年度市级财政资金使用情况\t\t\t",
              f"项目总预算{unit}：\t{_money(b.total)}\t项目当年预算{unit}：\t{_money(b.current_year)}",
              f"同名项目上年预算额{unit}：\t{_money(b.previous_year)}\t同名项目上年预算执行数{unit}：\t"
              f"{_money(b.previous_year_executed)}",
              "", f"{p.year}年绩效目标", ""]
    return lines + _indicator_lines(p, rng) + [""]


def render_document(projects: list[Project], rng: random.Random) -> str:
    lines = ["", ""]
    for p in projects:
        lines += render_project(p, rng)
    return "\n".join(lines) + "\n"


def _documents(projects: list[Project], seed: int, per_file: int) -> Iterator[tuple[str, str]]:
    """(file name, text) of the projects rendered ``per_file`` to a document."""
    rng = random.Random(seed + 1)
    for start in range(0, len(projects), per_file):
        yield f"corpus-{start // per_file:05d}.txt", render_document(projects[start:start + per_file], rng)


def write_corpus(directory: Path, n: int, seed: int = 1, per_file: int = 8) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in _documents(generate_projects(n, seed), seed, per_file):
        path = directory / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def read_back(projects: list[Project], seed: int = 1, per_file: int = 8) -> list[Project]:
    """The projects as an import gets them: rendered eight to a document, damaged, and read by the reader,
    so that they carry what real ones do (each indicator's source line, the reader's diagnostics)."""
    return [p for name, text in _documents(projects, seed, per_file)
            for p in read_bytes(text.encode("utf-8"), name).projects]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", type=Path)
    parser.add_argument("--projects", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    written = write_corpus(args.out, args.projects, args.seed)
    print(f"wrote {len(written)} files with {args.projects} projects to {args.out}")
