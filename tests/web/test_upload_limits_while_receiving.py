"""An upload over the request size or file-count limit is refused with a 413 that names the limit,
judged from the declared size before the body is read, and nothing of it is kept."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from shortlist.candidates.models import ImportBatch, ImportFile

pytestmark = pytest.mark.django_db


class _Unread:
    """A request body that fails the test if anyone reads it."""

    def read(self, *args: object) -> bytes:
        raise AssertionError("the body was read")

    readline = read


@pytest.fixture
def signed_in(client: Client, recruiter: object) -> Client:
    client.force_login(recruiter)
    return client


def test_a_request_declaring_more_than_the_limit_is_refused_before_its_body_is_read(
    signed_in: Client, settings: object
) -> None:
    settings.UPLOAD_MAX_REQUEST_BYTES = 5 * 1024 * 1024
    response = signed_in.generic(
        "POST",
        reverse("web:upload"),
        content_type="multipart/form-data; boundary=BoUnDaRy",
        CONTENT_LENGTH=str(1024**3),
        **{"wsgi.input": _Unread()},
    )
    assert response.status_code == 413
    assert "The upload is 1024 MB; one request may carry at most 5 MB." in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_too_many_files_in_one_request_is_a_413_naming_the_limit(signed_in: Client, settings: object) -> None:
    settings.DATA_UPLOAD_MAX_NUMBER_FILES = 3
    files = [SimpleUploadedFile(f"cv-{n}.txt", b"Jane Doe, engineer") for n in range(4)]
    response = signed_in.post(reverse("web:upload"), {"files": files})
    assert response.status_code == 413
    assert "One upload may carry at most 3 files" in response.content.decode()
    assert not ImportBatch.objects.exists() and not ImportFile.objects.exists()


def test_too_much_form_data_is_a_413(signed_in: Client, settings: object) -> None:
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 64 * 1024
    response = signed_in.post(reverse("web:upload"), {"note": "x" * (100 * 1024)})
    assert response.status_code == 413
    assert "The form data is over the 0.0625 MB limit." in response.content.decode()
    response = signed_in.post(
        reverse("web:upload"), "x" * (100 * 1024), content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 413


def test_an_upload_within_the_limits_is_accepted(signed_in: Client) -> None:
    files = [SimpleUploadedFile("jane.txt", b"Jane Doe, engineer")]
    response = signed_in.post(reverse("web:upload"), {"files": files})
    assert response.status_code == 302
    assert ImportFile.objects.get().name == "jane.txt"
