"""A search for a place where no candidate is says "no candidates", on every path the page takes
(the index's and the SQL statement's), never a server error."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_candidate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "query",
    ["location:paris", "python location:paris", "location:paris seniority:>=senior", "NOT location:paris"],
)
def test_a_place_nobody_is_at_finds_nobody_or_everybody(
    client: Client, recruiter: object, query: str
) -> None:
    make_candidate(name="Lena London", skills=(("python", 5),), city="London", country="GB")
    client.force_login(recruiter)
    response = client.get("/candidates/", {"q": query})
    assert response.status_code == 200
    names = [candidate.name for candidate in response.context["page"]]
    assert names == (["Lena London"] if query.startswith("NOT") else [])
