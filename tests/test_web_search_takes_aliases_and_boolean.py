"""The candidates page's box takes what a recruiter types: a skill by any of its names, the boolean
syntax of the CLI and API, plain words (a name, an employer); it says how it read the query, and a
malformed query is a message beside the box on a 200 page, with the query kept."""

from __future__ import annotations

import pytest
from django.test import Client

from tests.factories import make_candidate

pytestmark = pytest.mark.django_db


@pytest.fixture
def desk(client: Client, recruiter: object) -> Client:
    # A CV's text starts with the person's name, as every parsed (and demo) CV does.
    make_candidate(
        name="Gopher Gail", skills=(("go", 6), ("kubernetes", 3)), raw_text="Gopher Gail\nGo at Fenbright."
    )
    make_candidate(
        name="Java Jim", skills=(("java", 8), ("kubernetes", 2)), raw_text="Java Jim\nJava at Ledgerly."
    )
    make_candidate(
        name="Both Bea", skills=(("go", 2), ("java", 5)), raw_text="Both Bea\nGo and Java at SAP Labs."
    )
    client.force_login(recruiter)
    return client


def _names(client: Client, **params: str) -> list[str]:
    response = client.get("/candidates/", params)
    assert response.status_code == 200
    return [c.name for c in response.context["page"]]


def test_golang_finds_go_and_says_so(desk: Client) -> None:
    response = desk.get("/candidates/", {"q": "Golang"})
    assert sorted(c.name for c in response.context["page"]) == ["Both Bea", "Gopher Gail"]
    assert "“golang” as Go" in response.content.decode()


def test_k8s_is_kubernetes(desk: Client) -> None:
    assert sorted(_names(desk, q="k8s")) == ["Gopher Gail", "Java Jim"]


def test_boolean_syntax_as_in_the_cli(desk: Client) -> None:
    assert _names(desk, q="golang NOT java") == ["Gopher Gail"]
    assert sorted(_names(desk, q="(golang OR java) AND k8s")) == ["Gopher Gail", "Java Jim"]
    assert _names(desk, q="go -kubernetes") == ["Both Bea"]


def test_free_words_find_names_and_employers(desk: Client) -> None:
    assert _names(desk, q="Gail") == ["Gopher Gail"]
    assert _names(desk, q="ledgerly") == ["Java Jim"]
    assert _names(desk, q='"SAP Labs"') == ["Both Bea"]


def test_a_malformed_query_is_a_field_error_not_a_500(desk: Client) -> None:
    response = desk.get("/candidates/", {"q": "golang AND (k8s"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "unbalanced &#x27;(&#x27; at position 12" in body
    assert 'value="golang AND (k8s"' in body  # what was typed stays in the box
    assert 'aria-invalid="true"' in body
    assert list(response.context["page"]) == []


def test_filters_still_narrow_a_search(desk: Client) -> None:
    assert _names(desk, q="kubernetes", skill="java") == ["Java Jim"]
