"""candidate_list: the pool filtered the same way for the page and the API."""

from __future__ import annotations

import pytest

from shortlist.candidates.models import Candidate, CandidateSkill
from shortlist.candidates.selectors import candidate_list
from shortlist.errors import Forbidden

pytestmark = pytest.mark.django_db


@pytest.fixture
def people() -> dict[str, Candidate]:
    grace = Candidate.objects.create(
        name="Grace Hopper", city="London", headline="Go engineer", seniority="senior"
    )
    CandidateSkill.objects.create(candidate=grace, skill="go")
    linus = Candidate.objects.create(name="Linus Example", city="Cambridge", seniority="junior")
    CandidateSkill.objects.create(candidate=linus, skill="python")
    ada = Candidate.objects.create(name="Ada Lovelace", city="London", seniority="senior")
    return {"grace": grace, "linus": linus, "ada": ada}


def names(rows) -> list[str]:
    return [c.name for c in rows]


def test_every_candidate_by_name_when_nothing_is_asked(signed_in, people) -> None:
    assert names(candidate_list(actor=signed_in)) == ["Ada Lovelace", "Grace Hopper", "Linus Example"]


def test_free_text_matches_name_headline_or_city(signed_in, people) -> None:
    assert names(candidate_list(actor=signed_in, query=" cambridge ")) == ["Linus Example"]
    assert names(candidate_list(actor=signed_in, query="go engineer")) == ["Grace Hopper"]


def test_skill_is_an_id_in_any_case_and_seniority_a_level(signed_in, people) -> None:
    assert names(candidate_list(actor=signed_in, skill="Go")) == ["Grace Hopper"]
    assert names(candidate_list(actor=signed_in, seniority="senior")) == ["Ada Lovelace", "Grace Hopper"]
    assert names(candidate_list(actor=signed_in, query="london", seniority="senior", skill="go")) == [
        "Grace Hopper"
    ]


def test_an_unknown_seniority_is_ignored(signed_in, people) -> None:
    assert len(candidate_list(actor=signed_in, seniority="wizard")) == 3


def test_the_list_is_lazy_and_ordered_for_pagination(signed_in, people, django_assert_num_queries) -> None:
    with django_assert_num_queries(0):
        rows = candidate_list(actor=signed_in)
    assert rows.ordered


def test_an_anonymous_actor_is_forbidden(anonymous, people) -> None:
    with pytest.raises(Forbidden, match=r"^You are not allowed to see candidates.$"):
        candidate_list(actor=anonymous)
