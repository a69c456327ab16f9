"""An import whose message the broker lost (Redis, when a worker is killed between taking a message and
noting it as taken) is queued again once the queue has gone quiet, not an hour later; while the queue
is busy, or no worker has been up long enough to have taken it, it is left alone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from shortlist.background import execution
from shortlist.background.embedded import run_worker
from shortlist.background.models import TaskAttempt, WorkerBeat
from shortlist.candidates.models import Candidate, ImportBatch, ImportFile, ImportStatus
from shortlist.candidates.uploads import create_batch, uploads_enqueue_unqueued

pytestmark = pytest.mark.django_db(transaction=True)

FIXTURES = Path(__file__).parent / "fixtures" / "cvs"
NAMES = ("anna-kowalska.pdf", "chloe-bennett.docx", "mei-chen.txt")


def _window() -> timedelta:
    from django.conf import settings

    return timedelta(seconds=execution.redelivery_bound() + settings.WORKER_LEASE)


@pytest.fixture
def lost(settings: object, tmp_path: Path) -> ImportBatch:
    """Three files queued a while ago whose messages never reached a worker, and a worker that has
    been up all that time with nothing to do."""
    settings.UPLOAD_DIR = tmp_path / "uploads"
    batch = create_batch([SimpleUploadedFile(n, (FIXTURES / n).read_bytes()) for n in NAMES], None)
    DBTaskResult.objects.all().delete()  # the broker lost them
    sent = timezone.now() - _window() - timedelta(seconds=5)
    ImportFile.objects.filter(batch=batch).update(enqueued_at=sent)
    ImportBatch.objects.filter(pk=batch.pk).update(created_at=sent)
    WorkerBeat.objects.create(
        worker_id="w1", kind="celery", host="h", pid=1, started_at=sent, beat_at=timezone.now()
    )
    return batch


def test_a_quiet_queue_sends_them_again_and_each_is_imported_once(lost: ImportBatch) -> None:
    assert uploads_enqueue_unqueued() == len(NAMES)
    assert uploads_enqueue_unqueued() == 0  # just sent: not lost again until the queue has had its time
    run_worker(batch=True)
    files = ImportFile.objects.filter(batch=lost)
    assert {f.name: f.status for f in files} == dict.fromkeys(NAMES, ImportStatus.IMPORTED)
    assert sorted(Candidate.objects.values_list("source", flat=True)) == sorted(NAMES)


def test_a_worker_in_the_middle_of_a_task_means_they_may_still_come(lost: ImportBatch) -> None:
    TaskAttempt.objects.create(task_id="t", task_path="x", attempts=1, last_started_at=timezone.now())
    assert uploads_enqueue_unqueued() == 0
    # A row left by a worker that died long ago says nothing about now.
    TaskAttempt.objects.filter(task_id="t").update(last_started_at=timezone.now() - timedelta(hours=1))
    assert uploads_enqueue_unqueued() == len(NAMES)


def test_an_import_that_finished_lately_means_the_queue_is_still_moving(lost: ImportBatch) -> None:
    done = ImportFile.objects.filter(batch=lost).first()
    assert done is not None
    ImportFile.objects.filter(pk=done.pk).update(status=ImportStatus.IMPORTED, finished_at=timezone.now())
    assert uploads_enqueue_unqueued() == 0


def test_a_worker_that_just_started_has_not_had_the_time_to_take_them(lost: ImportBatch) -> None:
    WorkerBeat.objects.update(started_at=timezone.now() - timedelta(seconds=1))
    assert uploads_enqueue_unqueued() == 0
    WorkerBeat.objects.update(beat_at=timezone.now() - timedelta(hours=1), started_at=lost.created_at)
    assert uploads_enqueue_unqueued() == 0  # and a dead worker takes nothing
