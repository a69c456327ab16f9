"""The portal's reads: a client user sees their role's submitted candidates under a stable label, with
a profile that neither names nor reaches the person, until a recruiter reveals the name (issue 13)."""

from __future__ import annotations

from dataclasses import asdict

import pytest

from shortlist.accounts.access import Actor
from shortlist.accounts.access import Role as AccessRole
from shortlist.accounts.services import create_user
from shortlist.candidates.models import Experience
from shortlist.clients.models import Client
from shortlist.errors import Forbidden, NotFound
from shortlist.pipeline.models import Application
from shortlist.pipeline.selectors import blind_label, submission_get, submission_list, submitted_role_list
from shortlist.pipeline.services import application_reveal
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture
def made() -> dict[str, object]:
    made = one_of_everything()
    grace = made["candidate"]
    grace.headline = "Grace Hopper - Senior Go Engineer, grace@example.org, https://grace.example"
    grace.save()
    Experience.objects.create(candidate=grace, employer="Hopper Consulting", title="Founder")
    made["application"].move_to("submitted")
    return made


@pytest.fixture
def carol(made: dict[str, object]) -> Actor:
    return Actor.of(create_user("carol", PASSWORD, role=AccessRole.CLIENT, client="Meridian Quant"))


def test_a_submitted_candidate_is_a_label_and_a_profile_without_name_or_contacts(made, carol) -> None:
    shown = submission_get(actor=carol, application_id=made["application"].pk)
    assert (shown.label, shown.name) == ("Candidate A", None)
    text = repr(asdict(shown))
    for secret in ("Grace", "Hopper", "grace@example.org", "grace.example", "+447700900123", "grace.pdf"):
        assert secret not in text, secret
    assert shown.profile.headline == "… … - Senior Go Engineer, …, …"
    assert ("Go", 5, 2026) in shown.profile.skills


def test_labels_follow_the_order_of_submission_and_skip_those_never_submitted(made, carol) -> None:
    role = made["role"]
    earlier = Application.open(make_candidate(name="Ada Early"), role)  # opened first, submitted later
    Application.open(make_candidate(name="Lou Pool"), role)  # never submitted: not in the client's view
    earlier.move_to("submitted")
    rows = submission_list(actor=carol, role_id=role.pk).rows
    assert [(r.application_id, r.label) for r in rows] == [
        (made["application"].pk, "Candidate A"),
        (earlier.pk, "Candidate B"),
    ]
    assert [blind_label(i) for i in (0, 25, 26, 27)] == [
        "Candidate A",
        "Candidate Z",
        "Candidate AA",
        "Candidate AB",
    ]
    assert [(r.title, r.submitted) for r in submitted_role_list(actor=carol)] == [(role.title, 2)]


def test_a_recruiter_reveals_the_name_and_who_and_when_is_kept(made, carol, recruiter) -> None:
    application = made["application"]
    returned = application_reveal(actor=Actor.of(recruiter), application_id=application.pk)
    first = returned.revealed_at
    assert (returned.revealed_by, first is not None) == (recruiter, True)
    assert submission_get(actor=carol, application_id=application.pk).name == "Grace Hopper"
    application_reveal(actor=Actor.of(recruiter), application_id=application.pk)  # again: kept as it was
    application.refresh_from_db()
    assert (application.revealed_at, application.revealed_by_id) == (first, recruiter.pk)


def test_only_agency_staff_reveal_and_another_client_finds_nothing(made, carol) -> None:
    application = made["application"]
    with pytest.raises(Forbidden):
        application_reveal(actor=carol, application_id=application.pk)
    sourced = Application.open(make_candidate(name="Lou Pool"), made["role"])
    with pytest.raises(NotFound):
        submission_get(actor=carol, application_id=sourced.pk)
    Client.objects.create(name="Rival Capital")
    bob = Actor.of(create_user("bob", PASSWORD, role=AccessRole.CLIENT, client="Rival Capital"))
    for read in (
        lambda: submission_get(actor=bob, application_id=application.pk),
        lambda: submission_list(actor=bob, role_id=made["role"].pk),
    ):
        with pytest.raises(NotFound):
            read()
    assert list(submitted_role_list(actor=bob)) == []
    assert Application.objects.get(pk=application.pk).revealed_at is None
