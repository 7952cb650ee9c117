"""Notice kinds of the submissions app (the notifications framework renders and sends them)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from notifications.registry import Message, register
from submissions.emails import event_message
from submissions.models import SubmissionEvent


# Not optional: it answers the person's own request, like a receipt.
@register("submissions.status", optional=False, label=_("Steps of your NGO submissions"))
def render_submission_status(*, notice: object, delivery: object) -> Message:
    event = SubmissionEvent.objects.select_related("submission").get(pk=notice.payload["event_id"])  # type: ignore[attr-defined]
    message = event_message(event=event, language=delivery.language)  # type: ignore[attr-defined]
    return Message(subject=message.subject, text=message.text, html=message.html)
