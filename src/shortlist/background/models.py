"""What the workers tell the database about themselves, whichever backend carries the tasks."""

from __future__ import annotations

from django.db import models


class WorkerBeat(models.Model):
    """A task worker as its last heartbeat saw it. A worker silent for longer than the lease is taken
    for dead: the upload page says so, and the tasks it was running are given to another worker."""

    worker_id = models.CharField(max_length=64, primary_key=True)
    kind = models.CharField(max_length=16)  # "embedded" or "celery"
    host = models.CharField(max_length=255)
    pid = models.IntegerField()
    started_at = models.DateTimeField()
    beat_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return f"{self.kind} worker {self.host}:{self.pid}"


class TaskAttempt(models.Model):
    """How many times one queued task has been started. Counted here, not by the queue, because a
    Celery broker redelivers a task whose worker died without counting: this row bounds it on both
    backends. Deleted when the task finishes, so only unfinished tasks have one."""

    task_id = models.CharField(max_length=64, primary_key=True)
    task_path = models.CharField(max_length=255)
    attempts = models.PositiveIntegerField(default=0)
    last_started_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.task_path} ({self.attempts} attempts)"
