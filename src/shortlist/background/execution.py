"""One run of one task, the same on both backends: counted, time-limited, retried when the database went
away, and given up with a reason once its attempts are spent.

The backends only carry tasks; this module decides what a run means:

- Every start is counted in `TaskAttempt` before the task runs. A task whose worker died mid-run is
  delivered again (the embedded reaper re-queues it, a Celery broker redelivers the unacknowledged
  message); the start after the last allowed one gives it up instead of running it.
- A run longer than `TASK_TIME_LIMIT` is interrupted inside the task (SIGALRM raises `TaskTimeout`);
  one that does not stop within a grace period (stuck in C code) is given up from a watchdog thread and
  its process exits, for the supervisor or the Celery pool to replace.
- A database error that means "connection lost" (`OperationalError`, `InterfaceError`) is retried with
  back-off; anything else the task raises fails it at once, since running it again would fail again.
- Giving up calls the task's `on_abandon` hook, so whatever the task stands for (an uploaded file)
  ends failed with the reason, never stuck as queued.

Tasks must be idempotent: a run can be cut off after its work committed and be delivered again.
"""

from __future__ import annotations

import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import InterfaceError, OperationalError, connections, transaction
from django.utils import timezone
from django_tasks.base import Task

from shortlist.background.models import TaskAttempt

log = logging.getLogger("shortlist.worker")

TRANSIENT = (OperationalError, InterfaceError)
# The exit status of a worker that gave up a task stuck past its time limit: the supervisor restarts it.
OVERRUN_EXIT = 70


class TaskTimeout(BaseException):
    """Raised inside a task at its time limit. A BaseException, so the task's own `except Exception`
    (a parser bug costing one file) cannot swallow it."""


class RetryLater(Exception):
    """The run could not finish for a reason that may pass (the database went away): run it again
    after `delay` seconds."""

    def __init__(self, delay: float) -> None:
        super().__init__(f"retry in {delay:.0f} s")
        self.delay = delay


class TaskAbandoned(Exception):
    """The task was given up; `str()` is the reason, also handed to its `on_abandon` hook."""


_on_abandon: dict[str, Callable[..., None]] = {}


def on_abandon(task: Task) -> Callable[[Callable[..., None]], Callable[..., None]]:
    """Register what to record when `task` is given up: called with the task's own arguments and
    `reason=`. It must be idempotent too."""

    def register(hook: Callable[..., None]) -> Callable[..., None]:
        _on_abandon[task.module_path] = hook
        return hook

    return register


def reset_connections() -> None:
    """Drop this thread's database connections after a lost connection or an interrupted query; the
    next query opens a fresh one (Django does not reconnect a broken connection by itself)."""
    for connection in connections.all(initialized_only=True):
        if not connection.in_atomic_block:
            connection.close()


def grace() -> float:
    """How long past its time limit a task may take to stop before its process is ended."""
    return max(1.0, min(10.0, settings.TASK_TIME_LIMIT / 10))


def redelivery_bound() -> float:
    """Seconds within which a delivered task has finished or, its worker dead, been delivered again:
    twice the longest run (a live task must not be redelivered while it runs) plus a lease. Celery's
    Redis visibility timeout."""
    return 2 * (settings.TASK_TIME_LIMIT + grace()) + settings.WORKER_LEASE


def any_task_running(now: datetime) -> bool:
    """Whether some worker is in the middle of a task: a start counted within the longest a run lasts.
    (A finished run deletes its row; an older row is a dead worker's, waiting for its redelivery.)"""
    longest = timedelta(seconds=settings.TASK_TIME_LIMIT + 2 * grace())
    return TaskAttempt.objects.filter(last_started_at__gte=now - longest).exists()


def backoff(attempt: int) -> float:
    return float(min(60, 2**attempt))


