from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.test import RequestFactory
from django_ratelimit.core import is_ratelimited
from pytest_django.fixtures import Settings

from core.ratelimit import client_ip


def _request(**meta: Any) -> HttpRequest:
    request = RequestFactory().post("/", **meta)
    request.user = None  # type: ignore[assignment]  # no authentication middleware ran
    return request


def test_without_a_proxy_a_forged_forwarded_header_is_ignored(settings: Settings) -> None:
    settings.BEHIND_PROXY = False
    assert client_ip(_request(REMOTE_ADDR="203.0.113.7", HTTP_X_FORWARDED_FOR="1.2.3.4")) == "203.0.113.7"


def test_behind_the_proxy_the_address_it_appended_is_the_client(settings: Settings) -> None:
    settings.BEHIND_PROXY = True
    request = _request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="1.2.3.4, 198.51.100.9")
    assert client_ip(request) == "198.51.100.9"
    assert client_ip(_request(REMOTE_ADDR="10.0.0.2")) == "10.0.0.2"


def test_django_ratelimit_counts_per_client_behind_the_proxy_not_per_proxy(settings: Settings) -> None:
    from django.core.cache import cache

    cache.clear()
    settings.BEHIND_PROXY = True

    def limited(client: str) -> bool:
        request = _request(REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=client)
        return is_ratelimited(request, group="t", key="ip", rate="1/h", method="POST", increment=True)

    assert limited("198.51.100.1") is False
    assert limited("198.51.100.1") is True
    # Another visitor through the same proxy has a counter of their own.
    assert limited("198.51.100.2") is False
