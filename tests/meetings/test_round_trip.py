"""Mixed scripts, every Kazakh letter, right-to-left marks and emoji survive every way a meeting's text travels:
the secretariat's form, its pages, the minutes search, the .ics file and the invitation e-mail."""

from __future__ import annotations

import datetime as dt
import html
from collections.abc import Callable
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse
from django.utils import translation
from icalendar import Calendar

from meetings.models import Meeting
from tests.core.texts import KAZAKH_WORD, MIXED
from tests.meetings.factories import InvitationFactory, MeetingFactory, PublishedMinutesFactory, in_days
from tests.meetings.test_journeys import local, meeting_form_data
from tests.participants.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_the_meeting_form_keeps_the_text_exactly_and_the_page_shows_it_escaped(
    client_as: Callable[[str], Client],
) -> None:
    client = client_as("secretariat")
    with translation.override("kk"):
        url = reverse("meetings:meeting-create")
    response = client.post(url, meeting_form_data(title=MIXED, venue=MIXED, description=MIXED))

    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get()
    assert (meeting.title, meeting.venue, meeting.description) == (MIXED, MIXED, MIXED)
    page = client.get(response["Location"]).content.decode()
    assert html.escape(MIXED, quote=False) in page or html.escape(MIXED) in page
    assert "<b>not bold</b>" not in page


def test_a_rejected_form_gives_back_what_was_typed(client_as: Callable[[str], Client]) -> None:
    start = in_days(20)
    data = meeting_form_data(title=MIXED, starts_at=local(start), ends_at=local(start))
    with translation.override("kk"):
        response = client_as("secretariat").post(reverse("meetings:meeting-create"), data)

    assert response.status_code == 200
    assert f'value="{html.escape(MIXED)}"' in response.content.decode()
    assert not Meeting.objects.exists()


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_minutes_search_finds_a_kazakh_word_and_survives_the_whole_text_as_a_query(
    client: Client, language: str,
) -> None:
    typed = f"<p>{html.escape(MIXED, quote=False)}</p>"
    # The same typed text in each language's column: search reads the page language's text (docs/search.md).
    minutes = PublishedMinutesFactory(body=typed, body_kk=typed, body_ru=typed, meeting__title="Held meeting")
    archive = f"/{language}/meetings/archive/"

    found = client.get(archive, {"q": KAZAKH_WORD}).content.decode()
    whole = client.get(archive, {"q": MIXED})

    assert f"/{language}/meetings/{minutes.meeting_id}/" in found
    assert whole.status_code == 200


def test_the_calendar_file_gives_back_title_place_and_description_exactly(client: Client) -> None:
    meeting = MeetingFactory(title=MIXED, venue=MIXED, description=MIXED)

    ics = client.get(f"/kk/meetings/{meeting.pk}/calendar.ics").content
    (event,) = Calendar.from_ical(ics).walk("VEVENT")

    assert str(event["summary"]) == MIXED
    assert str(event["location"]) == MIXED
    assert MIXED in str(event["description"])


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_invitation_email_carries_the_text_unescaped_in_text_and_escaped_in_html(
    language: str, django_capture_on_commit_callbacks: Any,
) -> None:
    from meetings.notices.publish import meeting_notices_publish_due

    meeting = MeetingFactory(title=MIXED, venue=MIXED, starts_at=in_days(20))
    InvitationFactory(meeting=meeting, person=UserFactory(preferred_language=language))
    with django_capture_on_commit_callbacks(execute=True):
        meeting_notices_publish_due(now=meeting.starts_at - dt.timedelta(days=14))

    (message,) = mail.outbox
    assert MIXED in message.subject
    assert MIXED in message.body
    page = message.alternatives[0].content  # type: ignore[attr-defined]  # the message is an EmailMultiAlternatives
    assert html.escape(MIXED) in page or html.escape(MIXED, quote=False) in page
    assert "<b>not bold</b>" not in page
    (event,) = Calendar.from_ical(message.attachments[0][1]).walk("VEVENT")
    assert str(event["summary"]) == MIXED
