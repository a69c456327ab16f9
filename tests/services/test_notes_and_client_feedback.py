"""Notes on a candidate, an application or a role, signed and dated, internal or shared; client
feedback is its own kind and always shared; a client's user reads only what was shared."""

from __future__ import annotations

import pytest

from shortlist.accounts.access import Actor, Role
from shortlist.accounts.services import create_user
from shortlist.errors import Forbidden, Invalid
from shortlist.pipeline.models import ApplicationNote
from shortlist.pipeline.selectors import note_list
from shortlist.pipeline.services import note_add
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def test_notes_on_an_application_show_on_its_candidate_and_its_role(signed_in, recruiter) -> None:
    objects = one_of_everything()
    application, candidate, role = objects["application"], objects["candidate"], objects["role"]
    on_card = note_add(actor=signed_in, body="Strong Go, wants hybrid", application_id=application.pk)
    on_person = note_add(actor=signed_in, body="Prefers e-mail", candidate_id=candidate.pk)
    on_role = note_add(actor=signed_in, body="Client wants FIX", role_id=role.pk, visibility="shared")
    assert on_card.author == recruiter and on_role.visibility == "shared"
    of_candidate = set(note_list(actor=signed_in, candidate_id=candidate.pk).values_list("body", flat=True))
    of_role = set(note_list(actor=signed_in, role_id=role.pk).values_list("body", flat=True))
    assert {
        "Strong Go, wants hybrid",
        "Prefers e-mail",
    } <= of_candidate and "Client wants FIX" not in of_candidate
    assert {"Strong Go, wants hybrid", "Client wants FIX"} <= of_role and "Prefers e-mail" not in of_role
    assert on_person.kind == "note"


def test_client_feedback_is_recorded_as_such_and_always_shared(signed_in) -> None:
    application = one_of_everything()["application"]
    note = note_add(
        actor=signed_in, body="Liked the system design", application_id=application.pk, kind="client_feedback"
    )
    note.refresh_from_db()
    assert (note.kind, note.visibility) == ("client_feedback", "shared")


def test_an_empty_note_or_one_without_a_subject_is_invalid_and_nothing_is_saved(signed_in) -> None:
    objects = one_of_everything()
    before = ApplicationNote.objects.count()
    with pytest.raises(Invalid) as caught:
        note_add(actor=signed_in, body="  ", role_id=objects["role"].pk)
    assert caught.value.issues == (("body", "write something"),)
    with pytest.raises(Invalid):
        note_add(actor=signed_in, body="x", role_id=objects["role"].pk, candidate_id=objects["candidate"].pk)
    assert ApplicationNote.objects.count() == before


def test_a_clients_user_reads_shared_notes_only_and_writes_feedback_only(signed_in) -> None:
    objects = one_of_everything()
    role = objects["role"]
    note_add(actor=signed_in, body="Internal: salary is tight", role_id=role.pk)
    note_add(actor=signed_in, body="Shared: shortlist on Friday", role_id=role.pk, visibility="shared")
    user = create_user("cara", "a-long-test-password", role=Role.CLIENT, client="Meridian Quant")
    client_user = Actor.of(user)
    seen = list(note_list(actor=client_user, role_id=role.pk).values_list("body", flat=True))
    assert "Shared: shortlist on Friday" in seen and "Internal: salary is tight" not in seen
    with pytest.raises(Forbidden):
        note_add(actor=client_user, body="An internal note", role_id=role.pk)
