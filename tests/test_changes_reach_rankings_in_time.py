"""A process polls for other processes' changes at most once per SHORTLIST_POOL_POLL_MS, yet what it
changed itself shows in its next ranking at once, another process's change shows once the interval is
over, and a candidate erased elsewhere is never shown, even before this process has polled for it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest
from benchmarks.synthetic import role_spec
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from shortlist.accounts.access import Actor
from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateRemoval, CandidateSkill
from shortlist.pipeline.selectors import shortlist_for_role
from tests.pool_helpers import GO_ROLE, make_pool

pytestmark = pytest.mark.django_db

HOUR_MS = 3_600_000


@pytest.fixture
def people(pool_home: Path) -> list[Candidate]:
    found = make_pool(30)
    pool.build()
    return found


def _strong_in_go(candidate: Candidate) -> None:
    CandidateSkill.objects.filter(candidate=candidate).delete()
    for skill, years in (("go", 12), ("kubernetes", 9), ("kafka", 8)):
        CandidateSkill.objects.create(
            candidate=candidate, skill=skill, years=years, last_used=2026, strength=1.0
        )


def _top(**options: Any) -> list[int]:
    return [m.candidate_id for m in pool.pool_rank(GO_ROLE, top=5, **options).matches]


def test_this_process_sees_its_own_change_at_once_however_long_the_poll_interval(
    settings: Any, people: list[Candidate]
) -> None:
    settings.POOL_POLL_MS = HOUR_MS
    last = people[-1]
    assert _top()[0] != last.pk
    _strong_in_go(last)
    last.save()  # as every service that changes a profile does
    assert _top()[0] == last.pk


def test_another_process_change_shows_once_the_interval_is_over_without_a_poll_per_ranking(
    settings: Any, people: list[Candidate]
) -> None:
    settings.POOL_POLL_MS = 400
    last = people[-1]
    before = _top()
    # Another process's write: not through this process's models, so not counted here (writes.py).
    _strong_in_go(last)
    Candidate.objects.filter(pk=last.pk).update(updated_at=timezone.now())
    with CaptureQueriesContext(connection) as within:
        assert _top() == before
    assert not [q for q in within.captured_queries if "candidates_candidate" in q["sql"]]
    time.sleep(0.45)
    assert _top()[0] == last.pk


def test_a_candidate_erased_in_another_process_is_never_shown_even_before_the_poll(
    settings: Any, people: list[Candidate]
) -> None:
    settings.POOL_POLL_MS = HOUR_MS
    spec = role_spec(must=("go", "kubernetes"), nice=("kafka",))
    shown = shortlist_for_role(actor=Actor.system(), role_spec=spec, top=5)
    gone = shown.rows[0].match.candidate_id
    # Erased by another process: the row and its removal log, none of it counted in this process.
    Candidate.objects.filter(pk=gone).delete()
    CandidateRemoval.objects.create(candidate_id=gone)
    after = shortlist_for_role(actor=Actor.system(), role_spec=spec, top=5)
    ids = [row.match.candidate_id for row in after.rows]
    assert gone not in ids
    assert [row.match.rank for row in after.rows] == [1, 2, 3, 4, 5]
    assert after.pool.candidates == Candidate.objects.count() == len(people) - 1
    pool.forget()  # from scratch: the same ranking
    assert ids == [m.candidate_id for m in pool.pool_rank(GO_ROLE, top=5).matches]
