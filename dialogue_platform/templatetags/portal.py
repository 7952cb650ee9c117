from __future__ import annotations

from django import template
from django.urls import translate_url

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
