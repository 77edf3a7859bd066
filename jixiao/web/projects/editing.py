"""The editing service: create, update and copy projects — one place for the pages and the API.

Each function checks permission, validates, writes the project, its indicators and a revision in one
transaction. Updates carry the version the user read (optimistic locking): if it changed meanwhile,
nothing is written and Conflict says so.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from decimal import Decimal

from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import transaction

from jixiao.core import model as core
from jixiao.core.errors import InputError
from jixiao.web.accounts.models import ADMIN, Department
from jixiao.web.accounts.services import department_of, role_of
from jixiao.web.errors import (
    Conflict,
    Invalid,  # re-exported: views catch <module>.Invalid
)
from jixiao.web.projects import access, locks, mapping
from jixiao.web.projects.models import COPY, CREATE, UPDATE, Project, Revision
from jixiao.web.projects.targets import check_target

MAX_MONEY = Decimal(10) ** 17


def _error(field: str, zh: str, en: str) -> InputError:
    return InputError(zh, en, field=field)


def validate(p: core.Project) -> core.Project:
    """The project as it will be stored (targets typed by the server), or Invalid with every problem."""
    errors: list[InputError] = []
    if not (p.name or "").strip():
        errors.append(_error("name", "项目名称不能为空", "the project name is empty"))
    elif len(p.name or "") > 500:
        errors.append(_error("name", "项目名称过长（最多 500 字）", "the project name is too long (500 characters)"))
    if p.year is None or not 1990 <= p.year <= 2100:
        errors.append(_error("year", "年度应在 1990 到 2100 之间", "the year must be between 1990 and 2100"))
    if p.start_date and p.end_date and p.start_date > p.end_date:
        errors.append(_error("end_date", "计划完成日期早于计划开始日期", "the end date is before the start date"))
    errors.extend(_money_errors(p.budget))
    indicators = []
    for n, ind in enumerate(p.indicators):
        typed, problems = _checked_indicator(n, ind, p.year)
        indicators.append(typed)
        errors.extend(problems)
    if errors:
        raise Invalid(errors)
    return dataclasses.replace(p, name=(p.name or "").strip(), indicators=tuple(indicators))


def _money_errors(budget: core.Budget) -> list[InputError]:
    errors = []
    for attr in ("total", "current_year", "previous_year", "previous_year_executed"):
        value = getattr(budget, attr)
        if value is None:
            continue
        exponent = value.as_tuple().exponent
        if value < 0 or value >= MAX_MONEY or (isinstance(exponent, int) and exponent < -2):
            errors.append(_error(f"budget_{attr}", f"金额 {value} 无效（应为非负数，最多两位小数）",
                                 f"amount {value} is invalid (non-negative, at most two decimal places)"))
    return errors


def _checked_indicator(n: int, ind: core.Indicator, year: int | None) -> tuple[core.Indicator, list[InputError]]:
    where = f"indicators[{n}]"
    errors = []
    for attr, zh, en in (("level1", "一级目标", "level 1"), ("level2", "二级目标", "level 2"),
                         ("name", "三级目标（指标名称）", "the indicator name")):
        if not (getattr(ind, attr) or "").strip():
            errors.append(_error(f"{where}.{attr}", f"第 {n + 1} 行：{zh}不能为空", f"row {n + 1}: {en} is empty"))
    check = check_target(ind.target.raw, year)
    if not check.ok:
        errors.append(_error(f"{where}.target", f"第 {n + 1} 行：{check.error}", f"row {n + 1}: {check.error_en}"))
    return dataclasses.replace(ind, target=check.value), errors


def _department_for_new(actor: User, p: core.Project) -> Department:
    access.require_create(actor)
    if role_of(actor) == ADMIN:
        if not (p.department or "").strip():
            raise Invalid([_error("department", "请选择申报单位", "choose the department")])
        return Department.objects.get_or_create(name=(p.department or "").strip())[0]
    own = department_of(actor)
    assert own is not None  # editors always have one (a database constraint)
    if p.department and p.department != own.name:
        raise PermissionDenied("不能为其他部门新建项目 / you may not create projects for another department")
    return own


def _check_unique(department: Department, p: core.Project, exclude: int | None = None) -> None:
    clash = Project.objects.filter(department=department, year=p.year, name=p.name)
    if exclude is not None:
        clash = clash.exclude(pk=exclude)
    if clash.exists():
        raise Invalid([_error("name", f"{p.year} 年度已有同名项目“{p.name}”", f"{p.year} already has a project "
                              f"named {p.name!r}")])


def create_project(actor: User, p: core.Project, action: str = CREATE) -> Project:
    with transaction.atomic():
        department = _department_for_new(actor, p)
        p = validate(dataclasses.replace(p, department=department.name))
        _check_unique(department, p)
        obj = mapping.new_project(p, department)
        obj.updated_by = actor
        obj.save()
        mapping.replace_indicators(obj, p)
        Revision.objects.create(project=obj, version=1, action=action, actor=actor, snapshot=mapping.snapshot(p))
    return obj


def update_project(actor: User, pk: int | str, p: core.Project, expected_version: int | None) -> Project:
    with transaction.atomic():
        obj = access.project_access(actor, pk, for_update=True).require_edit()
        locks.require_unlocked(obj)  # e.g. approved tables change only through an adjustment (调整)
        if expected_version != obj.version:
            raise Conflict(
                f"此项目已被他人修改（当前版本 {obj.version}，您编辑的是版本 {expected_version}）。您的修改未保存，"
                "请重新打开项目再改。",
                f"someone else changed this project (now version {obj.version}, you edited version "
                f"{expected_version}). Your changes were not saved; reopen the project and edit again.",
                current_version=obj.version)
        # Provenance and the reader's diagnostics describe the imported file, not the edit: keep them.
        p = validate(dataclasses.replace(p, department=obj.department.name, diagnostics=_stored_diagnostics(obj),
                                         source=core.SourceRef(line=obj.source_line)))
        _check_unique(obj.department, p, exclude=obj.pk)
        mapping.set_project_fields(obj, p)
        obj.version += 1
        obj.updated_by = actor
        obj.save()
        mapping.replace_indicators(obj, p)
        Revision.objects.create(project=obj, version=obj.version, action=UPDATE, actor=actor,
                                snapshot=mapping.snapshot(p))
    return obj


def _stored_diagnostics(obj: Project) -> tuple[core.Diagnostic, ...]:
    return tuple(mapping.diagnostic_from_dict(d) for d in obj.diagnostics or ())


def copy_to_next_year(actor: User, pk: int | str) -> Project:
    """Next year's project of the same name (同名项目): same facts and indicators, the year bumped,
    this year's budget as 同名项目上年预算额, targets re-typed against the new year."""
    source = access.project_access(actor, pk)
    source.require_edit()
    old = mapping.project_to_core(source.project)
    year = (old.year or 0) + 1
    new = dataclasses.replace(
        old, year=year, start_date=_shift_year(old.start_date), end_date=_shift_year(old.end_date),
        budget=dataclasses.replace(old.budget, previous_year=old.budget.current_year, previous_year_executed=None),
        indicators=tuple(dataclasses.replace(i, source=core.SourceRef()) for i in old.indicators),
        diagnostics=(), source=core.SourceRef())
    return create_project(actor, new, action=COPY)


def _shift_year(d: date | None) -> date | None:
    if d is None:
        return None
    try:
        return d.replace(year=d.year + 1)
    except ValueError:  # 29 February
        return d.replace(year=d.year + 1, day=28)
