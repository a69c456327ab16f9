"""An upload whose import was never queued (the web process died between saving the files and queueing
their tasks) is found and queued by a worker when it starts, and then periodically: imported once."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from shortlist.background.embedded import run_worker
from shortlist.candidates import uploads
from shortlist.candidates.models import Candidate, ImportBatch, ImportFile, ImportStatus
from shortlist.candidates.tasks import import_uploaded_file
from shortlist.candidates.uploads import create_batch, uploads_enqueue_unqueued

pytestmark = pytest.mark.django_db(transaction=True)  # commits as in production; the worker runs here

FIXTURES = Path(__file__).parent / "fixtures" / "cvs"
NAMES = ("anna-kowalska.pdf", "chloe-bennett.docx", "mei-chen.txt")


@pytest.fixture
def stranded(monkeypatch: pytest.MonkeyPatch, settings: object, tmp_path: Path) -> ImportBatch:
    """An upload saved and committed by a process that died before queueing its tasks."""
    settings.UPLOAD_DIR = tmp_path / "uploads"
    with monkeypatch.context() as died:
        died.setattr(uploads, "_enqueue", lambda file_ids: None)
        batch = create_batch([SimpleUploadedFile(n, (FIXTURES / n).read_bytes()) for n in NAMES], None)
    assert not DBTaskResult.objects.exists()
    return batch


def _age(batch: ImportBatch, minutes: int) -> None:
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=timezone.now() - timedelta(minutes=minutes))


def test_a_recent_upload_is_left_to_its_own_queueing(stranded: ImportBatch) -> None:
    assert uploads_enqueue_unqueued() == 0
    assert not DBTaskResult.objects.exists()


def test_stranded_files_are_queued_once_however_often_the_sweep_runs(stranded: ImportBatch) -> None:
    _age(stranded, 10)
    assert uploads_enqueue_unqueued() == len(NAMES)
    assert uploads_enqueue_unqueued() == 0  # a second worker, or the next sweep, finds nothing to do
    assert DBTaskResult.objects.count() == len(NAMES)
    assert not ImportFile.objects.filter(enqueued_at__isnull=True).exists()


def test_a_starting_worker_sweeps_them_up_and_each_file_is_imported_once(stranded: ImportBatch) -> None:
    _age(stranded, 10)
    # One file's task did reach the queue, but the note that it had was lost with the process: the
    # sweep queues it a second time, and the second delivery must find it done.
    twice = ImportFile.objects.get(batch=stranded, name="mei-chen.txt")
    import_uploaded_file.enqueue(twice.pk)
    run_worker(batch=True)
    files = ImportFile.objects.filter(batch=stranded)
    assert {f.name: f.status for f in files} == dict.fromkeys(NAMES, ImportStatus.IMPORTED)
    assert sorted(Candidate.objects.values_list("source", flat=True)) == sorted(NAMES)
    assert DBTaskResult.objects.filter(args_kwargs__args=[twice.pk]).count() == 2


def test_an_upload_that_queued_its_tasks_is_left_alone_unless_its_message_seems_lost(
    settings: object, tmp_path: Path
) -> None:
    settings.UPLOAD_DIR = tmp_path / "uploads"
    batch = create_batch([SimpleUploadedFile(n, (FIXTURES / n).read_bytes()) for n in NAMES], None)
    _age(batch, 10)
    assert DBTaskResult.objects.count() == len(NAMES)
    assert uploads_enqueue_unqueued() == 0
    assert DBTaskResult.objects.count() == len(NAMES)
    # Still queued two hours after its task was sent (a broker that lost the message): sent again.
    ImportFile.objects.filter(batch=batch).update(enqueued_at=timezone.now() - timedelta(hours=2))
    _age(batch, 180)
    assert uploads_enqueue_unqueued() == len(NAMES)
    assert DBTaskResult.objects.count() == 2 * len(NAMES)
    assert uploads_enqueue_unqueued() == 0
