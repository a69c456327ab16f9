"""The role title's own words ("DevOps", "Analyst") count in the lexical component: a CV that describes
DevOps work in its text, with the same skill evidence as another, ranks above it for a DevOps role, and
the explanation quotes the count. Found on the dev roles of the ranking benchmark (issue 11): DevOps CVs
that never write "Jenkins" sank below CVs that only shared a tool with the role."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from benchmarks.synthetic import WORK, make_profile, role_spec

from shortlist.engine.matching import scoring
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match
from shortlist.engine.roles.weighting import build_role_profile

TODAY = date(2026, 11, 1)
NOW = TODAY.year
ROLE = build_role_profile(
    role_spec("DevOps Engineer - Release Automation", must=("jenkins",), nice=("linux",), salary=None)
)


def pool() -> CandidateIndex:
    base = make_profile([("linux", WORK, 4, NOW)])
    people = {
        1: base,
        2: replace(base, text=base.text + "\nRan the DevOps practice: DevOps tooling for 40 product teams."),
    }
    return CandidateIndex.build(people.items(), today=TODAY, profile_lookup=people.get)


def test_a_cv_that_describes_the_titles_work_ranks_above_one_that_does_not() -> None:
    ranked = {m.candidate_id: m for m in match(pool(), ROLE, top=2)}
    assert scoring.TITLE_WORDS_LEXICAL
    assert ranked[2].rank == 1 and ranked[2].score > ranked[1].score
    assert any("'DevOps' 2×" in reason for reason in ranked[2].reasons), ranked[2].reasons


def test_title_words_never_enter_the_must_have_gate() -> None:
    ranked = {m.candidate_id: m for m in match(pool(), ROLE, top=2)}
    assert ranked[2].breakdown["must_gate"] == ranked[1].breakdown["must_gate"]
