"""Background work for data protection, through the one task API (django-tasks). The task that
finishes a workspace erasure (its index step) is `compliance.erasure.finish_erasures`."""

from __future__ import annotations

from django_tasks import task

from shortlist.accounts.access import Actor
from shortlist.compliance.services import retention_purge


@task()
def retention_purge_task() -> str:
    """Erase every profile past its retention date (what `shortlist purge` does); enqueue it daily.

    Idempotent: a second run, or one beside another, finds nothing left to erase (each person is
    erased under a row lock and skipped when already gone), and it also finishes any erasure whose
    index step failed before.
    """
    result = retention_purge(actor=Actor.system())
    return f"erased {len(result.receipts)}, held {len(result.held)}"
