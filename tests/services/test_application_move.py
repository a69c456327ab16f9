"""application_move: the only way a stage changes, each move appended to the history."""

from __future__ import annotations

import pytest

from shortlist.errors import Conflict, Forbidden, Invalid, NotFound
from shortlist.pipeline.models import StageChange
from shortlist.pipeline.services import application_move
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def test_moves_the_stage_and_appends_the_change(signed_in, recruiter) -> None:
    application = one_of_everything()["application"]
    moved = application_move(actor=signed_in, application_id=application.pk, stage="contacted", note="Called")
    assert moved.pk == application.pk and moved.stage == "contacted"
    application.refresh_from_db()
    assert application.stage == "contacted"
    last = application.history.order_by("id").last()
    assert (last.from_stage, last.to_stage, last.changed_by, last.note) == (
        "sourced", "contacted", recruiter, "Called"
    )  # fmt: skip


def test_the_same_stage_again_is_a_conflict_and_nothing_changes(signed_in) -> None:
    application = one_of_everything()["application"]
    with pytest.raises(Conflict) as caught:
        application_move(actor=signed_in, application_id=application.pk, stage="sourced")
    assert str(caught.value) == "Grace Hopper is already at stage 'Sourced'."
    assert StageChange.objects.filter(application=application).count() == 1


def test_an_unknown_stage_is_invalid_and_nothing_changes(signed_in) -> None:
    application = one_of_everything()["application"]
    with pytest.raises(Invalid) as caught:
        application_move(actor=signed_in, application_id=application.pk, stage="hired")
    assert str(caught.value).startswith("unknown stage 'hired' (one of sourced, contacted,")
    assert caught.value.issues == (("stage", "unknown stage"),)
    application.refresh_from_db()
    assert application.stage == "sourced" and application.history.count() == 1


def test_an_unknown_application_is_not_found(signed_in) -> None:
    with pytest.raises(NotFound, match=r"^no application with id 999999$"):
        application_move(actor=signed_in, application_id=999_999, stage="contacted")


def test_an_anonymous_actor_is_forbidden_and_nothing_changes(anonymous) -> None:
    application = one_of_everything()["application"]
    with pytest.raises(Forbidden):
        application_move(actor=anonymous, application_id=application.pk, stage="contacted")
    application.refresh_from_db()
    assert application.stage == "sourced"
