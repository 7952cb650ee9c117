"""Telling the submitter about each step of their submission, by e-mail in their language."""

from __future__ import annotations

from notifications.services import notice_publish
from submissions.models import SubmissionEvent


def submitter_notify(*, event: SubmissionEvent) -> None:
    """Called by the services inside their transaction; the framework sends after commit, once per (event, person)."""
    submission = event.submission
    notice_publish(
        kind="submissions.status",
        key=f"submission-event:{event.pk}",
        recipients=[submission.author],
        payload={"event_id": event.pk, "submission_id": submission.pk},
    )
