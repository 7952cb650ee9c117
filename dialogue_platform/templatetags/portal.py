from __future__ import annotations

import functools
from typing import Any

from django import template
from django.db import models
from django.urls import translate_url
from django.utils.html import format_html
from django.utils.translation import gettext

from dialogue_platform.status_tones import OVERDUE_AWARE, STATE_TONES, tone_for

register = template.Library()


@register.simple_tag(takes_context=True)
def language_url(context: template.Context, language: str) -> str:
    """The current page in another language (the language is the first segment of the path)."""
    request = context.get("request")
    if request is None:
        return f"/{language}/"
    return translate_url(request.get_full_path(), language)


@register.simple_tag(takes_context=True)
def nav_active(context: template.Context, *prefixes: str) -> str:
    """'active' for the menu entry of the section being viewed, so it can carry aria-current."""
    request = context.get("request")
    path = request.path if request is not None else ""
    language = getattr(request, "LANGUAGE_CODE", "")
    path = path.removeprefix(f"/{language}") if language else path
    for prefix in prefixes:
        if (prefix == "/" and path in ("", "/")) or (prefix != "/" and path.startswith(prefix)):
            return "page"
    return ""


@register.simple_tag
def status_badge(obj: Any, field: str = "status") -> str:
    """The status of `obj` as a badge in its one colour (dialogue_platform.status_tones), e.g.
    {% status_badge meeting %} or {% status_badge recommendation "response" %}."""
    key = f"{obj._meta.app_label}.{obj._meta.model_name}.{field}"
    value = getattr(obj, field) or ""
    model: type[models.Model] = type(obj)
    label = _choice_labels(model, field).get(value, value)
    if key in OVERDUE_AWARE and getattr(obj, "is_overdue", False):
        return format_html(
            '<span class="status-badge status-badge--attention">{}</span> <span class="status-badge-note">{}</span>',
            gettext("Overdue"), label,
        )
    return format_html('<span class="status-badge status-badge--{}">{}</span>', tone_for(key, value), label)


@functools.cache
def _choice_labels(model: type[models.Model], field: str) -> dict[str, Any]:
    """A field's choices as {value: lazy label}: what get_FOO_display looks up, without rebuilding a hashable
    copy of the choices on every call (the tracker draws two badges a row)."""
    return dict(model._meta.get_field(field).flatchoices)  # type: ignore[union-attr]


@register.simple_tag
def state_badge(state: str, label: str) -> str:
    """A badge for a state that is not a model's field (a comment period open or closed): same colours."""
    return format_html('<span class="status-badge status-badge--{}">{}</span>', STATE_TONES.get(state, "neutral"), label)


@register.simple_tag
def translation_badge(status: str) -> str:
    """A translation's status (complete, missing, out of date, original) as a badge."""
    from core.multilingual import Status

    return state_badge(status, str(Status(status).label) if status in Status.values else status)


@register.inclusion_tag("includes/translation_panel.html", takes_context=True)
def translation_panel(context: template.Context, obj: Any) -> dict[str, Any]:
    """For the secretariat: which languages of `obj` are complete, missing or out of date, each with a link to
    the side-by-side editor (dialogue_platform.translations)."""
    from django.urls import reverse

    from core import multilingual

    kind = multilingual.kind_of(obj) if obj is not None else None
    request = context.get("request")
    if kind is None or request is None or not getattr(request.user, "is_secretariat", False):
        return {"languages": []}
    back = request.get_full_path()
    return {
        "original": multilingual.language_name(obj.original_language),
        "languages": [
            {"name": multilingual.language_name(code), "status": obj.status_of(code),
             "url": reverse("translation-edit", args=[kind.key, obj.pk, code]) + "?next=" + back}
            for code in multilingual.languages() if code != obj.original_language
        ],
        "label": kind.label,
    }
