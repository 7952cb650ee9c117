"""The e-mail telling a submitter what happened to their submission, in the submitter's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from submissions.models import SubmissionEvent


@dataclass(frozen=True)
class StatusMessage:
    subject: str
    text: str
    html: str


def event_message(*, event: SubmissionEvent, language: str) -> StatusMessage:
    """Render inside `language`; the link opens the timeline in the same language."""
    with translation.override(language):
        submission = event.submission
        context = {
            "event": event,
            "submission": submission,
            "url": settings.SITE_URL + reverse("submissions:detail", args=[submission.pk]),
        }
        subject = render_to_string("submissions/email/status_subject.txt", context).strip()
        text = render_to_string("submissions/email/status.txt", context)
        html = render_to_string("submissions/email/status.html", context)
    return StatusMessage(subject=" ".join(subject.split()), text=text, html=html)


def event_email_send(*, event_id: int) -> int:
    event = SubmissionEvent.objects.select_related("submission__author", "submission__organization").get(pk=event_id)
    author = event.submission.author
    if not author.is_active or not author.email:
        return 0
    message = event_message(event=event, language=author.preferred_language or settings.LANGUAGE_CODE)
    email = EmailMultiAlternatives(
        subject=settings.EMAIL_SUBJECT_PREFIX + message.subject, body=message.text, to=[author.email]
    )
    email.attach_alternative(message.html, "text/html")
    return email.send()
