"""The must-have filter says what it counts and whom it removed: "used at work" by default, or
"mentioned anywhere"; and it agrees with the score about must-haves that are only listed (issue 11)."""

from __future__ import annotations

from datetime import date

from benchmarks.synthetic import LEARNING, LISTED, WORK, make_profile, role_spec
from hypothesis import given, settings
from hypothesis import strategies as st

from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import Ranking, rank
from shortlist.engine.matching.scoring import MustMode
from shortlist.engine.roles.weighting import build_role_profile

TODAY = date(2026, 11, 1)
NOW = TODAY.year
ROLE = build_role_profile(role_spec("Backend Engineer", must=("python", "kafka"), nice=("redis",)))
PEOPLE = {
    1: make_profile([("python", WORK, 4, NOW), ("kafka", WORK, 3, NOW)], name="Work Kafka"),
    2: make_profile([("python", WORK, 4, NOW), ("kafka", LISTED, 0, None), ("redis", WORK, 3, NOW)]),
    3: make_profile([("python", WORK, 4, NOW), ("kafka", LEARNING, 0, None)]),
    4: make_profile([("python", WORK, 4, NOW)]),
    5: make_profile([("django", WORK, 4, NOW), ("kafka", WORK, 2, NOW)]),  # Django work is Python work
    6: make_profile([("python", WORK, 4, NOW), ("kafka", 0.5, 3, None)]),  # a skills table with years
}


def ranked(**options: object) -> Ranking:
    index = CandidateIndex.build(PEOPLE.items(), today=TODAY, profile_lookup=PEOPLE.__getitem__)
    return rank(index, ROLE, top=10, **options)


def kept(ranking: Ranking) -> set[int]:
    return {m.candidate_id for m in ranking.matches}


def test_by_default_a_must_have_counts_when_it_was_used_at_work() -> None:
    found = ranked(must_have_filter=True)
    assert kept(found) == {1, 5, 6}
    assert found.filtered is not None and found.filtered.mode == MustMode.WORK


def test_the_filter_says_how_many_it_removed_and_why() -> None:
    report = ranked(must_have_filter=True).filtered
    assert report.removed == 3
    assert report.missing == {"Kafka": 3}
    why = {example.candidate_id: example.why for example in report.examples}
    assert why[2] == ("Kafka only listed",)
    assert set(why) <= {2, 3, 4} and len(why) == 3
    assert why.get(4) == ("no Kafka evidence",)
    assert why.get(3) == ("Kafka: only learning",)
    scores = [example.score for example in report.examples]
    assert scores == sorted(scores, reverse=True)


def test_mentioned_anywhere_keeps_a_skills_list_but_not_learning() -> None:
    found = ranked(must_have_filter=True, must_mode="anywhere")
    assert kept(found) == {1, 2, 5, 6}
    assert found.filtered.removed == 2 and found.filtered.mode == MustMode.ANYWHERE


def test_the_filter_and_the_score_agree_about_a_listed_only_must_have() -> None:
    everyone = {m.candidate_id: m for m in ranked().matches}
    # The score discounts exactly what the work filter removes: the listed-only must-have.
    assert everyone[2].breakdown["must_gate"] < 1.0
    assert "Kafka only listed, no work evidence" in everyone[2].gaps
    # What the work filter keeps, the score credits in full.
    for kept_id in kept(ranked(must_have_filter=True)):
        assert everyone[kept_id].breakdown["must_gate"] == 1.0


def test_without_the_filter_nothing_is_reported() -> None:
    found = ranked()
    assert found.filtered is None and kept(found) == set(PEOPLE)


strengths = st.sampled_from([LEARNING, LISTED, 0.5, WORK])
evidence = st.lists(
    st.tuples(
        st.sampled_from(["python", "django", "kafka", "ruby", "excel"]), strengths, st.sampled_from([0, 2])
    ),
    max_size=4,
    unique_by=lambda item: item[0],
)


@settings(max_examples=60, deadline=None)
@given(people=st.lists(evidence, min_size=1, max_size=8))
def test_the_work_filter_keeps_exactly_those_who_used_every_must_have(people) -> None:
    profiles = {
        i: make_profile(
            [(skill, strength, years, NOW if years else None) for skill, strength, years in skills]
        )
        for i, skills in enumerate(people)
    }

    def used(skills, names) -> bool:
        return any(s in names and (strength >= 0.75 or years > 0) for s, strength, years in skills)

    expected = {
        i for i, skills in enumerate(people) if used(skills, {"python", "django"}) and used(skills, {"kafka"})
    }
    index = CandidateIndex.build(profiles.items(), today=TODAY)
    found = rank(index, ROLE, top=20, must_have_filter=True, explain=False)
    assert kept(found) == expected
    assert found.filtered.removed == len(people) - len(expected)
