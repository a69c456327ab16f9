"""What a recruiter reads next to a ranking: reasons quoting the CV, gaps, a counterfactual, a summary."""

from __future__ import annotations

import math
import re
from datetime import date

import numpy as np
import pytest
from benchmarks.synthetic import WORK, make_profile, role_spec, steep_growth

from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import (
    criterion_values,
    match,
    roles_for_candidate,
    score_segment,
    similar_candidates,
)
from shortlist.engine.matching.scoring import breakdown, combine, plan_role
from shortlist.engine.roles.weighting import build_role_profile
from shortlist.engine.vocab.enums import ScaleMetric
from shortlist.engine.vocab.profile import Profile

TODAY = date(2026, 11, 1)
NOW = TODAY.year
ROLE = build_role_profile(
    role_spec(
        "Senior Go Engineer - Payments", must=("go", "kubernetes"), nice=("kafka",), growth=steep_growth()
    )
)


def index_of(profiles: dict[int, Profile], lookup: bool = True) -> CandidateIndex:
    return CandidateIndex.build(
        profiles.items(), today=TODAY, profile_lookup=profiles.get if lookup else None
    )


@pytest.fixture
def ranked() -> dict[int, object]:
    profiles = {
        1: make_profile(
            [("go", WORK, 6, NOW), ("kubernetes", WORK, 4, NOW), ("kafka", WORK, 3, NOW)],
            scale=[(ScaleMetric.REQUESTS_PER_SECOND, 60_000)],
            employer="PayStream",
            since=2021,
        ),
        2: make_profile([("go", WORK, 5, NOW), ("kafka", WORK, 2, 2016)], employer="Ledgerly"),
        3: make_profile([("go", WORK, 5, NOW), ("kubernetes", WORK, 3, NOW)], employer="Quillon Pay"),
    }
    return {m.candidate_id: m for m in match(index_of(profiles), ROLE)}


def test_reasons_cite_the_evidence_sentence_and_the_job(ranked: dict) -> None:
    reasons = ranked[1].reasons
    quoted = "Built production services with go for the payments platform."
    assert f"Go (6 years, current): {quoted} — PayStream, 2021–present" in reasons
    assert (
        "Proven scale: Scaled the authorisation platform to 60,000 req/s. — PayStream, 2021–present "
        "(client target 80k req/s)" in reasons
    )


def test_gaps_name_missing_must_haves_and_stale_skills(ranked: dict) -> None:
    gaps = ranked[2].gaps
    assert gaps[0] == "no Kubernetes evidence"  # a missing must-have is read first
    assert "last used Kafka in 2016 (nice to have)" in gaps
    assert "no proven traffic scale (client target 80k req/s)" in gaps
    assert not any("Kubernetes" in gap for gap in ranked[1].gaps)


def test_counterfactual_names_the_skill_and_the_rank_it_would_reach() -> None:
    profiles = {
        1: make_profile([("go", WORK, 6, NOW), ("kubernetes", WORK, 4, NOW)]),
        2: make_profile([("go", WORK, 5, NOW), ("kubernetes", WORK, 3, NOW)]),
        3: make_profile([("go", WORK, 10, NOW)]),  # the deepest Go, but no Kubernetes
    }
    ranked = {m.candidate_id: m for m in match(index_of(profiles), ROLE)}
    assert [ranked[i].rank for i in (1, 2, 3)] == [1, 2, 3]
    assert ranked[1].counterfactual is None  # already first
    assert re.fullmatch(
        r"would rank 1st with Kafka work experience \(score \d+ → \d+\)", ranked[2].counterfactual or ""
    )
    assert re.fullmatch(
        r"would rank (1st|2nd) with Kubernetes work experience \(score \d+ → \d+\)",
        ranked[3].counterfactual or "",
    ), ranked[3].counterfactual


def test_summary_is_one_pasteable_line(ranked: dict) -> None:
    for result in ranked.values():
        assert "\n" not in result.summary
        # The whole score as pages show it: halves up (a score of 18.5 reads 19).
        assert result.summary.endswith(f"Match {math.floor(result.score + 0.5)}/100.")
        assert "Test Candidate" not in result.summary  # no name: fits blind submissions
    assert "strong evidence of Go" in ranked[1].summary
    assert "proven at 60k req/s" in ranked[1].summary
    assert "gap: no Kubernetes evidence" in ranked[2].summary


