"""Every meeting notice, in one place: which kinds there are (kinds.py), who is due one and when (due.py),
publishing them (publish.py) and how each reads (render.py, which registers the kinds and the due-notice checker
with the notifications app when MeetingsConfig.ready() imports it).

The notifications app sends each e-mail exactly once; nothing here sends mail itself.
"""

from __future__ import annotations

from meetings.notices.kinds import (
    CHANGE,
    INVITATION,
    MINUTES_OVERDUE,
    MINUTES_PUBLISHED,
    REMINDER_ACCEPTED,
    REMINDER_PENDING,
)
from meetings.notices.publish import change_notice_publish, meeting_notices_publish_due, minutes_published_notice

__all__ = [
    "CHANGE",
    "INVITATION",
    "MINUTES_OVERDUE",
    "MINUTES_PUBLISHED",
    "REMINDER_ACCEPTED",
    "REMINDER_PENDING",
    "change_notice_publish",
    "meeting_notices_publish_due",
    "minutes_published_notice",
]
