"""Cursor pagination: no COUNT(*) over 100,000 rows, and deep pages cost the same as the first."""

from __future__ import annotations

from rest_framework.pagination import CursorPagination


class StableCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # Each view sets a unique ordering (ending in a unique column), so a page never repeats or skips a row.
    ordering = "-id"


def cursor_pagination(*ordering: str) -> type[StableCursorPagination]:
    """A paginator in `ordering`, which must end in a unique column."""
    return type("CursorPagination", (StableCursorPagination,), {"ordering": ordering})
