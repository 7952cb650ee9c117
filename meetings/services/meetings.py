"""Meetings: create, edit, plan a year, change status, cancel and reschedule (invitees told by meetings.notices)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from core.concurrency import claim
from core.dates import INVALID_ZONE, default_time_zone, parse_zone
from core.exceptions import ApplicationError
from core.language import in_each_language
from core.multilingual import active_language, write_original
from core.withdrawal import withdraw, withdraw_many
from meetings.lead_times import LEAD_TIME_FIELDS, lead_time_errors
from meetings.models import (
    Meeting,
    MeetingChange,
    MeetingDocument,
    Minutes,
    Subgroup,
)
from meetings.notices import change_notice_publish
from meetings.services._common import (
    ALLOWED_TRANSITIONS,
    S,
    _check_dates,
    _check_number,
    _set_topics,
    next_plenary_number,
)
from participants.models import User


@transaction.atomic
def meeting_create(
    *,
    actor: User | None,
    title: str,
    starts_at: dt.datetime,
    ends_at: dt.datetime,
    format: str = Meeting.Format.IN_PERSON,  # noqa: A002
    number: int | None = None,
    venue: str = "",
    online_link: str = "",
    chair: str = "",
    description: str = "",
    subgroup: Subgroup | None = None,
    topics: Iterable[str] | None = None,
    status: str = Meeting.Status.DRAFT,
    invitation_lead_days: int | None = None,
    reminder_pending_days: int | None = None,
    reminder_accepted_days: int | None = None,
    minutes_overdue_first_days: int | None = None,
    minutes_overdue_second_days: int | None = None,
    original_language: str | None = None,
    time_zone: str | None = None,
) -> Meeting:
    _check_dates(starts_at, ends_at)
    zone = _check_zone(time_zone)
    _check_number(number, subgroup)
    # Lead times left out take the defaults from settings (the model's field defaults).
    lead_times = {
        name: value
        for name, value in {
            "invitation_lead_days": invitation_lead_days,
            "reminder_pending_days": reminder_pending_days,
            "reminder_accepted_days": reminder_accepted_days,
            "minutes_overdue_first_days": minutes_overdue_first_days,
            "minutes_overdue_second_days": minutes_overdue_second_days,
        }.items()
        if value is not None
    }
    _check_lead_times(Meeting(**lead_times))
    language = original_language or active_language()
    meeting = Meeting(original_language=language)
    # Title, venue, chair and description are the original text, in the language the secretariat wrote them.
    write_original(meeting, {"title": title, "venue": venue, "chair": chair, "description": description})
    fields = dict(
        starts_at=starts_at,
        ends_at=ends_at,
        format=format,
        number=None if subgroup else number,
        online_link=online_link,
        time_zone=zone,
        subgroup=subgroup,
        status=status,
        created_by=actor,
        **lead_times,
    )
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()
    _set_topics(meeting, topics)
    return meeting


# What the edit form changes. The status is not among them: it changes only through meeting_transition,
# meeting_cancel and minutes_publish, which check the meeting's life (ALLOWED_TRANSITIONS).
EDITABLE_FIELDS = frozenset({
    "number", "title", "subgroup", "starts_at", "ends_at", "format", "venue", "online_link", "chair", "description",
    "original_language", "time_zone",
    *LEAD_TIME_FIELDS,
})


@transaction.atomic
def meeting_update(
    *, actor: User, meeting: Meeting, version: int | None, topics: Iterable[str] | None = None, **fields: Any
) -> Meeting:
    """Edit a meeting opened at `version` (core.concurrency: a save made meanwhile is an EditConflict). A new date
    for a scheduled meeting is a reschedule: invitees are told."""
    unknown = set(fields) - EDITABLE_FIELDS
    if unknown:
        # A programming error, not a user's: the status in particular never changes here.
        message = f"meeting_update cannot set {sorted(unknown)}; statuses change via meeting_transition"  # nosec B608: an error message
        raise TypeError(message)
    meeting = claim(Meeting, pk=meeting.pk, version=version)
    if meeting.withdrawn_at is not None:
        raise ApplicationError(_("A withdrawn meeting can no longer be edited."))
    if meeting.status in (S.CANCELLED, S.MINUTES_PUBLISHED):
        raise ApplicationError(_("A cancelled meeting or one with published minutes can no longer be edited."))
    starts_at = fields.pop("starts_at", meeting.starts_at)
    ends_at = fields.pop("ends_at", meeting.ends_at)
    subgroup = fields.get("subgroup", meeting.subgroup)
    number = fields.get("number", meeting.number)
    _check_dates(starts_at, ends_at)
    if "time_zone" in fields:
        fields["time_zone"] = _check_zone(fields["time_zone"])
    _check_number(number, subgroup, exclude_pk=meeting.pk)
    if subgroup is not None:
        fields["number"] = None
    _check_lead_times(meeting, **{k: v for k, v in fields.items() if k in LEAD_TIME_FIELDS})
    date_changed = (starts_at, ends_at) != (meeting.starts_at, meeting.ends_at)
    if date_changed and meeting.status == S.SCHEDULED:
        meeting_reschedule(actor=actor, meeting=meeting, starts_at=starts_at, ends_at=ends_at, reason="")
        meeting.refresh_from_db()
    else:
        meeting.starts_at, meeting.ends_at = starts_at, ends_at
    fields = write_original(meeting, fields, language=fields.pop("original_language", None))
    for name, value in fields.items():
        setattr(meeting, name, value)
    meeting.save()
    _set_topics(meeting, topics)
    return meeting


@transaction.atomic
def _planned_title(number: int) -> str:
    return _("Meeting No. %(number)d of the Dialogue Platform on the Human Dimension") % {"number": number}


def meeting_plan_year(
    *, actor: User, year: int, first_number: int | None = None, start_time: dt.time = dt.time(10, 0),
    duration_hours: int = 3, format: str = Meeting.Format.HYBRID, venue: str = "", chair: str = "",  # noqa: A002
) -> list[Meeting]:
    """Four quarterly plenary meetings of `year` as drafts, numbered consecutively, one per quarter.

    Quarters that already have a plenary meeting are skipped; each new meeting is placed on the
    15th of the quarter's middle month, to be moved to the real date later.
    """
    tz = timezone.get_current_timezone()
    number = first_number or next_plenary_number()
    taken = {
        (m.starts_at.astimezone(tz).month - 1) // 3
        for m in Meeting.objects.filter(subgroup__isnull=True, starts_at__year=year).exclude(status=S.CANCELLED)
    }
    quarters = [q for q in range(4) if q not in taken]
    if not quarters:
        raise ApplicationError(_("Every quarter of %(year)d already has a plenary meeting.") % {"year": year})
    numbers = list(range(number, number + len(quarters)))
    clashes = sorted(  # type: ignore[type-var]  # number__in: no NULL numbers
        Meeting.all_objects.filter(subgroup__isnull=True, number__in=numbers).values_list("number", flat=True)
    )
    if clashes:
        raise ApplicationError(
            _("Meeting numbers already in use: %(numbers)s.") % {"numbers": ", ".join(map(str, clashes))},
            field="first_number",
        )
    created = []
    for quarter, n in zip(quarters, numbers, strict=True):
        starts_at = dt.datetime.combine(dt.date(year, quarter * 3 + 2, 15), start_time, tzinfo=tz)
        # The title is the portal's own words, so it is written in every language at once: a reader (and every
        # e-mail about the meeting) gets it in their language, not the planner's ("Новая дата: Meeting No. 45").
        titles = in_each_language(partial(_planned_title, n))
        meeting = meeting_create(
            actor=actor,
            title=titles[active_language()],
            number=n,
            starts_at=starts_at,
            ends_at=starts_at + dt.timedelta(hours=duration_hours),
            format=format,
            venue=venue,
            chair=chair,
        )
        for language, text in titles.items():
            meeting.set_text("title", language, text)
        meeting.save()
        created.append(meeting)
    return created


def _check_zone(time_zone: str | None) -> str:
    """The IANA name of `time_zone` (the portal's zone when none is given), or an ApplicationError on the field."""
    if not time_zone:
        return default_time_zone()
    zone = parse_zone(time_zone)
    if zone is None:
        raise ApplicationError(str(INVALID_ZONE) % {"value": time_zone}, field="time_zone")
    return zone


def _check_lead_times(meeting: Meeting, **changes: object) -> None:
    """Raise the first broken lead-time rule of `meeting` with `changes` applied, on its field."""
    values = {name: changes.get(name, getattr(meeting, name)) for name in LEAD_TIME_FIELDS}
    for field, message in lead_time_errors(values).items():
        raise ApplicationError(message, field=field)


@transaction.atomic
def meeting_transition(*, actor: User, meeting: Meeting, to: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if to not in S.values:
        raise ApplicationError(_("Unknown status."), field="status")
    if to not in ALLOWED_TRANSITIONS.get(meeting.status, ()):
        raise ApplicationError(
            _("A meeting cannot go from “%(current)s” to “%(target)s”.")
            % {"current": S(meeting.status).label, "target": S(to).label if to in S.values else to},
            field="status",
        )
    if to == S.MINUTES_PUBLISHED:
        raise ApplicationError(_("Publish the minutes to mark the meeting as having published minutes."))
    if to == S.HELD and meeting.starts_at > timezone.now():
        raise ApplicationError(_("A meeting can be marked as held only once it has started."), field="status")
    if to == S.CANCELLED:
        return meeting_cancel(actor=actor, meeting=meeting, reason="")
    meeting.status = to
    meeting.save(update_fields=["status", "updated_at"])
    return meeting


@transaction.atomic
def meeting_cancel(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if S.CANCELLED not in ALLOWED_TRANSITIONS[meeting.status]:
        raise ApplicationError(_("Only a draft or scheduled meeting can be cancelled."))
    change = MeetingChange.objects.create(
        meeting=meeting,
        kind=MeetingChange.Kind.CANCELLED,
        previous_starts_at=meeting.starts_at,
        previous_ends_at=meeting.ends_at,
        reason=reason,
        made_by=actor,
    )
    was_scheduled = meeting.status == S.SCHEDULED
    meeting.status = S.CANCELLED
    meeting.save(update_fields=["status", "updated_at"])
    if was_scheduled:
        change_notice_publish(change=change)
    return meeting


@transaction.atomic
def meeting_reschedule(
    *, actor: User, meeting: Meeting, starts_at: dt.datetime, ends_at: dt.datetime, reason: str
) -> Meeting:
    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status not in (S.DRAFT, S.SCHEDULED):
        raise ApplicationError(_("Only a draft or scheduled meeting can be moved to another date."))
    _check_dates(starts_at, ends_at)
    if (starts_at, ends_at) == (meeting.starts_at, meeting.ends_at):
        raise ApplicationError(_("The new date is the same as the current one."), field="starts_at")
    change = MeetingChange.objects.create(
        meeting=meeting,
        kind=MeetingChange.Kind.RESCHEDULED,
        previous_starts_at=meeting.starts_at,
        previous_ends_at=meeting.ends_at,
        reason=reason,
        made_by=actor,
    )
    meeting.starts_at, meeting.ends_at = starts_at, ends_at
    meeting.save(update_fields=["starts_at", "ends_at", "updated_at"])
    if meeting.status == S.SCHEDULED:
        change_notice_publish(change=change)
    return meeting


@transaction.atomic
def meeting_withdraw(*, actor: User, meeting: Meeting, reason: str) -> Meeting:
    """Withdraw a meeting the public could see (core.withdrawal), with its minutes and documents, for the same
    reason. A draft was never public: it is cancelled or left as a draft, not withdrawn."""
    meeting = Meeting.all_objects.select_for_update().get(pk=meeting.pk)
    if meeting.status == S.DRAFT:
        raise ApplicationError(_("A draft meeting was never public: cancel it instead."))
    withdraw(meeting, actor=actor, reason=reason)
    withdraw_many(Minutes.all_objects.select_for_update().filter(meeting=meeting), actor=actor, reason=reason,
                  when=meeting.withdrawn_at)
    withdraw_many(MeetingDocument.all_objects.select_for_update().filter(meeting=meeting), actor=actor,
                  reason=reason, when=meeting.withdrawn_at)
    return meeting
