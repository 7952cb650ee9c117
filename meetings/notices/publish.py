"""Publishing the meeting notices (render.py says how they read; due.py who is due)."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from meetings.models import Meeting, MeetingChange
from meetings.notices import due, kinds
from notifications.services import notice_publish


def meeting_notices_publish_due(*, now: dt.datetime) -> int:
    """Publish every invitation and reminder due at `now`; returns the number of new deliveries.

    Safe to run any number of times: the selector leaves out whoever already has a delivery, and notice_publish
    is idempotent on (kind, key) and (notice, address) besides. Each notice commits on its own, so one that fails
    does not hold back the others' mail.
    """
    published = 0
    for notice in due.due_meeting_notices(now=now):
        with transaction.atomic():
            notice_publish(kind=notice.kind, key=notice.key, recipients=notice.recipients, payload=notice.payload)
        published += len(notice.recipients)
    return published


def minutes_published_notice(*, meeting: Meeting) -> None:
    """Tell invitees and observers that the minutes are out; sent when the surrounding transaction commits."""
    notice_publish(
        kind=kinds.MINUTES_PUBLISHED,
        key=kinds.minutes_published_key(meeting),
        recipients=due.minutes_published_recipients(meeting=meeting),
        payload={"meeting_id": meeting.pk},
    )


@transaction.atomic
def change_notice_publish(*, change: MeetingChange) -> None:
    """Tell the invitees (except those who declined) at once; the notifications app sends each e-mail once."""
    notice_publish(
        kind=kinds.CHANGE,
        key=kinds.change_key(change),
        recipients=due.change_notice_recipients(change=change),
        payload={"change_id": change.pk, "meeting_id": change.meeting_id},
    )
