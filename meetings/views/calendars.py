"""Calendar files and feeds. The feeds are fetched by machines and need no session."""

from __future__ import annotations

import hashlib
from collections.abc import Callable

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Max
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from core.language import in_language, user_language
from meetings import selectors
from meetings.calendar import build_calendar, meeting_event
from meetings.feeds import PublishedMinutesFeed
from meetings.models import Minutes, Subgroup

ICS_TYPE = "text/calendar; charset=utf-8"


def _ics(body: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(body, content_type=ICS_TYPE)
    response["Content-Disposition"] = f'inline; filename="{filename}"'
    return response


def meeting_ics(request: HttpRequest, pk: int) -> HttpResponse:
    """One meeting for "add to calendar"; invitees and the secretariat get the online link in it."""
    meeting = selectors.meeting_get_for_user(user=request.user, pk=pk)
    if meeting.withdrawn_at is not None:
        raise Http404  # withdrawn: gone from calendars (its page says why)
    invitation = selectors.invitation_for(user=request.user, meeting=meeting)
    private = selectors.can_see_participant_content(user=request.user, meeting=meeting, invitation=invitation)
    event = meeting_event(meeting, include_private=private, invitation=invitation)
    response = _ics(build_calendar([event], name=meeting.title), f"meeting-{meeting.pk}.ics")
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=300"
    return response


def _cached(key_parts: tuple[object, ...], build: Callable[[], tuple[bytes, str]]) -> tuple[bytes, str]:
    """Whole-schedule files are rebuilt only when their data changed: the key holds its latest change."""
    raw = "|".join(str(p) for p in (*key_parts, get_language(), settings.SITE_URL))
    key = "meetings:feed:" + hashlib.sha256(raw.encode()).hexdigest()
    hit: tuple[bytes, str] | None = cache.get(key)
    if hit is None:
        hit = build()
        cache.set(key, hit, 60 * 60)
    return hit


@cache_control(public=True, max_age=300)
def schedule_ics(request: HttpRequest, subgroup_pk: int | None = None) -> HttpResponse:
    subgroup = get_object_or_404(Subgroup, pk=subgroup_pk) if subgroup_pk else None
    meetings = selectors.meeting_schedule(subgroup=subgroup)
    # Drafts included: a meeting taken back to draft must drop out of the cached file.
    state = selectors.meeting_schedule(subgroup=subgroup, include_drafts=True).aggregate(
        changed=Max("updated_at"), count=Count("pk")
    )
    name = subgroup.name if subgroup else _("Dialogue Platform: meetings")

    def build() -> tuple[bytes, str]:
        events = (meeting_event(m, include_private=False) for m in meetings)
        return build_calendar(events, name=name), ICS_TYPE

    key = ("schedule", subgroup.pk if subgroup else "all", subgroup.updated_at if subgroup else "",
           state["changed"], state["count"])
    body, _type = _cached(key, build)
    return _ics(body, "meetings.ics")


def minutes_atom(request: HttpRequest) -> HttpResponse:
    state = Minutes.objects.published().aggregate(
        changed=Max("updated_at"), count=Count("pk")
    )

    def build() -> tuple[bytes, str]:
        response = PublishedMinutesFeed()(request)
        return response.content, response["Content-Type"]

    body, content_type = _cached(("atom", state["changed"], state["count"]), build)
    response = HttpResponse(body, content_type=content_type)
    response["Cache-Control"] = "public, max-age=300"
    return response


@cache_control(private=True, no_store=True)
def personal_ics(request: HttpRequest, token: str) -> HttpResponse:
    """A person's meetings, online links included: the secret token in the URL stands in for a session."""
    found = selectors.meetings_for_calendar_token(token=token)
    if found is None:
        raise Http404
    owner, rows = found
    # Calendar apps fetch this unattended, with no language of their own: it speaks its owner's (core.language).
    with in_language(user_language(owner)):
        events = [meeting_event(m, include_private=True, invitation=inv) for m, inv in rows]
        body = build_calendar(events, name=_("My Dialogue Platform meetings"))
    return _ics(body, "my-meetings.ics")
