"""The open data pages: links into them, and the API docs working under the portal's strict CSP."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from tests.quality.csp import inline_code, policy_problems

pytestmark = pytest.mark.django_db


def test_docs_page_loads_swagger_ui_from_local_files_under_the_strict_policy(client: Client) -> None:
    response = client.get("/en/open-data/api/")
    html = response.content.decode()

    assert response.status_code == 200
    assert policy_problems(response["Content-Security-Policy"]) == []
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert inline_code(html, host="testserver") == []
    assert '/static/drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js' in html
    assert '/static/js/api-docs.js' in html
    assert 'data-schema-url="/api/v1/schema/"' in html
    assert "cdn" not in html.lower()


def test_api_docs_short_address_redirects_to_the_page_in_the_visitor_language(client: Client) -> None:
    response = client.get("/api/v1/docs/", headers={"accept-language": "ru"})

    assert response.status_code == 302 and response["Location"] == "/ru/open-data/api/"


def test_every_page_links_the_open_data_page_in_its_footer(client: Client) -> None:
    assert 'href="/kk/open-data/"' in client.get("/kk/").content.decode()


def test_profile_links_a_focal_point_to_the_token_page_only(client_as: Any) -> None:
    assert 'href="/en/open-data/tokens/"' in client_as("focal_point").get("/en/accounts/profile/").content.decode()
    assert 'href="/en/open-data/tokens/"' not in client_as("ngo").get("/en/accounts/profile/").content.decode()


def test_secretariat_finds_the_token_list_on_the_open_data_page(client_as: Any) -> None:
    assert 'href="/en/open-data/tokens/all/"' in client_as("secretariat").get("/en/open-data/").content.decode()
    assert 'href="/en/open-data/tokens/all/"' not in client_as("observer").get("/en/open-data/").content.decode()
