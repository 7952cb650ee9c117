"""iCalendar (.ics) output: one meeting, the public schedule, a person's own calendar."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import cast
from urllib.parse import urlparse

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Alarm, Calendar, Event

from core import dates
from meetings.models import Invitation, Meeting

# A day's notice: most people travel to Astana for an in-person meeting.
REMINDER_BEFORE = dt.timedelta(days=1)


def _host() -> str:
    return urlparse(settings.SITE_URL).hostname or "dialogue-platform"


def meeting_url(meeting: Meeting) -> str:
    return settings.SITE_URL + reverse("meetings:meeting-detail", args=[meeting.pk])


def meeting_event(meeting: Meeting, *, include_private: bool, invitation: Invitation | None = None) -> Event:
    """One VEVENT. The online link goes in only when `include_private` (invitees and the secretariat)."""
    event = Event()
    event.add("uid", f"meeting-{meeting.pk}@{_host()}")
    event.add("dtstamp", meeting.updated_at or timezone.now())
    event.add("last-modified", meeting.updated_at or timezone.now())
    # On the meeting's own clocks, with TZID and a VTIMEZONE (build_calendar): a calendar app shows the reader's
    # time and, asked, the meeting's ("10:00 Geneva"), and a later change of the zone's rules moves it right.
    zone = dates.meeting_zone(meeting.time_zone)
    event.add("dtstart", meeting.starts_at.astimezone(zone))
    event.add("dtend", meeting.ends_at.astimezone(zone))
    event.add("summary", meeting.title)
    url = meeting_url(meeting)
    event.add("url", url)
    location = meeting.venue
    # Calendar apps show the times in the reader's own zone; the description says them as the portal does.
    lines = [_("When: %(when)s") % {"when": dates.range_text(meeting.starts_at, meeting.ends_at, meeting.time_zone)}]
    if meeting.description:
        lines.append(meeting.description)
    if meeting.chair:
        lines.append(_("Chair: %(chair)s") % {"chair": meeting.chair})
    if include_private and meeting.online_link and meeting.has_online_part:
        lines.append(_("Join online: %(link)s") % {"link": meeting.online_link})
        if meeting.format == Meeting.Format.ONLINE:
            location = meeting.online_link
    lines.append(_("Meeting page: %(url)s") % {"url": url})
    if location:
        event.add("location", location)
    event.add("description", "\n\n".join(lines))
    if meeting.status == Meeting.Status.CANCELLED:
        event.add("status", "CANCELLED")
    elif invitation is not None and invitation.response == Invitation.Response.TENTATIVE:
        event.add("status", "TENTATIVE")
    else:
        event.add("status", "CONFIRMED")
    if meeting.status != Meeting.Status.CANCELLED:
        alarm = Alarm()
        alarm.add("action", "DISPLAY")
        alarm.add("description", meeting.title)
        alarm.add("trigger", -REMINDER_BEFORE)
        event.add_component(alarm)
    return event


def build_calendar(events: Iterable[Event], *, name: str) -> bytes:
    calendar = Calendar()
    calendar.add("prodid", "-//Dialogue Platform on the Human Dimension//Meetings//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    starts = []
    for event in events:
        calendar.add_component(event)
        if isinstance(event.get("dtstart").dt, dt.datetime):
            starts.append(event.get("dtstart").dt.date())
    if starts:
        # A VTIMEZONE for every TZID the events name, covering only their dates (the whole 1970-2038 span would
        # be long and slow): Almaty's switch from UTC+6 to UTC+5 in 2024 is in it when a meeting is before it.
        calendar.add_missing_timezones(
            first_date=min(starts) - dt.timedelta(days=7), last_date=max(starts) + dt.timedelta(days=7),
        )
    return cast(bytes, calendar.to_ical())
