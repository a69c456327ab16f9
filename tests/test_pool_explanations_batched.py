"""Explaining a top-k fetches its profiles in one batch, with the same words as one at a time."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate
from shortlist.candidates.profiles import profiles_by_id, to_profile
from shortlist.engine.matching.match import match
from tests.factories import one_of_everything
from tests.pool_helpers import GO_ROLE, make_pool

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pool_home")]


def test_a_top_50_costs_a_fixed_handful_of_queries_and_says_the_same() -> None:
    make_pool(60)
    pool.build()
    pool.pool_rank(GO_ROLE, top=1)  # the delta is up to date: what follows is the ranking alone
    with CaptureQueriesContext(connection) as batched:
        ranking = pool.pool_rank(GO_ROLE, top=50)
    one_by_one = match(pool.pool_index(), GO_ROLE, top=50, profiles=pool.profile_lookup)
    assert len(ranking.matches) == 50
    assert [m.as_dict() for m in ranking.matches] == [m.as_dict() for m in one_by_one]
    assert any("Built the platform in" in r for m in ranking.matches for r in m.reasons)
    # Two to poll for changes, one for the 50 rows, one per related table (skills, claims, jobs).
    assert len(batched) <= 6


def test_profiles_read_in_a_batch_equal_those_read_one_by_one() -> None:
    one_of_everything()
    make_pool(5)
    ids = list(Candidate.objects.values_list("pk", flat=True))
    batch = profiles_by_id(ids)
    assert batch == {pk: to_profile(Candidate.objects.get(pk=pk)) for pk in ids}
    grace = next(p for p in batch.values() if p.contact.name == "Grace Hopper")
    assert grace.jobs and grace.scale_claims and grace.skills[0].evidence
