"""No public endpoint ever shows a person: every list and detail route of the schema, the feeds and the bulk files
are fetched with people of distinctive names and addresses behind every kind of record."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.test import Client

from api import services
from tests.api.conftest import PERSONAL_STRINGS

pytestmark = pytest.mark.django_db

FORBIDDEN_KEYS = {"email", "username", "user", "author", "reviewed_by", "created_by", "updated_by", "uploaded_by",
                  "first_name", "last_name", "person", "chair"}


def _keys(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def _public_get_routes(client: Client) -> list[str]:
    schema = client.get("/api/v1/schema/?format=json").json()
    return [path for path, operations in schema["paths"].items() if "get" in operations]


def _walk_api(client: Client) -> dict[str, Any]:
    """Every GET route of the schema: lists as they are, details filled in from the first row of their list."""
    bodies: dict[str, Any] = {}
    routes = _public_get_routes(client)
    lists = [route for route in routes if "{" not in route]
    for route in lists:
        response = client.get(route)
        assert response.status_code == 200, (route, response.content)
        bodies[route] = response.json()
    for route in routes:
        if "{" not in route:
            continue
        parameter = re.search(r"\{(\w+)\}", route).group(1)
        listing = bodies[route[: route.index("{")]]
        rows = listing["results"] if isinstance(listing, dict) else listing
        assert rows, f"{route}: its list is empty, so the detail route would go untested"
        url = route.replace("{" + parameter + "}", str(rows[0][parameter]))
        response = client.get(url)
        assert response.status_code == 200, (url, response.content)
        bodies[url] = response.json()
    return bodies


def test_every_public_endpoint_is_free_of_personal_data(client: Client, public_world: dict) -> None:
    bodies = _walk_api(client)

    # The walk reached the records that people touched, so its silence below means something.
    assert len(bodies) >= 24
    assert any(route.startswith("/api/v1/progress-updates/") for route in bodies)
    for url, body in bodies.items():
        text = client.get(url).content.decode()
        for personal in PERSONAL_STRINGS:
            assert personal not in text, f"{personal!r} appears in {url}"
        leaked = _keys(body) & FORBIDDEN_KEYS
        assert not leaked, f"{url} has keys {leaked}"


def test_feeds_and_bulk_files_are_free_of_personal_data(client: Client, public_world: dict) -> None:
    services.exports_refresh()
    urls = ["/feeds/recommendations.atom", "/feeds/roadmaps/progress.atom", "/en/open-data/",
            "/en/open-data/dictionary/"]
    urls += [f"/open-data/files/{dataset}.{fmt}" for dataset in ("recommendations", "roadmaps")
             for fmt in ("csv", "json")]

    for url in urls:
        response = client.get(url)
        assert response.status_code == 200, url
        text = b"".join(response.streaming_content if response.streaming else [response.content]).decode()  # type: ignore[attr-defined]  # a streaming response
        if "roadmaps" in url:
            # The approved update is in (its author is not); the unreviewed one is not.
            assert "Draft law submitted." in text and "Unreviewed draft" not in text, url
        for personal in PERSONAL_STRINGS:
            assert personal not in text, f"{personal!r} appears in {url}"
