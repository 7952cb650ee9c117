"""Meeting pages, calendars, feeds and e-mails write dates and times in each language's one format, with the zone:
"20.06.2027, 10:00–13:00 (Алматы, UTC+5)" on /kk/ and /ru/, "20 June 2027, 10:00–13:00 (Almaty, UTC+5)" on /en/."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

import feedparser
import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone
from icalendar import Calendar

from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory, PublishedMinutesFactory

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
ZONE = {"kk": "Алматы, UTC+5", "ru": "Алматы, UTC+5", "en": "Almaty, UTC+5"}
# The US order and Django's English defaults, as the pages showed them before core/formats.
WRONG = ("/20", "a.m.", "p.m.", "Т.Қ.", "Т.Ж.")


WEEKDAYS = {
    "kk": ["дүйсенбі", "сейсенбі", "сәрсенбі", "бейсенбі", "жұма", "сенбі", "жексенбі"],
    "ru": ["понедельник", "вторник", "среда", "четверг", "пятница", "суббота", "воскресенье"],
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
}


def _day(day: dt.date, language: str) -> str:
    return f"{day:%d.%m.%Y}" if language in ("kk", "ru") else f"{day.day} {day:%B %Y}"


@pytest.fixture
def june_meeting() -> Meeting:
    """10:00–13:00 on 20 June of next year, in Almaty."""
    starts = dt.datetime(timezone.localdate().year + 1, 6, 20, 10, 0, tzinfo=ALMATY)
    return MeetingFactory(number=45, title="Meeting No. 45", starts_at=starts, ends_at=starts + dt.timedelta(hours=3))


def _span(meeting: Meeting, language: str) -> str:
    return f"{_day(meeting.starts_at.date(), language)}, 10:00–13:00 ({ZONE[language]})"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_meeting_list_and_page_show_the_date_hours_and_zone_in_the_page_language(
    client: Client, june_meeting: Meeting, language: str,
) -> None:
    listing = client.get(f"/{language}/meetings/").content.decode()
    page = client.get(f"/{language}/meetings/{june_meeting.pk}/").content.decode()

    assert _span(june_meeting, language) in listing
    # Django's own day names; Russian and Kazakh write them in lower case inside a sentence.
    weekday = WEEKDAYS[language][june_meeting.starts_at.weekday()]
    day, hours = _day(june_meeting.starts_at.date(), language), f"10:00–13:00 ({ZONE[language]})"
    expected = f"{day}, {weekday}, {hours}" if language == "kk" else f"{weekday}, {day}, {hours}"
    assert expected in page
    for html in (listing, page):
        assert not any(wrong in html for wrong in WRONG)


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_secretariat_list_shows_the_start_with_its_zone(
    client_as: Any, june_meeting: Meeting, language: str,
) -> None:
    html = client_as("secretariat").get(f"/{language}/meetings/manage/").content.decode()

    assert f"{_day(june_meeting.starts_at.date(), language)}, 10:00 ({ZONE[language]})" in html


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_meetings_calendar_file_says_when_in_the_language_it_was_asked_in(
    client: Client, june_meeting: Meeting, language: str,
) -> None:
    ics = client.get(f"/{language}/meetings/{june_meeting.pk}/calendar.ics").content
    (event,) = Calendar.from_ical(ics).walk("VEVENT")

    assert event.decoded("dtstart") == june_meeting.starts_at
    assert _span(june_meeting, language) in str(event["description"])


def test_the_minutes_feed_dates_each_meeting_in_the_readers_language(client: Client) -> None:
    starts = dt.datetime(2026, 3, 5, 10, 0, tzinfo=ALMATY)
    PublishedMinutesFactory(meeting__starts_at=starts, meeting__ends_at=starts + dt.timedelta(hours=2))

    russian = feedparser.parse(client.get("/feeds/meetings/minutes.atom", headers={"accept-language": "ru"}).content)
    english = feedparser.parse(client.get("/feeds/meetings/minutes.atom", headers={"accept-language": "en"}).content)

    assert russian.entries[0].summary.startswith("05.03.2026, 10:00–12:00 (Алматы, UTC+5) — ")
    assert english.entries[0].summary.startswith("5 March 2026, 10:00–12:00 (Almaty, UTC+5) — ")


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_moved_meetings_email_dates_old_and_new_times_with_the_zone(
    june_meeting: Meeting, language: str, django_capture_on_commit_callbacks: Any,
) -> None:
    from meetings.services import meeting_reschedule
    from tests.meetings.factories import InvitationFactory
    from tests.participants.factories import UserFactory

    person = UserFactory(preferred_language=language, email=f"{language}@example.org")
    InvitationFactory(meeting=june_meeting, person=person)
    secretary = UserFactory(role="secretariat")
    new_start = june_meeting.starts_at + dt.timedelta(days=1, hours=4)
    with django_capture_on_commit_callbacks(execute=True):
        meeting_reschedule(actor=secretary, meeting=june_meeting, starts_at=new_start,
                           ends_at=new_start + dt.timedelta(hours=2), reason="")

    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    old = f"{_day(june_meeting.starts_at.date(), language)}, 10:00 ({ZONE[language]})"
    new = f"{_day(new_start.date(), language)}, 14:00 ({ZONE[language]})"
    assert old in message.body and new in message.body
    assert "Astana time" not in message.body and "&" not in message.subject


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_personal_calendar_speaks_its_owners_language_whatever_the_calendar_app_asks(
    june_meeting: Meeting, language: str,
) -> None:
    """Calendar apps fetch the personal feed unattended; the text inside is for its owner."""
    from meetings import services
    from tests.meetings.factories import InvitationFactory
    from tests.participants.factories import UserFactory

    owner = UserFactory(preferred_language=language)
    InvitationFactory(meeting=june_meeting, person=owner)
    token = services.calendar_token_reset(user=owner).token

    ics = Client().get(f"/feeds/meetings/personal/{token}.ics", headers={"accept-language": "de"}).content
    calendar = Calendar.from_ical(ics)
    (event,) = calendar.walk("VEVENT")

    assert _span(june_meeting, language) in str(event["description"])
    expected_name = {"kk": "Диалог алаңындағы менің отырыстарым", "ru": "Мои заседания Диалоговой платформы",
                     "en": "My Dialogue Platform meetings"}[language]
    assert str(calendar["x-wr-calname"]) == expected_name


@pytest.mark.parametrize(("language", "agenda", "date_label"), [
    ("kk", "Күн тәртібі", "Күні"), ("ru", "Повестка дня", "Дата"), ("en", "Agenda", "Date"),
])
def test_the_invitation_lists_the_agenda_and_says_when_in_the_recipients_language(
    june_meeting: Meeting, language: str, agenda: str, date_label: str, django_capture_on_commit_callbacks: Any,
) -> None:
    from django.utils import translation

    from meetings.notices.publish import meeting_notices_publish_due
    from tests.meetings.factories import AgendaItemFactory, InvitationFactory
    from tests.participants.factories import UserFactory

    AgendaItemFactory(meeting=june_meeting, position=1, title="Opening")
    AgendaItemFactory(meeting=june_meeting, position=2, title="UPR mid-term report")
    InvitationFactory(meeting=june_meeting, person=UserFactory(preferred_language=language))
    # Published from a page in another language: the e-mail still speaks the recipient's.
    with translation.override("en" if language != "en" else "ru"), django_capture_on_commit_callbacks(execute=True):
        meeting_notices_publish_due(now=june_meeting.starts_at - dt.timedelta(days=14))

    (message,) = mail.outbox
    assert f"{agenda}:\n1. Opening\n2. UPR mid-term report\n" in message.body
    assert f"<h2>{agenda}</h2>" in message.alternatives[0].content  # type: ignore[attr-defined]  # the message is an EmailMultiAlternatives
    assert f"{date_label}: " in message.body
    assert f"10:00–13:00 ({ZONE[language]})" in message.body
    assert _day(june_meeting.starts_at.date(), language) in message.subject
