"""The one rich-text sanitiser (nh3), with a named profile of allowed tags for each kind of text.

Every HTML a person types and others read goes through `sanitize_rich_text(text, profile=...)` before it is
stored: scripts, styles, event handlers and unknown tags never reach a page.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import nh3
from django.db import models
from django.utils.html import linebreaks

_URL_SCHEMES = {"http", "https", "mailto"}


@dataclass(frozen=True)
class Profile:
    """Which tags a kind of text may keep, and how typed plain text and links are treated."""

    name: str
    tags: frozenset[str]
    link_rel: str = "noopener noreferrer"
    # Attributes each tag may keep (links by default).
    attributes: dict[str, frozenset[str]] = field(default_factory=lambda: {"a": frozenset({"href", "title"})})
    # Text holding none of the allowed tags is plain text: its blank lines become paragraphs and a typed
    # "a < b" or "<script>" stays text instead of being read as markup.
    plain_text_paragraphs: bool = False
    _tag_pattern: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        pattern = re.compile(r"</?(?:" + "|".join(sorted(self.tags)) + r")\b[^>]*>", re.IGNORECASE)
        object.__setattr__(self, "_tag_pattern", pattern)

    def holds_markup(self, text: str) -> bool:
        return bool(self._tag_pattern.search(text))


# Minutes and decisions written in the secretariat's editor: headings and tables as well as simple formatting.
MINUTES = Profile(
    name="minutes",
    tags=frozenset({
        "p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "h2", "h3", "h4", "blockquote", "a", "table",
        "thead", "tbody", "tr", "th", "td",
    }),
    # Merged cells of tables (the editor writes colspan/rowspan only when a cell spans more than one).
    attributes={
        "a": frozenset({"href", "title"}),
        "td": frozenset({"colspan", "rowspan"}),
        "th": frozenset({"colspan", "rowspan"}),
    },
)

# What an NGO types in a submission: simple formatting only, typed plain text kept as text; links from the
# public are not endorsed (nofollow).
SUBMISSION = Profile(
    name="submission",
    tags=frozenset({"p", "br", "strong", "b", "em", "i", "ul", "ol", "li", "blockquote", "a"}),
    link_rel="noopener noreferrer nofollow",
    plain_text_paragraphs=True,
)

PROFILES: dict[str, Profile] = {profile.name: profile for profile in (MINUTES, SUBMISSION)}


def sanitize_rich_text(text: str, *, profile: Profile | str) -> str:
    """Keep the formatting the profile allows; drop scripts, styles, event handlers and other tags."""
    spec = PROFILES[profile] if isinstance(profile, str) else profile
    text = text or ""
    if spec.plain_text_paragraphs:
        text = text.strip()
        if not spec.holds_markup(text):
            text = linebreaks(text, autoescape=True)
    return nh3.clean(
        text, tags=set(spec.tags), attributes={tag: set(names) for tag, names in spec.attributes.items()}, url_schemes=_URL_SCHEMES, link_rel=spec.link_rel,
    ).strip()


def plain_text(html: str) -> str:
    """The text of `html` with every tag removed (what is left stays escaped for HTML)."""
    return nh3.clean(html or "", tags=set())


class SanitizedHTMLField(models.TextField):
    """A text field of rich text that is sanitised on every save, whatever saves it (a service, the
    administration, a shell or a data migration): `profile` names the allowed tags (MINUTES, SUBMISSION).

    Services sanitise before saving too (the text they check is the text stored); this is the floor under every
    other write path. QuerySet.update() bypasses it, so no code writes these fields with update()."""

    def __init__(self, *args: Any, profile: str = "minutes", **kwargs: Any) -> None:
        self.profile = profile
        super().__init__(*args, **kwargs)

    def deconstruct(self) -> tuple[str, str, Sequence[Any], dict[str, Any]]:
        name, path, args, kwargs = super().deconstruct()
        kwargs["profile"] = self.profile
        return name, path, args, kwargs

    def pre_save(self, model_instance: models.Model, add: bool) -> str:
        value: str = getattr(model_instance, self.attname)
        if value:
            value = sanitize_rich_text(value, profile=self.profile)
            setattr(model_instance, self.attname, value)
        return value
