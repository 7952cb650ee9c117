"""Agenda suggestions from apps above meetings (NGO submissions, ...), which meetings must not import.

A higher app registers a callable in its AppConfig.ready(); the agenda page asks every registered source.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from core.hooks import Hook
from meetings.models import Meeting


@dataclass(frozen=True)
class AgendaSuggestion:
    title: str
    description: str
    source: str
    url: str = ""


AgendaSource = Callable[..., list[AgendaSuggestion]]

AGENDA_SOURCES = Hook("meetings.agenda_sources")


def register(name: str, source: AgendaSource) -> None:
    """`source(meeting=...)` returns suggestions for that meeting; registering a name again replaces it."""
    AGENDA_SOURCES.register(name, source)


def suggestions_for(*, meeting: Meeting) -> list[AgendaSuggestion]:
    return AGENDA_SOURCES.collect(meeting=meeting)
