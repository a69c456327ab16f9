"""The pipeline over the API: open an application, move it, add and read internal notes."""

from __future__ import annotations

import pytest

from shortlist.pipeline.models import ApplicationNote
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db


def test_open_move_and_list_applications(writer) -> None:
    role = one_of_everything()["role"]
    newcomer = make_candidate(name="Linus Example")
    opened = writer.post(f"/roles/{role.pk}/applications", {"candidate_id": newcomer.pk, "note": "strong"})
    assert opened.status_code == 201 and opened.json()["stage"] == "sourced"
    moved = writer.post(
        f"/applications/{opened.json()['id']}/stage", {"stage": "contacted", "note": "called"}
    )
    assert moved.status_code == 200 and moved.json()["stage"] == "contacted"
    history = [
        (c.from_stage, c.to_stage, c.note) for c in role.applications.get(candidate=newcomer).history.all()
    ]
    assert history == [("", "sourced", "strong"), ("sourced", "contacted", "called")]
    listed = writer.get(f"/roles/{role.pk}/applications").json()
    assert listed["count"] == 2 and listed["items"][0]["candidate"]["name"] == "Linus Example"
    assert writer.post(f"/roles/{role.pk}/applications", {"candidate_id": 999_999}).status_code == 404


def test_notes_are_signed_by_the_tokens_owner(writer, recruiter) -> None:
    application = one_of_everything()["application"]
    added = writer.post(f"/applications/{application.pk}/notes", {"body": "Prefers Tuesday"})
    assert added.status_code == 201 and added.json()["author"] == "rita"
    assert ApplicationNote.objects.get(pk=added.json()["id"]).author == recruiter
    notes = writer.get(f"/applications/{application.pk}/notes").json()
    assert [n["body"] for n in notes["items"]] == ["Prefers Tuesday", "Call on Friday"]
    assert writer.post(f"/applications/{application.pk}/notes", {"body": "   "}).status_code == 422
