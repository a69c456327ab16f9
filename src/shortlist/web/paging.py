"""Pages of a long list."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.utils.functional import cached_property

FILTERED_COUNT_CAP = 10_000  # a filtered list counts this far, then says "more than"
# From this many rows skipped, a page reads its ids first and then its rows (DeepPaginator).
DEEP_OFFSET = 2_000


class DeepPaginator(Paginator):
    """Far into a long list, reads the page's ids first, then only those rows.

    `OFFSET 99,950` over whole rows made PostgreSQL read and sort every candidate (200 ms at page 2,000
    of 100,000); the ids alone come from a walk of the (name, id) index that never touches the table
    (14 ms). Early pages keep their single query."""

    def page(self, number: Any) -> Page:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        rows = self.object_list
        if bottom < DEEP_OFFSET or not isinstance(rows, QuerySet):
            return self._get_page(rows[bottom:top], number, self)
        ids = list(rows.values_list("pk", flat=True)[bottom:top])
        position = {pk: at for at, pk in enumerate(ids)}
        found = sorted(rows.filter(pk__in=ids), key=lambda row: position[row.pk])
        return self._get_page(found, number, self)


class CappedPaginator(DeepPaginator):
    """Counts at most `cap` + 1 rows: counting every match of a filter over 100,000 candidates cost
    more than the page itself (benchmarks/workspace_pages.py). Beyond the cap the page says "more than
    10,000" and pages on to the cap."""

    cap = FILTERED_COUNT_CAP

    @cached_property
    def matches(self) -> int:
        return self.object_list.order_by()[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.matches, self.cap)

    @property
    def capped(self) -> bool:
        return self.matches > self.cap
