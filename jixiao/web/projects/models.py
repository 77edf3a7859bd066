"""Stored target tables. Business rules live in the services and in ``jixiao.core``, not here;
``mapping.py`` is the one place that turns these rows into core objects and back."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jixiao.web.accounts.models import Department
from jixiao.web.orm import JSONText

MONEY: dict[str, Any] = {"max_digits": 20, "decimal_places": 2, "null": True, "blank": True}
# How a revision came about.
IMPORT, REIMPORT, CREATE, COPY, UPDATE = "import", "reimport", "create", "copy", "update"
# An approved table changed through a new revision that is reviewed again (调整; jixiao.web.review).
ADJUST = "adjust"


class SourceDocument(models.Model):
    """A file that was imported: its name and hash are the provenance of the projects it brought."""

    name = models.CharField(_("文件名"), max_length=500)
    sha256 = models.CharField(max_length=64, unique=True)
    size = models.BigIntegerField(default=0)
    format = models.CharField(max_length=20, default="text")
    encoding = models.CharField(max_length=40, null=True, blank=True)
    diagnostics = models.JSONField(default=list, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)
    imported_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+")

    class Meta:
        verbose_name = _("来源文件")
        verbose_name_plural = _("来源文件")

    def __str__(self) -> str:
        return self.name


class Project(models.Model):
    """One project's target table (财政项目支出绩效目标表) in its current version."""

    # No index of its own: the unique (department, year, name) serves lookups by department.
    department = models.ForeignKey(Department, on_delete=models.PROTECT, related_name="projects",
                                   verbose_name=_("申报单位"), db_index=False)
    year = models.IntegerField(_("年度"))
    name = models.CharField(_("项目名称"), max_length=500)
    category = models.CharField(_("项目类别"), max_length=200, null=True, blank=True)
    performance_type = models.CharField(_("绩效类型"), max_length=200, null=True, blank=True)
    start_date = models.DateField(_("计划开始日期"), null=True, blank=True)
    end_date = models.DateField(_("计划完成日期"), null=True, blank=True)
    government_procurement = models.BooleanField(_("是否含有政府购买服务"), null=True, blank=True)
    overview = models.TextField(_("项目概况"), null=True, blank=True)
    basis = models.TextField(_("立项依据"), null=True, blank=True)
    necessity = models.TextField(_("项目设立的必要性"), null=True, blank=True)
    safeguards = models.TextField(_("保证项目实施的制度、措施"), null=True, blank=True)
    implementation_plan = models.TextField(_("项目实施计划"), null=True, blank=True)
    goals = models.TextField(_("总目标及阶段性目标"), null=True, blank=True)
    budget_total = models.DecimalField(_("项目总预算"), **MONEY)
    budget_current_year = models.DecimalField(_("项目当年预算"), **MONEY)
    budget_previous_year = models.DecimalField(_("同名项目上年预算额"), **MONEY)
    budget_previous_year_executed = models.DecimalField(_("同名项目上年预算执行数"), **MONEY)
    budget_unit = models.CharField(max_length=10, default="元")
    budget_source_unit = models.CharField(max_length=10, default="元")
    framework = models.CharField(max_length=50, null=True, blank=True)
    extra = models.JSONField(default=list, blank=True)
    diagnostics = models.JSONField(default=list, blank=True)
    source_document = models.ForeignKey(SourceDocument, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="projects")
    source_line = models.IntegerField(null=True, blank=True)
    # What the table says (canonical JSON without provenance), hashed: re-importing it changes nothing.
    content_sha256 = models.CharField(max_length=64)
    # Name and narrative fields in one column: Chinese has no word breaks, search is by substring.
    search_text = models.TextField(default="", blank=True)
    indicator_count = models.IntegerField(default=0)
    quantified_count = models.IntegerField(default=0)
    version = models.IntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("项目")
        verbose_name_plural = _("项目")
        constraints = [models.UniqueConstraint(fields=["department", "year", "name"],
                                               name="project_unique_per_department_year")]
        indexes = [
            models.Index(fields=["year", "department"]),
            models.Index(fields=["year", "budget_current_year"]),
            models.Index(fields=["year", "category"]),
            models.Index(fields=["year", "performance_type"]),
            models.Index(fields=["name"]),
            # The list's sorts within a department and year, and the default sort (newest year, then name):
            # the whole of it from the index alone (a searched list reads every project in that order).
            models.Index(fields=["department", "year", "budget_current_year"]),
            models.Index(fields=["-year", "name", "id", "department"], name="project_default_order"),
        ]

    def __str__(self) -> str:
        return f"{self.year} {self.name}"


class Indicator(models.Model):
    """One row of the indicator table; ``year`` and ``department`` repeat the project's for the overview."""

    # No index of its own: (project, position) below serves lookups by project.
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="indicators", db_index=False)
    year = models.IntegerField()
    # The project's department, copied (as ``year`` is) so that the overview counts a department's
    # indicators from one index. It is not a constraint of its own: every indicator row is written from
    # its project, whose department the database does check, and a department with projects cannot be
    # deleted. A foreign-key check here cost each imported indicator a lookup and a row lock on its
    # department at commit: 7 % of PostgreSQL's time per imported project (bench/bench_web.py).
    department = models.ForeignKey(Department, on_delete=models.DO_NOTHING, related_name="+", db_constraint=False,
                                   db_index=False)
    position = models.IntegerField()
    level1 = models.CharField(_("一级目标"), max_length=200, null=True, blank=True)
    level2 = models.CharField(_("二级目标"), max_length=200, null=True, blank=True)
    name = models.CharField(_("三级目标"), max_length=500, null=True, blank=True)
    target_raw = models.TextField(_("指标目标值"), default="", blank=True)
    target_kind = models.CharField(max_length=20, default="missing")
    target_op = models.CharField(max_length=10, null=True, blank=True)
    target_value = models.CharField(max_length=100, null=True, blank=True)
    target_unit = models.CharField(max_length=50, null=True, blank=True)
    target_end = models.CharField(max_length=50, null=True, blank=True)
    nature = models.CharField(max_length=100, null=True, blank=True)
    direction = models.CharField(max_length=20, null=True, blank=True)
    measure_unit = models.CharField(max_length=50, null=True, blank=True)
    weight = models.DecimalField(max_digits=10, decimal_places=4, null=True, blank=True)
    standard = models.TextField(null=True, blank=True)
    note = models.TextField(null=True, blank=True)
    source = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["project", "position"]
        indexes = [models.Index(fields=["project", "position"]),
                   models.Index(fields=["year", "department", "level1", "level2", "target_kind"])]


class Revision(models.Model):
    """One change to a project: who, when, how, and the project's canonical JSON after it.

    The state before a change is the previous revision's snapshot, so each state is stored once.
    Written in the same transaction as the change itself.
    """

    class Action(models.TextChoices):
        IMPORT = IMPORT, _("导入")
        REIMPORT = REIMPORT, _("更正导入")
        CREATE = CREATE, _("新建")
        COPY = COPY, _("由上年同名项目复制")
        UPDATE = UPDATE, _("编辑")
        ADJUST = ADJUST, _("调整")

    # No index of its own: the unique (project, version) serves lookups by project.
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="revisions", db_index=False)
    version = models.IntegerField()
    action = models.CharField(max_length=20, choices=Action.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    snapshot = JSONText()
    source_document = models.ForeignKey(SourceDocument, on_delete=models.SET_NULL, null=True, blank=True,
                                        related_name="+")

    class Meta:
        ordering = ["project", "-version"]
        constraints = [models.UniqueConstraint(fields=["project", "version"], name="revision_unique_version")]
