"""Celery tasks of the meetings app: thin wrappers around services (STYLE.md section 7.10)."""

from __future__ import annotations

from celery import shared_task
from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation


@shared_task(
    bind=True,
    autoretry_for=(ConnectionError, TimeoutError, OSError),
    retry_backoff=True,
    max_retries=5,
)
def send_meeting_change_notices(self: object, change_id: int) -> int:
    """Tell every invitee (except those who declined) that a meeting was cancelled or moved.

    Each e-mail is claimed with a ChangeNotice row first, unique per (change, recipient), so a retry
    or a second run sends nothing twice. Returns the number of e-mails sent by this run.
    """
    from meetings import services
    from meetings.models import MeetingChange

    change = MeetingChange.objects.select_related("meeting").filter(pk=change_id).first()
    if change is None:
        return 0
    sent = 0
    for recipient in services.change_notice_recipients(change=change):
        if not services.change_notice_claim(change=change, recipient=recipient):
            continue
        try:
            with translation.override(recipient.preferred_language or settings.LANGUAGE_CODE):
                context = {
                    "change": change,
                    "meeting": change.meeting,
                    "recipient": recipient,
                    "meeting_url": settings.SITE_URL + reverse("meetings:meeting-detail", args=[change.meeting_id]),
                }
                subject = render_to_string("meetings/email/change_subject.txt", context).strip()
                body = render_to_string("meetings/email/change_body.txt", context)
            send_mail(subject, body, None, [recipient.email])
        except Exception:
            services.change_notice_release(change=change, recipient=recipient)
            raise
        sent += 1
    return sent
