"""PostgreSQL full-text search in the reader's language: CI runs the suite on PostgreSQL too (.ci/run), where these
tests run."""

from __future__ import annotations

import importlib

import pytest
from django.db import connection
from django.test import Client

from core import search
from recommendations import selectors
from recommendations.models import Recommendation
from tests.recommendations.factories import RecommendationFactory

# Deselected (never skipped) on SQLite by the root conftest; SQLite's search is the icontains fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def _texts(response) -> list[str]:  # noqa: ANN001
    return [r.text_en for r in response.context["page"].object_list]


def test_each_language_has_its_vector_kept_by_the_trigger_and_gin_indexed() -> None:
    recommendation = RecommendationFactory(text="Criminalise domestic violence")
    Recommendation.objects.filter(pk=recommendation.pk).update(
        text_en="Abolish the death penalty", text_ru="Отменить смертную казнь", text_kk="Өлім жазасын жою",
    )

    row = Recommendation.objects.filter(pk=recommendation.pk)
    assert row.filter(search_en="penalty").exists()
    assert not row.filter(search_en="violence").exists()
    assert row.filter(search_ru=search.tsquery("казни", "ru")).exists()
    assert row.filter(search_kk=search.tsquery("ЖАЗАСЫН", "kk")).exists()
    with connection.cursor() as cursor:
        for language in ("kk", "ru", "en"):
            cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = %s",
                           [f"recommendations_rec_{language}_idx"])
            assert f"gin (search_{language})" in cursor.fetchone()[0].lower()


def test_search_ranks_the_closer_match_first_and_stems_words(client: Client) -> None:
    RecommendationFactory(text="Investigate torture allegations promptly, prevent torture in detention, torture")
    RecommendationFactory(text="Improve prison conditions and prevent ill-treatment amounting to torture")
    RecommendationFactory(text="Protect journalists")

    response = client.get("/en/recommendations/", {"q": "tortured"})

    texts = _texts(response)
    assert len(texts) == 2
    assert texts[0].startswith("Investigate torture")


def test_russian_search_stems_so_pytki_finds_pytok(client: Client) -> None:
    found = RecommendationFactory(text="Prevent torture", text_ru="Принять меры по предупреждению пыток")
    RecommendationFactory(text="Protect journalists", text_ru="Защищать журналистов")

    response = client.get("/ru/recommendations/", {"q": "пытки"})

    assert [r.pk for r in response.context["page"].object_list] == [found.pk]
    assert "<mark>пыток</mark>" in response.content.decode()
    # Capitals too: the vectors and the query are lower-cased whatever the database's locale.
    assert client.get("/ru/recommendations/", {"q": "ПЫТКАМИ"}).context["page"].object_list[0].pk == found.pk


def test_russian_page_searches_the_russian_text_not_the_english(client: Client) -> None:
    RecommendationFactory(text="Protect women human rights defenders", text_ru="Защищать правозащитниц")

    assert list(client.get("/ru/recommendations/", {"q": "правозащитниц"}).context["page"].object_list)
    assert not list(client.get("/en/recommendations/", {"q": "правозащитниц"}).context["page"].object_list)


def test_kazakh_word_finds_its_record_from_the_kazakh_page(client: Client) -> None:
    found = RecommendationFactory(text="Protect the rights of women", text_kk="Әйелдердің құқықтарын қорғау")
    RecommendationFactory(text="Protect journalists", text_kk="Журналистерді қорғау")

    response = client.get("/kk/recommendations/", {"q": "ҚҰҚЫҚТАРЫН әйелдердің"})

    assert [r.pk for r in response.context["page"].object_list] == [found.pk]
    page = response.content.decode()
    assert "<mark>құқықтарын</mark>" in page and "<mark>Әйелдердің</mark>" in page


def test_a_page_without_a_translation_searches_the_text_it_shows(client: Client) -> None:
    # No Kazakh text: the Kazakh page shows the Russian one (kk -> ru -> en), and finds it by its words.
    found = RecommendationFactory(text="Ensure access to water", text_ru="Обеспечить доступ к воде")

    response = client.get("/kk/recommendations/", {"q": "воде"})

    assert [r.pk for r in response.context["page"].object_list] == [found.pk]


def test_two_words_far_apart_are_both_required(client: Client) -> None:
    both = RecommendationFactory(text="Invite NGOs to every consultation and publish the national report")
    RecommendationFactory(text="Publish the national report on time")

    response = client.get("/en/recommendations/", {"q": "NGOs report"})

    assert [r.pk for r in response.context["page"].object_list] == [both.pk]


def test_snippet_escapes_the_text_and_marks_the_words(client: Client) -> None:
    RecommendationFactory(text="Protect <script>alert(1)</script> journalists & bloggers")

    page = client.get("/en/recommendations/", {"q": "journalists"}).content.decode()

    assert "<mark>journalists</mark>" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page and "<script>alert(1)" not in page


def test_relevance_ranks_only_the_newest_candidates_then_the_rest_by_date(
    client: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(selectors, "RANK_CANDIDATES", 2)
    oldest_best = RecommendationFactory(text="torture torture torture torture prevention")
    weak = RecommendationFactory(text="Consider a law that mentions torture among many other unrelated subjects")
    strong = RecommendationFactory(text="torture torture prevention")

    order = [r.pk for r in client.get("/en/recommendations/", {"q": "torture"}).context["page"].object_list]

    # The two newest are ranked (strong before weak); the oldest, past the cap, follows though it ranks best.
    assert order == [strong.pk, weak.pk, oldest_best.pk]
    # A page past the candidates reads the older matches, newest first.
    tracker_views = importlib.import_module("recommendations.views.tracker")  # the module, not the view
    monkeypatch.setattr(tracker_views, "PAGE_SIZE", 1)
    assert [r.pk for r in client.get("/en/recommendations/", {"q": "torture", "page": "3"}).context["page"]] == [
        oldest_best.pk]
    monkeypatch.setattr(tracker_views, "PAGE_SIZE", 25)
    by_date = client.get("/en/recommendations/", {"q": "torture", "sort": "oldest"}).context["page"].object_list
    assert [r.pk for r in by_date] == [oldest_best.pk, weak.pk, strong.pk]


def test_only_stop_words_find_nothing_without_an_error(client: Client) -> None:
    RecommendationFactory(text="The state and the people")

    response = client.get("/en/recommendations/", {"q": "the and"})

    assert response.status_code == 200
    assert list(response.context["page"].object_list) == []
