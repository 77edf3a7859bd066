"""Review of stored target tables: where each project stands, comments, the audit log, rule settings.

The rules of the workflow live in ``jixiao.core.workflow``; the services in ``services.py`` change
these rows (and write the audit event beside the change, in one transaction). A project without a
``ReviewState`` row is a draft that was never submitted.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import gettext_noop

from jixiao.core import workflow as wf
from jixiao.web.projects.models import Project

# The workflow's labels come from the core (no Django there), so makemessages cannot see them where they
# are translated; naming them here keeps them in this app's catalogue.
WORKFLOW_WORDS = (gettext_noop("草稿"), gettext_noop("已提交待审"), gettext_noop("已退回修改"), gettext_noop("已重新提交待审"),
                  gettext_noop("已批复"), gettext_noop("提交审核"), gettext_noop("退回修改"), gettext_noop("重新提交"),
                  gettext_noop("审核通过"), gettext_noop("发起调整"))
STATE_CHOICES = [(s, _(wf.STATE_LABELS[s][0])) for s in wf.STATES]
GRADE_CHOICES = [(g, g) for g in wf.GRADES]
COMMENT = "comment"
EVENT_CHOICES = [(a, _(wf.ACTION_LABELS[a][0])) for a in wf.ACTIONS] + [(COMMENT, _("审核意见"))]


class ReviewState(models.Model):
    """Where one project stands in the review workflow, and who moved it there."""

    project = models.OneToOneField(Project, on_delete=models.CASCADE, related_name="review_state")
    state = models.CharField(_("审核状态"), max_length=20, choices=STATE_CHOICES, default=wf.DRAFT)
    # Rounds of review: each submission or resubmission starts one (comments belong to a round).
    round = models.IntegerField(default=0)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+")
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_version = models.IntegerField(null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")
    decided_at = models.DateTimeField(null=True, blank=True)
    grade = models.CharField(_("审核等级"), max_length=2, choices=GRADE_CHOICES, null=True, blank=True)
    # The version approved last (kept through an adjustment: the diff compares against it).
    approved_version = models.IntegerField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("审核状态")
        verbose_name_plural = _("审核状态")
        indexes = [models.Index(fields=["state", "submitted_at"])]

    def __str__(self) -> str:
        return f"{self.project} — {self.state}"


class Comment(models.Model):
    """A reviewer's or editor's comment on a project, or on one of its indicators.

    Indicator rows are rewritten on every save, so a comment keeps the row it was written on by its
    position and by its words (一级/二级/三级 and target as they were), and finds it again by name.
    """

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="review_comments")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    text = models.TextField(_("意见"))
    round = models.IntegerField(default=0)
    version = models.IntegerField()
    indicator_position = models.IntegerField(null=True, blank=True)
    indicator_level1 = models.CharField(max_length=200, null=True, blank=True)
    indicator_level2 = models.CharField(max_length=200, null=True, blank=True)
    indicator_name = models.CharField(max_length=500, null=True, blank=True)
    indicator_target = models.TextField(null=True, blank=True)

    class Meta:
        ordering = ["project", "at", "pk"]
        verbose_name = _("审核意见")
        verbose_name_plural = _("审核意见")

    def __str__(self) -> str:
        return self.text[:60]

    @property
    def on_indicator(self) -> bool:
        return self.indicator_position is not None


class AuditEvent(models.Model):
    """One transition or comment, written in the same transaction as the change it records."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="review_events")
    action = models.CharField(max_length=20, choices=EVENT_CHOICES)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+")
    at = models.DateTimeField(auto_now_add=True)
    from_state = models.CharField(max_length=20, choices=STATE_CHOICES)
    to_state = models.CharField(max_length=20, choices=STATE_CHOICES)
    version = models.IntegerField()
    round = models.IntegerField(default=0)
    grade = models.CharField(max_length=2, null=True, blank=True)
    comment = models.ForeignKey(Comment, on_delete=models.SET_NULL, null=True, blank=True, related_name="+")
    # For machines: what the suggested grade and the findings were when the decision was taken.
    details = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["project", "-at", "-pk"]
        verbose_name = _("审核记录")
        verbose_name_plural = _("审核记录")
        indexes = [models.Index(fields=["project", "at"])]


class RuleConfig(models.Model):
    """Which review rules run, at what severity, for one framework ("*": every framework).

    ``rules`` is ``{"R-…": {"enabled": false, "severity": "info"}}`` (jixiao.core.review.config);
    the findings everywhere in the web app are computed with the rule set these rows make.
    """

    ALL = "*"

    framework = models.CharField(_("指标体系"), max_length=50, unique=True)
    rules = models.JSONField(_("规则设置"), default=dict, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    updated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+")

    class Meta:
        ordering = ["framework"]
        verbose_name = _("审核规则设置")
        verbose_name_plural = _("审核规则设置")

    def __str__(self) -> str:
        return self.framework
