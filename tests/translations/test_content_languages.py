"""Content in Kazakh, Russian and English (issue 15, items 1-3): the page's language where the text exists, the
marked fallback where it does not, the translation status, the queue and the side-by-side editor."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse, translate_url
from django.utils import translation

from core import multilingual
from core.multilingual import Status, fallback_note, translation_save
from meetings.models import Meeting
from tests.meetings.factories import AgendaItemFactory, MeetingFactory, PublishedMinutesFactory
from tests.pages import page_in
from tests.recommendations.factories import RoadMapFactory

pytestmark = pytest.mark.django_db

RU_TITLE = "Заседание № 45 Диалоговой платформы"
KK_TITLE = "Диалог алаңының № 45 отырысы"
EN_TITLE = "Meeting No. 45 of the Dialogue Platform"


def _meeting_in_russian(**texts: str) -> Meeting:
    """A public meeting written in Russian, with the translations given as title_kk=..., title_en=..."""
    with translation.override("ru"):
        # No chair: its translations (tests/meetings/test_chair_translations.py) would count here too.
        meeting = MeetingFactory(title=RU_TITLE, venue="МИД, Астана", chair="", original_language="ru")
    for name, value in texts.items():
        setattr(meeting, name, value)
    meeting.save()
    return meeting


def _note(language: str, page: str, *, only: bool = True) -> str:
    with translation.override(page):
        return fallback_note(language, only=only)


# --- pages of each kind, in each language -----------------------------------------------------------------------

PAGES: dict[str, Callable[[Meeting], str]] = {
    "meeting detail": lambda m: reverse("meetings:meeting-detail", args=[m.pk]),
    "upcoming meetings": lambda m: reverse("meetings:meeting-list"),
    "secretariat's meeting page": lambda m: reverse("meetings:manage-detail", args=[m.pk]),
}


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_meeting_title_in_the_page_language_where_it_exists(
    client_as: Callable[[str], Client], page: str, language: str
) -> None:
    meeting = _meeting_in_russian(title_kk=KK_TITLE, title_en=EN_TITLE, venue_kk="СІМ, Астана", venue_en="MFA, Astana")
    html = page_in(client_as("secretariat"), PAGES[page](meeting), language)
    expected = {"kk": KK_TITLE, "ru": RU_TITLE, "en": EN_TITLE}[language]
    assert expected in html
    assert 'class="translation-note"' not in html
    for other in {KK_TITLE, RU_TITLE, EN_TITLE} - {expected}:
        assert other not in html


@pytest.mark.parametrize("page", PAGES)
@pytest.mark.parametrize("language", ["kk", "en"])
def test_meeting_title_missing_in_the_page_language_falls_back_marked(
    client_as: Callable[[str], Client], page: str, language: str
) -> None:
    meeting = _meeting_in_russian()
    html = page_in(client_as("secretariat"), PAGES[page](meeting), language)
    # The Russian title, marked as Russian for screen readers, with a visible note in the page's language.
    assert f'<span lang="ru">{RU_TITLE}</span>' in html
    assert _note("ru", language) in html
    assert re.search(r'<html[^>]+lang="' + language, html)


def test_fallback_follows_the_configured_order(settings) -> None:  # noqa: ANN001
    # kk -> ru -> en by default; with only English and Kazakh, a Russian page shows English.
    meeting = _meeting_in_russian(title_kk=KK_TITLE, title_en=EN_TITLE)
    meeting.title_ru = ""
    with translation.override("ru"):
        assert multilingual.shown(meeting, "title").language == "en"
    settings.CONTENT_FALLBACK_LANGUAGES = {**settings.CONTENT_FALLBACK_LANGUAGES, "ru": ("kk", "en")}
    with translation.override("ru"):
        assert multilingual.shown(meeting, "title").text == KK_TITLE


def test_a_note_says_only_when_no_other_language_has_the_text() -> None:
    meeting = _meeting_in_russian(title_en=EN_TITLE)
    shown = multilingual.shown(meeting, "title", "kk")
    assert (shown.language, shown.only) == ("ru", False)
    assert _note("ru", "en", only=False) == "In Russian"
    assert _note("ru", "en", only=True) == "In Russian only"


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_minutes_and_agenda_in_the_page_language_or_marked(client: Client, language: str) -> None:
    minutes = PublishedMinutesFactory(body="<p>Decided in English</p>", body_kk="<p>Қазақша шешім</p>",
                                      body_ru="<p>Решение по-русски</p>")
    # An agenda item written in Kazakh only.
    with translation.override("kk"):
        AgendaItemFactory(meeting=minutes.meeting, title="Күн тәртібінің тармағы", position=1)
    html = page_in(client, reverse("meetings:meeting-detail", args=[minutes.meeting_id]), language)
    body = {"kk": "Қазақша шешім", "ru": "Решение по-русски", "en": "Decided in English"}[language]
    assert body in html
    if language == "kk":
        assert '<span lang="kk">' not in html
    else:
        assert '<span lang="kk">Күн тәртібінің тармағы</span>' in html
        assert _note("kk", language) in html


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_road_map_pages_in_each_language(client: Client, language: str) -> None:
    with translation.override("ru"):
        road_map = RoadMapFactory(title="Предупреждение пыток", original_language="ru")
    road_map.title_en = "Prevention of torture"
    road_map.save()
    for url in (reverse("recommendations:roadmap-detail", args=[road_map.number]),
                reverse("recommendations:roadmap-list")):
        html = page_in(client, url, language)
        if language == "kk":
            assert '<span lang="ru">Предупреждение пыток</span>' in html
            assert _note("ru", "kk", only=False) in html
        else:
            expected = {"ru": "Предупреждение пыток", "en": "Prevention of torture"}[language]
            assert expected in html and f'<span lang="ru">{expected}' not in html


def test_feeds_and_calendars_use_the_fallback_text_unmarked(client: Client) -> None:
    meeting = _meeting_in_russian()
    with translation.override("kk"):
        ics = client.get(reverse("meetings:meeting-ics", args=[meeting.pk])).content.decode()
    assert "Заседание" in ics and "translation-note" not in ics


# --- status ----------------------------------------------------------------------------------------------------


def test_status_missing_complete_and_out_of_date() -> None:
    meeting = _meeting_in_russian()
    assert meeting.translation_status == {"ru": Status.ORIGINAL, "kk": Status.MISSING, "en": Status.MISSING}
    meeting.title_kk, meeting.venue_kk = KK_TITLE, "СІМ, Астана"
    meeting.save()
    assert meeting.status_of("kk") == Status.COMPLETE
    # The original changes after the translation was saved: the translation is out of date...
    meeting.title_ru = RU_TITLE + " (перенесено)"
    meeting.save()
    meeting = Meeting.objects.get(pk=meeting.pk)
    assert meeting.status_of("kk") == Status.OUTDATED
    # ...until a translator saves (or confirms) it against the new original.
    translation_save(obj=meeting, language="kk", texts={"title": KK_TITLE + " (ауыстырылды)"},
                     base_fingerprint=meeting.current_fingerprint())
    assert Meeting.objects.get(pk=meeting.pk).status_of("kk") == Status.COMPLETE


def test_a_partial_translation_is_missing() -> None:
    meeting = _meeting_in_russian(title_kk=KK_TITLE)  # the venue is not translated
    assert meeting.status_of("kk") == Status.MISSING


# --- the queue ---------------------------------------------------------------------------------------------------


def test_queue_counts_by_kind_and_language(client_as: Callable[[str], Client]) -> None:
    _meeting_in_russian(title_kk=KK_TITLE, venue_kk="СІМ", title_en=EN_TITLE, venue_en="MFA")  # complete
    _meeting_in_russian()  # kk and en missing
    outdated = _meeting_in_russian(title_kk=KK_TITLE, venue_kk="СІМ")
    outdated.title_ru = "Новое название"
    outdated.save()  # kk out of date, en missing
    counts = multilingual.queue_counts()
    assert counts[("meetings.meeting", "kk")] == 2
    assert counts[("meetings.meeting", "en")] == 2
    assert counts.get(("meetings.meeting", "ru"), 0) == 0
    html = page_in(client_as("secretariat"), reverse("translation-queue") + "?lang=kk&kind=meetings.meeting", "en")
    assert html.count(">Translate<span") == 2
    assert "Out of date" in html and "Missing" in html


def test_queue_page_costs_no_query_per_row(client_as: Callable[[str], Client], django_assert_max_num_queries) -> None:  # noqa: ANN001
    client = client_as("secretariat")
    for _ in range(25):
        AgendaItemFactory(meeting=_meeting_in_russian())
    url = reverse("translation-queue") + "?lang=kk&kind=meetings.agendaitem"
    with django_assert_max_num_queries(9):
        html = page_in(client, url, "en")
    # A page of 20 rows, each naming its meeting (select_related): the query count does not grow with them.
    assert html.count(">Translate<span") == 20


def test_unknown_queue_language_falls_back_without_error(client_as: Callable[[str], Client]) -> None:
    html = page_in(client_as("secretariat"), reverse("translation-queue") + "?lang=xx&kind=nope", "en")
    assert "To translate" in html


def test_secretariat_home_counts_missing_translations(client_as: Callable[[str], Client]) -> None:
    _meeting_in_russian()
    html = page_in(client_as("secretariat"), reverse("workspace"), "en")
    task = re.search(r'data-task="translations".*?<span class="task-count">(\d+)</span>', html, re.S)
    assert task is not None and int(task.group(1)) >= 2
    assert reverse("translation-queue") in html


# --- the side-by-side editor and its merge screen ----------------------------------------------------------------


def test_editor_shows_the_original_beside_the_translation(client_as: Callable[[str], Client]) -> None:
    meeting = _meeting_in_russian()
    html = page_in(client_as("secretariat"), reverse("translation-edit", args=["meetings.meeting", meeting.pk, "kk"]),
                 "kk")
    assert 'lang="ru"' in html and RU_TITLE in html
    assert 'name="title"' in html and 'lang="kk"' in html


def test_translation_saved_over_a_newer_original_shows_the_merge_screen(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretariat")
    meeting = _meeting_in_russian()
    url = reverse("translation-edit", args=["meetings.meeting", meeting.pk, "kk"])
    base = meeting.current_fingerprint()
    # Someone edits the Russian original while the translator works.
    meeting.title_ru = "Заседание № 45 (новая дата)"
    meeting.save()
    url = translate_url(url, "kk")
    with translation.override("kk"):
        response = client.post(url, {"base": base, "title": KK_TITLE, "venue": "СІМ, Астана"})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Заседание № 45 (новая дата)" in html  # the new original
    assert KK_TITLE in html  # the translator's text is kept
    assert Meeting.objects.get(pk=meeting.pk).title_kk == ""  # nothing saved
    new_base = re.search(r'name="base" value="([0-9a-f]+)"', html).group(1)
    assert new_base == Meeting.objects.get(pk=meeting.pk).current_fingerprint()
    with translation.override("kk"):
        response = client.post(url, {"base": new_base, "title": KK_TITLE, "venue": "СІМ, Астана"})
    assert response.status_code == 302
    saved = Meeting.objects.get(pk=meeting.pk)
    assert saved.title_kk == KK_TITLE and saved.status_of("kk") == Status.COMPLETE


def test_journey_written_in_russian_translated_side_by_side_read_in_kazakh_and_english(
    client_as: Callable[[str], Client], client: Client
) -> None:
    secretariat = client_as("secretariat")
    with translation.override("ru"):
        response = secretariat.post(reverse("meetings:meeting-create"), {
            "original_language": "ru", "number": 45, "title": RU_TITLE, "format": "in_person",
            "venue": "МИД, Астана", "starts_at": "2031-06-20T10:00", "ends_at": "2031-06-20T13:00",
            "description": "Обсуждение дорожных карт.",
        })
    assert response.status_code == 302, response.content.decode()[:2000]
    meeting = Meeting.objects.get(number=45)
    assert (meeting.original_language, meeting.title_ru, meeting.title_kk) == ("ru", RU_TITLE, "")
    for language, title, venue, description in [("kk", KK_TITLE, "СІМ, Астана", "Жол карталарын талқылау."),
                                                 ("en", EN_TITLE, "MFA, Astana", "Road maps discussed.")]:
        url = reverse("translation-edit", args=["meetings.meeting", meeting.pk, language])
        with translation.override("ru"):
            page = secretariat.get(url).content.decode()
            base = re.search(r'name="base" value="([0-9a-f]+)"', page).group(1)
            assert secretariat.post(url, {"base": base, "title": title, "venue": venue,
                                          "description": description}).status_code == 302
    with translation.override("ru"):
        secretariat.post(reverse("meetings:meeting-status", args=[meeting.pk]), {"status": "scheduled"})
    assert Meeting.objects.get(pk=meeting.pk).status == Meeting.Status.SCHEDULED
    kk = page_in(client, reverse("meetings:meeting-detail", args=[meeting.pk]), "kk")
    en = page_in(client, reverse("meetings:meeting-detail", args=[meeting.pk]), "en")
    assert KK_TITLE in kk and "Жол карталарын талқылау." in kk and RU_TITLE not in kk
    assert EN_TITLE in en and "Road maps discussed." in en and RU_TITLE not in en
    assert "translation-note" not in kk + en
