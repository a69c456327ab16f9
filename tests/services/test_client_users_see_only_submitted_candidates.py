"""A client user sees the people submitted to their roles once the recruiter has revealed their name
(blind until then: the portal's submissions), and nothing of the rest of the pool."""

from __future__ import annotations

import pytest

from shortlist.accounts.access import Actor
from shortlist.accounts.models import Membership
from shortlist.candidates.selectors import candidate_get, candidate_list
from shortlist.clients.models import Client, Role
from shortlist.errors import NotFound
from shortlist.pipeline.models import Application
from shortlist.pipeline.selectors import application_list
from shortlist.pipeline.services import application_reveal
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(django_user_model: type) -> dict[str, object]:
    made = one_of_everything()
    user = django_user_model.objects.create_user("carol", password="a-long-test-password")
    Membership.objects.create(user=user, role="client", client=made["client"])
    made["actor"] = Actor.of(user)
    return made


def _reveal(application: Application) -> None:
    application_reveal(actor=Actor.system(), application_id=application.pk)


def _names(actor: Actor) -> set[str]:
    return set(candidate_list(actor=actor).values_list("name", flat=True))


def test_a_candidate_appears_to_the_client_once_submitted(world) -> None:
    application, actor = world["application"], world["actor"]
    assert _names(actor) == set()  # sourced: still the recruiter's business
    for stage in ("contacted", "screened"):
        application.move_to(stage)
        assert _names(actor) == set()
    application.move_to("submitted")
    assert _names(actor) == set()  # submitted, but blind until the recruiter reveals the name
    _reveal(application)
    assert _names(actor) == {"Grace Hopper"}
    application.move_to("interview")
    assert _names(actor) == {"Grace Hopper"}


def test_rejected_before_submission_stays_hidden_but_after_it_stays_visible(world) -> None:
    role, actor = world["role"], world["actor"]
    early = Application.open(make_candidate(name="Early Reject"), role)
    early.move_to("screened")
    early.move_to("rejected")
    late = Application.open(make_candidate(name="Late Reject"), role)
    late.move_to("submitted")
    late.move_to("rejected")  # the client's own "no" stays in their view
    _reveal(early)  # a name revealed for someone never submitted still shows nothing
    _reveal(late)
    assert _names(actor) == {"Late Reject"}
    assert {a.candidate.name for a in application_list(actor=actor, role_id=role.pk)} == {"Late Reject"}


def test_a_candidate_page_shows_only_the_clients_own_pipelines(world) -> None:
    world["application"].move_to("submitted")
    _reveal(world["application"])
    rival = Client.objects.create(name="Rival Capital")
    rival_role = Role.objects.create(client=rival, title="Quant Developer")
    Application.open(world["candidate"], rival_role).move_to("submitted")
    seen = candidate_get(actor=world["actor"], candidate_id=world["candidate"].pk)
    assert [a.role.client.name for a in seen.applications.all()] == ["Meridian Quant"]


def test_another_clients_role_and_people_do_not_exist_for_them(world) -> None:
    rival = Client.objects.create(name="Rival Capital")
    rival_role = Role.objects.create(client=rival, title="Quant Developer")
    hidden = make_candidate(name="Rival Hire")
    Application.open(hidden, rival_role).move_to("submitted")
    with pytest.raises(NotFound):
        application_list(actor=world["actor"], role_id=rival_role.pk)
    with pytest.raises(NotFound):
        candidate_get(actor=world["actor"], candidate_id=hidden.pk)
