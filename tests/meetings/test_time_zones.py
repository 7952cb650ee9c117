"""A meeting's own time zone (issue 15, item 5: "times with their zone, Asia/Almaty or the meeting's"): typed in
the form on the meeting's clocks, stored as the right instant, and said on every page, e-mail and calendar file in
that zone, named, with Almaty's time beside it where the clocks differ."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse, translate_url
from django.utils import translation

from meetings.models import Meeting
from meetings.notices.publish import meeting_notices_publish_due
from tests.meetings.factories import InvitationFactory, MeetingFactory
from tests.pages import page_in
from tests.participants.factories import UserFactory

pytestmark = pytest.mark.django_db

GENEVA = zoneinfo.ZoneInfo("Europe/Zurich")
# 20 June 2031, 10:00-13:00 in Geneva (summer time, UTC+2): 08:00-11:00 UTC, 13:00-16:00 in Almaty (UTC+5).
START = dt.datetime(2031, 6, 20, 10, 0, tzinfo=GENEVA)
END = START + dt.timedelta(hours=3)
SAID = {
    "kk": "10:00–13:00 (Женева, UTC+2; Алматы уақытымен: 13:00–16:00)",
    "ru": "10:00–13:00 (Женева, UTC+2; по времени Алматы: 13:00–16:00)",
    "en": "10:00–13:00 (Geneva, UTC+2; Almaty time: 13:00–16:00)",
}


def _post(client: Client, url: str, data: dict[str, str], language: str = "en") -> Any:
    # translate_url resolves the URL in the language of its prefix: outside the override.
    url = translate_url(url, language)
    assert url.startswith(f"/{language}/")
    with translation.override(language):
        return client.post(url, data)


def _form(**changes: str) -> dict[str, str]:
    data = {
        "original_language": "ru", "number": "61", "title": "Заседание в Женеве", "format": "in_person",
        "venue": "Дворец Наций, Женева", "time_zone": "Europe/Zurich", "starts_at": "2031-06-20T10:00",
        "ends_at": "2031-06-20T13:00",
    }
    data.update(changes)
    return data


@pytest.fixture
def geneva_meeting() -> Meeting:
    return MeetingFactory(
        status=Meeting.Status.SCHEDULED, starts_at=START, ends_at=END, time_zone="Europe/Zurich", online_link="",
        format=Meeting.Format.IN_PERSON, original_language="ru", title_ru="Заседание в Женеве",
        title_kk="Женевадағы отырыс", title_en="Meeting in Geneva", venue_ru="Дворец Наций, Женева",
    )


def test_a_new_meeting_in_another_zone_stores_the_instant_of_its_own_clocks(
    client_as: Any,
) -> None:
    response = _post(client_as("secretariat"), reverse("meetings:meeting-create"), _form())
    assert response.status_code == 302
    meeting = Meeting.objects.get(number=61)
    assert meeting.time_zone == "Europe/Zurich"
    assert meeting.starts_at == dt.datetime(2031, 6, 20, 8, 0, tzinfo=dt.UTC)
    assert meeting.ends_at == dt.datetime(2031, 6, 20, 11, 0, tzinfo=dt.UTC)


def test_a_zone_typed_by_its_name_in_the_pages_language_is_understood(client_as: Any) -> None:
    response = _post(client_as("secretariat"), reverse("meetings:meeting-create"), _form(time_zone="Женева"), "ru")
    assert response.status_code == 302
    assert Meeting.objects.get(number=61).time_zone == "Europe/Zurich"


def test_a_meeting_without_a_zone_is_in_almaty(client_as: Any) -> None:
    response = _post(client_as("secretariat"), reverse("meetings:meeting-create"), _form(time_zone=""))
    assert response.status_code == 302
    meeting = Meeting.objects.get(number=61)
    assert meeting.time_zone == "Asia/Almaty"
    assert meeting.starts_at == dt.datetime(2031, 6, 20, 5, 0, tzinfo=dt.UTC)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_bad_zone_gets_a_translated_error_and_keeps_what_was_typed(client_as: Any, language: str) -> None:
    response = _post(client_as("secretariat"), reverse("meetings:meeting-create"),
                     _form(time_zone="Mars/Olympus"), language)
    html = response.content.decode()
    assert response.status_code == 200
    expected = {"kk": "уақыт белдеуі емес", "ru": "не часовой пояс", "en": "is not a time zone"}[language]
    assert expected in html
    assert 'value="Mars/Olympus"' in html
    assert 'value="2031-06-20T10:00"' in html and 'value="Заседание в Женеве"' in html
    assert not Meeting.objects.filter(number=61).exists()


def test_a_time_the_zone_skips_is_refused_on_its_field(client_as: Any) -> None:
    # New York puts its clocks forward at 02:00 on 9 March 2031: 02:30 never happens there.
    response = _post(client_as("secretariat"), reverse("meetings:meeting-create"), _form(
        time_zone="America/New_York", starts_at="2031-03-09T02:30", ends_at="2031-03-09T05:00",
    ))
    assert response.status_code == 200
    assert "This time does not exist in that time zone" in response.content.decode()
    assert not Meeting.objects.filter(number=61).exists()


def test_the_edit_form_shows_the_times_on_the_meetings_clocks(client_as: Any, geneva_meeting: Meeting) -> None:
    html = page_in(client_as("secretariat"), reverse("meetings:meeting-edit", args=[geneva_meeting.pk]), "en")
    assert 'value="2031-06-20T10:00"' in html and 'value="2031-06-20T13:00"' in html
    assert 'value="Europe/Zurich"' in html
    # The suggestions: the common zones by name first, then any other IANA zone.
    assert '<option value="Europe/Zurich">Geneva, UTC' in html and '<option value="Asia/Tokyo">' in html


def test_editing_a_meeting_keeps_its_instant_when_the_times_are_not_changed(
    client_as: Any, geneva_meeting: Meeting,
) -> None:
    client = client_as("secretariat")
    data = _form(number=str(geneva_meeting.number or ""), version=str(geneva_meeting.version))
    response = _post(client, reverse("meetings:meeting-edit", args=[geneva_meeting.pk]), data)
    assert response.status_code == 302
    geneva_meeting.refresh_from_db()
    assert geneva_meeting.starts_at == START


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_meeting_page_and_lists_say_the_meetings_time_its_zone_and_almatys(
    client: Client, geneva_meeting: Meeting, language: str,
) -> None:
    detail = page_in(client, reverse("meetings:meeting-detail", args=[geneva_meeting.pk]), language)
    assert SAID[language] in detail
    # Machines read the instant with the meeting's own offset.
    assert 'datetime="2031-06-20T10:00:00+02:00"' in detail
    listing = page_in(client, reverse("meetings:meeting-list"), language)
    assert SAID[language] in listing


def test_a_meeting_in_almaty_says_only_almatys_time(client: Client) -> None:
    almaty = zoneinfo.ZoneInfo("Asia/Almaty")
    starts = dt.datetime(2031, 6, 20, 10, 0, tzinfo=almaty)
    meeting = MeetingFactory(status=Meeting.Status.SCHEDULED, starts_at=starts, ends_at=starts + dt.timedelta(hours=3))
    html = page_in(client, reverse("meetings:meeting-detail", args=[meeting.pk]), "ru")
    assert "10:00–13:00 (Алматы, UTC+5)" in html
    assert "по времени Алматы" not in html


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_an_invitation_says_the_time_in_the_meetings_zone_in_the_recipients_language(
    geneva_meeting: Meeting, language: str, django_capture_on_commit_callbacks: Any,
) -> None:
    person = UserFactory(preferred_language=language, email=f"{language}@example.org")
    InvitationFactory(meeting=geneva_meeting, person=person)
    with translation.override("en" if language != "en" else "ru"), django_capture_on_commit_callbacks(execute=True):
        meeting_notices_publish_due(now=geneva_meeting.starts_at - dt.timedelta(days=14))
    (message,) = mail.outbox
    assert SAID[language] in message.body
    assert SAID[language] in message.alternatives[0].content  # type: ignore[attr-defined]  # the message is an EmailMultiAlternatives
    ics = message.attachments[0][1]
    ics = ics.decode() if isinstance(ics, bytes) else ics
    assert "DTSTART;TZID=Europe/Zurich:20310620T100000" in ics


def test_the_ics_names_the_zone_and_carries_its_vtimezone(client: Client, geneva_meeting: Meeting) -> None:
    response = client.get(reverse("meetings:meeting-ics", args=[geneva_meeting.pk]))
    ics = response.content.decode()
    assert response.status_code == 200
    assert "DTSTART;TZID=Europe/Zurich:20310620T100000" in ics
    assert "DTEND;TZID=Europe/Zurich:20310620T130000" in ics
    vtimezone = re.search(r"BEGIN:VTIMEZONE\r\nTZID:Europe/Zurich\r\n.*?END:VTIMEZONE", ics, re.S)
    assert vtimezone is not None and "TZOFFSETTO:+0200" in vtimezone.group(0)


def test_the_api_gives_the_zone_and_says_the_time_in_it(client: Client, geneva_meeting: Meeting) -> None:
    response = client.get(reverse("api:meeting-detail", args=[geneva_meeting.pk]) + "?lang=ru")
    assert response.status_code == 200
    data = response.json()
    assert data["time_zone"] == "Europe/Zurich"
    assert data["when_label"].endswith(SAID["ru"])
    assert dt.datetime.fromisoformat(data["starts_at"]) == START


def test_a_reschedule_is_typed_on_the_meetings_clocks(client_as: Any, geneva_meeting: Meeting) -> None:
    client = client_as("secretariat")
    url = reverse("meetings:meeting-reschedule", args=[geneva_meeting.pk])
    assert 'value="2031-06-20T10:00"' in page_in(client, url, "en")
    response = _post(client, url, {"starts_at": "2031-06-27T10:00", "ends_at": "2031-06-27T13:00", "reason": ""})
    assert response.status_code == 302
    geneva_meeting.refresh_from_db()
    assert geneva_meeting.starts_at == START + dt.timedelta(days=7)


def test_the_digest_dates_a_meeting_by_its_own_clocks() -> None:
    """A New York evening meeting is the next morning in Almaty; the quarterly digest (PDF, XLSX) dates it as its
    page does, by the day it is held."""
    from reports.digests import digest_figures, quarter_period

    new_york = zoneinfo.ZoneInfo("America/New_York")
    starts = dt.datetime(2025, 5, 20, 19, 0, tzinfo=new_york)  # 21 May, 04:00 in Almaty
    MeetingFactory(status=Meeting.Status.HELD, starts_at=starts, ends_at=starts + dt.timedelta(hours=2),
                   time_zone="America/New_York")
    (meeting,) = digest_figures(period=quarter_period(2025, 2))["meetings"]
    assert meeting["date"] == "2025-05-20"
