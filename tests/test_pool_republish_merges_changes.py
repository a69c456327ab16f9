"""Republishing merges what changed into the current version, and a web server leaves it to the worker.

A web server process that built the next version itself shared its interpreter with its request threads:
at 100,000 candidates rankings stalled for seconds while it ran. The worker merges the changes instead
(the changed profiles fetched and encoded, the arrays written once), and the merged version ranks
exactly as a version built from the whole database would.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from django.core.management import call_command

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateRemoval
from shortlist.engine.matching import published
from tests.factories import make_candidate
from tests.pool_helpers import GO_ROLE, make_pool


@pytest.fixture(autouse=True)
def small_delta_limit(settings: object, pool_home: Path) -> Iterator[None]:
    settings.INDEX_DELTA_LIMIT = 3
    serving = (pool._serving.freeze_after_load, pool._serving.republish_by_task)
    yield
    pool._serving.freeze_after_load, pool._serving.republish_by_task = serving
    pool.forget()


def _change_the_pool() -> None:
    """Two candidates learn Go, one is deleted (logged as the services log it), one arrives."""
    people = list(Candidate.objects.order_by("pk"))
    for person in people[:2]:
        person.skills.update_or_create(
            skill="go",
            defaults={
                "years": 9.0, "last_used": 2026, "strength": 0.9,
                "evidence": [{"section": "experience", "snippet": "Rewrote the matching engine in Go"}],
            },
        )  # fmt: skip
        person.save()  # a new profile version (updated_at), as every service that changes one does
    gone = people[2].pk
    people[2].delete()
    CandidateRemoval.objects.create(candidate_id=gone)
    make_candidate(name="Newcomer", skills=(("go", 7.0), ("kafka", 2.0)))


def _ranked() -> list[dict]:
    return [m.as_dict() for m in pool.pool_rank(GO_ROLE, top=30).matches]


@pytest.mark.django_db
def test_a_merged_version_ranks_as_one_built_from_the_database(monkeypatch: pytest.MonkeyPatch) -> None:
    make_pool(25)
    pool.publish()
    _change_the_pool()

    with monkeypatch.context() as patched:
        patched.setattr(pool, "_publish_locked", lambda *_: pytest.fail("read the whole database"))
        assert pool.republish("v000001") == "v000002"
    pool.forget()  # a process that opens the merged version
    merged = _ranked()
    assert pool.pool_info().candidates == Candidate.objects.count() == 25
    assert pool.pool_index().delta == 0  # its stamps match the database: nothing is fetched again

    pool.publish()  # the same pool, read from the database
    pool.forget()
    assert _ranked() == merged


@pytest.mark.django_db
def test_a_version_already_replaced_is_not_republished() -> None:
    make_pool(5)
    pool.publish()
    pool.publish()  # another builder got there first
    before = sorted(p.name for p in pool.index_dir().iterdir())
    assert pool.republish("v000001") is None
    assert sorted(p.name for p in pool.index_dir().iterdir()) == before


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections as in production
def test_a_web_server_asks_the_worker_and_keeps_serving_the_old_version() -> None:
    make_pool(20)
    pool.publish()
    pool.serve_from_this_process()
    earlier_thread = pool._publisher  # left by an earlier test, if any
    for person in Candidate.objects.order_by("pk")[:3]:
        person.save()

    noticed = pool.pool_rank(GO_ROLE, top=5)
    assert noticed.pool.index_version == "v000001"
    assert pool._publisher is earlier_thread  # no build started in this process's threads
    pool.pool_rank(GO_ROLE, top=5)  # asked once, not once per request
    assert published.current_name(pool.index_dir()) == "v000001"

    call_command("db_worker", batch=True, verbosity=0, reload=False)

    assert published.current_name(pool.index_dir()) == "v000002"
    after = pool.pool_rank(GO_ROLE, top=5)
    assert after.pool == pool.PoolInfo(candidates=20, index_version="v000002")
    assert pool.pool_index().delta == 0
    assert [m.as_dict() for m in after.matches] == [m.as_dict() for m in noticed.matches]
