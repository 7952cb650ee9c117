"""Rendering for someone other than the current request, wholly in their language, through one helper.

An e-mail is rendered by a worker for each recipient; a digest's PDF and XLSX once per language; a password-reset
message for whoever asked. Each of them runs inside `in_language(code)`, which activates that language (gettext,
the date formats of core/formats/, and translated model fields, which read the active language) for the block and
restores the caller's afterwards. An unknown or empty code falls back to the portal's default language, never to
whatever the worker happened to have active.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any, TypeVar

from django.conf import settings
from django.utils import translation

from core.multilingual import fallback_order as content_fallback_order

T = TypeVar("T")


def language_codes() -> list[str]:
    return [code for code, _name in settings.LANGUAGES]


def supported_language(code: str | None) -> str:
    """"ru", "ru-RU", "RU" -> "ru"; anything the portal does not speak -> settings.LANGUAGE_CODE."""
    if code:
        base = str(code).strip().lower().replace("_", "-").split("-", 1)[0]
        if base in language_codes():
            return base
    return settings.LANGUAGE_CODE


def user_language(user: Any) -> str:
    """The language a person reads the portal's e-mails in (their account's choice)."""
    return supported_language(getattr(user, "preferred_language", "") if user is not None else "")


@contextmanager
def in_language(code: str | None) -> Iterator[str]:
    """`with in_language(delivery.language): render(...)`: everything inside speaks that language."""
    language = supported_language(code)
    with translation.override(language):
        yield language


def in_each_language(read: Callable[[], T]) -> dict[str, T]:
    """{"kk": ..., "ru": ..., "en": ...}: `read()` called once in each of the portal's languages.

    For snapshots kept for later readers (a digest's figures): `in_each_language(lambda: meeting.title)` keeps the
    title as each language's readers see it, fallback included, whatever language the build ran in.
    """
    values = {}
    for code in language_codes():
        with translation.override(code):
            values[code] = read()
    return values


def fallback_order(code: str | None) -> list[str]:
    """The reader's language, then the others in the order content falls back (settings.CONTENT_FALLBACK_LANGUAGES,
    the same order modeltranslation's fields and core.multilingual follow)."""
    return content_fallback_order(supported_language(code))


def pick(values: dict[str, Any] | Any, code: str | None = None) -> Any:
    """The value for the active language (or `code`) from an `in_each_language` dict; a plain value as it is
    (snapshots made before they were kept per language). An empty one falls back (`fallback_order`)."""
    if not isinstance(values, dict):
        return values
    for candidate in (*fallback_order(code or translation.get_language()), *values):
        value = values.get(candidate)
        if value not in (None, ""):
            return value
    return ""
