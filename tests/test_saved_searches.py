"""Saved searches: a recruiter saves the page's query and filters under a name, sees their own on the
candidates page, runs one with a click and deletes it; nobody else's is theirs to see or delete (an
admin may delete anyone's). A bad name or query is a field error, and the form keeps what was typed."""

from __future__ import annotations

import pytest
from django.test import Client

from shortlist.accounts.access import Actor
from shortlist.accounts.models import Membership
from shortlist.candidates.models import SavedSearch
from shortlist.candidates.selectors import saved_search_list
from shortlist.candidates.services import saved_search_create, saved_search_delete
from shortlist.errors import Invalid, NotFound

pytestmark = pytest.mark.django_db


def _member(django_user_model: type, username: str, role: str) -> Actor:
    user = django_user_model.objects.create_user(username, password="a-long-test-password")
    Membership.objects.create(user=user, role=role)
    return Actor.of(user)


def test_a_saved_search_is_the_owners_alone(recruiter: object, django_user_model: type) -> None:
    rita, sam = Actor.of(recruiter), _member(django_user_model, "sam", "recruiter")
    saved = saved_search_create(actor=rita, name="  Go in   London ", query="golang location:london", tag="X")
    assert (saved.name, saved.query, saved.tag, saved.owner_id) == (
        "Go in London",
        "golang location:london",
        "x",
        recruiter.pk,
    )
    assert [s.name for s in saved_search_list(actor=rita)] == ["Go in London"]
    assert list(saved_search_list(actor=sam)) == []
    with pytest.raises(NotFound):
        saved_search_delete(actor=sam, saved_search_id=saved.pk)
    assert SavedSearch.objects.filter(pk=saved.pk).exists()


def test_saving_under_the_same_name_replaces_it(recruiter: object) -> None:
    rita = Actor.of(recruiter)
    saved_search_create(actor=rita, name="Go", query="golang")
    saved_search_create(actor=rita, name="Go", query="golang k8s")
    assert list(SavedSearch.objects.values_list("name", "query")) == [("Go", "golang k8s")]


def test_an_admin_deletes_anyones(recruiter: object, django_user_model: type) -> None:
    saved = saved_search_create(actor=Actor.of(recruiter), name="Go", query="golang")
    saved_search_delete(actor=_member(django_user_model, "ada", "admin"), saved_search_id=saved.pk)
    assert not SavedSearch.objects.exists()


@pytest.mark.parametrize(
    ("name", "query", "field", "message"),
    [
        ("", "golang", "name", "Give the search a name."),
        ("x" * 81, "golang", "name", "A name is at most 80 characters."),
        ("Broken", "golang AND (", "q", "unbalanced '(' at position 12; it has no matching ')'"),
        ("Nothing", "", "q", "Type a search or choose a filter first."),
    ],
)
def test_bad_input_is_refused_with_its_field(
    recruiter: object, name: str, query: str, field: str, message: str
) -> None:
    with pytest.raises(Invalid) as caught:
        saved_search_create(actor=Actor.of(recruiter), name=name, query=query)
    assert (field, message) in caught.value.issues
    assert not SavedSearch.objects.exists()


def test_save_run_and_delete_from_the_page(client: Client, recruiter: object) -> None:
    client.force_login(recruiter)
    response = client.post("/candidates/saved/", {"name": "Go people", "q": "golang", "seniority": "senior"})
    assert response.status_code == 302
    assert response["Location"] == "/candidates/?q=golang&seniority=senior"
    page = client.get("/candidates/").content.decode()
    assert '<a href="/candidates/?q=golang&amp;seniority=senior">Go people</a>' in page
    saved = SavedSearch.objects.get()
    assert client.post(f"/candidates/saved/{saved.pk}/delete/").status_code == 302
    assert not SavedSearch.objects.exists()


def test_a_bad_save_keeps_what_was_typed(client: Client, recruiter: object) -> None:
    client.force_login(recruiter)
    response = client.post("/candidates/saved/", {"name": "", "q": "golang k8s"})
    body = response.content.decode()
    assert response.status_code == 400
    assert "Give the search a name." in body
    assert 'value="golang k8s"' in body
