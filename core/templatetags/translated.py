"""Translatable content on a page, in the page's language or marked as a fallback (core.multilingual).

    {{ meeting|tr:"title" }}
        the title in the page's language; where it has none, the best other language's text in
        <span lang="ru">, followed by a small note in the page's language ("In Russian only").
    {% translated meeting "description" as description %}
    <div{{ description.lang_attr }}>{{ description.text|linebreaksbr }}</div>{{ description.note }}
        the same, for text that needs its own markup (rich text, line breaks, truncation).

Where no note is possible (a <title>, an attribute, a feed, an e-mail) plain `{{ meeting.title }}` gives the same
fallback text unmarked (modeltranslation's fallback follows settings.CONTENT_FALLBACK_LANGUAGES).
"""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe

from core.multilingual import Shown, fallback_note, shown

register = template.Library()


class ShownOnPage:
    """A Shown for templates: `text`, `language`, `is_fallback`, `lang_attr` and `note` ready to print."""

    def __init__(self, value: Shown) -> None:
        self.value = value
        self.text = value.text
        self.language = value.language
        self.is_fallback = value.is_fallback

    @property
    def lang_attr(self) -> SafeString:
        return format_html(' lang="{}"', self.language) if self.is_fallback else mark_safe("")  # noqa: S308

    @property
    def note(self) -> SafeString:
        if not self.is_fallback:
            return mark_safe("")  # noqa: S308
        return format_html(
            ' <small class="translation-note">{}</small>', fallback_note(self.language, only=self.value.only)
        )

    def __str__(self) -> str:
        return self.text

    def __bool__(self) -> bool:
        return bool(self.text)


def _shown(obj: Any, field: str) -> ShownOnPage | None:
    if obj is None or obj == "":
        return None
    return ShownOnPage(shown(obj, field))


@register.filter(name="tr")
def tr(obj: Any, field: str) -> SafeString | str:
    value = _shown(obj, field)
    if value is None:
        return ""
    if not value.is_fallback:
        return value.text
    return format_html('<span lang="{}">{}</span>{}', value.language, value.text, value.note)


@register.filter(name="original")
def original(obj: Any, field: str) -> str:
    """The field in the record's original language, as its author wrote it (the minutes' merge screen)."""
    if obj is None:
        return ""
    # Works on a history row too (HistoricalMinutes has the columns but not TranslatableModel's methods).
    language = getattr(obj, "original_language", "")
    return getattr(obj, f"{field}_{language}", None) or getattr(obj, field, "") or ""


@register.simple_tag(name="translated")
def translated(obj: Any, field: str) -> ShownOnPage | str:
    return _shown(obj, field) or ""
