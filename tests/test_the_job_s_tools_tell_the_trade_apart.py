"""A must-have decides who is in; the nice-to-haves, the job's own tools, tell the trade apart among
those who are (roles/weighting.NICE_POINTS, issue 11, ninth pass). A nice-to-have weighs two-thirds of a
must-have, not a third: an analyst whose SQL comes with Tableau, Power BI and Excel at work outranks a
neighbour with ten years of SQL and analysis and none of the analyst's tools, while a must-have still
outweighs any one nice-to-have and the must-have gate still holds."""

from __future__ import annotations

from datetime import date

import pytest
from benchmarks.synthetic import LISTED, WORK, make_profile, role_spec
from hypothesis import given
from hypothesis import strategies as st

from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match
from shortlist.engine.roles import weighting
from shortlist.engine.roles.weighting import build_role_profile
from shortlist.engine.vocab.enums import Seniority

TODAY = date(2026, 11, 1)
NOW = TODAY.year
MUST = ("sql", "data-analysis")
NICE = ("tableau", "power-bi", "excel", "python", "statistics")
ANALYST, DBA, LISTER = 1, 2, 3


def role() -> weighting.RoleProfile:
    spec = role_spec("Data Analyst", must=MUST, nice=NICE, seniority=Seniority.MID, salary=None)
    return build_role_profile(spec)


def ranks() -> dict[int, int]:
    people = {
        # Two years of SQL with the analyst's tools at work; analysis itself only listed.
        ANALYST: make_profile(
            [
                ("sql", WORK, 2, NOW),
                ("data-analysis", LISTED, 0, None),
                *((tool, WORK, 2, NOW) for tool in ("tableau", "power-bi", "excel")),
            ],
            name="Ana Lyst",
            seniority=None,
        ),
        # The neighbour: ten years of SQL and analysis in one job, none of the analyst's tools.
        DBA: make_profile(
            [("sql", WORK, 10, NOW), ("data-analysis", WORK, 10, NOW)], name="Dee Bea", seniority=None
        ),
        # Every tool of the trade and no must-have: the gate keeps the nice-to-haves from carrying them.
        LISTER: make_profile([(s, WORK, 3, NOW) for s in NICE], name="Tool Kit", seniority=None),
    }
    index = CandidateIndex.build(people.items(), today=TODAY)
    return {m.candidate_id: m.rank for m in match(index, role(), top=3, explain=False)}


def test_the_analyst_with_the_job_s_tools_outranks_deeper_must_haves_alone() -> None:
    order = ranks()
    assert order[ANALYST] < order[DBA]


def test_the_tools_without_the_must_haves_stay_below_both() -> None:
    assert ranks()[LISTER] == 3


def test_at_a_third_of_a_must_have_the_deeper_must_haves_win(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rule's own reversal: the main case flips back at the old setting."""
    monkeypatch.setattr(weighting, "NICE_POINTS", 1.0)
    assert ranks()[DBA] < ranks()[ANALYST]


@given(must=st.integers(1, 4), nice=st.integers(1, 6))
def test_a_must_have_outweighs_any_one_nice_to_have(must: int, nice: int) -> None:
    pool = (
        "kafka",
        "redis",
        "docker",
        "kubernetes",
        "terraform",
        "grpc",
        "graphql",
        "rabbitmq",
        "airflow",
        "spark",
    )
    spec = role_spec("Backend Engineer", must=pool[:must], nice=pool[must : must + nice], salary=None)
    weights = {c.key: c.weight for c in build_role_profile(spec).criteria}
    musts = [w for k, w in weights.items() if k.startswith("must:")]
    nices = [w for k, w in weights.items() if k.startswith("nice:")]
    assert min(musts) > max(nices)
