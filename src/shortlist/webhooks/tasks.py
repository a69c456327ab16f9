"""Delivering webhooks through the one task API (django-tasks; see shortlist.background).

One task per attempt: a failed attempt that may pass queues the next with `run_after` (exponential
back-off, `services.retry_delay`). Each task is idempotent (`services.delivery_send`)."""

from __future__ import annotations

from django_tasks import task

from shortlist.background.execution import on_abandon


@task()
def deliver_webhook(delivery_id: int, attempt: int) -> str:
    from shortlist.webhooks.services import delivery_send

    return delivery_send(delivery_id, attempt)


@on_abandon(deliver_webhook)
def _deliver_abandoned(delivery_id: int, attempt: int, *, reason: str) -> None:
    from shortlist.webhooks.services import delivery_abandon

    delivery_abandon(delivery_id, reason)
