"""Withdrawing a published (accepted) submission from publication (core.withdrawal): the secretariat takes it
down with a reason; its public page, and the NGO's own page, say when and why."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from core.exceptions import ApplicationError
from core.withdrawal import withdraw
from participants.models import User
from submissions.models import Submission


@transaction.atomic
def submission_publication_withdraw(*, actor: User, submission: Submission, reason: str) -> Submission:
    """Not the NGO's own "withdraw" (a status, before a decision): this takes down what the public could read."""
    if not actor.is_secretariat:
        raise ApplicationError(_("Only the secretariat withdraws published submissions."))
    submission = Submission.all_objects.select_for_update().get(pk=submission.pk)
    if submission.status not in Submission.ACCEPTED_STATUSES:
        raise ApplicationError(_("Only accepted submissions are published, so only they are withdrawn."))
    return withdraw(submission, actor=actor, reason=reason)
