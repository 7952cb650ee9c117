"""Bad input on meetings pages: a clear message in the reader's language, the input kept, never a 500."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import icalendar
import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory, PublishedMinutesFactory, SubgroupFactory
from tests.meetings.test_journeys import local, meeting_form_data

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("language", "message"),
    [
        ("ru", "Время окончания заседания должно быть позже времени начала."),
        ("kk", "Отырыстың аяқталу уақыты басталу уақытынан кейін болуы керек."),
    ],
)
def test_end_before_start_is_explained_in_the_page_language(
    client_as: Callable[[str], Client], language: str, message: str
) -> None:
    start = MeetingFactory.build().starts_at
    data = meeting_form_data(starts_at=local(start), ends_at=local(start - dt.timedelta(hours=1)))
    with translation.override(language):
        response = client_as("secretariat").post(reverse("meetings:meeting-create"), data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Meeting.objects.exists()


def test_rescheduling_to_end_before_start_keeps_the_meeting_and_the_typed_times(
    client_as: Callable[[str], Client],
) -> None:
    meeting = MeetingFactory()
    before = (meeting.starts_at, meeting.ends_at)
    new_start = meeting.starts_at + dt.timedelta(days=7)
    typed = {"starts_at": local(new_start), "ends_at": local(new_start - dt.timedelta(hours=2)),
             "reason": "The hall is booked"}
    response = client_as("secretariat").post(reverse("meetings:meeting-reschedule", args=[meeting.pk]), typed)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The meeting must end after it starts." in page
    assert f'value="{typed["starts_at"]}"' in page
    meeting.refresh_from_db()
    assert (meeting.starts_at, meeting.ends_at) == before
    assert not meeting.changes.exists()


@pytest.mark.parametrize(
    "query",
    [
        {"year": "last"}, {"year": "1900"}, {"subgroup": "999999"}, {"topic": "x"}, {"page": "-3"},
        {"page": "many"}, {"q": "\"unclosed -"}, {"q": "x" * 300},
    ],
)
def test_garbage_in_archive_filters_shows_the_archive_not_an_error(client: Client, query: dict[str, str]) -> None:
    PublishedMinutesFactory(meeting__title="Held meeting")
    response = client.get(reverse("meetings:meeting-archive"), query)
    assert response.status_code == 200
    assert response.context["page"].number >= 1


@pytest.mark.parametrize("query", [{"subgroup": "abc"}, {"topic": "999999"}, {"page": "0"}])
def test_garbage_in_schedule_filters_shows_the_schedule(client: Client, query: dict[str, str]) -> None:
    MeetingFactory(title="Next meeting")
    response = client.get(reverse("meetings:meeting-list"), query)
    assert response.status_code == 200
    assert "Next meeting" in response.content.decode()


def test_unknown_subgroup_feed_is_not_found_and_a_known_one_parses(client: Client) -> None:
    subgroup = SubgroupFactory()
    MeetingFactory(subgroup=subgroup, number=None, title="Subgroup session")
    assert client.get(reverse("meetings_feeds:subgroup-schedule-ics", args=[999999])).status_code == 404
    body = client.get(reverse("meetings_feeds:subgroup-schedule-ics", args=[subgroup.pk])).content
    events = icalendar.Calendar.from_ical(body).walk("VEVENT")
    assert [str(e["summary"]) for e in events] == ["Subgroup session"]


def test_a_refused_meeting_form_leaves_the_meeting_unchanged() -> None:
    """MeetingForm skips ModelForm's _post_clean on purpose: the meeting the view passes in is not touched by
    validation, and only the service writes (meetings/forms.py says why)."""
    from meetings.forms import MeetingForm

    meeting = MeetingFactory(title="Stored title", venue="MFA, Astana")
    start = meeting.starts_at
    data = meeting_form_data(title="Typed title", venue="", format="in_person",
                             starts_at=local(start), ends_at=local(start - dt.timedelta(hours=1)))
    form = MeetingForm(data, instance=meeting)
    assert not form.is_valid()
    assert set(form.errors) == {"ends_at", "venue"}
    assert (meeting.title, meeting.venue) == ("Stored title", "MFA, Astana")
    # A valid form does not write either: the view hands service_kwargs() to meetings.services.
    valid = MeetingForm(meeting_form_data(title="Typed title", number=None), instance=meeting)
    assert valid.is_valid(), valid.errors
    assert meeting.title == "Stored title"
    meeting.refresh_from_db()
    assert meeting.title == "Stored title"
