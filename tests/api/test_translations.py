"""Open data in every language (issue 15, item 7): each translatable field in kk, ru and en beside the plain
field, ?lang= first; documented in the schema."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.meetings.factories import MeetingFactory, PublishedMinutesFactory
from tests.recommendations.factories import RecommendationFactory

pytestmark = pytest.mark.django_db


def test_recommendation_text_in_every_language_with_the_requested_one_first(client: Client) -> None:
    recommendation = RecommendationFactory(text="Prevent torture", text_ru="Предупреждать пытки")
    url = f"/api/v1/recommendations/{recommendation.pk}/"

    russian = client.get(url + "?lang=ru").json()
    assert russian["text"] == "Предупреждать пытки"
    assert russian["text_translations"] == {"ru": "Предупреждать пытки", "en": "Prevent torture", "kk": ""}
    assert list(russian["text_translations"]) == ["ru", "en", "kk"]
    assert russian["original_language"] == "en"

    kazakh = client.get(url + "?lang=kk").json()
    # No Kazakh text: the plain field falls back (kk -> ru -> en), the translations say what exists.
    assert kazakh["text"] == "Предупреждать пытки"
    assert list(kazakh["text_translations"]) == ["kk", "ru", "en"] and kazakh["text_translations"]["kk"] == ""

    listed = client.get("/api/v1/recommendations/?lang=en").json()["results"][0]
    assert listed["text"] == "Prevent torture" and list(listed["text_translations"]) == ["en", "ru", "kk"]


def test_unknown_lang_falls_back_without_an_error(client: Client) -> None:
    recommendation = RecommendationFactory(text="Prevent torture", text_ru="Предупреждать пытки")

    response = client.get(f"/api/v1/recommendations/{recommendation.pk}/?lang=xx")

    assert response.status_code == 200
    assert response.json()["text"] == "Prevent torture"  # the default language, English


def test_meetings_and_minutes_carry_every_language(client: Client) -> None:
    minutes = PublishedMinutesFactory(
        meeting=MeetingFactory(past=True, status="minutes_published", title="Meeting on torture",
                               title_ru="Заседание о пытках", title_kk="Азаптау туралы отырыс"),
    )

    meeting = client.get(f"/api/v1/meetings/{minutes.meeting.pk}/?lang=kk").json()
    assert meeting["title"] == "Азаптау туралы отырыс"
    assert meeting["title_translations"] == {"kk": "Азаптау туралы отырыс", "ru": "Заседание о пытках",
                                             "en": "Meeting on torture"}
    assert set(meeting["venue_translations"]) == {"kk", "ru", "en"}
    body = client.get(f"/api/v1/minutes/{minutes.pk}/?lang=ru").json()
    assert body["body"] == minutes.body_ru and body["body_translations"]["kk"] == minutes.body_kk


def test_schema_documents_the_translations_of_each_field(client: Client) -> None:
    schema = client.get("/api/v1/schema/?format=json").json()

    translations = schema["components"]["schemas"]["TranslationsSchema"]
    assert set(translations["properties"]) == {"kk", "ru", "en"}
    recommendation = schema["components"]["schemas"]["Recommendation"]["properties"]
    assert "text_translations" in recommendation and "original_language" in recommendation
    for component, field in (("Meeting", "title_translations"), ("Minutes", "body_translations"),
                             ("RoadMap", "description_translations"), ("Action", "indicator_translations")):
        assert field in schema["components"]["schemas"][component]["properties"], (component, field)
