"""The lifecycle of a submission and the helpers every topic of the services shares."""

from __future__ import annotations

from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from participants.models import User
from submissions import notices
from submissions.models import Submission, SubmissionEvent

S = Submission.Status
E = SubmissionEvent.Action

ALLOWED_TRANSITIONS: dict[str, tuple[str, ...]] = {
    S.DRAFT: (S.SUBMITTED, S.WITHDRAWN),
    # Declining straight from "submitted" lets the secretariat clear spam in bulk without opening a review.
    S.SUBMITTED: (S.UNDER_REVIEW, S.DECLINED, S.WITHDRAWN),
    S.UNDER_REVIEW: (S.ACCEPTED, S.PARTLY_ACCEPTED, S.DECLINED, S.WITHDRAWN),
    S.ACCEPTED: (),
    S.PARTLY_ACCEPTED: (),
    S.DECLINED: (),
    S.WITHDRAWN: (),
}


def _record(
    submission: Submission, *, action: str, actor: User | None, from_status: str, public_answer: str = "",
    internal_note: str = "", notify: bool = True,
) -> SubmissionEvent:
    event = SubmissionEvent.objects.create(
        submission=submission, action=action, actor=actor, from_status=from_status, to_status=submission.status,
        public_answer=public_answer, internal_note=internal_note,
    )
    if notify and event.is_visible_to_submitter and action not in (E.CREATED, E.EDITED):
        notices.submitter_notify(event=event)
    return event


def _lock(submission: Submission) -> Submission:
    return Submission.objects.select_for_update().get(pk=submission.pk)


def _transition(submission: Submission, to_status: str) -> str:
    from_status = submission.status
    if to_status not in ALLOWED_TRANSITIONS[from_status]:
        raise ApplicationError(
            _("A submission that is “%(from)s” cannot become “%(to)s”.")
            % {"from": S(from_status).label, "to": S(to_status).label}
        )
    submission.status = to_status
    return from_status


def _check_secretariat(actor: User) -> None:
    if not actor.is_secretariat:
        raise ApplicationError(_("Only the secretariat moderates submissions."))
