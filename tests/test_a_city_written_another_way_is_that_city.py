"""A city stored in another spelling the gazetteer knows ("Zürich", "München", "Muenchen") is found by a
search for that city, in the CLI's matcher and on the candidates page, unless its stored country says it
is another place of that name."""

from __future__ import annotations

import pytest
from django.test import Client

from shortlist.engine.matching.search import parse_query
from tests.factories import make_candidate
from tests.test_boolean_search import make_profile

PEOPLE = [
    ("umlaut", "Zürich", "CH"),
    ("no-country", "Zürich", ""),
    ("canonical", "Zurich", "CH"),
    ("elsewhere", "Zürich", "US"),
    ("german", "München", ""),
    ("transliterated", "Muenchen", "DE"),
    ("london", "London", "GB"),
]
EXPECTED = {
    "location:zurich": {"umlaut", "no-country", "canonical"},
    "location:Zürich": {"umlaut", "no-country", "canonical"},
    "location:munich": {"german", "transliterated"},
    "location:CH": {"umlaut", "no-country", "canonical"},
    "location:london": {"london"},
}


@pytest.mark.parametrize(("query", "expected"), EXPECTED.items())
def test_the_engine_reads_a_city_spelled_otherwise_as_that_city(query: str, expected: set[str]) -> None:
    parsed = parse_query(query)
    pool = [make_profile(source, city=city, country=country) for source, city, country in PEOPLE]
    assert {profile.source for profile in pool if parsed.matches(profile)} == expected


@pytest.mark.django_db
@pytest.mark.parametrize(
    "query", ["location:zurich", "location:munich python", "location:zurich seniority:senior"]
)
def test_the_candidates_page_finds_them_too(client: Client, recruiter: object, query: str) -> None:
    for source, city, country in PEOPLE:
        make_candidate(name=source, skills=(("python", 3),), city=city, country=country, seniority="senior")
    client.force_login(recruiter)
    response = client.get("/candidates/", {"q": query})
    assert response.status_code == 200
    found = {candidate.name for candidate in response.context["page"]}
    assert found == EXPECTED[query.split()[0]]
