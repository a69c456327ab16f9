"""Tags on candidates: recruiters add and remove short free labels on the candidate page, filter the
list by one and see them in it; a tag is normalised (trimmed, lower-case, spaces as dashes, at most
32 characters of letters, digits and - _ .) or refused with a message at the field. Tags are internal:
a client user never sees them. Erasing a candidate removes their tags."""

from __future__ import annotations

import pytest
from django.test import Client

from shortlist.accounts.access import Actor
from shortlist.candidates.models import CandidateTag
from shortlist.candidates.selectors import candidate_tags
from shortlist.candidates.services import candidate_tag_add, candidate_tag_remove
from shortlist.compliance.erasure import ERASURE_STEPS
from shortlist.compliance.services import candidate_erase
from shortlist.errors import Forbidden, Invalid
from tests.factories import make_candidate

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("  Shortlisted ACME ", "shortlisted-acme"),
        ("relocating", "relocating"),
        ("q3.2026_hot", "q3.2026_hot"),
    ],
)
def test_tags_are_normalised(recruiter: object, typed: str, stored: str) -> None:
    candidate = make_candidate()
    tag = candidate_tag_add(actor=Actor.of(recruiter), candidate_id=candidate.pk, tag=typed)
    assert tag.tag == stored
    assert candidate_tags(actor=Actor.of(recruiter), candidate_id=candidate.pk) == (stored,)


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("", "Type a tag, e.g. shortlisted-acme."),
        ("x" * 33, "A tag is at most 32 characters (this one has 33)."),
        ("<script>", "Use letters, digits and - _ . between them, e.g. shortlisted-acme."),
        ("-leading", "Use letters, digits and - _ . between them, e.g. shortlisted-acme."),
    ],
)
def test_a_bad_tag_is_a_field_error(recruiter: object, typed: str, message: str) -> None:
    candidate = make_candidate()
    with pytest.raises(Invalid) as caught:
        candidate_tag_add(actor=Actor.of(recruiter), candidate_id=candidate.pk, tag=typed)
    assert caught.value.issues == (("tag", message),)
    assert not CandidateTag.objects.exists()


def test_adding_twice_keeps_one_and_removing_takes_it_off(recruiter: object) -> None:
    rita, candidate = Actor.of(recruiter), make_candidate()
    candidate_tag_add(actor=rita, candidate_id=candidate.pk, tag="relocating")
    candidate_tag_add(actor=rita, candidate_id=candidate.pk, tag="Relocating")
    assert CandidateTag.objects.count() == 1
    assert candidate_tag_remove(actor=rita, candidate_id=candidate.pk, tag="relocating") == 1
    assert not CandidateTag.objects.exists()


def test_the_list_filters_by_tag_and_shows_tags(client: Client, recruiter: object) -> None:
    tagged, other = make_candidate(name="Tina Tagged"), make_candidate(name="Otto Other")
    candidate_tag_add(actor=Actor.of(recruiter), candidate_id=tagged.pk, tag="shortlisted-acme")
    client.force_login(recruiter)
    response = client.get("/candidates/", {"tag": "shortlisted-acme"})
    assert [c.name for c in response.context["page"]] == ["Tina Tagged"]
    typed = client.get("/candidates/", {"tag": " Shortlisted ACME"})  # as a recruiter types it
    assert [c.name for c in typed.context["page"]] == ["Tina Tagged"]
    assert 'href="/candidates/?tag=shortlisted-acme">shortlisted-acme</a>' in response.content.decode()
    assert other.name not in response.content.decode()


def test_add_and_remove_in_the_page_with_htmx(client: Client, recruiter: object) -> None:
    candidate = make_candidate()
    client.force_login(recruiter)
    url = f"/candidates/{candidate.pk}/tags/"
    response = client.post(url, {"tag": "Relocating"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and ">relocating</a>" in response.content.decode()
    bad = client.post(url, {"tag": "no way!"}, HTTP_HX_REQUEST="true")
    assert bad.status_code == 200  # htmx swaps only a 2xx in; the message is in the fragment
    assert "Use letters, digits" in bad.content.decode() and 'value="no way!"' in bad.content.decode()
    gone = client.post(f"{url}remove/", {"tag": "relocating"}, HTTP_HX_REQUEST="true")
    assert "No tags yet." in gone.content.decode()


def test_client_users_never_see_tags(django_user_model: type) -> None:
    from shortlist.accounts.models import Membership
    from shortlist.clients.models import Client as Company

    company = Company.objects.create(name="Acme")
    user = django_user_model.objects.create_user("carol", password="a-long-test-password")
    Membership.objects.create(user=user, role="client", client=company)
    candidate = make_candidate()
    with pytest.raises(Forbidden):
        candidate_tags(actor=Actor.of(user), candidate_id=candidate.pk)
    with pytest.raises(Forbidden):
        candidate_tag_add(actor=Actor.of(user), candidate_id=candidate.pk, tag="x")


def test_erasure_removes_a_candidates_tags(recruiter: object) -> None:
    assert "tags" in [step.store for step in ERASURE_STEPS]
    candidate, kept = make_candidate(name="Ida Erased"), make_candidate(name="Kim Kept")
    for person in (candidate, kept):
        candidate_tag_add(actor=Actor.of(recruiter), candidate_id=person.pk, tag="relocating")
    receipt = candidate_erase(actor=Actor.system(), candidate_id=candidate.pk, reason="asked")
    assert receipt.counts["tags"] == 1
    assert list(CandidateTag.objects.values_list("candidate_id", flat=True)) == [kept.pk]
