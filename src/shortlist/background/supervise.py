"""Keep one worker process running: start it, and when it dies, log why and start it again after a
back-off (1 s, doubling to 60 s; back to 1 s once a worker has run for a minute).

`shortlist serve` runs this beside gunicorn. A deployment with a process manager (systemd, the
Procfile's runner, Kubernetes) can run `shortlist worker` directly and let that restart it instead.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import threading
import time
from collections.abc import Sequence

log = logging.getLogger("shortlist.worker")

FIRST_DELAY = 1.0
MAX_DELAY = 60.0
HEALTHY_AFTER = 60.0


def describe(returncode: int) -> str:
    if returncode < 0:
        try:
            return f"killed by {signal.Signals(-returncode).name}"
        except ValueError:
            return f"killed by signal {-returncode}"
    return f"exit status {returncode}"


def supervise(argv: Sequence[str], stop: threading.Event) -> None:
    """Run `argv` until `stop` is set, restarting it whenever it ends; on stop, SIGTERM it and wait."""
    delay = FIRST_DELAY
    while not stop.is_set():
        started = time.monotonic()
        child = subprocess.Popen(list(argv))
        while child.poll() is None:
            if stop.wait(0.5):
                child.terminate()
                try:
                    child.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    child.kill()
                    child.wait()
                return
        ran = time.monotonic() - started
        if ran >= HEALTHY_AFTER:
            delay = FIRST_DELAY
        log.warning(
            "the task worker (pid %d) stopped after %.0f s (%s); restarting it in %g s",
            child.pid, ran, describe(child.returncode), delay,
        )  # fmt: skip
        stop.wait(delay)
        delay = min(MAX_DELAY, delay * 2)
