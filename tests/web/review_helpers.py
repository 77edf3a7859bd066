"""Putting a project into a review state through the services, as the people who would do it."""

from __future__ import annotations

from django.contrib.auth.models import User

from jixiao.core import workflow as wf
from jixiao.web.projects.models import Project
from jixiao.web.review import services
from jixiao.web.review.models import ReviewState

# The steps that lead to each state: (action, persona). "submitter" is whoever submits.
PATHS: dict[str, list[str]] = {
    wf.DRAFT: [],
    wf.SUBMITTED: [wf.SUBMIT],
    wf.RETURNED: [wf.SUBMIT, wf.RETURN],
    wf.RESUBMITTED: [wf.SUBMIT, wf.RETURN, wf.RESUBMIT],
    wf.APPROVED: [wf.SUBMIT, wf.APPROVE],
}


def put_in_state(project: Project, state: str, users: dict[str, User], submitter: str = "editor_a") -> ReviewState:
    for action in PATHS[state]:
        if action in (wf.SUBMIT, wf.RESUBMIT):
            services.submit(users[submitter], project.pk)
        elif action == wf.RETURN:
            services.decide(users["reviewer"], project.pk, wf.RETURN,
                            comments=[services.CommentIn("请细化指标", 0)])
        elif action == wf.APPROVE:
            services.decide(users["reviewer"], project.pk, wf.APPROVE, grade="良")
    project.refresh_from_db()
    return ReviewState.objects.filter(project=project).first() or ReviewState(project=project)


def state(project: Project) -> str:
    return services.state_of(project)
