"""An uploaded CV that imported is kept as the candidate's original (issue 12): the worker keeps it,
a failed file is not kept, a merge hands it to the profile kept, and erasure removes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shortlist.accounts.access import Actor
from shortlist.candidates import pool
from shortlist.candidates.merge import merge_candidates
from shortlist.candidates.models import Candidate, ImportFile
from shortlist.candidates.selectors import candidate_cv_preview
from shortlist.candidates.services import upload_create
from shortlist.candidates.tasks import import_uploaded_file
from shortlist.compliance.services import candidate_erase
from tests.factories import make_candidate
from tests.pool_helpers import empty_index

pytestmark = pytest.mark.django_db
CV = (
    b"Zofia Nowak\nzofia@example.org\n\nExperience\n"
    b"Senior Go Engineer, PayStream, 2019 - present\nBuilt the gateway in Go.\n"
)


@pytest.fixture
def uploads(settings, tmp_path):
    settings.UPLOAD_DIR = tmp_path / "uploads"
    empty_index()
    yield Path(settings.UPLOAD_DIR)
    pool.forget()


def _import(files, capture) -> list[ImportFile]:
    with capture(execute=True):
        batch = upload_create(actor=Actor.system(), files=files)
    for row in batch.files.all():
        with capture(execute=True):
            import_uploaded_file.call(row.pk)
    return list(ImportFile.objects.filter(batch=batch).order_by("name"))


def test_the_imported_file_is_kept_and_a_failed_one_is_not(
    uploads, django_capture_on_commit_callbacks
) -> None:
    broken, good = _import(
        [SimpleUploadedFile("zofia.txt", CV), SimpleUploadedFile("broken.pdf", b"%PDF-1.4 garbage")],
        django_capture_on_commit_callbacks,
    )
    assert good.status == "imported" and Path(good.stored_path).is_file()
    assert broken.status == "failed" and not Path(broken.stored_path).exists()
    held = candidate_cv_preview(actor=Actor.system(), candidate_id=good.candidate_id).file
    assert held is not None and held.name == "zofia.txt" and held.format == "txt"


def test_a_merge_keeps_the_file_with_the_kept_profile_and_erasure_removes_it(
    uploads, django_capture_on_commit_callbacks
) -> None:
    (upload,) = _import([SimpleUploadedFile("zofia.txt", CV)], django_capture_on_commit_callbacks)
    kept = make_candidate(name="Zofia Nowak", emails=["z.nowak@example.org"])
    merge_candidates(kept.pk, upload.candidate_id)
    stored = Path(upload.stored_path)
    assert candidate_cv_preview(actor=Actor.system(), candidate_id=kept.pk).file.path == stored.resolve()
    with django_capture_on_commit_callbacks(execute=True):
        receipt = candidate_erase(actor=Actor.system(), candidate_id=kept.pk, reason="asked to be forgotten")
    assert not stored.exists() and receipt.counts["stored_files"] == 1
    assert not Candidate.objects.filter(pk=kept.pk).exists()
