"""Review states for the demo: something in the reviewer's queue, a table returned with comments on its
rows, one resubmitted, one approved — made through the services, so the audit log tells the story."""

from __future__ import annotations

from django.contrib.auth.models import User

from jixiao.core import workflow as wf
from jixiao.web.projects.models import Project
from jixiao.web.review import services
from jixiao.web.review.models import ReviewState

# (project name in the seed, what happens to it)
STORY = [
    ("2019年度港口建设费地方留存部分退付保障资金", wf.APPROVED),
    ("口岸工作经费", wf.SUBMITTED),
    ("单一窗口经费—运维费", wf.RESUBMITTED),
    ("商务对外宣传与合作", wf.RETURNED),
]
RETURN_COMMENT = "多项指标名称为占位词（如“数量1”），目标值未量化，请按审核意见逐条修改后重新报送。"


def _row_comments(project: Project) -> list[services.CommentIn]:
    """A comment on each of the first two rows the rules found wrong, as a reviewer would write."""
    from jixiao.web.projects import mapping
    from jixiao.web.review.findings import review_project

    reviewed = review_project(mapping.project_to_core(project))
    rows = sorted(reviewed.by_indicator)[:2]
    return [services.CommentIn(f"请修改：{reviewed.by_indicator[n][0].message}", n) for n in rows]


def install(editor: User, reviewer: User, projects: list[Project]) -> int:
    """Play the story once (nothing happens when any project already has a review state)."""
    if ReviewState.objects.filter(project__in=projects).exists():
        return 0
    by_name = {p.name: p for p in projects}
    played = 0
    for name, end in STORY:
        project = by_name.get(name)
        if project is None:
            continue
        services.submit(editor, project.pk)
        if end in (wf.RETURNED, wf.RESUBMITTED):
            services.decide(reviewer, project.pk, wf.RETURN,
                            comments=[services.CommentIn(RETURN_COMMENT), *_row_comments(project)])
        if end == wf.RESUBMITTED:
            services.submit(editor, project.pk, "已按意见修改。")
        if end == wf.APPROVED:
            services.decide(reviewer, project.pk, wf.APPROVE, grade="优", comments=[services.CommentIn("同意。")])
        played += 1
    return played
