"""The Celery side of SHORTLIST_TASKS=celery: the app, its one generic task, and the worker.

Settings chosen for "no task lost, none run for ever":

- `task_acks_late` + `task_reject_on_worker_lost`: a message is acknowledged only after its task
  returned, so a worker killed mid-task leaves it to be delivered again (RabbitMQ at once, when the
  connection drops; Redis after the visibility timeout). `execution.run` counts those deliveries and
  gives the task up after SHORTLIST_TASK_ATTEMPTS.
- `worker_prefetch_multiplier=1`: a worker reserves one message per process, so few wait unacknowledged.
- Redis `visibility_timeout` = twice the longest a task may run, plus a lease: long enough that a live
  task is not redelivered while it runs, and the bound on how late a dead worker's task is retried.
- `task_time_limit` a little past our own limit (which fails the task with its reason) as a backstop.
- Results are not stored: outcomes live in our own rows (ImportFile), as with the embedded queue.
"""

from __future__ import annotations

import logging
from typing import Any

from celery import Celery, bootsteps
from django.conf import settings
from django.utils.module_loading import import_string

from shortlist.background import execution
from shortlist.background.heartbeat import Heartbeat, new_worker_id
from shortlist.background.sweeps import run_sweeps

log = logging.getLogger("shortlist.worker")


def visibility_timeout() -> int:
    return int(execution.redelivery_bound())


app = Celery("shortlist")
app.conf.update(
    broker_url=settings.BROKER_URL,
    broker_connection_retry_on_startup=True,
    broker_transport_options={
        "visibility_timeout": visibility_timeout(),
        # Look for the unacknowledged messages of dead workers every few seconds, not every 100.
        "unacked_restore_interval": max(1, settings.WORKER_LEASE // 6),
        "unacked_restore_throttle": 1,
        # Each scan takes a mutex in Redis. A worker killed while holding it (it scans every few seconds)
        # would block every other worker's scans for the default 300 s; a lease is long enough for a scan.
        "unacked_mutex_expire": max(5, settings.WORKER_LEASE),
    },
    task_default_queue=settings.BROKER_QUEUE,
    task_acks_late=True,
    task_reject_on_worker_lost=True,
    task_acks_on_failure_or_timeout=True,
    task_time_limit=int(settings.TASK_TIME_LIMIT + 2 * execution.grace() + 5),
    task_ignore_result=True,
    task_serializer="json",
    accept_content=["json"],
    worker_prefetch_multiplier=1,
    worker_hijack_root_logger=False,
    worker_send_task_events=False,
    timezone=settings.TIME_ZONE,
)


@app.task(bind=True, name="shortlist.run", max_retries=None)
def run_task(self: Any, task_path: str, args: list[Any], kwargs: dict[str, Any]) -> Any:
    """Run the django-tasks task at `task_path`, as the embedded worker would."""
    task = import_string(task_path)
    try:
        return execution.run(self.request.id, task, args, kwargs)
    except execution.RetryLater as later:
        raise self.retry(countdown=later.delay) from None


class HeartbeatStep(bootsteps.StartStopStep):
    """The worker's heartbeat row, beaten from the main Celery process while it runs."""

    requires = {"celery.worker.components:Pool"}

    def __init__(self, parent: Any, **kwargs: Any) -> None:
        super().__init__(parent, **kwargs)
        self.heartbeat: Heartbeat | None = None

    def start(self, parent: Any) -> None:
        # Sweeps (background/sweeps.py) run from the heartbeat thread: at once, then every SWEEP_SECONDS.
        self.heartbeat = Heartbeat(new_worker_id("celery"), "celery", also=run_sweeps)
        self.heartbeat.start()

    def stop(self, parent: Any) -> None:
        if self.heartbeat is not None:
            self.heartbeat.stop()


app.steps["worker"].add(HeartbeatStep)


def run_worker(*, concurrency: int) -> None:
    # A thread pool, not prefork: each CV is parsed in a capped child process (engine/cv/isolated.py),
    # which Celery's daemonic prefork children may not start. Our own time limit (execution.run) ends
    # a task that overruns; the heartbeat, leases and acks_late are the same as with prefork.
    app.worker_main(
        [
            "worker", "--loglevel", "WARNING", "--pool", "threads", "--concurrency", str(concurrency),
            "--queues", settings.BROKER_QUEUE, "--without-gossip", "--without-mingle",
        ]
    )  # fmt: skip
