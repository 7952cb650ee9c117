"""Kinds of notice and due-notice checkers, registered by the apps that own the data.

The lower app (notifications) cannot import the higher ones, so they register here from their own
AppConfig.ready() (by importing their notices module); nothing discovers them from here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.utils.functional import Promise

if TYPE_CHECKING:
    from notifications.models import Notice


@dataclass
class Message:
    """What a renderer returns: the e-mail of one delivery, already in the recipient's language."""

    subject: str
    text: str
    html: str = ""
    # (filename, content, mimetype)
    attachments: list[tuple[str, bytes | str, str]] = field(default_factory=list)


Renderer = Callable[..., Message]


@dataclass(frozen=True)
class Kind:
    name: str
    render: Renderer
    optional: bool
    # Opt-outs are stored per topic; kinds of one topic are switched off together.
    topic: str
    label: str | Promise


_kinds: dict[str, Kind] = {}
_due_checkers: list[Callable[[dt.datetime], Any]] = []


class UnknownKind(LookupError):
    pass


def register(
    kind: str, *, optional: bool = False, topic: str | None = None, label: str | Promise | None = None
) -> Callable[[Renderer], Renderer]:
    """@register("meetings.change") on a function (*, notice, delivery) -> Message."""

    def decorator(render: Renderer) -> Renderer:
        existing = _kinds.get(kind)
        # A module imported twice (tests, autoreload) registers the same function again: allowed.
        if existing is not None and existing.render.__qualname__ != render.__qualname__:
            raise ValueError(f"Notice kind {kind!r} is already registered by {existing.render.__module__}.")
        _kinds[kind] = Kind(name=kind, render=render, optional=optional, topic=topic or kind, label=label or kind)
        return render

    return decorator


def get(kind: str) -> Kind:
    try:
        return _kinds[kind]
    except KeyError:
        raise UnknownKind(f"No notice kind {kind!r} is registered.") from None


def label(kind: str) -> str | Promise:
    """What people read for a kind: its label, or the kind itself for one no longer registered."""
    spec = _kinds.get(kind)
    return spec.label if spec else kind


def kinds() -> list[Kind]:
    return sorted(_kinds.values(), key=lambda k: k.name)


def optional_topics() -> dict[str, str | Promise]:
    """Topics a person may opt out of, with a label (the first registered kind's)."""
    topics: dict[str, str | Promise] = {}
    for kind in kinds():
        if kind.optional:
            topics.setdefault(kind.topic, kind.label)
    return topics


def notice_cache(notice: Notice) -> dict[str, Any]:
    """A dict kept on the notice object while one task sends a chunk of its deliveries (up to 100).

    Deliveries of a chunk share one Notice object, so a renderer can load its objects once per chunk:
    `cache = notice_cache(notice); meeting = cache.get("meeting") or cache.setdefault("meeting", load())`.
    Key anything language-dependent by language.
    """
    cache = getattr(notice, "_render_cache", None)
    if cache is None:
        cache = {}
        notice._render_cache = cache
    return cache


def register_due(checker: Callable[[dt.datetime], Any]) -> Callable[[dt.datetime], Any]:
    """Register `def due_notices(now)`: publishes the notices that have come due (idempotently).

    tasks.run_due_notices calls every checker every 15 minutes (the schedule is editable); notice_publish's
    (kind, key) uniqueness makes a checker safe to run any number of times.
    """
    if checker not in _due_checkers:
        _due_checkers.append(checker)
    return checker


def due_checkers() -> list[Callable[[dt.datetime], Any]]:
    return list(_due_checkers)


class Obsolete(Exception):  # noqa: N818 - reads as "raise Obsolete(...)" in a renderer
    """Raised by a renderer when its notice no longer applies (e.g. the object is gone): failed, never retried."""
