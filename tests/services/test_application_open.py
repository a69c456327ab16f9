"""application_open: a candidate enters a role's pipeline once, as sourced, with who did it."""

from __future__ import annotations

import pytest

from shortlist.candidates.models import Candidate
from shortlist.errors import Conflict, Forbidden, NotFound
from shortlist.pipeline.models import Application, StageChange
from shortlist.pipeline.services import application_open
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def test_opens_a_sourced_application_recorded_with_its_author(signed_in, recruiter) -> None:
    role = one_of_everything()["role"]
    linus = Candidate.objects.create(name="Linus Example")
    note = "Added from the shortlist"
    application = application_open(actor=signed_in, role_id=role.pk, candidate_id=linus.pk, note=note)
    assert (application.role_id, application.candidate_id, application.stage) == (
        role.pk,
        linus.pk,
        "sourced",
    )
    stored = Application.objects.get(role=role, candidate=linus)
    assert stored.pk == application.pk
    change = stored.history.get()
    assert (change.from_stage, change.to_stage, change.changed_by, change.note) == (
        "",
        "sourced",
        recruiter,
        note,
    )


def test_the_operator_is_recorded_as_nobody(operator) -> None:
    role = one_of_everything()["role"]
    linus = Candidate.objects.create(name="Linus Example")
    application = application_open(actor=operator, role_id=role.pk, candidate_id=linus.pk)
    assert application.history.get().changed_by is None


def test_someone_already_in_the_pipeline_is_a_conflict_and_nothing_changes(signed_in) -> None:
    objects = one_of_everything()
    role, grace = objects["role"], objects["candidate"]
    before = list(StageChange.objects.values_list("pk", flat=True))
    with pytest.raises(Conflict) as caught:
        application_open(actor=signed_in, role_id=role.pk, candidate_id=grace.pk)
    assert str(caught.value) == "Grace Hopper is already in this role's pipeline."
    assert caught.value.code == "conflict"
    assert Application.objects.filter(role=role, candidate=grace).count() == 1
    assert list(StageChange.objects.values_list("pk", flat=True)) == before


@pytest.mark.parametrize("missing", ["role", "candidate"])
def test_unknown_ids_are_not_found_and_nothing_changes(signed_in, missing: str) -> None:
    objects = one_of_everything()
    ids = {"role_id": objects["role"].pk, "candidate_id": Candidate.objects.create(name="Linus").pk}
    ids[f"{missing}_id"] = 999_999
    with pytest.raises(NotFound) as caught:
        application_open(actor=signed_in, **ids)
    assert str(caught.value) == f"no {missing} with id 999999"
    assert Application.objects.count() == 1


def test_an_anonymous_actor_is_forbidden_and_nothing_changes(anonymous) -> None:
    role = one_of_everything()["role"]
    linus = Candidate.objects.create(name="Linus Example")
    with pytest.raises(Forbidden) as caught:
        application_open(actor=anonymous, role_id=role.pk, candidate_id=linus.pk)
    assert str(caught.value) == "You are not allowed to change the pipeline."
    assert not Application.objects.filter(candidate=linus).exists()
