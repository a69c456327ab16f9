"""Pages of a long list."""

from __future__ import annotations

from django.core.paginator import Paginator
from django.utils.functional import cached_property

FILTERED_COUNT_CAP = 10_000  # a filtered list counts this far, then says "more than"


class CappedPaginator(Paginator):
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
