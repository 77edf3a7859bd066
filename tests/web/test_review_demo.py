"""The demo's review story: a queue to work through, a returned table with row comments, an approval."""

from __future__ import annotations

import pytest

from jixiao.web.review.models import AuditEvent, Comment, ReviewState

pytestmark = pytest.mark.django_db


def test_demo_plays_the_review_story_once() -> None:
    from jixiao.web import demo

    demo.install()
    states = dict(ReviewState.objects.values_list("project__name", "state"))
    assert states == {"2019年度港口建设费地方留存部分退付保障资金": "approved", "口岸工作经费": "submitted",
                      "单一窗口经费—运维费": "resubmitted", "商务对外宣传与合作": "returned"}
    assert Comment.objects.filter(project__name="商务对外宣传与合作", indicator_position__isnull=False).count() == 2
    events = AuditEvent.objects.count()
    demo.install()
    assert AuditEvent.objects.count() == events
