"""Telling the submitter about each step of their submission, by e-mail in their language."""

from __future__ import annotations

from django.db import transaction

from submissions.models import SubmissionEvent


def submitter_notify(*, event: SubmissionEvent) -> None:
    """Called by the services inside their transaction; the e-mail goes out after commit."""
    from submissions.tasks import submission_event_email

    transaction.on_commit(lambda: submission_event_email.delay(event.pk))
