"""Search results come most relevant first, not by id or name: a skill by the strength, recency and
depth of its evidence (the shortlist's own rule), words by BM25 over the CV text
(engine.matching.search.relevance)."""

from __future__ import annotations

import pytest
from django.test import Client

from shortlist.candidates.models import CandidateSkill
from shortlist.engine.matching.scoring import LIST_CAP, effective_evidence
from shortlist.engine.matching.search import relevance
from tests.factories import make_candidate

pytestmark = pytest.mark.django_db


def _names(client: Client, q: str) -> list[str]:
    response = client.get("/candidates/", {"q": q})
    assert response.status_code == 200
    return [c.name for c in response.context["page"]]


def test_strong_recent_long_evidence_ranks_first(client: Client, recruiter: object) -> None:
    # Created in the opposite order to the expected one, with names sorting the same wrong way.
    named = make_candidate(name="Aaron Named", skills=(("go", 1),))
    CandidateSkill.objects.filter(candidate=named).update(strength=0.2, last_used=2016)
    old = make_candidate(name="Bella Old", skills=(("go", 6),))
    CandidateSkill.objects.filter(candidate=old).update(last_used=2015)
    make_candidate(name="Zed Current", skills=(("go", 7),))
    client.force_login(recruiter)
    assert _names(client, "golang") == ["Zed Current", "Bella Old", "Aaron Named"]


def test_more_mentions_of_a_word_rank_higher(client: Client, recruiter: object) -> None:
    filler = " ".join(["platform"] * 20)
    make_candidate(name="Anna Once", raw_text=f"Worked with Solvency rules. {filler}")
    make_candidate(
        name="Zoe Often", raw_text=f"Solvency reporting, Solvency II models, Solvency audits. {filler}"
    )
    client.force_login(recruiter)
    assert _names(client, "solvency") == ["Zoe Often", "Anna Once"]


def test_without_a_query_the_list_is_by_name(client: Client, recruiter: object) -> None:
    make_candidate(name="Zed")
    make_candidate(name="Abe")
    client.force_login(recruiter)
    assert _names(client, "") == ["Abe", "Zed"]


def test_a_skill_counts_what_the_shortlist_counts_and_the_words_add() -> None:
    skills = (frozenset({"go"}),)
    current = {"go": (1.0, 2026, 8.0)}
    shortlist_says = float(effective_evidence(1.0, 8.0, 2026, 2026)[()])
    assert relevance(skills, current, 2026) == pytest.approx(shortlist_says)
    # Undated evidence reads as the ranking reads it (no decay); a skill only listed is capped as there.
    undated = float(effective_evidence(1.0, 0.0, 0, 2026)[()])
    assert relevance(skills, {"go": (1.0, None, 0.0)}, 2026) == pytest.approx(undated)
    assert relevance(skills, {"go": (0.5, None, 0.0)}, 2026) == pytest.approx(LIST_CAP)
    assert relevance(skills, {"go": (1.0, 2014, 8.0)}, 2026) < relevance(skills, current, 2026)
    # Words add BM25 scaled to [0, 1): here half the saturation of the one weighted term.
    with_words = relevance(skills, current, 2026, [(2.0, 0.5), (0.0, 0.9)])
    assert with_words == pytest.approx(shortlist_says + 0.5)
