"""The public read API: counts by the tracker's filters on the real UPR Info sample, cursor paging, languages,
conditional GET, rate limits, and what is never public (drafts, unreviewed updates, private documents)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from pytest_django.fixtures import Settings

from recommendations.models import Recommendation, Review

pytestmark = pytest.mark.django_db


def fetch_all(client: Client, url: str, **headers: str) -> list[dict[str, Any]]:
    """Every row of a list endpoint, following the cursor to the end."""
    rows: list[dict[str, Any]] = []
    seen_urls = set()
    while url:
        assert url not in seen_urls, "the cursor went round in a loop"
        seen_urls.add(url)
        response = client.get(url, headers=headers)
        assert response.status_code == 200, response.content
        body = response.json()
        rows.extend(body["results"])
        url = body["next"]
    return rows


def count(client: Client, query: str) -> int:
    return len(fetch_all(client, f"/api/v1/recommendations/?page_size=200&{query}"))


def test_sample_counts_by_response_kind_and_cycle_match_the_readme(client: Client, imported_sample: None) -> None:
    kyrgyzstan = Review.objects.get(state_under_review="Kyrgyzstan").pk
    tajikistan = Review.objects.get(state_under_review="Tajikistan").pk

    assert count(client, "") == 326
    assert count(client, "response=supported") == 154 + 115
    assert count(client, "response=noted") == 21 + 35
    assert count(client, "kind=voluntary_pledge") == 1
    assert count(client, f"cycle={kyrgyzstan}") == 176
    assert count(client, f"cycle={kyrgyzstan}&response=supported") == 154
    assert count(client, f"cycle={tajikistan}&response=noted") == 35
    assert count(client, "mechanism=upr") == 326
    assert count(client, "mechanism=cedaw") == 0


def test_sample_counts_by_theme_and_recommending_state_match_the_database(
    client: Client, imported_sample: None
) -> None:
    children = Recommendation.objects.filter(themes__slug="rights-of-the-child").count()
    by_france = Recommendation.objects.filter(recommending_states__name="France").count()
    assert children > 10 and by_france > 3  # the sample has both; a zero would make the checks below empty

    assert count(client, "theme=rights-of-the-child") == children
    assert count(client, "state=France") == by_france
    assert count(client, "state=France&response=noted") == Recommendation.objects.filter(
        recommending_states__name="France", response="noted").count()


def test_cursor_pages_cover_every_row_once_in_a_stable_newest_first_order(
    client: Client, imported_sample: None
) -> None:
    rows = fetch_all(client, "/api/v1/recommendations/?page_size=7")

    ids = [row["id"] for row in rows]
    assert len(ids) == 326 == len(set(ids))
    assert ids == sorted(ids, reverse=True)


def test_an_unknown_filter_value_is_a_400_naming_the_field(client: Client, imported_sample: None) -> None:
    response = client.get("/api/v1/recommendations/?response=maybe&theme=no-such-theme")

    assert response.status_code == 400
    assert set(response.json()) == {"response", "theme"}


def test_recommendation_detail_shows_symbols_themes_and_review(client: Client, public_world: dict) -> None:
    recommendation = public_world["recommendation"]

    body = client.get(f"/api/v1/recommendations/{recommendation.pk}/").json()

    assert body["document_symbol"] == "A/HRC/44/10"
    assert body["paragraph"] == recommendation.paragraph
    assert body["themes"] == [{"slug": "rights-of-the-child", "name": "Rights of the Child"}]
    assert body["review"]["cycle"] == recommendation.review.number
    assert body["responsible_agencies"][0]["name"] == "Ministry of Justice"


def test_lang_parameter_and_accept_language_choose_the_names(client: Client, public_world: dict) -> None:
    url = f"/api/v1/themes/{public_world['theme'].slug}/"

    assert client.get(url + "?lang=ru").json()["name"] == "Права ребёнка"
    assert client.get(url, headers={"accept-language": "kk"}).json()["name"] == "Бала құқықтары"
    assert client.get(url + "?lang=en", headers={"accept-language": "kk"}).json()["name"] == "Rights of the Child"
    # A language we do not publish in is ignored (issue 15: no error): the answer follows Accept-Language.
    response = client.get(url + "?lang=de", headers={"accept-language": "ru"})
    assert response.status_code == 200 and response.json()["name"] == "Права ребёнка"
    assert "Accept-Language" in client.get(url)["Vary"]


def test_labels_follow_the_language(client: Client, public_world: dict) -> None:
    body = client.get(f"/api/v1/actions/{public_world['action'].pk}/?lang=ru").json()

    assert body["status_label"] == "Не начато"
    assert body["responsible_agencies"][0]["name"] == "Министерство юстиции"


def test_conditional_get_returns_304_until_the_data_changes(client: Client, public_world: dict) -> None:
    url = f"/api/v1/recommendations/{public_world['recommendation'].pk}/"
    first = client.get(url)
    etag = first["ETag"]

    again = client.get(url, headers={"if-none-match": etag})
    assert again.status_code == 304 and again.content == b""

    Recommendation.objects.filter(pk=public_world["recommendation"].pk).update(status="implemented")
    changed = client.get(url, headers={"if-none-match": etag})
    assert changed.status_code == 200
    assert changed.json()["status"] == "implemented"


def test_anonymous_clients_are_rate_limited(client: Client, settings: Settings, public_world: dict) -> None:
    settings.API_ANON_RATE = "3/minute"

    statuses = [client.get("/api/v1/themes/").status_code for _ in range(4)]

    assert statuses == [200, 200, 200, 429]


def test_drafts_unreviewed_updates_and_participants_documents_are_never_listed(
    client: Client, public_world: dict
) -> None:
    meetings = fetch_all(client, "/api/v1/meetings/")
    items = fetch_all(client, "/api/v1/agenda-items/")
    documents = fetch_all(client, "/api/v1/documents/")
    updates = fetch_all(client, "/api/v1/progress-updates/")

    assert [m["id"] for m in meetings] == [public_world["meeting"].pk]
    assert [i["id"] for i in items] == [public_world["item"].pk]
    assert [d["id"] for d in documents] == [public_world["public_doc"].pk]
    assert [u["id"] for u in updates] == [public_world["approved"].pk]
    assert client.get(f"/api/v1/meetings/{public_world['draft'].pk}/").status_code == 404
    assert client.get(f"/api/v1/progress-updates/{public_world['pending'].pk}/").status_code == 404
    assert client.get(f"/api/v1/documents/{public_world['private_doc'].pk}/").status_code == 404


def test_published_minutes_and_road_map_progress(client: Client, public_world: dict) -> None:
    minutes = fetch_all(client, "/api/v1/minutes/")
    road_map = client.get("/api/v1/road-maps/7/").json()

    assert [m["meeting"] for m in minutes] == [public_world["meeting"].pk]
    assert road_map["recommendations"] == [public_world["recommendation"].pk]
    assert (road_map["action_count"], road_map["done_count"], road_map["progress_percent"]) == (2, 1, 50)


def test_action_filters_by_road_map_agency_and_status(client: Client, public_world: dict) -> None:
    ministry = public_world["ministry"].pk

    assert len(fetch_all(client, "/api/v1/actions/?road_map=7")) == 2
    assert len(fetch_all(client, "/api/v1/actions/?status=done")) == 1
    assert [a["id"] for a in fetch_all(client, f"/api/v1/actions/?agency={ministry}")] == [public_world["action"].pk]


def test_reports_list_published_reports_with_their_public_documents_only(client: Client, public_world: dict) -> None:
    reports = fetch_all(client, "/api/v1/reports/?lang=ru")

    assert [r["id"] for r in reports] == [public_world["report"].pk]
    report = reports[0]
    assert report["title"].startswith("Национальный доклад")
    assert report["author_organization"]["name"].startswith("Организация")
    assert [d["id"] for d in report["versions"][0]["documents"]] == [public_world["report_doc"].pk]
    assert client.get(f"/api/v1/reports/{public_world['draft_report'].pk}/").status_code == 404
    assert fetch_all(client, "/api/v1/reports/?kind=platform") == []


def test_a_forged_forwarded_for_header_does_not_escape_the_limit(client: Client, settings: Settings) -> None:
    settings.API_ANON_RATE = "2/minute"

    statuses = [client.get("/api/v1/themes/", headers={"x-forwarded-for": f"10.0.0.{n}"}).status_code
                for n in range(3)]

    assert statuses == [200, 200, 429]
