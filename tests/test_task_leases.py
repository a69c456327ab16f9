"""A task outlives its worker only by a lease: re-queued when the worker stops beating, run a bounded
number of times, stopped at its time limit, and always ended with a reason (the embedded queue)."""

from __future__ import annotations

import time
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import OperationalError
from django.test import override_settings
from django.utils import timezone
from django_tasks import task
from django_tasks_db.models import DBTaskResult

from shortlist.accounts.access import Actor
from shortlist.background import execution
from shortlist.background.embedded import EmbeddedWorker, reap
from shortlist.background.models import TaskAttempt, WorkerBeat
from shortlist.candidates.models import Candidate, ImportFile
from shortlist.candidates.services import upload_create
from tests.queue_helpers import cv_text

pytestmark = pytest.mark.django_db(transaction=True)
abandoned: list[tuple[int, str]] = []


@task()
def sleeps(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


@task()
def loses_the_database(marker: int) -> None:
    raise OperationalError("server closed the connection unexpectedly")


@execution.on_abandon(sleeps)
def _sleeps_abandoned(seconds: float, *, reason: str) -> None:
    abandoned.append((int(seconds), reason))


def _queue_one_upload() -> ImportFile:
    upload_create(actor=Actor.system(), files=[SimpleUploadedFile("ada.txt", cv_text(1).encode())])
    return ImportFile.objects.get()


def _claim(holder: str, started: timedelta) -> DBTaskResult:
    claimed = DBTaskResult.objects.get()
    claimed.claim(holder)
    DBTaskResult.objects.filter(pk=claimed.pk).update(started_at=timezone.now() - started)
    return claimed


def _drain() -> None:
    EmbeddedWorker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    ).run()  # fmt: skip


def _beat(worker_id: str, ago: timedelta) -> None:
    at = timezone.now() - ago
    WorkerBeat.objects.create(
        worker_id=worker_id, kind="embedded", host="h", pid=1, started_at=at, beat_at=at
    )


def test_the_task_of_a_worker_that_stopped_beating_is_requeued_and_imported_once() -> None:
    upload = _queue_one_upload()
    _beat("dead", ago=timedelta(minutes=5))
    claimed = _claim("dead", started=timedelta(minutes=5))

    assert reap() == 1
    _drain()

    upload.refresh_from_db()
    assert upload.status == "imported" and Candidate.objects.count() == 1
    claimed.refresh_from_db()
    assert claimed.status == "SUCCESSFUL" and claimed.worker_ids == ["dead", "test-worker"]
    assert not TaskAttempt.objects.exists()  # the count goes once the task is done


def test_a_live_workers_long_task_is_left_alone() -> None:
    _queue_one_upload()
    _beat("alive", ago=timedelta(seconds=1))
    _claim("alive", started=timedelta(minutes=30))

    assert reap() == 0
    assert DBTaskResult.objects.get().status == "RUNNING"


def test_a_file_whose_attempts_are_spent_ends_failed_with_the_reason() -> None:
    upload = _queue_one_upload()
    claimed = DBTaskResult.objects.get()
    TaskAttempt.objects.create(
        task_id=str(claimed.pk), task_path="x", attempts=3, last_started_at=timezone.now()
    )

    _drain()

    upload.refresh_from_db()
    assert upload.status == "failed"
    assert upload.reason.startswith("gave up after 3 attempts: the worker running it stopped")
    assert not Candidate.objects.exists()
    claimed.refresh_from_db()
    assert claimed.status == "FAILED" and claimed.exception_class_path.endswith("TaskAbandoned")


@override_settings(TASK_TIME_LIMIT=1)
def test_a_task_past_its_time_limit_is_stopped_and_given_up_with_the_reason() -> None:
    abandoned.clear()
    started = time.monotonic()
    with pytest.raises(execution.TaskAbandoned, match="stopped at the 1 s time limit"):
        execution.run("t-1", sleeps, [30], {})
    assert time.monotonic() - started < 5
    assert abandoned == [(30, "stopped at the 1 s time limit")]


def test_a_lost_database_is_retried_then_given_up_with_the_reason() -> None:
    for attempt in (1, 2):
        with pytest.raises(execution.RetryLater) as later:
            execution.run("t-2", loses_the_database, [7], {})
        assert later.value.delay == 2**attempt
    with pytest.raises(execution.TaskAbandoned, match="3 attempts: the database was unavailable"):
        execution.run("t-2", loses_the_database, [7], {})
