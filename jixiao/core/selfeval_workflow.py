"""The review cycle of a self-evaluation (绩效自评): the same state machine as the target table's
(``jixiao.core.workflow``), with the rules that differ written down here.

A department submits its 自评表; the finance office or bureau checks it and returns it for correction
or approves it, as it does the targets (domain.md §1). Approval carries no grade chosen by the
reviewer: the grade of a self-evaluation is the score's (优/良/中/差 from the total). Once approved the
form is final — there is no adjustment (调整) of a year that is over.
"""

from __future__ import annotations

from jixiao.core import workflow as wf

_UNDER_REVIEW = ("自评表正在审核中，不能修改；如需修改，请审核人退回。",
                 "the self-evaluation is under review and cannot be changed; ask the reviewer to return it")

SELF_EVALUATION = wf.Workflow(
    transitions={
        wf.SUBMIT: wf.Transition(wf.SUBMIT, (wf.DRAFT,), wf.SUBMITTED, (wf.EDITOR, wf.ADMIN)),
        wf.RETURN: wf.Transition(wf.RETURN, (wf.SUBMITTED, wf.RESUBMITTED), wf.RETURNED, (wf.REVIEWER, wf.ADMIN),
                                 submitter_may=False),
        wf.RESUBMIT: wf.Transition(wf.RESUBMIT, (wf.RETURNED,), wf.RESUBMITTED, (wf.EDITOR, wf.ADMIN)),
        wf.APPROVE: wf.Transition(wf.APPROVE, (wf.SUBMITTED, wf.RESUBMITTED), wf.APPROVED, (wf.REVIEWER, wf.ADMIN),
                                  submitter_may=False),
    },
    editable=(wf.DRAFT, wf.RETURNED),
    commenters=(wf.EDITOR, wf.REVIEWER, wf.ADMIN),
    lock_messages={
        wf.SUBMITTED: _UNDER_REVIEW, wf.RESUBMITTED: _UNDER_REVIEW,
        wf.APPROVED: ("自评表已审核通过，不能再修改。", "the self-evaluation is approved and can no longer be changed"),
    },
)
