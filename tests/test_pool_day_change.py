"""A new day is not a new index: recency counts in years, so the published version stays in use."""

from __future__ import annotations

from datetime import date

import pytest

from shortlist.candidates import pool
from tests.pool_helpers import GO_ROLE, make_pool, published_files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pool_home")]


def test_the_next_day_ranks_from_the_same_version_without_rebuilding() -> None:
    make_pool(10)
    pool.build(today=date(2026, 12, 7))
    before = published_files(pool.index_dir())
    monday = pool.pool_rank(GO_ROLE, today=date(2026, 12, 7), top=10)
    tuesday = pool.pool_rank(GO_ROLE, today=date(2026, 12, 8), top=10)
    pool.forget()  # a process started on the new day
    fresh = pool.pool_rank(GO_ROLE, today=date(2026, 12, 31), top=10)
    assert monday.pool == tuesday.pool == fresh.pool == pool.PoolInfo(candidates=10, index_version="v000001")
    assert [m.as_dict() for m in tuesday.matches] == [m.as_dict() for m in monday.matches]
    assert [m.as_dict() for m in fresh.matches] == [m.as_dict() for m in monday.matches]
    assert published_files(pool.index_dir()) == before


@pytest.mark.django_db(transaction=True)  # the republishing thread reads through its own connection
def test_a_new_year_is_republished_in_the_background_while_the_old_version_serves() -> None:
    make_pool(10)
    pool.publish(today=date(2026, 12, 31))
    new_year = date(2027, 1, 1)
    served = pool.pool_rank(GO_ROLE, today=new_year, top=10)
    assert served.pool == pool.PoolInfo(candidates=10, index_version="v000001")
    pool.wait_for_background_publish(timeout=60)
    after = pool.pool_rank(GO_ROLE, today=new_year, top=10)
    assert after.pool == pool.PoolInfo(candidates=10, index_version="v000002")
    assert pool.pool_index(today=new_year).reference_year == 2027
