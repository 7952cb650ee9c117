"""How each kind of meeting notice reads, and the due-notice checker (registered by MeetingsConfig.ready()).

The notifications app sends; this module says what a message of each kind says, in the recipient's language
(every renderer runs inside core.language.in_language(delivery.language)). Who gets which notice, and when, is
decided in due.py and published by publish.py.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import linebreaks, urlize
from django.utils.translation import gettext_lazy

from core import dates
from meetings.calendar import build_calendar, meeting_event, meeting_url
from meetings.models import AgendaItem, Invitation, Meeting, MeetingChange
from meetings.notices.kinds import (
    CHANGE,
    INVITATION,
    MINUTES_OVERDUE,
    MINUTES_PUBLISHED,
    REMINDER_ACCEPTED,
    REMINDER_PENDING,
)
from notifications.models import Delivery, Notice
from notifications.registry import Message, Obsolete, notice_cache, register, register_due


def _recipient_name(delivery: Delivery) -> str:
    user = delivery.user
    return (user.get_full_name() if user else "") or delivery.email


def _meeting(notice: Notice) -> Meeting:
    meeting = Meeting.objects.select_related("subgroup").filter(pk=notice.payload.get("meeting_id")).first()
    if meeting is None:
        raise Obsolete("The meeting was deleted.")
    return meeting


def _invitation(meeting: Meeting, delivery: Delivery) -> Invitation | None:
    if delivery.user_id is None:
        return None
    return Invitation.objects.filter(meeting=meeting, person_id=delivery.user_id).first()


def _still_upcoming(notice: Notice, meeting: Meeting) -> None:
    """An invitation or reminder of a meeting that was cancelled, held, or moved since it was published is void:
    a moved meeting gets its own reminder (its key holds the date)."""
    if meeting.status != Meeting.Status.SCHEDULED or meeting.starts_at <= timezone.now():
        raise Obsolete("The meeting is no longer upcoming.")
    planned = notice.payload.get("starts_at")
    if planned and dt.datetime.fromisoformat(planned) != meeting.starts_at:
        raise Obsolete("The meeting was moved after this notice was published.")


def _agenda(notice: Notice, meeting: Meeting) -> list[AgendaItem]:
    """The meeting's agenda, loaded once per chunk of deliveries: the items' titles are read when each e-mail is
    rendered, inside the recipient's language, so one list serves every language."""
    cache = notice_cache(notice)
    key = f"agenda:{meeting.pk}"
    if key not in cache:
        cache[key] = list(meeting.agenda_items.order_by("position"))
    items: list[AgendaItem] = cache[key]  # the cache holds Any; this key, the list above
    return items


def meeting_message(
    *, template: str, meeting: Meeting, delivery: Delivery, invitation: Invitation | None, **extra: Any
) -> Message:
    """Subject, plain text, HTML and the .ics of one meeting notice. The online link (in the text and in the
    calendar file) goes only to invitees."""
    is_invitee = invitation is not None
    context = {
        "meeting": meeting,
        "invitation": invitation,
        "recipient_name": _recipient_name(delivery),
        "date": dates.weekday_text(meeting.starts_at, meeting.time_zone),
        "time": dates.hours_text(meeting.starts_at, meeting.ends_at, meeting.time_zone),
        "format": meeting.get_format_display(),
        "online_link": meeting.online_link if is_invitee and meeting.has_online_part else "",
        "online_for_invitees_only": meeting.has_online_part and not is_invitee,
        "meeting_url": meeting_url(meeting),
        "agenda": _agenda(delivery.notice, meeting),
        **extra,
    }
    subject = render_to_string(f"meetings/email/{template}_subject.txt", context)
    text = render_to_string(f"meetings/email/{template}.txt", context)
    html = render_to_string(f"meetings/email/{template}.html", context)
    event = meeting_event(meeting, include_private=is_invitee, invitation=invitation)
    ics = build_calendar([event], name=meeting.title)
    return Message(
        subject=" ".join(subject.split()),
        text=text,
        html=html,
        attachments=[(f"meeting-{meeting.pk}.ics", ics, "text/calendar")],
    )


