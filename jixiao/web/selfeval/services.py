"""The self-evaluation services — start, save, upload, submit, return, approve — one place for the
pages and the API.

Each function takes the access helper first, asks the self-evaluation workflow
(``jixiao.core.selfeval_workflow``) whether this actor may act now, and writes the change and its
audit event in one ``transaction.atomic()``. Scores are always computed by ``jixiao.core.score`` with
the settings in force; the stored total and grade are a copy for lists.
"""

from __future__ import annotations

import dataclasses
from decimal import Decimal

from django.contrib.auth.models import User
from django.db import transaction

from jixiao.core import workflow as wf
from jixiao.core.blank import blank_selfeval
from jixiao.core.errors import InputError
from jixiao.core.score import ScoreReport, score_selfeval
from jixiao.core.selfeval import EvaluatedIndicator, SelfEvaluation, selfeval_to_dict
from jixiao.core.selfeval_workflow import SELF_EVALUATION
from jixiao.core.selfeval_xlsx import read_selfeval_xlsx
from jixiao.web.errors import (
    Conflict,
    Invalid,  # re-exported: views catch <module>.Invalid
)
from jixiao.web.projects import access as project_access
from jixiao.web.projects import mapping as project_mapping
from jixiao.web.selfeval import mapping
from jixiao.web.selfeval.access import EvaluationAccess, evaluation_access
from jixiao.web.selfeval.models import CREATE, SAVE, UPLOAD, Evaluation, Event
from jixiao.web.selfeval.scoring import active_settings

MAX_MONEY = Decimal(10) ** 17
MAX_TEXT = 5000


def score(ev: SelfEvaluation) -> ScoreReport:
    return score_selfeval(ev, active_settings())


def record(obj: Evaluation, action: str, actor: User, before: str, ev: SelfEvaluation, report: ScoreReport,
           comment: str = "") -> Event:
    """The audit event of one change; called inside the transaction of the change itself."""
    return Event.objects.create(evaluation=obj, action=action, actor=actor, from_state=before, to_state=obj.state,
                                version=obj.version, comment=comment, total=report.total, grade=report.grade,
                                snapshot=selfeval_to_dict(ev))


def start(actor: User, project_pk: int | str, *, demo: bool = False) -> Evaluation:
    """The project's self-evaluation, begun from its targets if there is none yet."""
    with transaction.atomic():
        grant = project_access.project_access(actor, project_pk, for_update=True)
        existing = Evaluation.objects.filter(project=grant.project).first()
        if existing is not None:
            return existing
        project = grant.require_edit()
        ev = blank_selfeval(project_mapping.project_to_core(project))
        report = score(ev)
        obj = Evaluation(project=project, updated_by=actor, demo=demo, total=report.total, grade=report.grade)
        mapping.set_evaluation_fields(obj, ev)
        obj.save()
        mapping.replace_rows(obj, ev)
        record(obj, CREATE, actor, wf.DRAFT, ev, report)
    return obj


# --- checking what was entered -------------------------------------------------------------------


def _error(field: str, zh: str, en: str) -> InputError:
    return InputError(zh, en, field=field)


def _money_errors(ev: SelfEvaluation) -> list[InputError]:
    errors = []
    for attr in ("initial_budget", "full_year_budget", "executed"):
        value = getattr(ev.execution, attr)
        exponent = value.as_tuple().exponent if value is not None else 0
        if value is not None and (value < 0 or value >= MAX_MONEY or (isinstance(exponent, int) and exponent < -2)):
            errors.append(_error(attr, f"金额 {value} 无效（应为非负数，最多两位小数）",
                                 f"amount {value} is invalid (non-negative, at most two decimal places)"))
    return errors


def _row_errors(n: int, row: EvaluatedIndicator) -> list[InputError]:
    errors = []
    for attr, zh, en in (("weight", "分值", "weight"), ("score", "得分", "score")):
        value = getattr(row, attr)
        if value is not None and not Decimal(0) <= value <= Decimal(100):
            errors.append(_error(f"indicators[{n}].{attr}", f"第 {n + 1} 行：{zh}应在 0 到 100 之间",
                                 f"row {n + 1}: the {en} must be between 0 and 100"))
    for attr in ("actual", "deviation_reason"):
        if len(getattr(row, attr) or "") > MAX_TEXT:
            errors.append(_error(f"indicators[{n}].{attr}", f"第 {n + 1} 行：文字过长（最多 {MAX_TEXT} 字）",
                                 f"row {n + 1}: too long ({MAX_TEXT} characters at most)"))
    return errors


