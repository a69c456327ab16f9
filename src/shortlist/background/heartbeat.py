"""Worker heartbeats: each worker process upserts its row every lease/6 seconds from a thread of its own.

The row is the worker's lease on whatever task it runs: a worker that stops beating (killed, frozen,
cut off from the database) loses its tasks after `WORKER_LEASE` seconds. The same rows tell the upload
page and `shortlist import --queue` whether anything will pick queued work up at all.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
from collections.abc import Callable
from datetime import datetime, timedelta

from django.conf import settings
from django.db import DatabaseError, close_old_connections, connection
from django.utils import timezone
from django.utils.crypto import get_random_string

from shortlist.background.models import WorkerBeat

log = logging.getLogger("shortlist.worker")

NO_WORKER = "no worker is running — start one with `shortlist worker`"


def lease() -> timedelta:
    return timedelta(seconds=settings.WORKER_LEASE)


def interval() -> float:
    return settings.WORKER_LEASE / 6


def new_worker_id(kind: str) -> str:
    return f"{kind}-{socket.gethostname()[:30]}-{os.getpid()}-{get_random_string(8)}"


def live_worker_ids(now: datetime | None = None) -> set[str]:
    cutoff = (now or timezone.now()) - lease()
    return set(WorkerBeat.objects.filter(beat_at__gte=cutoff).values_list("worker_id", flat=True))


def worker_alive() -> bool:
    """Whether any worker (of either backend) has beaten within the lease."""
    return WorkerBeat.objects.filter(beat_at__gte=timezone.now() - lease()).exists()


def worker_up_since(moment: datetime) -> bool:
    """Whether a worker alive now was already running at `moment`."""
    return WorkerBeat.objects.filter(beat_at__gte=timezone.now() - lease(), started_at__lte=moment).exists()


class Heartbeat(threading.Thread):
    """Beats for one worker process until stopped; `also` runs after each beat (the embedded worker's
    reaper). A failed beat is logged and tried again next time: a database that went away and came
    back must not end the worker's heartbeat for good."""

    def __init__(self, worker_id: str, kind: str, also: Callable[[], None] | None = None) -> None:
        super().__init__(name="shortlist-heartbeat", daemon=True)
        self.worker_id = worker_id
        self.kind = kind
        self.also = also
        self.started = timezone.now()
        self._stopping = threading.Event()

    def beat(self) -> None:
        WorkerBeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "kind": self.kind,
                "host": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": self.started,
                "beat_at": timezone.now(),
            },
        )

    def run(self) -> None:
        while not self._stopping.is_set():
            try:
                close_old_connections()
                self.beat()
                if self.also is not None:
                    self.also()
            except (
                Exception
            ) as error:  # whatever it was, the next beat tries again: a silent worker loses its task
                log.warning("worker heartbeat failed (%s); trying again", error.__class__.__name__)
            finally:
                # No connection is held between beats: a Celery pool forks while this thread lives,
                # and a child must not inherit (and later close) a socket this thread is using.
                connection.close()
            self._stopping.wait(interval())

    def stop(self) -> None:
        """A clean exit: the row goes at once, so nobody waits a lease to learn the worker is gone."""
        self._stopping.set()
        with contextlib.suppress(DatabaseError):
            WorkerBeat.objects.filter(worker_id=self.worker_id).delete()
