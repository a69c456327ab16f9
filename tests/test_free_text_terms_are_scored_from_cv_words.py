"""A role term the taxonomy lacks ("Palo Alto") is scored from the words of the CV text and explained with
how often the CV writes it; before issue 11 it was shown but not scored."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from benchmarks.synthetic import WORK, make_profile, role_spec

from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match
from shortlist.engine.roles.weighting import build_role_profile

TODAY = date(2026, 11, 1)
NOW = TODAY.year
ROLE = build_role_profile(
    role_spec("Network Security Engineer", must=("networking",), nice=("palo alto",), salary=None)
)


def pool() -> tuple[CandidateIndex, dict[int, object]]:
    base = make_profile([("networking", WORK, 5, NOW)])
    people = {
        1: base,
        2: replace(
            base, text=base.text + "\nUpgraded Palo Alto firewalls; migrated rules to Palo Alto Panorama."
        ),
        3: replace(base, text=base.text + "\nVisited Palo de Mallorca; alto saxophone in a jazz band."),
    }
    return CandidateIndex.build(people.items(), today=TODAY, profile_lookup=people.get), people


def test_the_cv_that_writes_the_term_ranks_first_and_says_how_often() -> None:
    index, _ = pool()
    ranked = {m.candidate_id: m for m in match(index, ROLE, top=3)}
    assert ranked[2].rank == 1
    assert ranked[2].score > ranked[1].score
    assert "'palo alto' appears 2× in the CV (not in the skills taxonomy: read as text)" in ranked[2].reasons
    assert ranked[2].breakdown["free_text"] > 0 and ranked[1].breakdown["free_text"] == 0


def test_the_words_apart_earn_the_phrase_but_are_never_quoted_as_it() -> None:
    index, _ = pool()
    ranked = {m.candidate_id: m for m in match(index, ROLE, top=3)}
    assert ranked[2].score > ranked[3].score
    assert not any("appears" in reason for reason in ranked[3].reasons)
