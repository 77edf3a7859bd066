"""Stored self-evaluations (项目支出绩效自评表), their audit log, and the scoring settings.

Business rules live in ``jixiao.core`` (scoring, the workflow) and in ``services.py``; ``mapping.py``
is the one place that turns these rows into a core ``SelfEvaluation`` and back. Each row keeps the
indicator it evaluates as canonical JSON, as the target table stood when the evaluation began: the
project's indicator rows are rewritten on every edit, and the form must keep the targets it measured.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from jixiao.core import workflow as wf
from jixiao.core.selfeval import BANDS
from jixiao.web.projects.models import MONEY, Project

# The workflow's labels come from the core (no Django there), so makemessages cannot see them where they
# are translated; naming them here keeps them in this app's catalogue.
WORKFLOW_WORDS = (gettext_noop("草稿"), gettext_noop("已提交待审"), gettext_noop("已退回修改"), gettext_noop("已重新提交待审"),
                  gettext_noop("已批复"), gettext_noop("提交审核"), gettext_noop("退回修改"), gettext_noop("重新提交"),
                  gettext_noop("审核通过"), gettext_noop("发起调整"))
STATE_CHOICES = [(s, _(wf.STATE_LABELS[s][0])) for s in wf.STATES]
BAND_CHOICES = [(b, b) for b in BANDS]
SCORE: dict = {"max_digits": 12, "decimal_places": 4, "null": True, "blank": True}
# Audit actions beyond the workflow's: created, saved in the form or the API, read from an uploaded XLSX.
CREATE, SAVE, UPLOAD = "create", "save", "upload"
EVENT_CHOICES = [(CREATE, _("新建")), (SAVE, _("保存")), (UPLOAD, _("上传 Excel"))] + \
    [(a, _(wf.ACTION_LABELS[a][0])) for a in (wf.SUBMIT, wf.RETURN, wf.RESUBMIT, wf.APPROVE)]


class Evaluation(models.Model):
    """One project's year-end self-evaluation, and where it stands in review."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="self_evaluation")
    implementer = models.CharField(_("实施单位"), max_length=200, null=True, blank=True)
    initial_budget = models.DecimalField(_("年初预算数"), **MONEY)
    full_year_budget = models.DecimalField(_("全年预算数"), **MONEY)
    executed = models.DecimalField(_("全年执行数"), **MONEY)
    budget_unit = models.CharField(max_length=10, default="元")
    goal_expected = models.TextField(_("预期目标"), null=True, blank=True)
    goal_actual = models.TextField(_("实际完成情况"), null=True, blank=True)
    conclusion = models.TextField(_("自评结论"), null=True, blank=True)
    state = models.CharField(_("状态"), max_length=20, choices=STATE_CHOICES, default=wf.DRAFT)
    # As scored at the last save, for lists; the pages and exports always score afresh.
    total = models.DecimalField(_("总分"), max_digits=7, decimal_places=2, null=True, blank=True)
    grade = models.CharField(_("等级"), max_length=2, null=True, blank=True)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    version = models.IntegerField(default=1)
    demo = models.BooleanField(_("演示数据"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        verbose_name = _("绩效自评")
        verbose_name_plural = _("绩效自评")
        indexes = [models.Index(fields=["state"])]

    def __str__(self) -> str:
        return f"{self.project} — {self.state}"


class EvaluatedRow(models.Model):
    """One indicator row of the 自评表."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="rows")
    position = models.IntegerField()
    indicator = models.JSONField()  # canonical indicator (jixiao/targets@1)
    actual = models.TextField(_("实际完成值"), null=True, blank=True)
    weight = models.DecimalField(_("分值"), **SCORE)
    score = models.DecimalField(_("得分"), **SCORE)  # the evaluator's, for a judged (qualitative) row
    deviation_reason = models.TextField(_("偏差原因分析及改进措施"), null=True, blank=True)
    applicable = models.BooleanField(_("适用"), default=True)
    band = models.CharField(_("评价档次"), max_length=10, choices=BAND_CHOICES, null=True, blank=True)

    class Meta:
        ordering = ["evaluation", "position"]
        constraints = [models.UniqueConstraint(fields=["evaluation", "position"], name="selfeval_row_position")]


class Event(models.Model):
    """One change or transition, written in the same transaction as the change; ``snapshot`` is the
    evaluation after it (jixiao/selfeval@1), so the history shows what was submitted and approved."""

    evaluation = models.ForeignKey(Evaluation, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=EVENT_CHOICES)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_state = models.CharField(max_length=20, choices=STATE_CHOICES)
    to_state = models.CharField(max_length=20, choices=STATE_CHOICES)
    version = models.IntegerField()
    comment = models.TextField(blank=True, default="")
    total = models.DecimalField(max_digits=7, decimal_places=2, null=True, blank=True)
    grade = models.CharField(max_length=2, null=True, blank=True)
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["evaluation", "-at", "-pk"]
        verbose_name = _("自评记录")
        verbose_name_plural = _("自评记录")


class ScoringSettingsRecord(models.Model):
    """The scoring settings (``jixiao.core.score_settings``) as an administrator set them. Exactly one
    record is active; changing the settings adds a record, so earlier settings stay on file."""

    data = models.JSONField(_("评分设置"))
    active = models.BooleanField(default=True)
    note = models.CharField(_("说明"), max_length=500, blank=True, default="")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("评分设置")
        verbose_name_plural = _("评分设置")
        constraints = [models.UniqueConstraint(fields=["active"], condition=models.Q(active=True),
                                               name="one_active_scoring_settings")]
