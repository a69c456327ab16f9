"""Optional semantic re-ranking: a CV describing the client's kind of work moves up, nothing else changes."""

from __future__ import annotations

import importlib.util
from datetime import date

import numpy as np
import pytest

from shortlist.engine.cv.parse import parse_cv
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match
from shortlist.engine.matching.semantic import HashingEmbedder, passages, rerank
from shortlist.engine.roles.rolefile import RoleSpec
from shortlist.engine.roles.weighting import build_role_profile

TODAY = date(2026, 11, 1)
ROLE = build_role_profile(
    RoleSpec(
        # The title says nothing the two CVs do not share: the role's title words are scored lexically.
        title="Python Engineer",
        must_have=("python",),
        description=(
            "Build the double-entry ledger that settles card payments and reconciles merchant payouts."
        ),
    )
)
LEDGER = """Priya Example
Python Engineer
EXPERIENCE
Python Engineer - Tallyford, Jan 2020 - Present
- Built the double-entry ledger in Python that settles card payments every night.
- Reconciled merchant payouts against the ledger and the card schemes.
"""
WEATHER = """Sam Example
Python Engineer
EXPERIENCE
Python Engineer - Cloudmere, Jan 2020 - Present
- Built Python services that forecast rainfall for farmers from satellite images.
- Wrote the forecast pipelines that run every night.
"""


@pytest.fixture
def pool() -> dict[int, object]:
    return {1: parse_cv(WEATHER, "weather.txt", today=TODAY), 2: parse_cv(LEDGER, "ledger.txt", today=TODAY)}


def test_the_cv_closest_to_the_role_text_moves_up(pool: dict) -> None:
    index = CandidateIndex.build(pool.items(), today=TODAY, profile_lookup=pool.get)
    plain = match(index, ROLE, top=2)
    assert plain[0].candidate_id == 1  # equal evidence: the tie goes to the lower id
    reranked = rerank(plain, ROLE, pool.get, HashingEmbedder(), weight=0.5)
    assert reranked[0].candidate_id == 2
    assert reranked[0].breakdown["semantic"] > reranked[1].breakdown["semantic"]
    assert any("ledger" in reason and "similarity" in reason for reason in reranked[0].reasons)
    assert [m.rank for m in reranked] == [1, 2]


def test_weight_zero_changes_nothing_but_the_breakdown(pool: dict) -> None:
    index = CandidateIndex.build(pool.items(), today=TODAY, profile_lookup=pool.get)
    plain = match(index, ROLE, top=2)
    same = rerank(plain, ROLE, pool.get, HashingEmbedder(), weight=0.0)
    assert [(m.candidate_id, m.score) for m in same] == [(m.candidate_id, m.score) for m in plain]


def test_a_candidate_without_a_profile_counts_as_unrelated(pool: dict) -> None:
    index = CandidateIndex.build(pool.items(), today=TODAY, profile_lookup=pool.get)
    plain = match(index, ROLE, top=2)
    reranked = rerank(plain, ROLE, lambda _id: None, HashingEmbedder(), weight=0.3)
    assert all(m.breakdown["semantic"] == 0 for m in reranked)


def test_bad_weight_is_refused(pool: dict) -> None:
    with pytest.raises(ValueError, match="between 0 and 1"):
        rerank([], ROLE, pool.get, HashingEmbedder(), weight=1.5)


def test_hashing_embedder_is_deterministic_and_normalised() -> None:
    vectors = HashingEmbedder().encode(["Go engineer", "Go engineer", ""])
    assert np.allclose(vectors[0], vectors[1]) and abs(np.linalg.norm(vectors[0]) - 1) < 1e-6
    assert not vectors[2].any()


def test_passages_are_the_work_sentences(pool: dict) -> None:
    found = passages(pool[2])
    assert any("double-entry ledger" in p for p in found)


@pytest.mark.skipif(importlib.util.find_spec("sentence_transformers") is None, reason="needs .[eval]")
def test_minilm_embedder_prefers_the_ledger_cv(pool: dict) -> None:
    from shortlist.engine.matching.semantic import minilm

    index = CandidateIndex.build(pool.items(), today=TODAY, profile_lookup=pool.get)
    reranked = rerank(match(index, ROLE, top=2), ROLE, pool.get, minilm(), weight=0.5)
    assert reranked[0].candidate_id == 2
