"""Full-text search over minutes on PostgreSQL: Minutes.search_vector, kept by the trigger of migration 0002."""

from __future__ import annotations

from django.contrib.postgres.search import SearchQuery

# "simple" (as the trigger of migration 0002): no stemmer, so Kazakh, Russian and English minutes are all searchable by their words.
CONFIG = "simple"


def minutes_search_query(text: str) -> SearchQuery:
    # websearch syntax accepts what people type: words, "quoted phrases", -exclusions.
    return SearchQuery(text, config=CONFIG, search_type="websearch")
