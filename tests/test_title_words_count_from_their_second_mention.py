"""The role title's words ("DevOps", "Release") in the lexical component: a keyword line that says the
word once earns nothing from it, a CV that keeps writing about the title's trade does (issue 11, third
pass: a "Keywords: trading, low latency" line let the judged set's keyword stuffer climb as soon as the
lexical share grew). With TITLE_WORDS_SHARE set (searched on dev, not taken), the title's words are a
criterion of their own outside the must-have gate, and a title word that spells one of the role's skills
("Go" of "Senior Go Engineer") is left to that skill."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date

import pytest
from benchmarks.synthetic import WORK, make_profile, role_spec

from shortlist.engine.matching import scoring
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match, plan_for
from shortlist.engine.roles.weighting import build_role_profile

TODAY = date(2026, 11, 1)
NOW = TODAY.year
DEVOPS = build_role_profile(
    role_spec("DevOps Engineer - Release Automation", must=("jenkins",), nice=("linux",), salary=None)
)
PRACTICE = "\nRan the DevOps practice: DevOps tooling and DevOps on-call for 40 product teams."
KEYWORDS = "\nKeywords: DevOps, cloud, agile"


def pool() -> CandidateIndex:
    base = make_profile([("linux", WORK, 4, NOW)])
    people = {
        1: base,
        2: replace(base, text=base.text + PRACTICE),
        3: replace(base, text=base.text + KEYWORDS),
    }
    return CandidateIndex.build(people.items(), today=TODAY, profile_lookup=people.get)


@pytest.fixture
def title_words_apart(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setattr(scoring, "TITLE_WORDS_SHARE", 0.1)
    monkeypatch.setattr(scoring, "LEXICAL_UNGATED", 1)
    yield


@pytest.mark.usefixtures("title_words_apart")
def test_apart_the_titles_words_keep_their_share_when_no_must_have_is_used() -> None:
    ranked = {m.candidate_id: m for m in match(pool(), DEVOPS, top=3)}
    without, repeats = ranked[1], ranked[2]
    # Neither shows Jenkins: both pay the same gate, and the words still separate them by their full share.
    assert repeats.breakdown["must_gate"] == without.breakdown["must_gate"] < 1.0
    gained = repeats.score - without.score
    words = repeats.breakdown["lexical"] - without.breakdown["lexical"]
    assert repeats.rank == 1
    assert gained > 0.9 * 100 * words * sum(
        c.weight for c in plan_for(pool(), DEVOPS).criteria if c.kind == "lexical"
    )


def test_a_word_said_once_in_a_keyword_line_earns_nothing_from_the_title() -> None:
    ranked = {m.candidate_id: m for m in match(pool(), DEVOPS, top=3)}
    # Nothing from "DevOps" said once (the longer text even thins its other words a little).
    assert ranked[3].score <= ranked[1].score
    assert ranked[2].rank == 1


@pytest.mark.usefixtures("title_words_apart")
def test_apart_a_title_word_that_spells_a_role_skill_is_left_to_that_skill() -> None:
    go = build_role_profile(role_spec("Senior Go Engineer - Payments", must=("go",), salary=None))
    people = {1: make_profile([("go", WORK, 4, NOW)])}
    index = CandidateIndex.build(people.items(), today=TODAY, profile_lookup=people.get)
    plan = plan_for(index, go)
    title_words = [c for c in plan.criteria if c.key == scoring.TITLE_WORDS_KEY]
    assert title_words, "Payments is a title word of its own"
    assert [plan.phrases[i].label for c in title_words for i, _ in c.phrases] == ["Payments"]
