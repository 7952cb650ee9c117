"""Meeting notice kinds, registered with the notifications app (imported by MeetingsConfig.ready()).

--- "meetings.change" (cancelled or moved), from the notifications branch ---------------------------------------
Published at once by meetings.services.change_notice_publish; rendered here in each recipient's language.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils.html import linebreaks, urlize
from django.utils.translation import gettext_lazy

from meetings.calendar import build_calendar, meeting_event, meeting_url
from meetings.models import MeetingChange
from notifications.models import Delivery, Notice
from notifications.registry import Message, Obsolete, notice_cache, register


@register("meetings.change", label=gettext_lazy("A meeting is cancelled or moved"))
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
