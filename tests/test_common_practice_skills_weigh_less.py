"""A playbook's practice competencies ("Testing", "SQL", "Debugging": what the general playbook asks of
every role without a project type) are what nearly every CV of an IT pool writes, so they weigh less
there, as a must/nice skill everyone writes does (scoring.GENERIC_COMPETENCIES, issue 11, seventh pass).
A QA lead whose overlap with a business-analyst role is testing and SQL practice no longer outranks the
analyst on that practice."""

from __future__ import annotations

from datetime import date

import pytest
from benchmarks.synthetic import WORK, make_profile, role_spec

from shortlist.engine.matching import scoring
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match
from shortlist.engine.roles.weighting import build_role_profile

TODAY = date(2026, 11, 1)
NOW = TODAY.year
ROLE = build_role_profile(
    role_spec("Business Analyst", must=("business-analysis",), nice=("jira",), salary=None)
)
PRACTICE = ("testing", "sql", "debugging", "code-review", "ci-cd", "system-design")
ANALYST, TESTER = 1, 2


def pool(fillers: int) -> CandidateIndex:
    people = {
        ANALYST: make_profile([("business-analysis", WORK, 3, NOW), ("jira", WORK, 1, NOW)], name="Ana Lyst"),
        TESTER: make_profile(
            [("business-analysis", WORK, 3, NOW), *((skill, WORK, 8, NOW) for skill in PRACTICE)],
            name="Q Alead",
        ),
    }
    for number in range(fillers):  # the rest of an IT pool: practice everywhere, analysis nowhere
        people[10 + number] = make_profile([(skill, WORK, 3, NOW) for skill in PRACTICE[:3]])
    return CandidateIndex.build(people.items(), today=TODAY)


def weights(index: CandidateIndex) -> dict[str, float]:
    plan = scoring.plan_role(ROLE, index.codes, NOW, index.lexicon(), index.taxonomy)
    return {c.key: c.weight for c in plan.criteria}


def test_practice_everyone_writes_weighs_less_against_the_role_s_own_terms() -> None:
    planned = weights(pool(fillers=scoring.GENERIC_MIN_POOL))
    modelled = {c.key: c.weight for c in ROLE.criteria}
    # Testing, which every CV writes, against code review, which two do: the same practice, less weight.
    ratio = planned["competency:testing"] / planned["competency:code-review"]
    assert ratio < 0.5 * modelled["competency:testing"] / modelled["competency:code-review"]


def test_switched_off_the_practice_keeps_the_role_model_s_weight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scoring, "GENERIC_COMPETENCIES", False)
    planned = weights(pool(fillers=scoring.GENERIC_MIN_POOL))
    modelled = {c.key: c.weight for c in ROLE.criteria}
    assert planned["competency:testing"] / planned["competency:code-review"] == pytest.approx(
        modelled["competency:testing"] / modelled["competency:code-review"]
    )


def ranks(index: CandidateIndex) -> dict[int, int]:
    return {m.candidate_id: m.rank for m in match(index, ROLE, top=2, explain=False)}


def test_the_analyst_outranks_the_tester_whose_extra_is_common_practice() -> None:
    assert ranks(pool(fillers=scoring.GENERIC_MIN_POOL))[ANALYST] == 1
