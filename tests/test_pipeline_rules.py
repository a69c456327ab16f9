"""A pipeline entry per candidate and role, with a history nobody can rewrite."""

from __future__ import annotations

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction

from shortlist.candidates.models import Candidate
from shortlist.clients.models import Client, Role
from shortlist.pipeline.models import Application, StageChange

pytestmark = pytest.mark.django_db


@pytest.fixture
def application(recruiter: object) -> Application:
    client = Client.objects.create(name="Meridian Quant", industry="fintech")
    role = Role.objects.create(client=client, title="Senior Go Engineer")
    candidate = Candidate.objects.create(name="Grace Hopper")
    return Application.open(candidate, role, user=recruiter, note="Found through a referral")


def test_opening_records_the_first_step(application: Application, recruiter: object) -> None:
    (first,) = application.history.all()
    assert (first.from_stage, first.to_stage, first.changed_by) == ("", "sourced", recruiter)
    assert first.note == "Found through a referral"


def test_one_application_per_candidate_and_role(application: Application) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Application.objects.create(candidate=application.candidate, role=application.role)


def test_moves_append_to_the_history(application: Application, recruiter: object) -> None:
    application.move_to("contacted", user=recruiter)
    application.move_to("screened", user=recruiter, note="Strong on concurrency")
    application.refresh_from_db()
    assert application.stage == "screened"
    assert [(c.from_stage, c.to_stage) for c in application.history.all()] == [
        ("", "sourced"),
        ("sourced", "contacted"),
        ("contacted", "screened"),
    ]


def test_moving_to_the_same_stage_is_refused(application: Application) -> None:
    with pytest.raises(ValidationError, match="already at stage"):
        application.move_to("sourced")


def test_unknown_stage_is_refused(application: Application) -> None:
    with pytest.raises(ValueError, match="hired"):
        application.move_to("hired")
    assert application.history.count() == 1


def test_history_cannot_be_edited(application: Application) -> None:
    change = application.history.get()
    change.note = "rewritten"
    with pytest.raises(ValidationError, match="append-only"):
        change.save()
    assert StageChange.objects.get().note == "Found through a referral"


def test_history_cannot_be_deleted(application: Application) -> None:
    with pytest.raises(ValidationError, match="append-only"):
        application.history.get().delete()
    assert StageChange.objects.count() == 1


def test_history_cannot_be_rewritten_behind_the_models_back(application: Application) -> None:
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic():
        StageChange.objects.update(note="rewritten in bulk")
    assert StageChange.objects.get().note == "Found through a referral"
