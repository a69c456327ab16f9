"""SHORTLIST_TASKS=celery keeps the one task API: `enqueue` inside a transaction sends nothing until the
transaction commits, and the Celery task runs the same django-tasks task through the same execution
(attempts, time limit) as the embedded worker. Celery runs eagerly here; the broker itself is covered by
tests/test_worker_killed_mid_batch.py."""

from __future__ import annotations

import importlib.util
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction

from shortlist.accounts.access import Actor
from shortlist.background.models import TaskAttempt
from shortlist.candidates.models import Candidate, ImportFile
from shortlist.candidates.services import upload_create
from tests.queue_helpers import cv_text

pytestmark = pytest.mark.django_db(transaction=True)

if importlib.util.find_spec("celery") is None:  # pragma: no cover - installed with the celery extra
    if os.environ.get("SHORTLIST_REQUIRE_POSTGRES") == "1":
        raise RuntimeError("Celery is not installed (pip install 'shortlist[celery]')")
    pytest.skip("Celery is not installed", allow_module_level=True)


@pytest.fixture
def eager_celery(settings: object) -> object:
    from shortlist.background.celery_app import app

    settings.TASKS = {"default": {"BACKEND": "shortlist.background.celery_backend.CeleryBackend"}}
    app.conf.task_always_eager = True
    yield app
    app.conf.task_always_eager = False


def test_an_upload_is_sent_to_celery_only_once_committed_and_imported_once(eager_celery: object) -> None:
    with transaction.atomic():
        upload_create(actor=Actor.system(), files=[SimpleUploadedFile("ada.txt", cv_text(1).encode())])
        assert ImportFile.objects.get().status == "queued"  # nothing sent, nothing run yet
        assert not Candidate.objects.exists()

    upload = ImportFile.objects.get()
    assert upload.status == "imported" and Candidate.objects.count() == 1
    assert not TaskAttempt.objects.exists()
