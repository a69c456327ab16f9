"""This process's writes to the pool, counted, so that its own changes reach its next ranking at once.

The pool (pool.py) polls the database for changes at most once a second per process
(SHORTLIST_POOL_POLL_MS). What another process changed may therefore take up to that long to show;
what this process changed must not wait: a recruiter who edits a profile, merges two or erases one
expects the next page to show it.
Every write that reaches the pool's poll (a saved candidate: `updated_at`; a logged removal) counts
here, when it is made and again when its transaction commits; the pool polls whenever the count moved
since its last poll. Counted twice because neither alone is enough: a poll that ran between the write
and its commit could not see the row (so the commit counts again), and inside a transaction that never
commits here (a test's) only the first count happens.
"""

from __future__ import annotations

import threading

from django.db import transaction

_lock = threading.Lock()
_count = 0


def note() -> None:
    """Count a write to the pool now and once more when the current transaction commits."""
    _bump()
    transaction.on_commit(_bump, robust=True)


def _bump() -> None:
    global _count
    with _lock:
        _count += 1


def count() -> int:
    """How many writes this process has counted (compare two readings: any difference is a write)."""
    return _count
