"""candidate_get, candidate_export, candidate_similar: one profile and the people like it."""

from __future__ import annotations

import pytest

from shortlist.candidates.selectors import candidate_export, candidate_get, candidate_similar
from shortlist.errors import Forbidden, NotFound

pytestmark = pytest.mark.django_db


def test_a_profile_comes_with_what_its_pages_read(signed_in, imported, django_assert_num_queries) -> None:
    anna = imported["anna-kowalska.pdf"]
    candidate = candidate_get(actor=signed_in, candidate_id=anna)
    with django_assert_num_queries(0):
        assert candidate.name == "Anna Kowalska"
        assert any(s.skill == "go" for s in candidate.skills.all())
        assert list(candidate.experiences.all()) and list(candidate.applications.all()) == []


def test_the_export_is_a_json_resume(signed_in, imported) -> None:
    document = candidate_export(actor=signed_in, candidate_id=imported["anna-kowalska.pdf"])
    assert document["basics"]["name"] == "Anna Kowalska"
    assert document["work"] and document["skills"]


def test_similar_candidates_share_evidenced_skills(signed_in, imported) -> None:
    anna = imported["anna-kowalska.pdf"]
    found = candidate_similar(actor=signed_in, candidate_id=anna, top=3)
    assert 0 < len(found) <= 3 and anna not in {row.candidate.id for row in found}
    assert [row.similarity for row in found] == sorted((row.similarity for row in found), reverse=True)
    assert all(row.candidate.source for row in found)


@pytest.mark.parametrize("read", [candidate_get, candidate_export, candidate_similar])
def test_an_unknown_id_is_not_found(signed_in, imported, read) -> None:
    with pytest.raises(NotFound, match=r"^no candidate with id 999999$"):
        read(actor=signed_in, candidate_id=999_999)


@pytest.mark.parametrize("read", [candidate_get, candidate_export, candidate_similar])
def test_an_anonymous_actor_is_forbidden(anonymous, imported, read) -> None:
    with pytest.raises(Forbidden):
        read(actor=anonymous, candidate_id=imported["anna-kowalska.pdf"])
