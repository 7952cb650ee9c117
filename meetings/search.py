"""Full-text search over minutes: one stored vector per language since migration 0006 (core.search)."""

from __future__ import annotations

from core import search


def minutes_search_query(text: str, language: str | None = None) -> search.RawTsQuery | None:
    """The PostgreSQL query for `text` in `language` (the page's by default), for Minutes.search_<language>."""
    return search.tsquery(text, language)
