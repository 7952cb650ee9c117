"""PostgreSQL full-text search: CI runs the suite on PostgreSQL too (.ci/run), where these tests run."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from recommendations.models import Recommendation
from tests.recommendations.factories import RecommendationFactory

# Deselected (never skipped) on SQLite by the root conftest; SQLite's search is the icontains fallback.
pytestmark = [pytest.mark.django_db, pytest.mark.postgresql]


def test_search_vector_is_filled_by_the_trigger_and_indexed() -> None:
    recommendation = RecommendationFactory(text="Criminalise domestic violence")
    Recommendation.objects.filter(pk=recommendation.pk).update(text="Abolish the death penalty")

    assert Recommendation.objects.filter(pk=recommendation.pk, search_vector="penalty").exists()
    assert not Recommendation.objects.filter(pk=recommendation.pk, search_vector="violence").exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexdef FROM pg_indexes WHERE indexname = 'recommendations_rec_search_idx'")
        assert "gin" in cursor.fetchone()[0].lower()


def test_search_ranks_the_closer_match_first_and_stems_words(client: Client) -> None:
    RecommendationFactory(text="Investigate torture allegations promptly, prevent torture in detention, torture")
    RecommendationFactory(text="Improve prison conditions and prevent ill-treatment amounting to torture")
    RecommendationFactory(text="Protect journalists")

    response = client.get("/en/recommendations/", {"q": "tortured"})

    texts = [r.text for r in response.context["page"].object_list]
    assert len(texts) == 2
    assert texts[0].startswith("Investigate torture")
