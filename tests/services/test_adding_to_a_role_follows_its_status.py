"""Adding to a role's pipeline: an open role takes people, one on hold takes them with a warning,
a filled or closed one refuses (and adds nobody); bulk add skips those already in."""

from __future__ import annotations

import pytest

from shortlist.clients.services import role_status_set
from shortlist.errors import Conflict, Invalid
from shortlist.pipeline.models import Application
from shortlist.pipeline.services import application_open, application_open_many
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db


def test_bulk_add_opens_each_and_skips_who_is_already_in(signed_in) -> None:
    objects = one_of_everything()
    role, grace = objects["role"], objects["candidate"]
    ana, bo = make_candidate(name="Ana Li"), make_candidate(name="Bo Chen")
    done = application_open_many(actor=signed_in, role_id=role.pk, candidate_ids=[ana.pk, grace.pk, bo.pk])
    assert [a.candidate.name for a in done.opened] == ["Ana Li", "Bo Chen"]
    assert done.already == ("Grace Hopper",) and done.warning == ""
    assert set(Application.objects.filter(role=role).values_list("stage", flat=True)) == {"sourced"}
    assert Application.objects.filter(role=role).count() == 3


def test_a_role_on_hold_takes_candidates_with_a_warning(signed_in) -> None:
    role = one_of_everything()["role"]
    role_status_set(actor=signed_in, role_id=role.pk, status="on_hold")
    ana = make_candidate(name="Ana Li")
    done = application_open_many(actor=signed_in, role_id=role.pk, candidate_ids=[ana.pk])
    assert len(done.opened) == 1
    assert (
        done.warning
        == "Senior Go Engineer - HFT Platform is on hold: added anyway; the client has paused this search."
    )


@pytest.mark.parametrize("status", ["filled", "closed"])
def test_a_filled_or_closed_role_refuses_and_adds_nobody(signed_in, status) -> None:
    role = one_of_everything()["role"]
    role_status_set(actor=signed_in, role_id=role.pk, status=status)
    ana = make_candidate(name="Ana Li")
    with pytest.raises(Conflict) as caught:
        application_open_many(actor=signed_in, role_id=role.pk, candidate_ids=[ana.pk])
    assert str(caught.value) == (
        f"Senior Go Engineer - HFT Platform is {status}: re-open the role before adding anyone to it."
    )
    with pytest.raises(Conflict):
        application_open(actor=signed_in, role_id=role.pk, candidate_id=ana.pk)
    assert not Application.objects.filter(candidate=ana).exists()


def test_bulk_add_with_nobody_ticked_is_invalid(signed_in) -> None:
    role = one_of_everything()["role"]
    with pytest.raises(Invalid) as caught:
        application_open_many(actor=signed_in, role_id=role.pk, candidate_ids=[])
    assert caught.value.issues == (("candidates", "none chosen"),)


def test_an_unknown_status_is_invalid_and_the_role_keeps_its_own(signed_in) -> None:
    role = one_of_everything()["role"]
    with pytest.raises(Invalid):
        role_status_set(actor=signed_in, role_id=role.pk, status="paused")
    role.refresh_from_db()
    assert role.status == "open"
