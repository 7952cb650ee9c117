"""Full-text search over minutes on PostgreSQL, in the reader's language: CI runs the suite on PostgreSQL too
(.ci/run)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import translation

from meetings import selectors
from meetings.models import Minutes
from meetings.search import minutes_search_query
from tests.meetings.factories import PublishedMinutesFactory

# Deselected (never skipped) on SQLite by the root conftest; SQLite's search is the icontains fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def _archive(client: Client, language: str, query: str) -> list[str]:
    with translation.override(language):
        url = reverse("meetings:meeting-archive")
    return [m.title_en for m in client.get(url, {"q": query}).context["page"].object_list]


def test_minutes_vectors_follow_every_edit_and_are_gin_indexed() -> None:
    minutes = PublishedMinutesFactory(body="<p>Prevention of torture</p>", decisions="<p>Adopted</p>")
    Minutes.objects.filter(pk=minutes.pk).update(body_en="<p>Rights of persons with disabilities</p>")

    rows = Minutes.objects.filter(pk=minutes.pk)
    assert rows.filter(search_en=minutes_search_query("disabilities", "en")).exists()
    assert rows.filter(search_en=minutes_search_query("adopted", "en")).exists()
    assert not rows.filter(search_en=minutes_search_query("torture", "en")).exists()
    assert rows.filter(search_ru=minutes_search_query("заседаниях", "ru")).exists()  # the factory's Russian body
    with connection.cursor() as cursor:
        for language in ("kk", "ru", "en"):
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s", [f"meetings_minutes_{language}_idx"])
            assert f"gin (search_{language})" in cursor.fetchone()[0].lower()


def test_archive_search_reads_the_indexed_vector_and_accepts_web_search_syntax(client: Client) -> None:
    PublishedMinutesFactory(meeting__title="Torture", body="<p>Prevention of torture in detention</p>")
    PublishedMinutesFactory(meeting__title="Children", body="<p>Detention of children</p>")

    with translation.override("en"):
        sql = str(selectors.meeting_archive_list(query="detention").query)
    assert "search_en" in sql and "to_tsvector" not in sql
    assert _archive(client, "en", "detention -children") == ["Torture"]
    assert _archive(client, "en", '"detention of children"') == ["Children"]


def test_a_word_of_the_russian_minutes_finds_the_meeting_from_the_russian_page(client: Client) -> None:
    PublishedMinutesFactory(meeting__title="Torture", body_ru="<p>Обсуждались случаи пыток в местах заключения.</p>")
    PublishedMinutesFactory(meeting__title="Other", body_ru="<p>Обсуждалось право на образование.</p>")

    assert _archive(client, "ru", "пытки") == ["Torture"]
    assert _archive(client, "ru", "заключении") == ["Torture"]
    page = client.get("/ru/meetings/archive/", {"q": "пытки"}).content.decode()
    assert "<mark>пыток</mark>" in page


def test_a_kazakh_word_finds_the_meeting_from_the_kazakh_page(client: Client) -> None:
    PublishedMinutesFactory(meeting__title="Rights", body_kk="<p>Әйелдердің құқықтары туралы баяндама тыңдалды.</p>")
    PublishedMinutesFactory(meeting__title="Other")

    assert _archive(client, "kk", "ҚҰҚЫҚТАРЫ") == ["Rights"]


def test_two_words_apart_are_both_required_and_marked(client: Client) -> None:
    PublishedMinutesFactory(meeting__title="Both", body="<p>NGOs spoke first. Later the ministry presented its report &amp; plan.</p>")
    PublishedMinutesFactory(meeting__title="One", body="<p>The ministry presented its report.</p>")

    assert _archive(client, "en", "NGOs report") == ["Both"]
    page = client.get("/en/meetings/archive/", {"q": "NGOs report"}).content.decode()
    assert "<mark>NGOs</mark>" in page and "<mark>report</mark> &amp; plan" in page
