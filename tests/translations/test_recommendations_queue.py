"""Recommendations in the "To translate" queue and the side-by-side editor. The tracker may hold 100,000 of them,
most in English only: the queue lists them newest first, a page at a time, and counts them only as far as the
kind's cap ("1000+"), by one partial index per language on PostgreSQL."""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse, translate_url
from django.utils import translation

from core import multilingual
from core.multilingual import Status
from recommendations.models import Recommendation
from tests.pages import page_in
from tests.recommendations.factories import RecommendationFactory

pytestmark = pytest.mark.django_db

KIND = "recommendations.recommendation"
QUEUE = reverse("translation-queue") + f"?lang=kk&kind={KIND}"
KK_TEXT = "Азаптауға қарсы ұлттық алдын алу тетігін күшейту."


def _english(n: int) -> list[Recommendation]:
    return [RecommendationFactory(original_language="en", text_en=f"Strengthen the mechanism, item {i}.")
            for i in range(n)]


@pytest.fixture
def small_cap() -> Iterator[None]:
    kind = multilingual.KINDS[KIND]
    multilingual.KINDS[KIND] = dataclasses.replace(kind, count_cap=2)
    yield
    multilingual.KINDS[KIND] = kind


def test_recommendations_are_a_kind_of_the_queue_newest_first(client_as: Callable[[str], Client]) -> None:
    older, newer = _english(2)
    html = page_in(client_as("secretariat"), QUEUE)
    assert "Strengthen the mechanism, item 1." in html and "Strengthen the mechanism, item 0." in html
    # The newest first: a new review cycle's recommendations are the ones being worked on.
    assert html.index("item 1.") < html.index("item 0.")
    edit = reverse("translation-edit", args=[KIND, newer.pk, "kk"])
    assert edit in html
    assert multilingual.queue_counts()[(KIND, "kk")] == 2


def test_the_count_stops_at_the_cap_and_every_row_stays_reachable(
    client_as: Callable[[str], Client], small_cap: None,
) -> None:
    _english(3)
    assert multilingual.queue_counts()[(KIND, "kk")] == 3  # the cap and one more: "more than the cap"
    html = page_in(client_as("secretariat"), QUEUE)
    assert re.search(r'kind=recommendations\.recommendation"[^>]*>Recommendations</a> <span[^>]*>2\+</span>', html)
    assert html.count(">Translate<span") == 3


def test_the_recommendations_queue_costs_no_query_per_row(
    client_as: Callable[[str], Client], django_assert_max_num_queries: Any,
) -> None:
    client = client_as("secretariat")
    _english(25)
    with django_assert_max_num_queries(9):
        html = page_in(client, QUEUE)
    assert html.count(">Translate<span") == 20
    assert "?lang=kk&amp;kind=recommendations.recommendation&amp;page=2" in html


def test_a_recommendation_is_translated_side_by_side(client_as: Callable[[str], Client]) -> None:
    client = client_as("secretariat")
    (recommendation,) = _english(1)
    url = reverse("translation-edit", args=[KIND, recommendation.pk, "kk"])
    html = page_in(client, url, "kk")
    assert 'lang="en"' in html and "Strengthen the mechanism, item 0." in html
    assert re.search(r'<textarea name="text"[^>]*lang="kk"', html)
    url = translate_url(url, "kk")
    with translation.override("kk"):
        response = client.post(url, {"base": recommendation.current_fingerprint(), "text": KK_TEXT})
    assert response.status_code == 302
    saved = Recommendation.objects.get(pk=recommendation.pk)
    assert saved.text_kk == KK_TEXT and saved.status_of("kk") == Status.COMPLETE
    assert multilingual.queue_counts().get((KIND, "kk"), 0) == 0


@pytest.mark.postgresql
def test_the_queue_reads_the_partial_index_of_its_language() -> None:
    _english(3)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE recommendations_recommendation")
        cursor.execute("SET enable_seqscan = off")  # a 3-row table: the plan the planner picks at 100,000 rows
        for language in ("kk", "ru"):
            sql, params = multilingual.queue(multilingual.KINDS[KIND], language)[:20].query.sql_with_params()
            cursor.execute("EXPLAIN " + sql, params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
            assert f"recommendations_rec_to_{language}" in plan
        cursor.execute("RESET enable_seqscan")
