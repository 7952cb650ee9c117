"""Full-text search over minutes on PostgreSQL. The GIN index of migration 0002 is built on this expression."""

from __future__ import annotations

from django.contrib.postgres.search import SearchVector

# "simple": no stemmer, so Kazakh, Russian and English minutes are all searchable by their words.
CONFIG = "simple"


def minutes_search_vector() -> SearchVector:
    return SearchVector("body", "decisions", config=CONFIG)
