"""E-mails entirely in the recipient's language: the portal's words, the dates, and the meeting's own text (title,
venue, agenda) in that language, or its fallback where a translation is missing, whatever language the
secretariat worked in. "Новая дата: Meeting No. 45..." must not happen."""

from __future__ import annotations

import datetime as dt
import re
import zoneinfo
from typing import Any

import pytest
from django.core import mail
from django.utils import timezone, translation

from meetings import services
from meetings.models import Meeting
from meetings.notices.publish import meeting_notices_publish_due
from tests.meetings.factories import AgendaItemFactory, InvitationFactory, MeetingFactory
from tests.participants.factories import UserFactory

pytestmark = pytest.mark.django_db

ALMATY = zoneinfo.ZoneInfo("Asia/Almaty")
TITLES = {"kk": "Диалог алаңының № 45 отырысы", "ru": "Заседание № 45 Диалоговой платформы",
          "en": "Meeting No. 45 of the Dialogue Platform"}
VENUES = {"kk": "Сыртқы істер министрлігі, Астана", "ru": "Министерство иностранных дел, Астана",
          "en": "Ministry of Foreign Affairs, Astana"}
AGENDA = {"kk": "Ашылу", "ru": "Открытие", "en": "Opening"}
# Letters of the other alphabet: a Kazakh or Russian message has no Latin word, an English one no Cyrillic.
FOREIGN = {"kk": re.compile(r"[A-Za-z]"), "ru": re.compile(r"[A-Za-z]"), "en": re.compile(r"[А-Яа-яЁёӘәҒғҚқҢңӨөҰұҮүҺһІі]")}
# Links, addresses and "UTC" (written so in every language: "Алматы, UTC+5") are not words of a language.
LINKS = re.compile(r"\S+://\S+|\S+@\S+|UTC")
NAMES = {"kk": ("Әсел", "Нұрланқызы"), "ru": ("Анна", "Иванова"), "en": ("Anna", "Smith")}


def _foreign_words(text: str, language: str) -> list[str]:
    """Words of `text` in the other alphabet, links and addresses aside."""
    return [word for word in LINKS.sub(" ", text).split() if FOREIGN[language].search(word)]


def _person(language: str) -> Any:
    first, last = NAMES[language]
    return UserFactory(preferred_language=language, email=f"{language}@example.org", first_name=first,
                       last_name=last)


@pytest.fixture
def meeting() -> Meeting:
    starts = dt.datetime(timezone.localdate().year + 1, 6, 20, 10, 0, tzinfo=ALMATY)
    meeting = MeetingFactory(
        number=45, starts_at=starts, ends_at=starts + dt.timedelta(hours=3), chair="", online_link="",
        format=Meeting.Format.IN_PERSON, original_language="ru",
        **{f"title_{code}": text for code, text in TITLES.items()},
        **{f"venue_{code}": text for code, text in VENUES.items()},
    )
    AgendaItemFactory(meeting=meeting, position=1, **{f"title_{code}": text for code, text in AGENDA.items()})
    return meeting


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_a_moved_meetings_email_is_wholly_in_the_recipients_language(
    meeting: Meeting, language: str, django_capture_on_commit_callbacks: Any,
) -> None:
    person = _person(language)
    InvitationFactory(meeting=meeting, person=person)
    new_start = meeting.starts_at + dt.timedelta(days=1)
    # The secretariat works on another language's page.
    with translation.override("en" if language != "en" else "ru"), django_capture_on_commit_callbacks(execute=True):
        services.meeting_reschedule(actor=UserFactory(role="secretariat"), meeting=meeting, starts_at=new_start,
                                    ends_at=new_start + dt.timedelta(hours=3), reason="")

    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    prefix = {"kk": "Жаңа күні", "ru": "Новая дата", "en": "New date"}[language]
    assert message.subject == f"{prefix}: {TITLES[language]}"
    assert TITLES[language] in message.body
    assert _foreign_words(str(message.subject), language) == []
    assert _foreign_words(str(message.body), language) == []


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_an_invitation_gives_title_place_and_agenda_in_the_recipients_language(
    meeting: Meeting, language: str, django_capture_on_commit_callbacks: Any,
) -> None:
    person = _person(language)
    InvitationFactory(meeting=meeting, person=person)
    with translation.override("en" if language != "en" else "ru"), django_capture_on_commit_callbacks(execute=True):
        meeting_notices_publish_due(now=meeting.starts_at - dt.timedelta(days=14))

    (message,) = mail.outbox
    html = message.alternatives[0].content
    assert TITLES[language] in message.subject
    assert f"1. {AGENDA[language]}\n" in message.body
    assert VENUES[language] in message.body and VENUES[language] in html
    assert _foreign_words(str(message.subject), language) == []
    assert _foreign_words(str(message.body), language) == []


def test_an_untranslated_agenda_item_falls_back_along_the_readers_order(
    meeting: Meeting, django_capture_on_commit_callbacks: Any,
) -> None:
    """kk -> ru -> en: a Kazakh reader gets the Russian text of an item nobody translated, not the English."""
    AgendaItemFactory(meeting=meeting, position=2, original_language="ru", title_ru="Доклад о правах человека",
                      title_en="Human rights report", title_kk="")
    InvitationFactory(meeting=meeting, person=_person("kk"))
    with django_capture_on_commit_callbacks(execute=True):
        meeting_notices_publish_due(now=meeting.starts_at - dt.timedelta(days=14))

    (message,) = mail.outbox
    assert "2. Доклад о правах человека\n" in message.body


def test_a_planned_year_has_its_titles_in_every_language_so_its_emails_do_not_mix_them(
    django_capture_on_commit_callbacks: Any,
) -> None:
    secretary = UserFactory(role="secretariat")
    with translation.override("en"):
        first = services.meeting_plan_year(actor=secretary, year=timezone.localdate().year + 2, first_number=45)[0]
    first.refresh_from_db()

    assert first.title_en == "Meeting No. 45 of the Dialogue Platform on the Human Dimension"
    assert first.title_ru == "Заседание № 45 Диалоговой платформы по человеческому измерению"
    assert first.title_kk == "Адами өлшем жөніндегі диалог алаңының № 45 отырысы"
    assert first.translation_status == {"kk": "complete", "ru": "complete", "en": "original"}

    services.meeting_transition(actor=secretary, meeting=first, to=Meeting.Status.SCHEDULED)
    person = _person("ru")
    InvitationFactory(meeting=first, person=person)
    new_start = first.starts_at + dt.timedelta(days=2)
    with translation.override("en"), django_capture_on_commit_callbacks(execute=True):
        services.meeting_reschedule(actor=secretary, meeting=first, starts_at=new_start,
                                    ends_at=new_start + dt.timedelta(hours=3), reason="")

    (message,) = [m for m in mail.outbox if m.to == [person.email]]
    assert message.subject == "Новая дата: Заседание № 45 Диалоговой платформы по человеческому измерению"