def _clean(text: str | None) -> str | None:
    text = (text or "").strip()
    return text or None


def merged(stored: SelfEvaluation, given: SelfEvaluation) -> SelfEvaluation:
    """What a person entered, on the stored form: the indicators and their targets are the stored
    ones (a self-evaluation measures the approved targets; it does not change them), matched by
    position; the header's name and department are the project's."""
    if len(given.indicators) != len(stored.indicators):
        raise _error("indicators", f"应有 {len(stored.indicators)} 行指标，收到 {len(given.indicators)} 行",
                     f"expected {len(stored.indicators)} indicator rows, got {len(given.indicators)}")
    rows = tuple(dataclasses.replace(g, indicator=s.indicator, actual=_clean(g.actual),
                                     deviation_reason=_clean(g.deviation_reason))
                 for s, g in zip(stored.indicators, given.indicators, strict=True))
    header = dataclasses.replace(stored.project, implementer=_clean(given.project.implementer))
    return dataclasses.replace(given, project=header, indicators=rows, goal_expected=_clean(given.goal_expected),
                               goal_actual=_clean(given.goal_actual), conclusion=_clean(given.conclusion),
                               total=None, grade=None, execution=dataclasses.replace(given.execution, weight=None,
                                                                                    score=None))


def validate(ev: SelfEvaluation) -> SelfEvaluation:
    errors = _money_errors(ev)
    for n, row in enumerate(ev.indicators):
        errors += _row_errors(n, row)
    if errors:
        raise Invalid(errors)
    return ev


def missing_before_submit(report: ScoreReport) -> list[InputError]:
    """What must be filled in before the form goes for review: every applicable row's 实际完成值, and
    偏差原因分析及改进措施 wherever the core says one is needed (a shortfall, or over-achievement at or
    above the threshold — 财预〔2020〕10号 第十五条)."""
    errors = []
    for n, r in enumerate(report.indicators):
        row, name = r.row, r.row.indicator.name or ""
        if row.applicable and not (row.actual or "").strip():
            errors.append(_error(f"indicators[{n}].actual", f"第 {n + 1} 行“{name}”：未填写实际完成值",
                                 f"row {n + 1} ({name}): the actual value is missing"))
        elif r.needs_explanation and not (row.deviation_reason or "").strip():
            flag = next((d for d in r.diagnostics if d.code == "explanation-missing"), None)
            zh = flag.message if flag else "须填写偏差原因分析及改进措施"
            en = flag.message_en if flag else "an explanation is required"
            errors.append(_error(f"indicators[{n}].deviation_reason", f"第 {n + 1} 行“{name}”：{zh}",
                                 f"row {n + 1} ({name}): {en}"))
    if report.execution.rate is None:
        errors.append(_error("executed", "请填写全年预算数和全年执行数", "enter the full-year budget and spending"))
    return errors


# --- saving and the workflow ---------------------------------------------------------------------


def _check_version(obj: Evaluation, expected: int | None) -> None:
    if expected is not None and expected != obj.version:
        raise Conflict(f"自评表已被他人修改（当前版本 {obj.version}，您编辑的是版本 {expected}）。您的修改未保存，请重新打开后再改。",
                       f"someone else changed this self-evaluation (now version {obj.version}, you edited version "
                       f"{expected}). Your changes were not saved; reopen it and edit again.",
                       current_version=obj.version)


def _store(actor: User, grant: EvaluationAccess, given: SelfEvaluation, action: str,
           expected_version: int | None) -> tuple[SelfEvaluation, ScoreReport]:
    obj = grant.require_edit()
    _check_version(obj, expected_version)
    ev = validate(merged(mapping.evaluation_to_core(obj), given))
    report = score(ev)
    mapping.set_evaluation_fields(obj, ev)
    obj.version += 1
    obj.total, obj.grade, obj.updated_by = report.total, report.grade, actor
    obj.save()
    mapping.replace_rows(obj, ev)
    record(obj, action, actor, obj.state, ev, report)
    return ev, report


