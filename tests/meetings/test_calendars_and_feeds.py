from __future__ import annotations

from collections.abc import Callable
from typing import cast

import feedparser
import icalendar
import pytest
from django.test import Client
from django.urls import reverse

from meetings import services
from meetings.models import Meeting
from participants.models import User
from tests.meetings.factories import (
    InvitationFactory,
    MeetingFactory,
    MinutesFactory,
    PublishedMinutesFactory,
    SubgroupFactory,
)

pytestmark = pytest.mark.django_db

SECRET_LINK = "https://meet.example.org/secret-room-42"


def parse_events(body: bytes) -> list[icalendar.Event]:
    calendar = icalendar.Calendar.from_ical(body)
    return cast(list[icalendar.Event], calendar.walk("VEVENT"))


def test_meeting_ics_parses_with_reminder_and_link_back(client: Client) -> None:
    meeting = MeetingFactory(title="44th meeting")
    response = client.get(reverse("meetings:meeting-ics", args=[meeting.pk]))
    assert response["Content-Type"].startswith("text/calendar")
    (event,) = parse_events(response.content)
    assert str(event["summary"]) == "44th meeting"
    assert event.decoded("dtstart") == meeting.starts_at
    assert event.decoded("dtend") == meeting.ends_at
    assert str(event["url"]) == f"https://dialogue.example.kz/en/meetings/{meeting.pk}/"
    alarms = list(event.walk("VALARM"))
    assert len(alarms) == 1 and alarms[0].decoded("trigger").total_seconds() < 0


def test_meeting_ics_carries_online_link_only_for_invitees(client_as: Callable[[str], Client]) -> None:
    meeting = MeetingFactory()
    anonymous = client_as("anonymous").get(reverse("meetings:meeting-ics", args=[meeting.pk]))
    assert SECRET_LINK not in anonymous.content.decode()
    ngo_client = client_as("ngo")
    outsider = ngo_client.get(reverse("meetings:meeting-ics", args=[meeting.pk]))
    assert SECRET_LINK not in outsider.content.decode()
    InvitationFactory(meeting=meeting, person=User.objects.get(email="ngo@example.org"))
    invited = ngo_client.get(reverse("meetings:meeting-ics", args=[meeting.pk]))
    (event,) = parse_events(invited.content)
    assert SECRET_LINK in str(event["description"])
    assert invited["Cache-Control"].startswith("private")


def test_draft_meeting_ics_is_not_found_for_the_public(client: Client) -> None:
    meeting = MeetingFactory(status=Meeting.Status.DRAFT)
    assert client.get(reverse("meetings:meeting-ics", args=[meeting.pk])).status_code == 404


def test_public_schedule_feed_lists_non_draft_meetings_without_links(client: Client) -> None:
    shown = MeetingFactory(title="Shown")
    cancelled = MeetingFactory(title="Called off", status=Meeting.Status.CANCELLED)
    MeetingFactory(title="Secret draft", status=Meeting.Status.DRAFT)
    response = client.get(reverse("meetings_feeds:schedule-ics"))
    assert response.status_code == 200
    assert reverse("meetings_feeds:schedule-ics").startswith("/feeds/")  # no language prefix, no redirect
    events = {str(e["summary"]): e for e in parse_events(response.content)}
    assert set(events) == {shown.title, cancelled.title}
    assert str(events["Called off"]["status"]) == "CANCELLED"
    assert SECRET_LINK not in response.content.decode()


def test_subgroup_schedule_feed_has_only_its_meetings(client: Client) -> None:
    subgroup = SubgroupFactory()
    MeetingFactory(title="Plenary")
    MeetingFactory(title="UPR group", subgroup=subgroup, number=None)
    response = client.get(reverse("meetings_feeds:subgroup-schedule-ics", args=[subgroup.pk]))
    assert [str(e["summary"]) for e in parse_events(response.content)] == ["UPR group"]


def test_personal_feed_works_without_session_and_stops_after_reset(ngo: User) -> None:
    meeting = MeetingFactory(title="Mine")
    MeetingFactory(title="Not mine")
    InvitationFactory(meeting=meeting, person=ngo)
    token = services.calendar_token_reset(user=ngo).token
    url = reverse("meetings_feeds:personal-ics", args=[token])
    response = Client().get(url)
    events = parse_events(response.content)
    assert [str(e["summary"]) for e in events] == ["Mine"]
    assert SECRET_LINK in str(events[0]["description"])
    services.calendar_token_reset(user=ngo)
    assert Client().get(url).status_code == 404


def test_unknown_personal_token_is_not_found(client: Client) -> None:
    assert client.get(reverse("meetings_feeds:personal-ics", args=["nope"])).status_code == 404


def test_atom_feed_lists_published_minutes_only(client: Client) -> None:
    published = PublishedMinutesFactory(meeting__title="41st meeting")
    MinutesFactory(meeting__title="Draft minutes meeting")
    response = client.get(reverse("meetings_feeds:minutes-atom"))
    assert response.status_code == 200
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    titles = [entry.title for entry in feed.entries]
    assert titles == ["41st meeting"]
    assert feed.entries[0].link == f"https://dialogue.example.kz/en/meetings/{published.meeting_id}/"
    assert "UPR" in feed.entries[0].summary


def test_cached_feeds_follow_every_change(client: Client, secretariat: User) -> None:
    meeting = MeetingFactory(title="Soon")
    url = reverse("meetings_feeds:schedule-ics")
    assert str(parse_events(client.get(url).content)[0]["status"]) == "CONFIRMED"
    services.meeting_cancel(actor=secretariat, meeting=meeting, reason="")
    assert str(parse_events(client.get(url).content)[0]["status"]) == "CANCELLED"
    services.meeting_transition(actor=secretariat, meeting=meeting, to=Meeting.Status.DRAFT)
    assert parse_events(client.get(url).content) == []

    atom = reverse("meetings_feeds:minutes-atom")
    assert feedparser.parse(client.get(atom).content).entries == []
    PublishedMinutesFactory(meeting__title="Just published")
    assert [e.title for e in feedparser.parse(client.get(atom).content).entries] == ["Just published"]


def test_full_text_search_matches_words_of_published_minutes_only(client: Client) -> None:
    from meetings import selectors

    PublishedMinutesFactory(meeting__title="A", body="<p>Prevention of torture in places of detention</p>")
    MinutesFactory(meeting__title="B", body="<p>Detention draft not yet published</p>")
    assert [m.title for m in selectors.meeting_archive_list(query="detention")] == ["A"]
    assert list(selectors.meeting_archive_list(query="nothing-like-this")) == []
