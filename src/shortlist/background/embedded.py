"""The embedded worker: django-tasks-db's queue in our own database, with what it lacks added around it.

django-tasks-db (0.13) claims tasks safely (SELECT … FOR UPDATE SKIP LOCKED, an exclusive transaction on
SQLite) but has no lease: a worker killed mid-task leaves its task RUNNING for ever (its issue #46). So
this worker keeps their claim loop and adds:

- a heartbeat (`heartbeat.Heartbeat`) that is the lease on the task it runs;
- a reaper, run by every live worker after each beat, that puts the RUNNING tasks of workers silent for
  a lease back to READY, for `execution.run` to count and bound;
- `execution.run` around each task: attempts, time limit, retry on a lost database.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max
from django_tasks_db.utils import exclusive_transaction

from shortlist.background import execution
from shortlist.background.execution import TRANSIENT
from shortlist.background.heartbeat import Heartbeat, lease, live_worker_ids, new_worker_id
from shortlist.background.models import WorkerBeat
from shortlist.background.sweeps import run_sweeps

log = logging.getLogger("shortlist.worker")


def reap(now: datetime | None = None) -> int:
    """Re-queue every RUNNING task whose worker has not beaten for a lease; returns how many."""
    now = now or timezone.now()
    live = live_worker_ids(now)
    cutoff = now - lease()
    given_back = 0
    with exclusive_transaction(DBTaskResult.objects.db):
        running = (
            DBTaskResult.objects.running().filter(started_at__lt=cutoff).select_for_update(skip_locked=True)
        )
        for task in running:
            holder = task.worker_ids[-1] if task.worker_ids else ""
            if holder in live:
                continue
            task.status = TaskResultStatus.READY
            task.run_after = get_date_max()
            task.save(update_fields=["status", "run_after"])
            given_back += 1
            log.warning(
                "task %s (%s) re-queued: its worker %s stopped beating", task.id, task.task_path, holder
            )
    # Rows of workers gone for a day only clutter the table.
    WorkerBeat.objects.filter(beat_at__lt=now - timedelta(days=1)).delete()
    return given_back


def retry_later(task: DBTaskResult, delay: float) -> None:
    task.status = TaskResultStatus.READY
    task.run_after = timezone.now() + timedelta(seconds=delay)
    task.save(update_fields=["status", "run_after"])


class EmbeddedWorker(Worker):
    """django-tasks-db's worker loop, each task run through `execution.run`, riding out a database
    that drops its connections (a failover, pg_terminate_backend, a restart)."""

    def run(self) -> None:
        while True:
            try:
                return super().run()
            except TRANSIENT as error:
                log.warning("database unavailable (%s); trying again in 1 s", error.__class__.__name__)
                execution.reset_connections()
                time.sleep(1)

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.running_task = True
        try:
            task = db_task_result.task
            value = execution.run(
                str(db_task_result.id),
                task,
                db_task_result.args_kwargs["args"],
                db_task_result.args_kwargs["kwargs"],
            )
            _record(lambda: db_task_result.set_successful(value))
        except execution.RetryLater as later:
            _record(lambda delay=later.delay: retry_later(db_task_result, delay))
        except Exception as error:  # the task's own failure (or TaskAbandoned): recorded on its row
            _record(lambda failure=error: db_task_result.set_failed(failure))
        finally:
            self.running_task = False
            self._run_tasks += 1


def _record(write: Callable[[], None], patience: float = 30.0) -> None:
    """Write a task's outcome, reconnecting while the database is away. Past `patience` the error
    ends the worker: its supervisor restarts it, and the reaper re-queues the task after a lease
    (the task is idempotent, so running it again is safe)."""
    deadline = time.monotonic() + patience
    while True:
        try:
            write()
            return
        except TRANSIENT:
            execution.reset_connections()
            if time.monotonic() > deadline:
                raise
            time.sleep(1)


def run_worker(*, batch: bool = False, interval: float = 0.5) -> None:
    """Run the embedded worker in this process until stopped (or, with `batch`, until the queue is empty)."""
    worker_id = new_worker_id("embedded")
    heartbeat = Heartbeat(worker_id, "embedded", also=_reap_quietly)
    heartbeat.beat()
    _reap_quietly()  # tasks left RUNNING by a worker that died before this one started
    run_sweeps(force=True)  # and work whose task was never queued (background/sweeps.py)
    heartbeat.start()
    worker = EmbeddedWorker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        worker.run()
    finally:
        heartbeat.stop()


def _reap_quietly() -> None:
    given_back = reap()
    if given_back:
        log.warning("%d task(s) of stopped workers re-queued", given_back)
    run_sweeps()
