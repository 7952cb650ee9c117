"""Bad input that answered 500: each now answers 4xx with a clear message (in the page's language for HTML pages)
and changes nothing."""

from __future__ import annotations

import base64

import pytest
from django.test import Client
from django.urls import reverse

from submissions.models import Submission
from tests.auth import force_login
from tests.submissions.factories import ngo_user

pytestmark = pytest.mark.django_db

NUL_CURSOR = "cj0xJnA9JTAw"  # base64 of "r=1&p=%00": a cursor whose position holds a NUL byte
API_LISTS = ["recommendations", "mechanisms", "reviews", "themes", "road-maps", "actions", "progress-updates",
             "organizations", "meetings", "agenda-items", "minutes", "documents", "reports"]


def test_the_nul_cursor_is_what_the_issue_says() -> None:
    assert base64.b64decode(NUL_CURSOR) == b"r=1&p=%00"


@pytest.mark.parametrize("endpoint", API_LISTS)
def test_a_cursor_holding_a_nul_byte_is_an_invalid_cursor_on_every_list(client: Client, endpoint: str) -> None:
    response = client.get(f"/api/v1/{endpoint}/?cursor={NUL_CURSOR}")
    if endpoint == "mechanisms":  # a short list in one page: no cursor to read
        assert response.status_code == 200
        return
    assert response.status_code == 404
    assert response.json() == {"detail": "Invalid cursor"}


@pytest.mark.parametrize("endpoint", API_LISTS)
def test_a_forged_cursor_position_is_an_invalid_cursor(client: Client, endpoint: str) -> None:
    forged = base64.b64encode(b"p=not-a-date-nor-an-id&r=0").decode()
    response = client.get(f"/api/v1/{endpoint}/?cursor={forged}")
    assert response.status_code in (200, 404)
    if response.status_code == 404:
        assert response.json() == {"detail": "Invalid cursor"}


@pytest.mark.parametrize(("year", "message"), [
    ("0", "greater than or equal to 1"), ("-1", "greater than or equal to 1"),
    ("10000", "less than or equal to 9999"), ("99999999", "less than or equal to 9999"),
    ("1.1e-38", "whole number"),
])
def test_a_meeting_year_outside_the_calendar_is_a_400_naming_the_parameter(
    client: Client, year: str, message: str
) -> None:
    response = client.get(f"/api/v1/meetings/?year={year}")
    assert response.status_code == 400
    assert message in response.json()["year"][0]


@pytest.mark.parametrize(("url", "parameter"), [
    ("/api/v1/meetings/?subgroup=99999999999999999999", "subgroup"),
    ("/api/v1/actions/?agency=99999999999999999999", "agency"),
    ("/api/v1/road-maps/?agency=99999999999999999999", "agency"),
    ("/api/v1/progress-updates/?action=99999999999999999999", "action"),
    ("/api/v1/agenda-items/?meeting=99999999999999999999", "meeting"),
])
def test_an_id_too_big_for_the_database_is_a_400_naming_the_parameter(
    client: Client, url: str, parameter: str
) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert parameter in response.json()


@pytest.mark.parametrize(("language", "text"), [
    ("en", "There is no page 99999999999999999999999"),
    ("ru", "Страницы 99999999999999999999999"),
    ("kk", "Бұл нәтижелерде 99999999999999999999999 беті жоқ"),
])
def test_a_huge_page_number_of_the_tracker_is_a_400_in_the_page_language(
    client: Client, language: str, text: str
) -> None:
    response = client.get(f"/{language}/recommendations/?page=99999999999999999999999")
    assert response.status_code == 400
    assert text in response.content.decode()
    assert f'<html lang="{language}"' in response.content.decode()


@pytest.mark.parametrize("url", ["/open-data/files/%00.csv", "/feeds/meetings/personal/%00.ics",
                                 "/en/recommendations/?q=%00", "/en/meetings/?q=a%00b"])
def test_a_nul_character_in_the_address_is_a_400_with_a_message(client: Client, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_a_nul_character_in_a_page_of_another_language_reads_in_it(client: Client) -> None:
    response = client.get("/ru/recommendations/?q=%00")
    assert response.status_code == 400
    assert "Запрос содержит нулевой символ (%00)" in response.content.decode()
    assert "The request contains" not in response.content.decode()


def test_a_nul_character_in_a_form_post_is_refused_and_nothing_is_saved() -> None:
    client = Client()
    force_login(client, ngo_user())
    response = client.post(reverse("submissions:create", args=["proposal"]), {
        "title": "Monitoring\x00", "text": "Give the NPM access.", "intent": "submit"})
    assert response.status_code == 400
    assert not Submission.objects.exists()


def test_a_nul_character_in_an_api_query_is_a_json_400(client: Client) -> None:
    response = client.get("/api/v1/recommendations/?q=%00")
    assert response.status_code == 400
    assert "NUL" in response.json()["detail"]
