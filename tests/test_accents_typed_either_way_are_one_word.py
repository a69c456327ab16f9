"""An accented letter is one letter however it was typed: a JSON Resume written with decomposed
accents (e + U+0301, as macOS stores names) and a query typed that way find the same people as their
composed forms, on the full-text index the candidates page searches."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest

from shortlist.accounts.access import Actor
from shortlist.candidates.models import Candidate
from shortlist.candidates.search import matching
from shortlist.candidates.services import candidate_import
from shortlist.engine.matching.search import parse_query

pytestmark = pytest.mark.django_db


def nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def _found(query: str) -> set[str]:
    return set(matching(Candidate.objects.all(), parse_query(query)).values_list("name", flat=True))


def test_a_json_resume_with_decomposed_accents_is_found_by_the_word_a_recruiter_types(tmp_path: Path) -> None:
    resume = {
        "basics": {
            "name": nfd("José Müller"),
            "email": "jose@example.org",
            "summary": nfd("Développeur Python"),
        },
        "work": [
            {
                "name": nfd("Société Générale"),
                "position": "Backend Engineer",
                "startDate": "2019-01",
                "summary": nfd("Built trading services in Python for the Zürich desk."),
            }
        ],
    }
    path = tmp_path / "jose.json"
    path.write_text(json.dumps(resume, ensure_ascii=False), encoding="utf-8")

    summary = candidate_import(actor=Actor.system(), paths=[path])

    (outcome,) = summary.outcomes
    candidate = Candidate.objects.get(pk=outcome.candidate_id)
    assert candidate.name == "José Müller"  # composed: what the page shows and a recruiter types
    assert "Zürich" in candidate.raw_text
    for word in ("Zürich", "Développeur", "Société"):
        assert _found(f"text:{word}") == {"José Müller"}, word


def test_a_query_typed_with_decomposed_accents_finds_the_composed_word() -> None:
    Candidate.objects.create(name="Renée", source="renee.txt", raw_text="Résumé writing and Python")
    Candidate.objects.create(name="Plain", source="plain.txt", raw_text="resume parsing and Python")

    assert _found(nfd("text:résumé")) == {"Renée"}
    assert _found("text:résumé") == {"Renée"}
