"""Housekeeping every worker does besides running tasks: apps register a sweep here (in their
AppConfig.ready), and each worker runs them all when it starts and then every SWEEP_SECONDS, from its
heartbeat thread. A sweep must be idempotent: several workers run it, at the same time or not."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable

log = logging.getLogger("shortlist.worker")

SWEEP_SECONDS = 60.0

_sweeps: list[Callable[[], int]] = []
_last = -1e9


def register(sweep: Callable[[], int]) -> None:
    """Add a sweep (returns how many things it put right); registering twice is a no-op."""
    if sweep not in _sweeps:
        _sweeps.append(sweep)


def run_sweeps(*, force: bool = False) -> int:
    """Run every sweep if SWEEP_SECONDS have passed since the last run (or `force`); how many were fixed.
    A failing sweep is logged and the others still run: the next run tries again."""
    global _last
    if not force and time.monotonic() - _last < SWEEP_SECONDS:
        return 0
    _last = time.monotonic()
    fixed = 0
    for sweep in _sweeps:
        try:
            found = sweep()
        except Exception as error:
            log.warning("sweep %s failed (%s); trying again later", sweep.__name__, error.__class__.__name__)
            continue
        if found:
            log.warning("sweep %s: %d put right", sweep.__name__, found)
        fixed += found
    return fixed
