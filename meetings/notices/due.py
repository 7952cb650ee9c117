"""Which meeting notices are due now, and to whom (read-only; publish.py publishes them).

Kept apart from meetings/selectors.py (the pages' queries). Every function here runs a fixed number of queries
whatever the number of meetings, invitees or past deliveries: the checker runs every 15 minutes.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q

from meetings.lead_times import LEAD_TIME_FIELDS
from meetings.models import Invitation, Meeting, MeetingChange
from meetings.notices.kinds import (
    INVITATION,
    MINUTES_OVERDUE,
    REMINDER_ACCEPTED,
    REMINDER_PENDING,
    invitation_key,
    minutes_overdue_key,
    reminder_accepted_key,
    reminder_pending_key,
)
from notifications.selectors import delivered_to
from participants.models import User

DAY = dt.timedelta(days=1)
# A scheduled meeting further away than the longest allowed invitation lead needs no notice yet.
UPCOMING_HORIZON = dt.timedelta(days=LEAD_TIME_FIELDS["invitation_lead_days"] + 1)
# A minutes reminder that could not go out on its day (the checker was down) still goes this long after;
# later it would only be noise.
MINUTES_CATCH_UP = dt.timedelta(days=14)
MINUTES_HORIZON = dt.timedelta(days=LEAD_TIME_FIELDS["minutes_overdue_second_days"]) + MINUTES_CATCH_UP


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
    delivered = delivered_to(kinds=[INVITATION, REMINDER_PENDING, REMINDER_ACCEPTED, MINUTES_OVERDUE], keys=keys)

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


def change_notice_recipients(*, change: MeetingChange) -> list[User]:
    """Everyone invited to the meeting, except those who declined."""
    return [
        inv.person
        for inv in change.meeting.invitations.exclude(response=Invitation.Response.DECLINED)
        .filter(person__is_active=True)
        .select_related("person")
        .order_by("pk")
    ]


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
