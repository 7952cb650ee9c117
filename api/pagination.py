"""Cursor pagination: no COUNT(*) over 100,000 rows, and deep pages cost the same as the first."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError
from django.db import DataError
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination
from rest_framework.request import Request


class StableCursorPagination(CursorPagination):
    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200
    # Each view sets a unique ordering (ending in a unique column), so a page never repeats or skips a row.
    ordering = "-id"

    def decode_cursor(self, request: Request) -> Cursor | None:
        cursor = super().decode_cursor(request)
        # A cursor is ours only if it decodes to what we encode: a NUL or an absurd offset is a forged one.
        if cursor is not None and (
            # The position is the decoded text of the cursor (its stubs say int).
            (cursor.position is not None and "\x00" in cursor.position) or cursor.offset > 10**6  # type: ignore[operator]
        ):
            raise NotFound(self.invalid_cursor_message)
        return cursor

    def paginate_queryset(self, queryset: Any, request: Request, view: Any = None) -> list | None:
        try:
            return super().paginate_queryset(queryset, request, view)
        except (ValueError, TypeError, OverflowError, ValidationError, DataError):
            # A forged cursor position the ordering column cannot hold ("abc" for a date, 10**30 for an id):
            # the same answer as any other invalid cursor.
            raise NotFound(self.invalid_cursor_message) from None


def cursor_pagination(*ordering: str) -> type[StableCursorPagination]:
    """A paginator in `ordering`, which must end in a unique column."""
    return type("CursorPagination", (StableCursorPagination,), {"ordering": ordering})
