"""The e-mail telling a submitter what happened to their submission, in the submitter's language."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
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
            "LANGUAGE_CODE": language,
        }
        subject = render_to_string("submissions/email/status_subject.txt", context).strip()
        text = render_to_string("submissions/email/status.txt", context)
        html = render_to_string("submissions/email/status.html", context)
    return StatusMessage(subject=" ".join(subject.split()), text=text, html=html)