def run(
    task_id: str,
    task: Task,
    args: list[Any],
    kwargs: dict[str, Any],
    on_overrun: Callable[[str], None] | None = None,
) -> Any:
    """Run one delivery of a task. Returns its value, or raises `RetryLater` or `TaskAbandoned`.

    `on_overrun(reason)` is called from a watchdog thread when the task ignores its time limit; the
    default gives the task up and ends the process (the only way to stop a thread stuck in C code)."""
    limit = settings.TASK_ATTEMPTS
    try:
        attempt = _record_start(task_id, task.module_path)
    except TRANSIENT as error:
        reset_connections()
        raise RetryLater(backoff(1)) from error
    if attempt > limit:
        _give_up(
            task_id, task, args, kwargs,
            f"gave up after {limit} attempts: the worker running it stopped before it finished "
            "(killed, out of memory or cut off)",
        )  # fmt: skip
    seconds = settings.TASK_TIME_LIMIT
    timeout_reason = f"stopped at the {seconds} s time limit"

    def overrun() -> None:
        try:
            # The attempts stay spent: the redelivery that follows this process's exit gives up at once.
            _give_up(task_id, task, args, kwargs, timeout_reason, spent=limit)
        except (TaskAbandoned, RetryLater):
            pass
        finally:
            log.error("%s: still running %.0f s past its time limit; ending this worker process",
                      task.name, grace())  # fmt: skip
            os._exit(OVERRUN_EXIT)

    try:
        with time_limit(seconds, on_overrun or (lambda _reason: overrun())):
            value = task.call(*args, **kwargs)
    except TaskTimeout:
        reset_connections()
        _give_up(task_id, task, args, kwargs, timeout_reason)
    except TRANSIENT as error:
        reset_connections()
        log.warning("%s: database unavailable (%s), attempt %d of %d", task.name, error, attempt, limit)
        if attempt >= limit:
            _give_up(
                task_id, task, args, kwargs,
                f"gave up after {limit} attempts: the database was unavailable "
                f"({error.__class__.__name__})",
            )  # fmt: skip
        raise RetryLater(backoff(attempt)) from error
    TaskAttempt.objects.filter(task_id=task_id).delete()
    return value


def _record_start(task_id: str, task_path: str) -> int:
    now = timezone.now()
    with transaction.atomic():
        row, _ = TaskAttempt.objects.select_for_update().get_or_create(
            task_id=task_id, defaults={"task_path": task_path[:255], "last_started_at": now}
        )
        row.attempts += 1
        row.last_started_at = now
        row.save(update_fields=["attempts", "last_started_at"])
    return row.attempts


def _give_up(
    task_id: str, task: Task, args: list[Any], kwargs: dict[str, Any], reason: str, spent: int = 0
) -> None:
    log.warning("%s%s: %s", task.name, tuple(args), reason)
    hook = _on_abandon.get(task.module_path)
    try:
        if hook is not None:
            hook(*args, reason=reason, **kwargs)
        if spent:
            TaskAttempt.objects.filter(task_id=task_id).update(attempts=spent)
        else:
            TaskAttempt.objects.filter(task_id=task_id).delete()
    except TRANSIENT as error:
        # The reason could not be written; the next delivery finds the attempts spent and tries again.
        reset_connections()
        raise RetryLater(backoff(1)) from error
    raise TaskAbandoned(reason)


@contextmanager
def time_limit(seconds: float, on_overrun: Callable[[str], None]) -> Iterator[None]:
    """Raise `TaskTimeout` in this (main) thread after `seconds`; call `on_overrun` from a watchdog
    thread if the block is still running `grace()` seconds later."""
    watchdog = threading.Timer(seconds + grace(), on_overrun, args=(f"past the {seconds} s time limit",))
    watchdog.daemon = True
    soft = threading.current_thread() is threading.main_thread()
    if soft:

        def alarm(_signum: int, _frame: object) -> None:
            raise TaskTimeout(f"stopped at the {seconds} s time limit")

        previous = signal.signal(signal.SIGALRM, alarm)
        signal.setitimer(signal.ITIMER_REAL, seconds)
    watchdog.start()
    try:
        yield
    finally:
        watchdog.cancel()
        if soft:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
