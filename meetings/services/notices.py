"""Publishing the meeting notices (meetings/notices.py says how they read; meetings.notice_selectors who is due)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from meetings import notice_selectors
from meetings.models import Meeting
from notifications.services import notice_publish


def meeting_notices_publish_due(*, now: dt.datetime) -> int:
    """Publish every invitation and reminder due at `now`; returns the number of new deliveries.

    Safe to run any number of times: the selector leaves out whoever already has a delivery, and notice_publish
    is idempotent on (kind, key) and (notice, address) besides. Each notice commits on its own, so one that fails
    does not hold back the others' mail.
    """
    published = 0
    for due in notice_selectors.due_meeting_notices(now=now):
        with transaction.atomic():
            notice_publish(kind=due.kind, key=due.key, recipients=due.recipients, payload=due.payload)
        published += len(due.recipients)
    return published


def minutes_published_notice(*, meeting: Meeting) -> None:
    """Tell invitees and observers that the minutes are out; sent when the surrounding transaction commits."""
    notice_publish(
        kind=notice_selectors.MINUTES_PUBLISHED,
        key=notice_selectors.minutes_published_key(meeting),
        recipients=notice_selectors.minutes_published_recipients(meeting=meeting),
        payload={"meeting_id": meeting.pk},
    )
