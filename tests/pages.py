"""Reading a page as a reader of one language would: the tests of translated content share it."""

from __future__ import annotations

from django.test import Client
from django.urls import translate_url
from django.utils import translation


def page_in(client: Client, url: str, language: str = "en") -> str:
    """The HTML of `url` under /<language>/ (the prefix picks the page's language); it must answer 200."""
    url = translate_url(url, language)
    assert url.startswith(f"/{language}/"), url
    with translation.override(language):
        response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()
