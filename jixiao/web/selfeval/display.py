"""How a scored self-evaluation is shown: rows with merged 一级/二级 cells, each score with its words
in the page's language, and what is still missing before it can be submitted."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import get_language

from jixiao.core.errors import InputError
from jixiao.core.score import IndicatorScore, ScoreReport
from jixiao.core.score_settings import percent, points
from jixiao.web.projects.presentation import describe_target, indicator_table


def english() -> bool:
    return (get_language() or "").startswith("en")


def words(zh: str, en: str) -> str:
    return en if english() else zh


@dataclass
class RowView:
    n: int
    scored: IndicatorScore
    level1_span: int
    level2_span: int
    understood: str
    judged: bool  # scored by band (qualitative, or an actual that cannot be measured)
    weight: str
    score: str
    explanation: str
    missing_reason: bool
    errors: dict[str, list[str]] = field(default_factory=dict)

    @property
    def row(self) -> Any:
        return self.scored.row


def row_views(report: ScoreReport, errors: list[InputError] | None = None) -> list[RowView]:
    by_field: dict[str, list[str]] = {}
    for e in errors or ():
        by_field.setdefault(e.field or "", []).append(words(e.message, e.message_en))
    table = indicator_table(tuple(r.row.indicator for r in report.indicators))
    out = []
    for n, (r, t) in enumerate(zip(report.indicators, table, strict=True)):
        target = r.row.indicator.target
        out.append(RowView(
            n=n, scored=r, level1_span=t.level1_span, level2_span=t.level2_span, understood=describe_target(target),
            judged=r.rule in ("band", "unjudged") or target.kind not in ("numeric", "deadline"),
            weight=points(r.effective_weight) if r.effective_weight is not None else "—",
            score=points(r.score) if r.score is not None else "—",
            explanation=words(r.explanation, r.explanation_en),
            missing_reason=r.needs_explanation and not (r.row.deviation_reason or "").strip(),
            errors={key.rpartition(".")[2]: found for key, found in by_field.items()
                    if key.startswith(f"indicators[{n}].")}))
    return out


def summary(report: ScoreReport) -> dict[str, Any]:
    ex = report.execution
    return {
        "execution_rate": percent(ex.rate) if ex.rate is not None else "—",
        "execution_weight": points(ex.effective_weight), "execution_score": points(ex.score),
        "execution_explanation": words(ex.explanation, ex.explanation_en),
        "total": points(report.total), "grade": report.grade,
        "notes": [words(d.message, d.message_en) for d in report.diagnostics],
        "missing": sum(1 for r in report.indicators if r.needs_explanation and not (r.row.deviation_reason or "").strip()),
    }


# The official forms' fixed words stay as printed (they are the stored values and what the exports
# write, as the review pages keep 优/良/中/差); English pages add a gloss beside them.
GLOSS = {
    "达成": "met", "部分达成": "partly met", "未达成": "not met",  # 财预〔2020〕10号 bands
    "经费保障": "funding", "制度保障": "rules and procedures", "人员保障": "staffing",
    "硬件条件保障": "equipment and facilities", "其他": "other",  # deviation reasons (监控表)
    "确定能": "certain", "有可能": "possible", "完全不可能": "impossible",  # likelihood of reaching the target
}
UNITS_EN = {"元": "yuan", "万元": "10,000 yuan"}


def gloss(word: str) -> str:
    """"部分达成" in Chinese, "部分达成 · partly met" in English."""
    en = GLOSS.get(word)
    return f"{word} · {en}" if en and english() else word


def money_unit(unit: str | None) -> str:
    unit = unit or "元"
    return UNITS_EN.get(unit, unit) if english() else unit
