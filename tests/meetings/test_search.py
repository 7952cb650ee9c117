"""The archive's search as every database does it (SQLite by default; the PostgreSQL pass of .ci/run too)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.meetings.factories import PublishedMinutesFactory

pytestmark = pytest.mark.django_db


def _titles(response) -> list[str]:  # noqa: ANN001
    return [m.title_en for m in response.context["page"].object_list]


def test_two_words_far_apart_in_the_minutes_find_the_meeting(client: Client) -> None:
    PublishedMinutesFactory(meeting__title="Both", body="<p>NGOs spoke first. Later the ministry presented its report &amp; plan.</p>")
    PublishedMinutesFactory(meeting__title="One", body="<p>The ministry presented its report.</p>")

    response = client.get("/en/meetings/archive/", {"q": "NGOs report"})

    assert _titles(response) == ["Both"]
    page = response.content.decode()
    assert "<mark>NGOs</mark>" in page and "<mark>report</mark> &amp; plan" in page


def test_a_word_of_the_russian_minutes_finds_the_meeting_from_the_russian_page(client: Client) -> None:
    PublishedMinutesFactory(meeting__title="Torture", body_ru="<p>Обсуждались пытки в местах заключения.</p>")
    PublishedMinutesFactory(meeting__title="Other")

    response = client.get("/ru/meetings/archive/", {"q": "пытки"})

    assert _titles(response) == ["Torture"]
    assert "<mark>пытки</mark>" in response.content.decode()


def test_a_kazakh_word_finds_the_meeting_from_the_kazakh_page(client: Client) -> None:
    PublishedMinutesFactory(meeting__title="Rights", body_kk="<p>Әйелдердің құқықтары туралы баяндама тыңдалды.</p>")
    PublishedMinutesFactory(meeting__title="Other")

    assert _titles(client.get("/kk/meetings/archive/", {"q": "құқықтары"})) == ["Rights"]


def test_the_passage_escapes_the_minutes_and_drops_their_markup(client: Client) -> None:
    PublishedMinutesFactory(meeting__title="Markup", body="<p>Speakers quoted &lt;script&gt; and <strong>torture</strong> cases.</p>")

    page = client.get("/en/meetings/archive/", {"q": "torture"}).content.decode()

    assert "<mark>torture</mark>" in page
    assert "&lt;script&gt;" in page and "<strong>torture" not in page
