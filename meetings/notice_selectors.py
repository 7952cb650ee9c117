"""Which meeting notices are due now, and to whom (read-only; meetings.services.notices publishes them).

Kept apart from meetings/selectors.py (the pages' queries). Every function here runs a fixed number of queries
whatever the number of meetings, invitees or past deliveries: the checker runs every 15 minutes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils import timezone

from meetings.lead_times import LEAD_TIME_FIELDS
from meetings.models import Invitation, Meeting
from notifications.models import Delivery
from participants.models import User

INVITATION = "meetings.invitation"
REMINDER_PENDING = "meetings.reminder_pending"
REMINDER_ACCEPTED = "meetings.reminder_accepted"
MINUTES_PUBLISHED = "meetings.minutes_published"
MINUTES_OVERDUE = "meetings.minutes_overdue"

DAY = dt.timedelta(days=1)
# A scheduled meeting further away than the longest allowed invitation lead needs no notice yet.
UPCOMING_HORIZON = dt.timedelta(days=LEAD_TIME_FIELDS["invitation_lead_days"] + 1)
# A minutes reminder that could not go out on its day (the checker was down) still goes this long after;
# later it would only be noise.
MINUTES_CATCH_UP = dt.timedelta(days=14)
MINUTES_HORIZON = dt.timedelta(days=LEAD_TIME_FIELDS["minutes_overdue_second_days"]) + MINUTES_CATCH_UP


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


@dataclass
class DueNotice:
    """A notice to publish now, with the recipients who have no delivery of it yet."""

    kind: str
    key: str
    meeting: Meeting
    payload: dict[str, object]
    recipients: list[User] = field(default_factory=list)


def _planned(meeting: Meeting, now: dt.datetime) -> list[DueNotice]:
    """The notices of one meeting whose moment has come, before recipients are known."""
    planned: list[DueNotice] = []
    if meeting.status == Meeting.Status.SCHEDULED:
        starts = meeting.starts_at
        payload: dict[str, object] = {"meeting_id": meeting.pk, "starts_at": starts.isoformat()}
        if now >= starts - meeting.invitation_lead_days * DAY:
            planned.append(DueNotice(INVITATION, invitation_key(meeting), meeting, {"meeting_id": meeting.pk}))
        if now >= starts - meeting.reminder_pending_days * DAY:
            planned.append(DueNotice(REMINDER_PENDING, reminder_pending_key(meeting), meeting, payload))
        if now >= starts - meeting.reminder_accepted_days * DAY:
            planned.append(DueNotice(REMINDER_ACCEPTED, reminder_accepted_key(meeting), meeting, payload))
    elif meeting.status == Meeting.Status.HELD:
        # Only the latest reminder that has come due: after a long outage the secretariat gets one, not two.
        for days in (meeting.minutes_overdue_second_days, meeting.minutes_overdue_first_days):
            moment = meeting.ends_at + days * DAY
            if now >= moment:
                if now < moment + MINUTES_CATCH_UP:
                    planned.append(DueNotice(
                        MINUTES_OVERDUE, minutes_overdue_key(meeting, days), meeting,
                        {"meeting_id": meeting.pk, "days": days},
                    ))
                break
    return planned


def due_meeting_notices(*, now: dt.datetime) -> list[DueNotice]:
    """Every meeting notice due at `now` with the people who have not had it yet; at most four queries.

    Cancelled and draft meetings get nothing. The reminder to answer goes only to invitees whose invitation
    went out before the reminder's moment: someone invited late has just had the invitation.
    """
    meetings = Meeting.objects.filter(
        Q(status=Meeting.Status.SCHEDULED, starts_at__gt=now, starts_at__lte=now + UPCOMING_HORIZON)
        | Q(status=Meeting.Status.HELD, ends_at__lte=now - DAY, ends_at__gt=now - MINUTES_HORIZON)
    ).only("pk", "status", "starts_at", "ends_at", *LEAD_TIME_FIELDS)
    planned = [due for meeting in meetings for due in _planned(meeting, now)]
    if not planned:
        return []

    upcoming_ids = {due.meeting.pk for due in planned if due.kind != MINUTES_OVERDUE}
    invitations: dict[int, list[Invitation]] = defaultdict(list)
    if upcoming_ids:
        for invitation in (
            Invitation.objects.filter(meeting_id__in=upcoming_ids, person__is_active=True)
            .exclude(person__email="")
            .select_related("person")
            .order_by("pk")
        ):
            invitations[invitation.meeting_id].append(invitation)
    secretariat: list[User] = []
    if any(due.kind == MINUTES_OVERDUE for due in planned):
        secretariat = list(
            User.objects.filter(role=User.Role.SECRETARIAT, is_active=True).exclude(email="").order_by("pk")
        )

    # Past deliveries of these notices, and of the invitations the reminders to answer depend on.
    keys = {due.key for due in planned} | {invitation_key(due.meeting) for due in planned if due.kind == REMINDER_PENDING}
    delivered: dict[str, dict[int, dt.datetime]] = defaultdict(dict)
    for key, user_id, created_at in Delivery.objects.filter(
        notice__key__in=keys, notice__kind__in=[INVITATION, REMINDER_PENDING, REMINDER_ACCEPTED, MINUTES_OVERDUE],
        user_id__isnull=False,
    ).values_list("notice__key", "user_id", "created_at"):
        delivered[key][user_id] = created_at

    due_now: list[DueNotice] = []
    for due in planned:
        done = delivered.get(due.key, {})
        if due.kind == MINUTES_OVERDUE:
            people = secretariat
        elif due.kind == INVITATION:
            people = [inv.person for inv in invitations[due.meeting.pk]]
        elif due.kind == REMINDER_PENDING:
            moment = due.meeting.starts_at - due.meeting.reminder_pending_days * DAY
            invited_at = delivered.get(invitation_key(due.meeting), {})
            people = [
                inv.person
                for inv in invitations[due.meeting.pk]
                if inv.response == Invitation.Response.INVITED
                and inv.person_id in invited_at
                and invited_at[inv.person_id] < moment
            ]
        else:
            people = [
                inv.person for inv in invitations[due.meeting.pk] if inv.response == Invitation.Response.ACCEPTED
            ]
        due.recipients = [person for person in people if person.pk not in done]
        if due.recipients:
            due_now.append(due)
    return due_now


def minutes_published_recipients(*, meeting: Meeting) -> list[User]:
    """Every active invitee, and every active observer (who may opt out of the topic in their settings)."""
    return list(
        User.objects.filter(
            Q(invitations__meeting=meeting) | Q(role=User.Role.OBSERVER), is_active=True
        )
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
