"""Properties the score must keep for any candidate: more evidence never hurts; it is deterministic."""

from __future__ import annotations

from datetime import date

import numpy as np
from benchmarks.synthetic import make_profile, role_spec
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match, score_segment
from shortlist.engine.matching.scoring import plan_role
from shortlist.engine.roles.growth import GrowthPlan, NowTarget
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile
from shortlist.engine.vocab.enums import ScaleMetric, Seniority, WorkMode
from shortlist.engine.vocab.profile import Profile

TODAY = date(2026, 11, 1)
POOL = ("go", "python", "django", "kafka", "kubernetes", "docker", "postgresql", "rust", "concurrency", "aws")
MUSTS = ("go", "kafka", "kubernetes", "postgresql")

Skill = tuple[str, float, float, int | None]

strengths = st.sampled_from([0.1, 0.35, 0.6, 0.8, 0.95, 1.0])
years = st.sampled_from([0.0, 0.5, 1.0, 3.0, 8.0])
last_used = st.one_of(st.none(), st.integers(min_value=2005, max_value=TODAY.year))
skill_facts = st.tuples(strengths, years, last_used)


@st.composite
def candidates(draw: st.DrawFn) -> dict[str, object]:
    names = draw(st.lists(st.sampled_from(POOL), unique=True, max_size=6))
    skills = [(name, *draw(skill_facts)) for name in names]
    return {
        "skills": skills,
        "city": draw(st.sampled_from(["London", "Manchester", "Berlin"])),
        "country": "GB",
        "seniority": draw(st.sampled_from([None, *Seniority])),
        "total_years": draw(st.sampled_from([None, 1.0, 6.0, 12.0])),
        "scale": draw(
            st.sampled_from([[], [(ScaleMetric.REQUESTS_PER_SECOND, 500.0)], [(ScaleMetric.USERS, 3e6)]])
        ),
        "work_mode": draw(st.sampled_from([None, *WorkMode])),
        "relocate": draw(st.sampled_from([None, True, False])),
        "salary": draw(st.sampled_from([None, 70_000, 140_000])),
        "notice_weeks": draw(st.sampled_from([None, 2, 12])),
    }


@st.composite
def roles(draw: st.DrawFn) -> RoleProfile:
    must = draw(st.lists(st.sampled_from(MUSTS), unique=True, min_size=1, max_size=3))
    nice = draw(st.lists(st.sampled_from([s for s in POOL if s not in must]), unique=True, max_size=3))
    spec = role_spec(
        must=must,
        nice=nice,
        project=draw(st.sampled_from(["general", "low-latency-trading", "cloud-microservices"])),
        seniority=draw(st.sampled_from([None, *Seniority])),
        remote=draw(st.sampled_from([None, *WorkMode])),
        growth=draw(st.sampled_from([None, GrowthPlan(36, traffic_rps=NowTarget(1_000, 50_000))])),
        culture=draw(st.sampled_from([(), ("in-office", "regulated")])),
    )
    return build_role_profile(spec)


def score(profile: Profile, role: RoleProfile) -> float:
    """The raw float32 score the ranking sorts by (before rounding for display)."""
    index = CandidateIndex.build([(1, profile)], today=TODAY)
    (segment,) = index.segments()
    return float(score_segment(segment, plan_role(role, index.codes, index.reference_year))[0])


def with_skill(facts: dict[str, object], skill: Skill) -> Profile:
    kept = [s for s in facts["skills"] if s[0] != skill[0]]  # type: ignore[attr-defined]
    return make_profile(**{**facts, "skills": [*kept, skill]})


@settings(max_examples=80, deadline=None)
@given(candidates(), roles(), st.data())
def test_adding_a_must_have_never_lowers_the_score(
    facts: dict, role: RoleProfile, data: st.DataObject
) -> None:
    have = {s[0] for s in facts["skills"]}
    missing = [c.skill for c in role.criteria if c.kind == "must" and c.skill and c.skill not in have]
    assume(missing)
    added = (data.draw(st.sampled_from(missing)), *data.draw(skill_facts))
    assert score(with_skill(facts, added), role) >= score(make_profile(**facts), role)


@settings(max_examples=80, deadline=None)
@given(candidates(), roles(), st.data())
def test_more_recent_use_never_lowers_the_score(facts: dict, role: RoleProfile, data: st.DataObject) -> None:
    dated = [s for s in facts["skills"] if s[3] is not None]
    assume(dated)
    name, strength, span, last = data.draw(st.sampled_from(dated))
    later = data.draw(st.integers(min_value=last, max_value=TODAY.year))
    assert score(with_skill(facts, (name, strength, span, later)), role) >= score(make_profile(**facts), role)


@settings(max_examples=60, deadline=None)
@given(
    st.floats(min_value=100, max_value=1e6),
    st.floats(min_value=1.0, max_value=100.0),
    st.floats(min_value=1.0, max_value=10.0),
    st.integers(min_value=6, max_value=60),
)
def test_steeper_growth_never_lowers_the_scale_weight(
    now: float, ratio: float, steeper: float, months: int
) -> None:
    def scale_weight(target: float) -> float:
        plan = GrowthPlan(months, traffic_rps=NowTarget(now, target))
        return build_role_profile(role_spec(must=("go",), growth=plan)).weight_of("scale")

    assert scale_weight(now * ratio * steeper) >= scale_weight(now * ratio) - 1e-12


@settings(max_examples=25, deadline=None)
@given(st.lists(candidates(), min_size=2, max_size=8), roles(), st.randoms(use_true_random=False))
def test_scores_and_rankings_are_deterministic(people: list[dict], role: RoleProfile, rng: object) -> None:
    profiles = [(i, make_profile(**facts)) for i, facts in enumerate(people)]
    shuffled = list(profiles)
    rng.shuffle(shuffled)  # type: ignore[attr-defined]
    first = match(CandidateIndex.build(profiles, today=TODAY), role, top=len(people))
    again = match(CandidateIndex.build(shuffled, today=TODAY), role, top=len(people))
    assert [(m.candidate_id, m.score, m.breakdown) for m in first] == [
        (m.candidate_id, m.score, m.breakdown) for m in again
    ]
    assert [m.rank for m in first] == list(range(1, len(people) + 1))
    scores = np.array([m.score for m in first])
    assert np.all(np.diff(scores) <= 0)
