"""A client user's feedback on a candidate submitted to them: advance or reject with a reason, recorded in
the pipeline history with them as its author, and nothing else (issue 13)."""

from __future__ import annotations

import pytest

from shortlist.accounts.access import Actor
from shortlist.accounts.access import Role as AccessRole
from shortlist.accounts.services import create_user
from shortlist.clients.models import Client
from shortlist.errors import Conflict, Forbidden, Invalid, NotFound
from shortlist.pipeline.models import Application
from shortlist.pipeline.services import application_feedback, application_move
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"


@pytest.fixture
def made() -> dict[str, object]:
    made = one_of_everything()
    made["application"].move_to("submitted")
    return made


@pytest.fixture
def carol(made: dict[str, object]) -> Actor:
    return Actor.of(create_user("carol", PASSWORD, role=AccessRole.CLIENT, client="Meridian Quant"))


def test_a_rejection_lands_in_the_history_with_its_reason_comment_and_author(made, carol) -> None:
    application = made["application"]
    returned = application_feedback(
        actor=carol, application_id=application.pk, decision="rejected", reason="skills",
        comment="  Needs more Kafka.  ",
    )  # fmt: skip
    assert returned.pk == application.pk
    application.refresh_from_db()
    assert application.stage == "rejected"
    last = application.history.latest()
    assert (last.from_stage, last.to_stage, last.changed_by.username) == ("submitted", "rejected", "carol")
    assert last.note == "Skills or experience do not fit — Needs more Kafka."


def test_advancing_needs_no_reason_and_moves_forward_only(made, carol) -> None:
    application = made["application"]
    application_feedback(actor=carol, application_id=application.pk, decision="interview")
    application_feedback(actor=carol, application_id=application.pk, decision="offer", comment="Great.")
    application.refresh_from_db()
    assert application.stage == "offer"
    for again in ("interview", "offer"):  # the refusal does not name the blind candidate either
        with pytest.raises(Conflict, match="only move forward") as raised:
            application_feedback(actor=carol, application_id=application.pk, decision=again)
        assert "Grace" not in str(raised.value)
    assert application.history.count() == 4


@pytest.mark.parametrize(
    ("form", "field"),
    [
        ({"decision": "rejected"}, "reason"),
        ({"decision": "rejected", "reason": "not-a-reason"}, "reason"),
        ({"decision": "rejected", "reason": "other"}, "comment"),
        ({"decision": "placed"}, "decision"),
        ({"decision": "interview", "comment": "x" * 2001}, "comment"),
    ],
)
def test_bad_feedback_names_the_field_and_changes_nothing(made, carol, form, field) -> None:
    application = made["application"]
    with pytest.raises(Invalid) as raised:
        application_feedback(actor=carol, application_id=application.pk, **form)
    assert field in dict(raised.value.issues)
    assert Application.objects.get(pk=application.pk).stage == "submitted"
    assert application.history.count() == 2


def test_a_client_user_cannot_decide_on_someone_not_submitted_or_already_decided(made, carol) -> None:
    application = made["application"]
    for stage in ("offer", "placed"):  # placed only from an offer (pipeline/models.py allowed_moves)
        application_move(actor=Actor.system(), application_id=application.pk, stage=stage)
    with pytest.raises(Conflict, match="ask your recruiter"):
        application_feedback(actor=carol, application_id=application.pk, decision="rejected", reason="team")
    sourced = Application.open(make_candidate(name="Lou Pool"), made["role"])  # never submitted
    with pytest.raises(NotFound):
        application_feedback(actor=carol, application_id=sourced.pk, decision="interview")
    assert sourced.history.count() == 1


def test_only_the_clients_own_users_give_feedback(made, recruiter) -> None:
    application = made["application"]
    other = Client.objects.create(name="Rival Capital")
    bob = Actor.of(create_user("bob", PASSWORD, role=AccessRole.CLIENT, client=other.name))
    with pytest.raises(NotFound):
        application_feedback(actor=bob, application_id=application.pk, decision="interview")
    with pytest.raises(Forbidden):
        application_feedback(actor=Actor.of(recruiter), application_id=application.pk, decision="interview")
    assert application.history.count() == 2


def test_a_client_user_decides_only_through_feedback(made, carol) -> None:
    application = made["application"]
    for stage in ("screened", "interview"):
        with pytest.raises(Forbidden):  # the workspace's (and the API's) stage move is agency staff's
            application_move(actor=carol, application_id=application.pk, stage=stage)
    assert application.history.count() == 2
