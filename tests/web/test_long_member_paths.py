"""A zip member whose path is longer than any column (600 characters) fails alone with its reason, on
SQLite and PostgreSQL alike: the upload is accepted, the other members are queued, no file is orphaned."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shortlist.candidates.models import ImportFile, ImportStatus

pytestmark = pytest.mark.django_db


def test_a_member_path_of_600_characters_fails_alone(
    client: Client, recruiter: object, settings: object, tmp_path: Path
) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"
    client.force_login(recruiter)
    long_path = "folder-" * 84 + "cv.txt"
    assert len(long_path) > 500
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(long_path, b"Mallory, engineer")
        archive.writestr("jane.txt", b"Jane Doe, engineer")
    upload = SimpleUploadedFile("cvs.zip", buffer.getvalue())

    response = client.post(reverse("web:upload"), {"files": [upload]})

    assert response.status_code == 302
    long_row = ImportFile.objects.get(status=ImportStatus.FAILED)
    assert long_row.reason == f"path in archive is {len(long_path):,} characters (limit 255)"
    assert long_row.name.startswith("cvs.zip/folder-") and len(long_row.name) <= 500
    queued = ImportFile.objects.get(status=ImportStatus.QUEUED)
    assert queued.name == "cvs.zip/jane.txt"
    stored = {str(p) for p in Path(settings.UPLOAD_DIR).rglob("*") if p.is_file()}
    assert stored == {queued.stored_path}
