"""The chair or moderator of a meeting ("Посол по особым поручениям МИД РК") is translatable like the title and the
venue: the form edits the original, the side-by-side editor and the queue offer it, pages show it in the reader's
language or marked as a fallback, and migration 0010 moved the existing value into its original language's column."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.test import Client
from django.urls import reverse, translate_url
from django.utils import timezone, translation

from core import multilingual
from core.multilingual import Status
from meetings.models import Meeting
from tests.meetings.factories import MeetingFactory
from tests.pages import page_in

CHAIR = {
    "ru": "Посол по особым поручениям МИД Республики Казахстан",
    "kk": "Қазақстан Республикасы СІМ-нің Ерекше тапсырмалар жөніндегі елшісі",
    "en": "Ambassador-at-Large of the Ministry of Foreign Affairs of the Republic of Kazakhstan",
}


def _russian_meeting(**texts: str) -> Meeting:
    with translation.override("ru"):
        meeting = MeetingFactory(title="Заседание № 46", venue="МИД, Астана", chair=CHAIR["ru"],
                                 original_language="ru", **texts)
    return meeting


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_the_meeting_page_shows_the_chair_in_the_readers_language(client: Client, language: str) -> None:
    meeting = _russian_meeting(chair_kk=CHAIR["kk"], chair_en=CHAIR["en"])
    html = page_in(client, reverse("meetings:meeting-detail", args=[meeting.pk]), language)
    assert CHAIR[language] in html
    assert all(CHAIR[other] not in html for other in CHAIR if other != language)


@pytest.mark.django_db
def test_an_untranslated_chair_falls_back_marked(client: Client) -> None:
    meeting = _russian_meeting()
    html = page_in(client, reverse("meetings:meeting-detail", args=[meeting.pk]), "kk")
    assert f'<span lang="ru">{CHAIR["ru"]}</span>' in html
    with translation.override("kk"):
        assert multilingual.fallback_note("ru", only=True) in html


@pytest.mark.django_db
def test_the_chair_counts_in_the_translation_status() -> None:
    meeting = _russian_meeting(title_kk="№ 46 отырыс", venue_kk="СІМ, Астана")
    assert meeting.status_of("kk") == Status.MISSING
    meeting.chair_kk = CHAIR["kk"]
    meeting.save()
    assert meeting.status_of("kk") == Status.COMPLETE
    meeting.chair_ru = "Заместитель министра иностранных дел"
    meeting.save()
    assert meeting.status_of("kk") == Status.OUTDATED


@pytest.mark.django_db
def test_the_form_edits_the_chair_as_the_original_text(client_as: Any) -> None:
    meeting = _russian_meeting(title_kk="№ 46 отырыс", venue_kk="СІМ, Астана", chair_kk=CHAIR["kk"])
    assert meeting.status_of("kk") == Status.COMPLETE
    client = client_as("secretariat")
    url = reverse("meetings:meeting-edit", args=[meeting.pk])
    # On an English page the form still shows the Russian original, not a fallback or the Kazakh translation.
    assert f'value="{CHAIR["ru"]}"' in page_in(client, url, "en")
    data = {
        "original_language": "ru", "number": str(meeting.number), "title": "Заседание № 46", "format": "hybrid",
        "venue": "МИД, Астана", "chair": "Заместитель министра иностранных дел", "time_zone": "Asia/Almaty",
        "starts_at": timezone.localtime(meeting.starts_at).strftime("%Y-%m-%dT%H:%M"),
        "ends_at": timezone.localtime(meeting.ends_at).strftime("%Y-%m-%dT%H:%M"), "version": str(meeting.version),
    }
    url = translate_url(url, "en")
    with translation.override("en"):
        response = client.post(url, data)
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.chair_ru == "Заместитель министра иностранных дел"
    assert meeting.chair_en == "" and meeting.chair_kk == CHAIR["kk"]
    assert meeting.status_of("kk") == Status.OUTDATED


@pytest.mark.django_db
def test_the_side_by_side_editor_and_the_queue_offer_the_chair(client_as: Any) -> None:
    meeting = _russian_meeting(title_kk="№ 46 отырыс", venue_kk="СІМ, Астана")
    client = client_as("secretariat")
    queue = page_in(client, reverse("translation-queue") + "?lang=kk&kind=meetings.meeting", "en")
    assert reverse("translation-edit", args=["meetings.meeting", meeting.pk, "kk"]) in queue
    url = reverse("translation-edit", args=["meetings.meeting", meeting.pk, "kk"])
    html = page_in(client, url, "kk")
    assert CHAIR["ru"] in html and 'name="chair"' in html
    url = translate_url(url, "kk")
    with translation.override("kk"):
        response = client.post(url, {"base": meeting.current_fingerprint(), "title": "№ 46 отырыс",
                                     "venue": "СІМ, Астана", "chair": CHAIR["kk"]})
    assert response.status_code == 302
    meeting.refresh_from_db()
    assert meeting.chair_kk == CHAIR["kk"] and meeting.status_of("kk") == Status.COMPLETE


@pytest.mark.django_db(transaction=True)
def test_migration_moves_the_chair_to_its_original_language_and_keeps_the_status_honest() -> None:
    before = [("meetings", "0009_minutes_search_per_language")]
    executor = MigrationExecutor(connection)
    executor.migrate(before)
    old = executor.loader.project_state(before).apps.get_model("meetings", "Meeting")
    now = timezone.now()
    common = {"starts_at": now, "ends_at": now + dt.timedelta(hours=2), "description_ru": "", "description_kk": "",
              "description_en": ""}
    # A Russian meeting whose Kazakh translation was complete and made from the current original.
    from core.multilingual import fingerprint

    current = fingerprint(["Заседание № 40", "", "МИД"])
    translated = old.objects.create(
        title="Заседание № 40", title_ru="Заседание № 40", title_kk="№ 40 отырыс", title_en="",
        venue_ru="МИД", venue_kk="СІМ", venue_en="", chair=CHAIR["ru"], original_language="ru",
        translation_sources={"ru": current, "kk": current},
        translation_status={"ru": "original", "kk": "complete", "en": "missing"}, **common,
    )
    # One whose Kazakh translation was already out of date.
    outdated = old.objects.create(
        title="Заседание № 41", title_ru="Заседание № 41", title_kk="№ 41 отырыс", title_en="",
        venue_ru="", venue_kk="", venue_en="", chair="", original_language="ru",
        translation_sources={"ru": fingerprint(["Заседание № 41", "", ""]), "kk": "0123456789abcdef"},
        translation_status={"ru": "original", "kk": "outdated", "en": "missing"}, **common,
    )

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())
    new = executor.loader.project_state(executor.loader.graph.leaf_nodes()).apps.get_model("meetings", "Meeting")

    moved = new.objects.get(pk=translated.pk)
    assert (moved.chair_ru, moved.chair_kk, moved.chair_en) == (CHAIR["ru"], "", "")
    assert moved.time_zone == "Asia/Almaty"
    # The Kazakh translation lacks only the chair now: missing, and complete again once it is added.
    assert moved.translation_status == {"ru": "original", "kk": "missing", "en": "missing"}
    assert moved.translation_sources["kk"] == moved.translation_sources["ru"]
    kept = new.objects.get(pk=outdated.pk)
    assert kept.translation_status["kk"] == "outdated"