def test_breakdown_reproduces_the_score() -> None:
    profiles = {i: make_profile([("go", WORK, i, NOW), ("kafka", WORK, 1, NOW - i)]) for i in range(1, 8)}
    index = index_of(profiles)
    plan = plan_role(ROLE, index.codes, index.reference_year)
    (segment,) = index.segments()
    bulk = score_segment(segment, plan).copy()
    values, _ = criterion_values(segment, plan, np.arange(len(segment)))
    again, gates = combine(plan, values)
    np.testing.assert_allclose(again, bulk, rtol=1e-5)
    weights = {}
    for criterion in plan.criteria:
        weights[criterion.component] = weights.get(criterion.component, 0.0) + criterion.weight
    for row in range(len(segment)):
        parts = breakdown(plan, values[:, row], float(gates[row]))
        rebuilt = 100 * parts["must_gate"] * sum(weights[k] * v for k, v in parts.items() if k != "must_gate")
        assert rebuilt == pytest.approx(float(bulk[row]), abs=0.2)  # breakdown values are rounded
        assert all(0.0 <= v <= 1.0 for v in parts.values())


def test_without_profiles_reasons_fall_back_to_the_index_facts() -> None:
    profiles = {1: make_profile([("go", WORK, 4, NOW), ("kubernetes", WORK, 2, 2019)])}
    (result,) = match(index_of(profiles, lookup=False), ROLE)
    assert "Go (4 years, current)" in result.reasons
    assert "last used Kubernetes in 2019" in result.gaps


def test_explain_false_keeps_scores_and_breakdown_only() -> None:
    profiles = {1: make_profile([("go", WORK, 4, NOW)]), 2: make_profile([("kafka", WORK, 4, NOW)])}
    full = match(index_of(profiles), ROLE)
    bare = match(index_of(profiles), ROLE, explain=False)
    assert [(m.candidate_id, m.score, m.breakdown) for m in bare] == [
        (m.candidate_id, m.score, m.breakdown) for m in full
    ]
    assert all(not m.reasons and not m.gaps and m.summary == "" and m.counterfactual is None for m in bare)


def test_match_as_dict_is_json_ready(ranked: dict) -> None:
    import json

    data = ranked[1].as_dict()
    assert json.loads(json.dumps(data)) == data
    assert set(data) >= {"rank", "score", "breakdown", "reasons", "gaps"}


def test_roles_for_candidate_ranks_the_roles_that_fit_best() -> None:
    profiles = {
        1: make_profile([("python", WORK, 6, NOW), ("django", WORK, 5, NOW), ("postgresql", WORK, 5, NOW)])
    }
    index = index_of(profiles)
    python_role = build_role_profile(role_spec("Django Engineer", must=("python", "django")))
    fits = roles_for_candidate(index, 1, [ROLE, python_role])
    assert [fit.title for fit in fits] == ["Django Engineer", ROLE.spec.title]
    assert fits[0].score > fits[1].score
    assert "no Go evidence" in fits[1].gaps
    with pytest.raises(KeyError):
        roles_for_candidate(index, 99, [ROLE])


def test_similar_candidates_share_the_strongest_evidence() -> None:
    go = [("go", WORK, 5, NOW), ("kubernetes", WORK, 3, NOW), ("kafka", WORK, 3, NOW)]
    profiles = {
        1: make_profile(go),
        2: make_profile([*go[:2], ("postgresql", WORK, 2, NOW)]),
        3: make_profile([("python", WORK, 5, NOW), ("django", WORK, 4, NOW)]),
    }
    found = similar_candidates(index_of(profiles), 1, top=2)
    assert [s.candidate_id for s in found] == [2]  # nothing in common with the Django developer: not listed
    assert 0.0 < found[0].similarity <= 1.0
    assert set(found[0].shared) >= {"Go", "Kubernetes"}
    assert all(s.candidate_id != 1 for s in found)
