"""Past the delta limit a process republishes in the background; the request that noticed does not wait."""

from __future__ import annotations

from pathlib import Path

import pytest

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate
from shortlist.engine.matching import published
from tests.pool_helpers import GO_ROLE, make_pool


@pytest.fixture(autouse=True)
def small_delta_limit(settings: object, pool_home: Path) -> None:
    settings.INDEX_DELTA_LIMIT = 3


@pytest.mark.django_db(transaction=True)  # the publishing thread reads through its own connection
def test_a_delta_past_the_limit_is_republished_in_the_background() -> None:
    make_pool(20)
    pool.publish()
    for person in Candidate.objects.order_by("pk")[:3]:
        person.save()
    noticed = pool.pool_rank(GO_ROLE, top=5)
    assert noticed.pool == pool.PoolInfo(candidates=20, index_version="v000001")
    pool.wait_for_background_publish(timeout=60)
    assert published.current_name(pool.index_dir()) == "v000002"
    after = pool.pool_rank(GO_ROLE, top=5)
    assert after.pool == pool.PoolInfo(candidates=20, index_version="v000002")
    assert pool.pool_index().delta == 0
    assert [m.as_dict() for m in after.matches] == [m.as_dict() for m in noticed.matches]


@pytest.mark.django_db
def test_an_index_left_in_the_unversioned_layout_is_replaced() -> None:
    make_pool(5)
    folder = pool.index_dir()
    folder.mkdir(parents=True)
    for name in ("ids.npy", "meta.json", "pool.json"):
        (folder / name).write_text("left by an earlier release")
    assert pool.pool_info() == pool.PoolInfo(candidates=5, index_version="v000001")
    assert sorted(p.name for p in folder.iterdir()) == [".lock", "CURRENT", "v000001"]
