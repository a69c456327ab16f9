"""`import.finished` is sent once per finished import: a `shortlist import` run, or an upload batch once
its last file is imported or failed (however the files' tasks are delivered)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from shortlist.accounts.access import Actor
from shortlist.candidates.batches import batch_finished
from shortlist.candidates.models import ImportFile
from shortlist.candidates.services import candidate_import, upload_create
from shortlist.candidates.tasks import import_uploaded_file
from shortlist.webhooks.models import Delivery
from tests.webhooks.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)
FIXTURES = Path(__file__).parent.parent / "fixtures" / "cvs"


def _events(receiver) -> list[dict]:
    return [json.loads(request.body) for request in receiver.requests]


def test_a_command_line_import_sends_one_event_with_its_counts(receiver, subscribe, tmp_path) -> None:
    subscribe("import.finished", "application.stage_changed")
    (tmp_path / "broken.pdf").write_bytes(b"%PDF-1.4 garbage")
    (tmp_path / "mei-chen.txt").write_bytes((FIXTURES / "mei-chen.txt").read_bytes())
    candidate_import(actor=Actor.system(), paths=[tmp_path])
    run_worker()

    [event] = _events(receiver)
    assert event["event"] == "import.finished"
    assert event["data"]["upload_id"] is None and event["data"]["files"] == 2
    assert event["data"]["counts"]["imported"] == 1 and event["data"]["counts"]["failed"] == 1


def test_an_upload_batch_sends_one_event_when_its_last_file_is_done(receiver, subscribe) -> None:
    subscribe("import.finished")
    files = [
        SimpleUploadedFile("anna-kowalska.pdf", (FIXTURES / "anna-kowalska.pdf").read_bytes()),
        SimpleUploadedFile("mei-chen.txt", (FIXTURES / "mei-chen.txt").read_bytes()),
        SimpleUploadedFile("broken.pdf", b"%PDF-1.4 garbage"),
    ]
    batch = upload_create(actor=Actor.system(), files=files)
    assert receiver.requests == []
    run_worker()  # imports the three files, then delivers the one event
    run_worker()

    [event] = _events(receiver)
    assert event["data"] == {
        "upload_id": batch.pk,
        "files": 3,
        "counts": {"imported": 2, "updated": 0, "unchanged": 0, "duplicate": 0, "failed": 1},
    }
    # Every file's task delivered again, and the check repeated: still one event.
    for file_id in ImportFile.objects.filter(batch=batch).values_list("pk", flat=True):
        import_uploaded_file.enqueue(file_id)
    assert batch_finished(batch.pk) is True
    run_worker()
    assert len(receiver.requests) == 1 and Delivery.objects.count() == 1


def test_a_batch_refused_on_arrival_is_finished_at_once(receiver, subscribe) -> None:
    subscribe("import.finished")
    batch = upload_create(actor=Actor.system(), files=[SimpleUploadedFile("notes.exe", b"MZ\x90\x00")])
    assert not ImportFile.objects.filter(batch=batch, status="queued").exists()
    run_worker()
    [event] = _events(receiver)
    assert event["data"]["upload_id"] == batch.pk and event["data"]["counts"]["failed"] == 1


def test_two_uploads_are_two_events(receiver, subscribe) -> None:
    subscribe("import.finished")
    for name in ("mei-chen.txt", "anna-kowalska.pdf"):
        upload_create(actor=Actor.system(), files=[SimpleUploadedFile(name, (FIXTURES / name).read_bytes())])
    run_worker()
    run_worker()
    assert sorted(e["data"]["files"] for e in _events(receiver)) == [1, 1]
    assert len({e["id"] for e in _events(receiver)}) == 2
