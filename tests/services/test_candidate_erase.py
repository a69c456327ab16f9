"""What an erasure leaves of other people: their records stay whole, only mentions of the erased
person are redacted, and a file name many people share ("cv.pdf") identifies no one."""

from __future__ import annotations

import pytest

from shortlist.accounts.access import Actor
from shortlist.candidates.models import Candidate, ImportBatch, ImportFile
from shortlist.compliance.services import candidate_erase
from shortlist.errors import Invalid, NotFound
from shortlist.pipeline.models import Application, ApplicationNote
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def _erase(candidate_id: int, reason: str = "request") -> object:
    return candidate_erase(actor=Actor.system(), candidate_id=candidate_id, reason=reason)


def test_another_persons_duplicate_reason_is_redacted_and_their_profile_kept() -> None:
    objects = one_of_everything()
    grace = objects["candidate"]
    # A different person sharing the family phone (and a similar name): flagged, not the same person.
    other = Candidate.objects.create(
        name="Grace Hopper-Smith", phone="+447700900123", source="ghs.pdf", duplicate_of=grace
    )
    batch = ImportBatch.objects.create()
    record = ImportFile.objects.create(
        batch=batch, name="ghs.pdf", status="duplicate", candidate=other,
        reason=f"same phone and name as #{grace.pk} Grace Hopper (grace.pdf)",
    )  # fmt: skip

    _erase(grace.pk)

    record.refresh_from_db()
    other.refresh_from_db()
    assert record.reason == "same phone and name as #— [erased] ([erased])"
    assert record.name == "ghs.pdf" and other.duplicate_of_id is None
    assert other.name == "Grace Hopper-Smith"  # their own data is theirs


def test_a_namesakes_notes_and_a_shared_file_name_are_left_alone() -> None:
    objects = one_of_everything()
    grace = objects["candidate"]
    Candidate.objects.filter(pk=grace.pk).update(source="cv.pdf")
    namesake = Candidate.objects.create(name="Grace Hopper", source="cv.pdf")
    application = Application.open(namesake, objects["role"])
    note = ApplicationNote.objects.create(application=application, body="Grace Hopper sent cv.pdf again")

    _erase(grace.pk)

    note.refresh_from_db()
    assert note.body == "Grace Hopper sent cv.pdf again"
    assert Candidate.objects.filter(pk=namesake.pk, source="cv.pdf").exists()
    assert application.history.count() == 1  # another person's stage history is untouched


def test_refusals_leave_everything_in_place() -> None:
    grace = one_of_everything()["candidate"]
    with pytest.raises(Invalid, match="names the person"):
        _erase(grace.pk, reason="grace@example.org wrote to us")
    with pytest.raises(Invalid, match="reason"):
        _erase(grace.pk, reason="   ")
    with pytest.raises(NotFound):
        _erase(grace.pk + 1000)
    assert Candidate.objects.filter(pk=grace.pk).exists()


def test_a_damaged_index_version_is_removed_rather_than_left_holding_them(imported) -> None:
    from shortlist.candidates import pool
    from shortlist.engine.matching import published

    pool.publish()
    folder = pool.index_dir()
    current = folder / published.current_name(folder)
    (current / "ids.npy").write_bytes(b"damaged")
    erased = imported["mei-chen.txt"]

    receipt = _erase(erased)

    assert receipt.completed_at is not None
    assert not [p for p in folder.iterdir() if p.is_dir()]  # nothing left on disk to hold them
    pool.forget()
    assert erased not in pool.pool_index() and len(pool.pool_index()) == len(imported) - 1
