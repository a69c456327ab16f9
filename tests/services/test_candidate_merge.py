"""candidate_merge: two profiles of one person become one; refusals leave both untouched."""

from __future__ import annotations

import pytest

from shortlist.candidates.models import Candidate
from shortlist.candidates.services import candidate_merge
from shortlist.errors import Forbidden, Invalid, NotFound

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair() -> tuple[Candidate, Candidate]:
    keep = Candidate.objects.create(name="Grace Hopper", emails=["grace@example.org"])
    other = Candidate.objects.create(name="G. Hopper", emails=["g@example.org"], phone="+447700900123")
    return keep, other


def test_the_other_profile_is_folded_in_and_deleted(signed_in, pair) -> None:
    keep, other = pair
    kept = candidate_merge(actor=signed_in, keep_id=keep.pk, other_id=other.pk)
    assert kept.pk == keep.pk
    keep.refresh_from_db()
    assert keep.emails == ["grace@example.org", "g@example.org"] and keep.phone == "+447700900123"
    assert not Candidate.objects.filter(pk=other.pk).exists()


def test_merging_with_itself_is_invalid_and_nothing_changes(signed_in, pair) -> None:
    keep, _ = pair
    with pytest.raises(Invalid) as caught:
        candidate_merge(actor=signed_in, keep_id=keep.pk, other_id=keep.pk)
    assert str(caught.value) == "A candidate cannot be merged with itself."
    keep.refresh_from_db()
    assert keep.emails == ["grace@example.org"] and Candidate.objects.count() == 2


def test_an_unknown_id_is_not_found_and_nothing_changes(signed_in, pair) -> None:
    keep, _ = pair
    with pytest.raises(NotFound) as caught:
        candidate_merge(actor=signed_in, keep_id=keep.pk, other_id=999_999)
    assert str(caught.value) == "No candidate with id 999999."
    assert Candidate.objects.count() == 2


def test_an_anonymous_actor_is_forbidden_and_nothing_changes(anonymous, pair) -> None:
    keep, other = pair
    with pytest.raises(Forbidden, match=r"^You are not allowed to change candidates.$"):
        candidate_merge(actor=anonymous, keep_id=keep.pk, other_id=other.pk)
    assert Candidate.objects.count() == 2
