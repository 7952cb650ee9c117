"""Celery tasks of the meetings app: thin wrappers around services (STYLE.md section 7.10).

E-mails are sent by the notifications app (meetings/notices.py says what they read like).
"""

from __future__ import annotations

from celery import shared_task


@shared_task
def send_meeting_change_notices(change_id: int) -> None:
    """Publish the change notice of `change_id`. Kept for tasks queued before notices moved to the notifications
    app; publishing is idempotent, so running it for a change already announced sends nothing more."""
    from meetings import notices
    from meetings.models import MeetingChange

    change = MeetingChange.objects.select_related("meeting").filter(pk=change_id).first()
    if change is not None:
        notices.change_notice_publish(change=change)
