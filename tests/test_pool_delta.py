"""A change to the pool is visible in the next ranking, applied in memory over the published version."""

from __future__ import annotations

import pytest

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateRemoval, CandidateSkill
from tests.factories import make_candidate
from tests.pool_helpers import GO_ROLE, make_pool, published_files

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pool_home")]


def test_a_changed_candidate_ranks_anew_without_rewriting_the_published_version() -> None:
    people = make_pool(30)
    pool.build()
    before = published_files(pool.index_dir())
    first = pool.pool_rank(GO_ROLE, top=5)
    assert first.pool == pool.PoolInfo(candidates=30, index_version="v000001")
    changed = people[0]
    assert changed.pk not in [m.candidate_id for m in first.matches]
    for skill in ("go", "kubernetes", "kafka"):
        CandidateSkill.objects.update_or_create(
            candidate=changed, skill=skill, defaults={"years": 9, "last_used": 2026, "strength": 1.0}
        )
    changed.save()
    after = pool.pool_rank(GO_ROLE, top=5)
    assert after.matches[0].candidate_id == changed.pk
    assert after.pool == pool.PoolInfo(candidates=30, index_version="v000001")
    assert published_files(pool.index_dir()) == before


def test_added_and_deleted_candidates_change_the_pool_size_at_once() -> None:
    people = make_pool(12)
    pool.build()
    newcomer = make_candidate(name="Gopher", skills=(("go", 8), ("kubernetes", 6)))
    gone = people[3].pk
    people[3].delete()
    CandidateRemoval.record([gone])  # as the services that delete do (erasure, merge)
    ranking = pool.pool_rank(GO_ROLE, top=20)
    ids = [m.candidate_id for m in ranking.matches]
    assert ranking.pool.candidates == Candidate.objects.count() == 12
    assert ids[0] == newcomer.pk and gone not in ids
    assert len(pool.pool_index()) == 12


def test_the_same_change_is_fetched_once() -> None:
    make_pool(8)
    pool.build()
    changed = Candidate.objects.order_by("pk").first()
    changed.save()
    pool.pool_rank(GO_ROLE)
    index = pool.pool_index()
    held = index.delta
    pool.pool_rank(GO_ROLE)
    assert pool.pool_index().delta == held == 1  # the second ranking found nothing new to apply
