"""What `shortlist worker` and `shortlist serve` start: the worker of the configured backend, or a
supervisor that keeps one running."""

from __future__ import annotations

import importlib.util
import os
import signal
import sys
import threading

from django.conf import settings

from shortlist.errors import Unavailable


def queue_kind() -> str:
    return settings.TASK_QUEUE


CELERY_MISSING = "SHORTLIST_TASKS=celery needs Celery: pip install 'shortlist[celery]'"


def run(*, batch: bool = False, concurrency: int = 2) -> None:
    """Run this process as a worker of the configured backend until stopped."""
    if settings.TASK_QUEUE == "celery":
        if importlib.util.find_spec("celery") is None:
            raise Unavailable(CELERY_MISSING)
        from shortlist.background.celery_app import run_worker

        run_worker(concurrency=concurrency)
    else:
        from shortlist.background.embedded import run_worker

        run_worker(batch=batch)


def supervised(*, concurrency: int = 2) -> None:
    """Run a worker as a child process and restart it whenever it dies, until SIGTERM or Ctrl+C."""
    from shortlist.background.supervise import supervise

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    argv = [
        sys.executable, "-m", "shortlist.cli", "worker",
        "--concurrency", str(concurrency), "--exit-with-parent", str(os.getpid()),
    ]  # fmt: skip
    supervise(argv, stop)
