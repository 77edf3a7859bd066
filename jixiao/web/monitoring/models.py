"""Stored monitoring rounds (运行监控, "双监控"): one project in one period, its money to date and each
indicator's progress. ``mapping.py`` is the one place that turns them into a core ``MonitoringReport``
and back; the lights are never stored — ``jixiao.core.alerts`` computes them with the settings in force.
Each row keeps the indicator it follows as canonical JSON, as the target table stood when the round
began (the project's indicator rows are rewritten on every edit)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from jixiao.core.selfeval import BANDS, LIKELIHOODS
from jixiao.web.projects.models import MONEY, Project

BAND_CHOICES = [(b, b) for b in BANDS]
LIKELIHOOD_CHOICES = [(x, x) for x in LIKELIHOODS]
CREATE, SAVE = "create", "save"


class Round(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="monitoring_rounds")
    months = models.IntegerField(_("已过月数"))  # 7: January–July
    period = models.CharField(_("监控期间"), max_length=50)
    budget = models.DecimalField(_("年度预算数"), **MONEY)
    spent = models.DecimalField(_("已执行数"), **MONEY)
    expected_spending = models.DecimalField(_("全年预计执行数"), **MONEY)
    unit = models.CharField(max_length=10, default="元")
    demo = models.BooleanField(_("演示数据"), default=False)
    version = models.IntegerField(default=1)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["project", "-months"]
        verbose_name = _("运行监控")
        verbose_name_plural = _("运行监控")
        constraints = [models.UniqueConstraint(fields=["project", "months"], name="monitoring_round_per_period"),
                       models.CheckConstraint(condition=models.Q(months__gte=1, months__lte=12),
                                              name="monitoring_months_1_12")]

    def __str__(self) -> str:
        return f"{self.project} — {self.period}"


class MonitoredRow(models.Model):
    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="rows")
    position = models.IntegerField()
    indicator = models.JSONField()
    value_to_date = models.CharField(_("累计完成值"), max_length=500, null=True, blank=True)
    expected_value = models.CharField(_("全年预计完成值"), max_length=500, null=True, blank=True)
    cumulative = models.BooleanField(null=True, blank=True)
    band = models.CharField(_("完成档次"), max_length=10, choices=BAND_CHOICES, null=True, blank=True)
    deviation_reasons = models.JSONField(_("偏差原因"), default=list, blank=True)
    deviation_note = models.TextField(_("偏差说明"), null=True, blank=True)
    likelihood = models.CharField(_("完成可能性"), max_length=10, choices=LIKELIHOOD_CHOICES, null=True, blank=True)
    correction_needed = models.BooleanField(_("是否需纠偏"), null=True, blank=True)
    correction_plan = models.TextField(_("纠偏措施"), null=True, blank=True)
    correction_result = models.TextField(_("纠偏结果"), null=True, blank=True)

    class Meta:
        ordering = ["round", "position"]
        constraints = [models.UniqueConstraint(fields=["round", "position"], name="monitoring_row_position")]


class RoundEvent(models.Model):
    """One change, written in the same transaction; ``snapshot`` is the round after it (jixiao/monitoring@1)."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=20, choices=[(CREATE, _("新建")), (SAVE, _("保存"))])
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    version = models.IntegerField()
    snapshot = models.JSONField(default=dict)

    class Meta:
        ordering = ["round", "-at", "-pk"]