def _transition(actor: User, grant: EvaluationAccess, action: str, ev: SelfEvaluation, report: ScoreReport,
                comment: str) -> None:
    grant.require(action)
    obj = grant.evaluation
    if action in (wf.SUBMIT, wf.RESUBMIT):
        errors = missing_before_submit(report)
        if errors:
            raise Invalid(errors)
    if action == wf.RETURN and not comment:
        raise _error("comment", "退回时请写明需要修改什么", "say what needs changing when returning it")
    before = obj.state
    obj.state = wf.next_state(before, action, SELF_EVALUATION)
    if action in (wf.SUBMIT, wf.RESUBMIT):
        obj.submitted_by = actor
    obj.save(update_fields=["state", "submitted_by", "updated_at"])
    record(obj, action, actor, before, ev, report, comment=comment)


def save(actor: User, pk: int | str, given: SelfEvaluation, expected_version: int | None, *,
         then_submit: bool = False, action: str = SAVE) -> Evaluation:
    """Store what was entered (a new version); with ``then_submit``, send it for review in the same
    transaction — nothing is stored when the submission is refused."""
    with transaction.atomic():
        grant = evaluation_access(actor, pk, for_update=True)
        ev, report = _store(actor, grant, given, action, expected_version)
        if then_submit:
            submission = wf.submission_action(grant.evaluation.state, SELF_EVALUATION) or wf.SUBMIT
            _transition(actor, grant, submission, ev, report, "")
    return grant.evaluation


def act(actor: User, pk: int | str, action: str, comment: str = "") -> Evaluation:
    """Submit (or resubmit), return or approve, as the workflow allows."""
    if action not in SELF_EVALUATION.transitions:
        raise _error("action", f"未知操作：{action}", f"unknown action: {action}")
    comment = (comment or "").strip()[:MAX_TEXT]
    with transaction.atomic():
        grant = evaluation_access(actor, pk, for_update=True)
        ev = mapping.evaluation_to_core(grant.evaluation)
        _transition(actor, grant, action, ev, score(ev), comment)
    return grant.evaluation


def preview(actor: User, pk: int | str, given: SelfEvaluation) -> ScoreReport:
    """Score what is being entered, without storing it (the form's live scoring)."""
    grant = evaluation_access(actor, pk)
    obj = grant.require_edit()
    return score(merged(mapping.evaluation_to_core(obj), given))


def from_upload(stored: SelfEvaluation, data: bytes, name: str) -> SelfEvaluation:
    """The first 自评表 of an uploaded workbook, laid over the stored form row by row (by position,
    checked by the indicator's name)."""
    read = read_selfeval_xlsx(data, name)[0]
    if len(read.indicators) != len(stored.indicators):
        raise InputError(f"上传的自评表有 {len(read.indicators)} 行指标，本项目有 {len(stored.indicators)} 行；请使用本项目的模板",
                         f"the uploaded form has {len(read.indicators)} indicator rows, this project "
                         f"{len(stored.indicators)}; use this project's template", path=name)
    for n, (s, r) in enumerate(zip(stored.indicators, read.indicators, strict=True)):
        if (s.indicator.name or "") != (r.indicator.name or ""):
            raise InputError(f"第 {n + 1} 行指标“{r.indicator.name}”与本项目的“{s.indicator.name}”不符；请使用本项目的模板",
                             f"row {n + 1} is {r.indicator.name!r}, this project's is {s.indicator.name!r}",
                             path=name, field=r.indicator.source.cell)
    header = dataclasses.replace(stored.project, implementer=read.project.implementer or stored.project.implementer)
    return dataclasses.replace(read, project=header)


def upload(actor: User, pk: int | str, name: str, data: bytes, expected_version: int | None = None) -> Evaluation:
    """Read a filled-in template (or any 自评表 of this project laid out like the official form) and store it."""
    with transaction.atomic():
        grant = evaluation_access(actor, pk, for_update=True)
        grant.require_edit()
        given = from_upload(mapping.evaluation_to_core(grant.evaluation), data, name)
        _store(actor, grant, given, UPLOAD, expected_version)
    return grant.evaluation
