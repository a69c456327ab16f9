"""Delivering webhooks through the one task API (django-tasks; see shortlist.background).

One task per attempt: a failed attempt that may pass queues the next with `run_after` (exponential
back-off, `delivery.retry_delay`). Each task is idempotent (`delivery.delivery_send`)."""

from __future__ import annotations

from django_tasks import task

from shortlist.background.execution import on_abandon
from shortlist.webhooks.delivery import delivery_abandon, delivery_send


@task()
def deliver_webhook(delivery_id: int, attempt: int) -> str:
    attempted = delivery_send(delivery_id, attempt)  # recorded (committed) before the next is queued
    if attempted.retry_at is not None:
        deliver_webhook.using(run_after=attempted.retry_at).enqueue(delivery_id, attempt + 1)
    return attempted.status


@on_abandon(deliver_webhook)
def _deliver_abandoned(delivery_id: int, attempt: int, *, reason: str) -> None:
    delivery_abandon(delivery_id, reason)
