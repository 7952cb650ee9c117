from __future__ import annotations

from unittest import mock

import pytest
from django.db import OperationalError, connection
from django.test import Client
from django.urls import reverse

from participants.models import Organization
from tests.participants.factories import OrganizationFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["kk", "ru", "en"])
def test_home_page_is_served_in_each_language(client: Client, language: str) -> None:
    response = client.get(f"/{language}/")
    assert response.status_code == 200
    content = response.content.decode()
    assert f'<html lang="{language}">' in content
    assert 'href="#main"' in content and 'id="main"' in content


def test_root_redirects_to_the_browsers_language(client: Client) -> None:
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="kk,ru;q=0.8")
    assert response.status_code == 302
    assert response["Location"] == "/kk/"


def test_home_page_counts_members_and_observers(client: Client) -> None:
    OrganizationFactory(standing=Organization.Standing.MEMBER)
    OrganizationFactory(standing=Organization.Standing.MEMBER)
    OrganizationFactory(standing=Organization.Standing.OBSERVER)
    OrganizationFactory(standing=Organization.Standing.OBSERVER, is_active=False)
    response = client.get(reverse("home"))
    assert (response.context["member_count"], response.context["observer_count"]) == (2, 1)


def test_language_switcher_links_to_the_same_page_in_each_language(client: Client) -> None:
    content = client.get("/en/organisations/").content.decode()
    for language in ("kk", "ru", "en"):
        assert f'href="/{language}/organisations/" hreflang="{language}"' in content


def test_forged_language_prefix_gets_a_friendly_not_found(client: Client) -> None:
    response = client.get("/xx/")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_forged_language_code_in_switcher_post_is_ignored(client: Client) -> None:
    response = client.post("/i18n/setlang/", {"language": "xx<script>", "next": "/en/"})
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert "django_language" not in response.cookies or response.cookies["django_language"].value != "xx<script>"


def test_form_without_csrf_token_gets_a_clear_403() -> None:
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("participants:login"), {"username": "a@example.org", "password": "x"})
    assert response.status_code == 403
    assert "The form has expired" in response.content.decode()


def test_healthz_reports_ok_and_each_dependency_when_the_database_answers(client: Client) -> None:
    response = client.get("/healthz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert set(body["checks"]) == {"database", "cache", "broker", "worker", "beat"}
    assert body["checks"]["database"] == {"status": "ok", "vendor": connection.vendor, "required": True}


def test_healthz_reports_503_when_the_database_is_down(client: Client) -> None:
    with mock.patch("dialogue_platform.health.connection.cursor", side_effect=OperationalError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["status"] == "error"
    assert response.json()["checks"]["database"]["status"] == "error"


def test_pages_send_security_headers(client: Client) -> None:
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "strict-origin-when-cross-origin"
