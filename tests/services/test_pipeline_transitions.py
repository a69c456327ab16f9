"""The pipeline's allowed moves, defined once and enforced by application_move: placed is final, a
rejection or a step back needs a reason, a refused move leaves no trace."""

from __future__ import annotations

import pytest

from shortlist.errors import Conflict, Invalid
from shortlist.pipeline.models import StageChange
from shortlist.pipeline.services import application_move
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def _walk(actor, application, *stages: str) -> None:
    for stage in stages:
        application_move(actor=actor, application_id=application.pk, stage=stage)


def test_sourced_cannot_jump_to_placed(signed_in) -> None:
    application = one_of_everything()["application"]
    with pytest.raises(Conflict) as caught:
        application_move(actor=signed_in, application_id=application.pk, stage="placed")
    assert str(caught.value).startswith("Grace Hopper cannot move from Sourced to Placed")
    application.refresh_from_db()
    assert application.stage == "sourced" and StageChange.objects.filter(application=application).count() == 1


def test_placed_is_final_so_placed_back_to_sourced_is_refused(signed_in) -> None:
    application = one_of_everything()["application"]
    _walk(signed_in, application, "submitted", "interview", "offer", "placed")
    with pytest.raises(Conflict) as caught:
        application_move(actor=signed_in, application_id=application.pk, stage="sourced", note="oops")
    assert "nowhere: it is final" in str(caught.value)
    application.refresh_from_db()
    assert application.stage == "placed" and application.history.count() == 5


def test_forward_moves_may_skip_stages_without_a_reason(signed_in) -> None:
    application = one_of_everything()["application"]
    moved = application_move(actor=signed_in, application_id=application.pk, stage="interview")
    assert moved.stage == "interview"
    assert application.history.order_by("id").last().note == ""


def test_a_rejection_needs_a_reason_and_nothing_changes_without_one(signed_in) -> None:
    application = one_of_everything()["application"]
    with pytest.raises(Invalid) as caught:
        application_move(actor=signed_in, application_id=application.pk, stage="rejected", note="  ")
    assert str(caught.value) == "say why you are rejecting Grace Hopper"
    assert caught.value.issues == (("note", "a reason is required for this move"),)
    application.refresh_from_db()
    assert application.stage == "sourced" and application.history.count() == 1

    application_move(actor=signed_in, application_id=application.pk, stage="rejected", note="No Go at work")
    assert application.history.order_by("id").last().note == "No Go at work"


def test_a_step_back_needs_a_reason(signed_in) -> None:
    application = one_of_everything()["application"]
    _walk(signed_in, application, "interview")
    with pytest.raises(Invalid) as caught:
        application_move(actor=signed_in, application_id=application.pk, stage="screened")
    assert str(caught.value) == "say why you are moving from Interview back to Screened Grace Hopper"
    moved = application_move(
        actor=signed_in, application_id=application.pk, stage="screened", note="Client wants a re-screen"
    )
    assert moved.stage == "screened"


def test_a_rejected_candidate_can_be_reopened_with_a_reason_but_not_placed(signed_in) -> None:
    application = one_of_everything()["application"]
    application_move(actor=signed_in, application_id=application.pk, stage="rejected", note="Salary")
    with pytest.raises(Conflict):
        application_move(actor=signed_in, application_id=application.pk, stage="placed", note="x")
    with pytest.raises(Invalid):
        application_move(actor=signed_in, application_id=application.pk, stage="screened")
    moved = application_move(
        actor=signed_in, application_id=application.pk, stage="screened", note="Budget went up"
    )
    assert moved.stage == "screened"


def test_only_an_offer_can_become_a_placement(signed_in) -> None:
    application = one_of_everything()["application"]
    _walk(signed_in, application, "interview")
    with pytest.raises(Conflict):
        application_move(actor=signed_in, application_id=application.pk, stage="placed")
    _walk(signed_in, application, "offer", "placed")
    application.refresh_from_db()
    assert application.stage == "placed"
