"""Hooks: how a lower app shows something of a higher one without naming it (docs/architecture.md).

The lower app declares a hook (in its `hooks.py`) and calls it where it needs the higher apps' part; each higher
app registers a provider from its AppConfig.ready(). A lower app never imports the providers: with none
registered, a hook gives nothing and the page simply shows less.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.functional import Promise


@dataclass(frozen=True)
class Link:
    """A link to another app's page: "<label>: <text>", or <text> alone, with an optional date to show."""

    text: str
    url: str
    label: str | Promise = ""
    when: dt.datetime | dt.date | None = None


class Hook:
    """A named set of providers, called in the order they registered (which is INSTALLED_APPS order)."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._providers: dict[str, Callable[..., Any]] = {}

    def register(self, name: str, provider: Callable[..., Any]) -> None:
        """Add `provider` under `name`; registering a name again replaces it (a reloaded module)."""
        self._providers[name] = provider

    def providers(self) -> list[Callable[..., Any]]:
        return list(self._providers.values())

    def collect(self, *args: Any, **kwargs: Any) -> list[Any]:
        """Every provider's list of results for these arguments, one list."""
        found: list[Any] = []
        for provider in self.providers():
            found.extend(provider(*args, **kwargs))
        return found

    def __repr__(self) -> str:
        return f"<Hook {self.name}: {', '.join(self._providers) or 'empty'}>"


class LinkHook(Hook):
    """Links to attach to a page's objects: providers take the objects and return {pk: [Link, ...]}.

    A provider answers for all the objects of a page at once, in a fixed number of queries.
    """

    def links(self, objects: Iterable[models.Model]) -> dict[int, list[Link]]:
        objects = list(objects)
        merged: dict[int, list[Link]] = defaultdict(list)
        if not objects:
            return merged
        for provider in self.providers():
            for pk, links in provider(objects).items():
                merged[pk].extend(links)
        return merged

    def attach(self, objects: Sequence[models.Model], attr: str = "links") -> None:
        """Set `attr` on each object to its list of links (empty when no provider has any)."""
        found = self.links(objects)
        for obj in objects:
            setattr(obj, attr, found.get(obj.pk, []))
