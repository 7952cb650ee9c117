"""The secretariat side: assigning, reviewing, notes, decisions one by one or in bulk."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from participants.models import User
from submissions.models import Submission, SubmissionEvent
from submissions.services._common import ALLOWED_TRANSITIONS, E, S, _check_secretariat, _lock, _record, _transition


@transaction.atomic
def submission_assign(*, actor: User, submission: Submission, reviewer: User) -> Submission:
    _check_secretariat(actor)
    if not reviewer.is_secretariat:
        raise ApplicationError(_("Reviewers are members of the secretariat."), field="reviewer")
    submission = _lock(submission)
    if submission.status not in (S.SUBMITTED, S.UNDER_REVIEW):
        raise ApplicationError(_("Only submissions waiting for or under review can be assigned."))
    submission.reviewer = reviewer
    submission.save(update_fields=["reviewer", "updated_at"])
    _record(submission, action=E.ASSIGNED, actor=actor, from_status=submission.status,
            internal_note=str(reviewer))
    return submission


@transaction.atomic
def submission_start_review(*, actor: User, submission: Submission) -> Submission:
    _check_secretariat(actor)
    submission = _lock(submission)
    from_status = _transition(submission, S.UNDER_REVIEW)
    if submission.reviewer_id is None:
        submission.reviewer = actor
    submission.save(update_fields=["status", "reviewer", "updated_at"])
    _record(submission, action=E.REVIEW_STARTED, actor=actor, from_status=from_status)
    return submission


@transaction.atomic
def submission_note_add(*, actor: User, submission: Submission, note: str) -> SubmissionEvent:
    _check_secretariat(actor)
    if not note.strip():
        raise ApplicationError(_("Write the note."), field="note")
    return _record(submission, action=E.NOTE, actor=actor, from_status=submission.status, internal_note=note.strip())


@transaction.atomic
def submission_decide(
    *, actor: User, submission: Submission, status: str, public_answer: str, internal_note: str = "",
    now: dt.datetime | None = None,
) -> Submission:
    """Accept, partly accept or decline, with an answer the NGO and (if accepted) the public read.

    A decision on a submission still waiting ("submitted") implies the review step: it is recorded in the timeline
    (by the deciding person, who becomes the reviewer if there was none) but not e-mailed, since the NGO gets the
    decision itself a moment later. Declining straight from "submitted" needs no review step at all.
    """
    _check_secretariat(actor)
    if status not in Submission.DECIDED:
        raise ApplicationError(_("Choose accept, partly accept or decline."), field="status")
    if not public_answer.strip():
        raise ApplicationError(_("Give the reason for the decision: the NGO reads it."), field="public_answer")
    submission = _lock(submission)
    if submission.status == S.SUBMITTED and status not in ALLOWED_TRANSITIONS[S.SUBMITTED]:
        _transition(submission, S.UNDER_REVIEW)
        if submission.reviewer_id is None:
            submission.reviewer = actor
        submission.save(update_fields=["status", "reviewer", "updated_at"])
        _record(submission, action=E.REVIEW_STARTED, actor=actor, from_status=S.SUBMITTED, notify=False)
    from_status = _transition(submission, status)
    submission.public_answer = public_answer.strip()
    submission.decided_at = now or timezone.now()
    submission.save(update_fields=["status", "public_answer", "decided_at", "updated_at"])
    _record(submission, action=E.DECIDED, actor=actor, from_status=from_status, public_answer=submission.public_answer,
            internal_note=internal_note.strip())
    return submission


@dataclass
class BulkResult:
    done: int = 0
    refused: list[tuple[Submission, str]] = field(default_factory=list)


def submission_bulk(
    *, actor: User, submissions: Iterable[Submission], action: str, reviewer: User | None = None, reason: str = ""
) -> BulkResult:
    """Assign, start review or decline many at once; each row in its own transaction, refusals reported."""
    _check_secretariat(actor)
    if action == "decline" and not reason.strip():
        raise ApplicationError(_("Give the reason for declining: every NGO concerned reads it."), field="reason")
    if action == "assign" and reviewer is None:
        raise ApplicationError(_("Choose the reviewer."), field="reviewer")
    result = BulkResult()
    for submission in submissions:
        try:
            if action == "assign":
                # Not None: an "assign" without a reviewer was refused above.
                submission_assign(actor=actor, submission=submission, reviewer=reviewer)  # type: ignore[arg-type]
            elif action == "start_review":
                submission_start_review(actor=actor, submission=submission)
            elif action == "decline":
                submission_decide(actor=actor, submission=submission, status=S.DECLINED, public_answer=reason)
            else:
                raise ApplicationError(_("Unknown action."))
        except ApplicationError as exc:
            result.refused.append((submission, exc.message))
        else:
            result.done += 1
    return result
