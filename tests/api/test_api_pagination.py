"""Every list takes limit (1-100, default 20) and offset and answers {items, count}."""

from __future__ import annotations

import pytest

from shortlist.candidates.models import Candidate
from shortlist.clients.models import Client

pytestmark = pytest.mark.django_db


def test_lists_page_with_limit_and_offset(writer) -> None:
    Candidate.objects.bulk_create(Candidate(name=f"Person {i:02d}") for i in range(25))
    first = writer.get("/candidates").json()
    assert first["count"] == 25 and len(first["items"]) == 20
    rest = writer.get("/candidates", data={"limit": 10, "offset": 20}).json()
    assert [c["name"] for c in rest["items"]] == [f"Person {i:02d}" for i in range(20, 25)]
    assert writer.get("/candidates", data={"limit": 101}).status_code == 422


def test_search_pages_and_says_whether_more_follow(writer) -> None:
    for i in range(5):
        Candidate.objects.create(name=f"Go Person {i}", headline="Go engineer", city="London")
    page = writer.get("/candidates/search", data={"q": "location:london", "limit": 2, "offset": 2}).json()
    assert len(page["items"]) == 2 and page["more"] is True and page["offset"] == 2
    last = writer.get("/candidates/search", data={"q": "location:london", "limit": 2, "offset": 4}).json()
    assert len(last["items"]) == 1 and last["more"] is False


def test_client_list_pages(writer) -> None:
    Client.objects.bulk_create(Client(name=f"Client {i}") for i in range(3))
    body = writer.get("/clients", data={"limit": 2}).json()
    assert body["count"] == 3 and [c["name"] for c in body["items"]] == ["Client 0", "Client 1"]
