"""The submitter's notices, in one place: every step of their submission is e-mailed to them, in their language.

The services publish (submitter_notify, inside their transaction); the notifications framework renders and sends
each e-mail once, after commit. Registered by SubmissionsConfig.ready().
"""

from __future__ import annotations

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from notifications.models import Delivery, Notice
from notifications.registry import Message, Obsolete, register
from notifications.services import notice_publish
from submissions.models import SubmissionEvent

STATUS = "submissions.status"


def submitter_notify(*, event: SubmissionEvent) -> None:
    """Called by the services inside their transaction; the framework sends after commit, once per (event, person)."""
    submission = event.submission
    notice_publish(
        kind=STATUS,
        key=f"submission-event:{event.pk}",
        recipients=[submission.author],
        payload={"event_id": event.pk, "submission_id": submission.pk},
    )


# Not optional: it answers the person's own request, like a receipt.
@register(STATUS, optional=False, label=_("Steps of your NGO submissions"))
def render_submission_status(*, notice: Notice, delivery: Delivery) -> Message:
    """Rendered inside the recipient's language (core.language.in_language, by the framework); the link opens
    the timeline in that language. A step deleted since it was published is obsolete: dropped, never retried."""
    event = SubmissionEvent.objects.select_related("submission").filter(pk=notice.payload.get("event_id")).first()
    if event is None:
        raise Obsolete("The step of the submission no longer exists.")
    submission = event.submission
    context = {
        "event": event,
        "submission": submission,
        "url": settings.SITE_URL + reverse("submissions:detail", args=[submission.pk]),
        "LANGUAGE_CODE": get_language(),
    }
    subject = render_to_string("submissions/email/status_subject.txt", context)
    return Message(
        subject=" ".join(subject.split()),
        text=render_to_string("submissions/email/status.txt", context),
        html=render_to_string("submissions/email/status.html", context),
    )
