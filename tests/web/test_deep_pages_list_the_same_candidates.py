"""Far into the candidate list a page reads its ids first, then its rows: it shows exactly what the
plain slice would, in the same order, name ties included."""

from __future__ import annotations

import re

import pytest
from django.test import Client

from shortlist.candidates.models import Candidate
from shortlist.web import paging
from tests.factories import make_candidate

pytestmark = pytest.mark.django_db

ROW = re.compile(r'href="/candidates/(\d+)/"')


@pytest.fixture
def signed_in(client: Client, recruiter: object) -> Client:
    client.force_login(recruiter)
    return client


def _shown(client: Client, page: int) -> list[int]:
    response = client.get("/candidates/", {"page": page})
    assert response.status_code == 200
    return [int(pk) for pk in dict.fromkeys(ROW.findall(response.content.decode()))]


def test_a_deep_page_shows_the_rows_of_the_plain_slice(
    signed_in: Client, monkeypatch: pytest.MonkeyPatch
) -> None:
    for n in range(130):
        make_candidate(name=f"Person {n % 40:02d}")  # three or four people share each name
    expected = list(Candidate.objects.order_by("name", "id").values_list("pk", flat=True)[100:130])

    monkeypatch.setattr(paging, "DEEP_OFFSET", 50)  # pages 2 and 3 of 50 take the two-step read
    assert _shown(signed_in, 3) == expected
    assert len(_shown(signed_in, 2)) == 50
    assert set(_shown(signed_in, 2)).isdisjoint(expected)
