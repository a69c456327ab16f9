"""A ranking after adds, edits, merges and erasures is exactly the ranking of the pool built afresh,
although the process redoes only what the changes touched (the engine's RankMemo): same candidates,
ranks, scores, bands, breakdowns, reasons, gaps and counterfactuals, same filter report, and a pool
size equal to the database's."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from shortlist.accounts.access import Actor
from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateSkill
from shortlist.candidates.services import candidate_merge
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.compliance.services import candidate_erase
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import Ranking, rank
from tests.factories import make_candidate
from tests.pool_helpers import GO_ROLE, STACKS

pytestmark = pytest.mark.django_db

# 512 CVs of 10 words each: the pool's word statistics then stay put for a new CV of 10 words without
# the role's words (lexical.coarse), so the plan is unchanged and the kept parts are reused.
POOL = 512
WORDS = (
    "built go services on kubernetes with kafka streams at scale",
    "wrote java payment systems and sql reports for the bank",
    "python data pipelines and sql warehouses for retail analytics",
)
QUIET = "managed a small team of store assistants in a shop"  # none of the role's words
OPTIONS: tuple[dict[str, Any], ...] = (
    {"top": 10},
    {"top": 10, "must_have_filter": True},
    {"top": 25, "min_score": 20.0, "must_have_filter": True, "must_mode": "anywhere"},
)


def _person(n: int, text: str, skills: tuple[tuple[str, float], ...]) -> Candidate:
    return make_candidate(name=f"Person {n}", skills=skills, raw_text=text)


def _fresh(options: dict[str, Any]) -> Ranking:
    """The ranking of an index built now from every row of the database, with nothing kept."""
    index = CandidateIndex.build(pool.iter_profiles(), workspace_taxonomy(), date.today())
    index.profile_lookup, index.profiles_lookup = pool.profile_lookup, pool.profiles_lookup
    return rank(index, GO_ROLE, **options)


def _assert_exact() -> None:
    for options in OPTIONS:
        kept = pool.pool_rank(GO_ROLE, **options)
        fresh = _fresh(options)
        assert [m.as_dict() for m in kept.matches] == [m.as_dict() for m in fresh.matches], options
        assert kept.filtered == fresh.filtered, options
        assert kept.pool.candidates == Candidate.objects.count()


def test_rankings_after_adds_edits_merges_and_erasures_equal_rankings_from_scratch(
    pool_home: Path,
) -> None:
    people = [
        _person(n, WORDS[n % 3], (STACKS[n % len(STACKS)], STACKS[(n + 2) % len(STACKS)]))
        for n in range(POOL)
    ]
    pool.build()
    _assert_exact()

    # A newcomer strong enough for the top, whose CV adds none of the role's words: only the new
    # segment is scored, the published one's part is reused.
    reused = pool.rank_memo_stats().hits
    _person(POOL, QUIET, (("go", 9.0), ("kubernetes", 6.0)))
    _assert_exact()
    assert pool.rank_memo_stats().hits > reused

    # Newcomers who write the role's words: the word statistics, so the plan, change; still exact.
    for n in range(POOL + 1, POOL + 4):
        _person(n, WORDS[0], (("go", 8.0), ("kafka", 3.0)))
    _assert_exact()

    # An edit of someone at the top (they lose Go) and of someone far down (they gain it).
    top = pool.pool_rank(GO_ROLE, top=10).matches
    leader = Candidate.objects.get(pk=top[0].candidate_id)
    CandidateSkill.objects.filter(candidate=leader, skill="go").delete()
    leader.save()
    outsider = people[1]  # java and go... edited to a strong Go and Kubernetes record
    CandidateSkill.objects.filter(candidate=outsider).delete()
    CandidateSkill.objects.create(candidate=outsider, skill="go", years=7, last_used=2026, strength=1.0)
    CandidateSkill.objects.create(
        candidate=outsider, skill="kubernetes", years=5, last_used=2026, strength=1.0
    )
    outsider.save()
    _assert_exact()

    # A merge and an erasure of people at the top: gone from the next ranking, others move up.
    top = pool.pool_rank(GO_ROLE, top=10).matches
    candidate_merge(actor=Actor.system(), keep_id=people[0].pk, other_id=top[0].candidate_id)
    _assert_exact()
    top = pool.pool_rank(GO_ROLE, top=10).matches
    candidate_erase(actor=Actor.system(), candidate_id=top[1].candidate_id, reason="asked to be forgotten")
    erased = top[1].candidate_id
    _assert_exact()
    for options in OPTIONS:
        ranking = pool.pool_rank(GO_ROLE, **options)
        assert erased not in {m.candidate_id for m in ranking.matches}
        assert erased not in {r.candidate_id for r in (ranking.filtered.examples if ranking.filtered else ())}
