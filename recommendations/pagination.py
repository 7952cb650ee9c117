"""Pagination that does not count a large result to the end.

COUNT(*) is the dearest query of the tracker at 100,000 rows (30-40 ms, more than everything else together,
bench/tracker.py). Up to CAP rows the count is exact; past it the page says "more than CAP" and counts only as far
as the requested page needs, so every page stays reachable and "next" stays right.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import BadRequest
from django.core.paginator import EmptyPage, Page, PageNotAnInteger, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property
from django.utils.translation import gettext as _

# "More than 1000 recommendations" tells a reader as much as "more than 5000" (narrow them down), and counting a
# filtered view past 1,000 rows of a join cost most of its time (docs/performance.md).
CAP = 1000
# A text search counts only this far ("300+"): counting reads every matching row, and a common word with a filter
# matches thousands (docs/performance.md). As many as relevance ranks (recommendations.selectors.RANK_CANDIDATES),
# whose query then counts too.
SEARCH_CAP = 300
# Past this a page number is a typo or a probe: its row offset would not even fit the database's integers.
MAX_PAGE = 1_000_000


class CappedPaginator(Paginator):
    object_list: QuerySet[Any]  # only ever a queryset, which counts in the database

    def __init__(self, object_list: QuerySet, per_page: int, *, requested: object = 1, cap: int = CAP) -> None:
        super().__init__(object_list, per_page)
        try:
            self.requested = max(1, int(str(requested)))
        except (TypeError, ValueError):
            self.requested = 1
        if self.requested > MAX_PAGE:
            raise BadRequest(_("There is no page %(number)s of these results: page numbers go up to %(max)s at most.")
                             % {"number": self.requested, "max": f"{MAX_PAGE:,}".replace(",", " ")})
        self.cap = cap
        # (queryset, n): the first n rows of object_list in the same order, cheaper to read (the ranked candidates).
        self.head: tuple[QuerySet[Any], int] | None = getattr(object_list, "head", None)
        # The rows after the head, in the same order (a cheaper query for the pages past it).
        self.tail: QuerySet[Any] | None = getattr(object_list, "tail", None)
        # (rows, exact) already counted by whoever built object_list, if any: exact, or at least that many.
        self.counted: tuple[int, bool] | None = getattr(object_list, "counted", None)

    @cached_property
    def count(self) -> int:
        # Count one row past what is needed: enough to tell "more" and whether the requested page has a next one.
        limit = max(self.cap, self.requested * self.per_page) + 1
        if self.counted is not None:
            rows, exact = self.counted
            if exact or rows == limit:
                return rows
        # Without the order: how many rows there are (up to the limit) does not depend on it, and an order by
        # relevance would rank every counted row; only the key, so no annotation is computed either.
        return self.object_list.order_by().values("pk")[:limit].count()

    def page(self, number: int | str) -> Page[Any]:
        page = super().page(number)
        if self.head is not None:
            head, size = self.head
            bottom = (page.number - 1) * self.per_page
            if bottom + self.per_page <= size or self.count <= size:
                page.object_list = head[bottom:bottom + self.per_page]
            elif self.tail is not None and bottom >= size:
                page.object_list = self.tail[bottom - size:bottom - size + self.per_page]
        return page

    @property
    def is_capped(self) -> bool:
        return self.count > max(self.cap, self.requested * self.per_page)

    def get_page(self, number: object) -> Page[Any]:
        try:
            return self.page(int(str(number)) if number not in (None, "") else 1)
        except (PageNotAnInteger, ValueError, TypeError):
            return self.page(1)
        except EmptyPage:
            return self.page(self.num_pages)
