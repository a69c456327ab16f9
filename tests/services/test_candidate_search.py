"""candidate_search: the boolean query language over the stored pool."""

from __future__ import annotations

import pytest

from shortlist.candidates.selectors import CandidateRef, candidate_search
from shortlist.errors import Forbidden, Invalid

pytestmark = pytest.mark.django_db


def test_matches_come_back_by_id_with_who_they_are(signed_in, imported) -> None:
    found = candidate_search(actor=signed_in, query="golang AND NOT java", limit=10)
    sources = [row.source for row in found.rows]
    assert "anna-kowalska.pdf" in sources
    assert all(isinstance(row, CandidateRef) for row in found.rows)
    assert [row.id for row in found.rows] == sorted(row.id for row in found.rows)
    assert not found.limit_reached


def test_the_limit_is_reported(signed_in, imported) -> None:
    found = candidate_search(actor=signed_in, query="python OR go OR java", limit=1)
    assert len(found.rows) == 1 and found.limit_reached


def test_a_malformed_query_is_invalid_with_its_path(signed_in, imported) -> None:
    with pytest.raises(Invalid) as caught:
        candidate_search(actor=signed_in, query="go AND (")
    assert str(caught.value) == "unbalanced '(' at position 8; it has no matching ')'"
    assert caught.value.issues == (("query", str(caught.value)),)


def test_an_anonymous_actor_is_forbidden(anonymous) -> None:
    with pytest.raises(Forbidden):
        candidate_search(actor=anonymous, query="go")
