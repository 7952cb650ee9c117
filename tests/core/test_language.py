"""core.language: the one helper for rendering in someone else's language."""

from __future__ import annotations

import pytest
from django.utils import translation
from django.utils.translation import gettext

from core.language import in_each_language, in_language, pick, supported_language, user_language


@pytest.mark.parametrize(("code", "expected"), [
    ("ru", "ru"), ("kk", "kk"), ("en", "en"), ("ru-RU", "ru"), ("KK", "kk"), ("kk_KZ", "kk"),
    ("de", "en"), ("", "en"), (None, "en"), ("<script>", "en"),
])
def test_unknown_languages_fall_back_to_the_default(code: str | None, expected: str) -> None:
    assert supported_language(code) == expected


def test_in_language_speaks_the_language_and_restores_the_callers() -> None:
    with translation.override("ru"):
        with in_language("kk") as code:
            assert code == "kk"
            assert translation.get_language() == "kk"
            assert gettext("Agenda") == "Күн тәртібі"
        assert translation.get_language() == "ru"
        with in_language("xx"):
            assert gettext("Agenda") == "Agenda"
        assert translation.get_language() == "ru"


def test_an_accounts_language_is_its_preferred_one() -> None:
    class Person:
        preferred_language = "kk"

    assert user_language(Person()) == "kk"
    assert user_language(None) == "en"


def test_in_each_language_reads_once_per_language_and_pick_chooses_the_readers() -> None:
    values = in_each_language(lambda: gettext("Agenda"))
    assert values == {"kk": "Күн тәртібі", "ru": "Повестка дня", "en": "Agenda"}
    with translation.override("ru"):
        assert pick(values) == "Повестка дня"
    assert pick(values, "kk") == "Күн тәртібі"
    # A snapshot made before texts were kept per language is a plain string; an empty one falls back.
    assert pick("Meeting No. 45", "kk") == "Meeting No. 45"
    assert pick({"kk": "", "ru": "Заседание", "en": "Meeting"}, "kk") == "Заседание"
    assert pick({"kk": "Отырыс", "ru": "", "en": "Meeting"}, "ru") == "Meeting"
    assert pick({"kk": "Отырыс", "ru": "", "en": ""}, "en") == "Отырыс"
