"""The kinds of meeting notice and the key of each notice (one notice per meeting and occasion)."""

from __future__ import annotations

from django.utils import timezone

from meetings.models import Meeting, MeetingChange

INVITATION = "meetings.invitation"
REMINDER_PENDING = "meetings.reminder_pending"
REMINDER_ACCEPTED = "meetings.reminder_accepted"
MINUTES_PUBLISHED = "meetings.minutes_published"
MINUTES_OVERDUE = "meetings.minutes_overdue"
# Published at once when a scheduled meeting is cancelled or moved (publish.change_notice_publish).
CHANGE = "meetings.change"


def invitation_key(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}:invitation"


def _start_date(meeting: Meeting) -> str:
    return timezone.localtime(meeting.starts_at).date().isoformat()


def reminder_pending_key(meeting: Meeting) -> str:
    # The date is part of the key: a meeting moved to another day gets a new reminder.
    return f"meeting:{meeting.pk}:reminder_pending:{_start_date(meeting)}"


def reminder_accepted_key(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}:reminder_accepted:{_start_date(meeting)}"


def minutes_published_key(meeting: Meeting) -> str:
    return f"meeting:{meeting.pk}:minutes_published"


def minutes_overdue_key(meeting: Meeting, days: int) -> str:
    return f"meeting:{meeting.pk}:minutes_overdue:{days}"


def change_key(change: MeetingChange) -> str:
    return f"meeting-change:{change.pk}"
