"""Uploading CVs in the workspace: the request returns at once, a background task imports each file."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from shortlist.candidates.models import Candidate, ImportFile, ImportStatus
from shortlist.candidates.tasks import import_uploaded_file

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures" / "cvs"


@pytest.fixture
def signed_in(client: object, recruiter: object) -> object:
    client.force_login(recruiter)
    return client


def _upload(name: str, data: bytes | None = None) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data if data is not None else (FIXTURES / name).read_bytes())


@pytest.mark.django_db(transaction=True)  # the worker commits and closes connections as in production
def test_upload_is_queued_then_imported_by_the_worker(signed_in: object) -> None:
    files = [
        _upload("anna-kowalska.pdf"),
        _upload("chloe-bennett.docx"),
        _upload("broken.pdf", b"%PDF-1.4 garbage"),
    ]
    response = signed_in.post(reverse("web:upload"), {"files": files})
    assert response.status_code == 302
    page = signed_in.get(response["Location"]).content.decode()
    assert "3 queued" in page and 'http-equiv="refresh"' in page
    assert not Candidate.objects.exists()  # nothing was imported inside the request

    call_command("db_worker", batch=True, verbosity=0, reload=False)

    page = signed_in.get(response["Location"]).content.decode()
    assert "2 imported" in page and "1 failed" in page and 'http-equiv="refresh"' not in page
    assert "not a readable PDF" in page
    assert set(Candidate.objects.values_list("source", flat=True)) == {
        "anna-kowalska.pdf",
        "chloe-bennett.docx",
    }
    # The imported CVs are kept as their originals (download and preview, issue 12); the failed one is not.
    kept = {f.name: Path(f.stored_path).is_file() for f in ImportFile.objects.all()}
    assert kept == {"anna-kowalska.pdf": True, "chloe-bennett.docx": True, "broken.pdf": False}


def test_a_zip_upload_becomes_one_task_per_member(signed_in: object, tmp_path: Path) -> None:
    import zipfile

    archive = tmp_path / "cvs.zip"
    with zipfile.ZipFile(archive, "w") as out:
        out.write(FIXTURES / "mei-chen.txt", "team/mei-chen.txt")
        out.writestr("team/photo.png", b"\x89PNG")
    response = signed_in.post(reverse("web:upload"), {"files": [_upload("cvs.zip", archive.read_bytes())]})
    assert response.status_code == 302
    rows = {f.name: f for f in ImportFile.objects.all()}
    assert rows["cvs.zip/team/mei-chen.txt"].status == ImportStatus.QUEUED
    assert rows["cvs.zip/team/photo.png"].status == ImportStatus.FAILED
    assert "unsupported file type .png" in rows["cvs.zip/team/photo.png"].reason


def test_the_import_task_is_idempotent(signed_in: object) -> None:
    signed_in.post(reverse("web:upload"), {"files": [_upload("mei-chen.txt")]})
    upload = ImportFile.objects.get()
    assert import_uploaded_file.call(upload.pk) == ImportStatus.IMPORTED
    assert import_uploaded_file.call(upload.pk) == ImportStatus.IMPORTED  # a second delivery does nothing
    assert Candidate.objects.count() == 1


def test_posting_no_file_is_a_400_with_the_form(signed_in: object) -> None:
    response = signed_in.post(reverse("web:upload"), {})
    assert response.status_code == 400
    assert "This field is required" in response.content.decode()


def test_unknown_upload_batch_is_404(signed_in: object) -> None:
    assert signed_in.get(reverse("web:upload_detail", args=[12345])).status_code == 404