@register(INVITATION, label=gettext_lazy("Invitations to meetings"))
def render_invitation(*, notice: Notice, delivery: Delivery) -> Message:
    meeting = _meeting(notice)
    _still_upcoming(notice, meeting)
    invitation = _invitation(meeting, delivery)
    if invitation is None:
        raise Obsolete("The person is no longer invited.")
    return meeting_message(template="invitation", meeting=meeting, delivery=delivery, invitation=invitation)


@register(REMINDER_PENDING, label=gettext_lazy("Reminders to answer an invitation"))
def render_reminder_pending(*, notice: Notice, delivery: Delivery) -> Message:
    meeting = _meeting(notice)
    _still_upcoming(notice, meeting)
    invitation = _invitation(meeting, delivery)
    if invitation is None or invitation.response != Invitation.Response.INVITED:
        raise Obsolete("The invitee answered before the reminder went out.")
    return meeting_message(
        template="reminder_pending", meeting=meeting, delivery=delivery, invitation=invitation,
        answer_url=settings.SITE_URL + reverse("meetings:my-meetings"),
    )


@register(REMINDER_ACCEPTED, label=gettext_lazy("Reminders of meetings you accepted"))
def render_reminder_accepted(*, notice: Notice, delivery: Delivery) -> Message:
    meeting = _meeting(notice)
    _still_upcoming(notice, meeting)
    invitation = _invitation(meeting, delivery)
    if invitation is None or invitation.response != Invitation.Response.ACCEPTED:
        raise Obsolete("The invitee no longer attends.")
    return meeting_message(template="reminder_accepted", meeting=meeting, delivery=delivery, invitation=invitation)


@register(
    MINUTES_PUBLISHED, optional=True, label=gettext_lazy("Minutes of meetings published")
)
def render_minutes_published(*, notice: Notice, delivery: Delivery) -> Message:
    meeting = _meeting(notice)
    return meeting_message(
        template="minutes_published", meeting=meeting, delivery=delivery, invitation=_invitation(meeting, delivery),
    )


@register(MINUTES_OVERDUE, label=gettext_lazy("Reminders of unpublished minutes (secretariat)"))
def render_minutes_overdue(*, notice: Notice, delivery: Delivery) -> Message:
    meeting = _meeting(notice)
    if meeting.status != Meeting.Status.HELD:
        raise Obsolete("The minutes were published (or the meeting changed status) meanwhile.")
    return meeting_message(
        template="minutes_overdue", meeting=meeting, delivery=delivery, invitation=_invitation(meeting, delivery),
        days=int(notice.payload.get("days", 0)),
        minutes_url=settings.SITE_URL + reverse("meetings:minutes", args=[meeting.pk]),
    )


@register_due
def due_notices(now: dt.datetime) -> int:
    """Publish the invitations, reminders and minutes reminders that have come due (idempotent, bounded queries)."""
    from meetings.notices.publish import meeting_notices_publish_due

    return meeting_notices_publish_due(now=now)


@register(CHANGE, label=gettext_lazy("A meeting is cancelled or moved"))
def render_meeting_change(*, notice: Notice, delivery: Delivery) -> Message:
    # Loaded once per chunk of deliveries (notice_cache), not once per person.
    cache = notice_cache(notice)
    if "change" not in cache:
        cache["change"] = (
            MeetingChange.objects.select_related("meeting").filter(pk=notice.payload.get("change_id")).first()
        )
    change = cache["change"]
    if change is None:
        raise Obsolete("The meeting change was deleted.")
    meeting = change.meeting
    recipient = delivery.user or {"get_full_name": "", "email": delivery.email}
    context = {"change": change, "meeting": meeting, "recipient": recipient, "meeting_url": meeting_url(meeting)}
    text = render_to_string("meetings/email/change_body.txt", context)
    # Invitees get the online link in the calendar entry, as on the meeting page; its text is in their language.
    ics_key = f"ics:{delivery.language}"
    if ics_key not in cache:
        cache[ics_key] = build_calendar([meeting_event(meeting, include_private=True)], name=meeting.title)
    ics = cache[ics_key]
    return Message(
        subject=render_to_string("meetings/email/change_subject.txt", context).strip(),
        text=text,
        html=f"<html><body>{linebreaks(urlize(text, autoescape=True), autoescape=False)}</body></html>",
        attachments=[("meeting.ics", ics, "text/calendar")],
    )
