"""The tracker's search as every database does it (SQLite by default; the PostgreSQL pass of .ci/run too)."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.recommendations.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def test_every_word_is_required_wherever_it_is(client: Client) -> None:
    both = RecommendationFactory(text="Invite NGOs to every consultation and publish the national report")
    RecommendationFactory(text="Publish the national report on time")

    response = client.get("/en/recommendations/", {"q": "NGOs report"})

    assert [r.pk for r in response.context["page"].object_list] == [both.pk]
    page = response.content.decode()
    assert "<mark>NGOs</mark>" in page and "<mark>report</mark>" in page


def test_the_russian_page_finds_and_marks_a_word_of_the_russian_text(client: Client) -> None:
    found = RecommendationFactory(text="Prevent torture in detention", text_ru="Предупреждать пытки в местах лишения свободы")
    RecommendationFactory(text="Protect journalists", text_ru="Защищать журналистов")

    response = client.get("/ru/recommendations/", {"q": "пытки свободы"})

    assert [r.pk for r in response.context["page"].object_list] == [found.pk]
    assert "<mark>пытки</mark>" in response.content.decode()


def test_a_kazakh_word_finds_its_record_from_the_kazakh_page(client: Client) -> None:
    found = RecommendationFactory(text="Protect the rights of women", text_kk="Әйелдердің құқықтарын қорғау")

    response = client.get("/kk/recommendations/", {"q": "құқықтарын"})

    assert [r.pk for r in response.context["page"].object_list] == [found.pk]
    assert "<mark>құқықтарын</mark>" in response.content.decode()


def test_the_snippet_escapes_the_text_before_marking(client: Client) -> None:
    RecommendationFactory(text="Protect <script>alert(1)</script> journalists & bloggers")

    page = client.get("/en/recommendations/", {"q": "journalists"}).content.decode()

    assert "<mark>journalists</mark>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_without_a_search_the_text_is_shown_whole_and_unmarked(client: Client) -> None:
    RecommendationFactory(text="Protect journalists and bloggers")

    page = client.get("/en/recommendations/").content.decode()

    assert "Protect journalists and bloggers" in page and "<mark>" not in page
