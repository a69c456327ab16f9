"""A skill that nearly every CV of the pool writes ("SQL" in an IT pool) separates few candidates, so it
weighs less than the role's rarer terms: an analyst with two years of Power BI reports outranks an engineer
whose only overlap with the role is eight years of the SQL everyone shows (scoring.GENERIC_DISCOUNT,
issue 11)."""

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
ROLE = build_role_profile(role_spec("Reporting Lead", must=(), nice=("sql", "power-bi"), salary=None))
ANALYST, ENGINEER = 1, 2


def ranked(fillers: int) -> dict[int, int]:
    people = {
        ANALYST: make_profile([("power-bi", WORK, 2, NOW)], name="Ana Lyst"),
        ENGINEER: make_profile([("sql", WORK, 8, NOW), ("java", WORK, 8, NOW)], name="Eng Ineer"),
    }
    for number in range(fillers):  # the rest of an IT pool: SQL everywhere, Power BI nowhere
        people[10 + number] = make_profile([("sql", WORK, 3, NOW), ("java", WORK, 3, NOW)])
    index = CandidateIndex.build(people.items(), today=TODAY)
    return {m.candidate_id: m.rank for m in match(index, ROLE, top=len(people), explain=False)}


def test_in_a_pool_where_everyone_writes_sql_the_rarer_skill_decides() -> None:
    found = ranked(fillers=scoring.GENERIC_MIN_POOL)
    assert found[ANALYST] < found[ENGINEER]


def test_without_the_discount_eight_years_of_sql_would_win(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(scoring, "GENERIC_DISCOUNT", 0.0)
    found = ranked(fillers=scoring.GENERIC_MIN_POOL)
    assert found[ENGINEER] < found[ANALYST]


def test_a_small_pool_keeps_the_role_models_weights() -> None:
    # Two or three CVs say nothing about which skills are common: no discount below GENERIC_MIN_POOL.
    index = CandidateIndex.build([(1, make_profile([("sql", WORK, 3, NOW)]))], today=TODAY)
    plan = scoring.plan_role(ROLE, index.codes, NOW, index.lexicon(), index.taxonomy)
    planned = {c.skill: c.weight for c in plan.criteria if c.kind == "nice"}
    modelled = {c.skill: c.weight for c in ROLE.criteria if c.kind == "nice"}
    assert planned["sql"] / planned["power-bi"] == pytest.approx(modelled["sql"] / modelled["power-bi"])
