"""One attempt of a webhook delivery: sign, POST, record the answer, decide whether to try again.
Run by the task `webhooks.tasks.deliver_webhook`, which queues the next attempt."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from shortlist.webhooks import signing, transport
from shortlist.webhooks.models import Delivery, DeliveryStatus, Webhook


def body_of(payload: Mapping[str, Any]) -> bytes:
    """The exact bytes sent (and signed): the same for every attempt of a delivery."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def retry_delay(attempt: int) -> timedelta:
    """Back-off after failed attempt `attempt` (1-based): base * 4^(attempt-1), at most 6 hours.
    With the default 30 s: 30 s, 2 min, 8 min, 32 min, 2 h 8 min."""
    seconds = settings.WEBHOOK_RETRY_SECONDS * 4 ** (attempt - 1)
    return timedelta(seconds=min(seconds, 6 * 3600))


@dataclass(frozen=True, slots=True)
class Attempted:
    status: str  # the delivery's status afterwards ("gone" when its subscription was deleted)
    retry_at: datetime | None = None  # when this attempt queued the next one


def delivery_send(delivery_id: int, attempt: int) -> Attempted:
    """Attempt `attempt` of one delivery; what became of it, and when to try again (the task queues
    that attempt once this one is recorded).

    The row stays locked while the request is made and its outcome is written, so a second delivery
    of the same task (a broker redelivering, a re-queued task) waits and then finds the attempt made:
    a delivered event is never sent twice by the queue. A worker killed between the receiver's answer
    and the commit sends it once more on redelivery; receivers de-duplicate by `Shortlist-Event-Id`.
    """
    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None:
            return Attempted("gone")  # its subscription was deleted
        if delivery.status != DeliveryStatus.PENDING or delivery.attempts >= attempt:
            return Attempted(delivery.status)  # this attempt was made already (a redelivered task)
        webhook = Webhook.objects.get(pk=delivery.webhook_id)
        if not webhook.active:
            delivery.status, delivery.last_error, delivery.next_attempt_at = (
                DeliveryStatus.FAILED, "the subscription was switched off", None,
            )  # fmt: skip
            delivery.save(update_fields=["status", "last_error", "next_attempt_at"])
            return Attempted(delivery.status)
        body = body_of(delivery.payload)
        headers = {
            "Content-Type": "application/json",
            "User-Agent": "Shortlist-Webhooks/1",
            signing.HEADER: signing.sign(webhook.secret, body),
            signing.EVENT_ID_HEADER: str(delivery.event_id),
            signing.EVENT_HEADER: delivery.event,
            "Shortlist-Delivery-Attempt": str(attempt),
        }
        answer = transport.post(webhook.url, body, headers, timeout=settings.WEBHOOK_TIMEOUT)
        delivery.attempts = attempt
        delivery.last_status_code = answer.status
        delivery.last_error = answer.error
        delivery.last_attempt_at = timezone.now()
        delivery.next_attempt_at = None
        if answer.ok:
            delivery.status, delivery.delivered_at = DeliveryStatus.DELIVERED, delivery.last_attempt_at
        elif answer.retryable and attempt < settings.WEBHOOK_ATTEMPTS:
            delivery.next_attempt_at = delivery.last_attempt_at + retry_delay(attempt)
        else:
            delivery.status = DeliveryStatus.FAILED
        delivery.save()
    return Attempted(delivery.status, delivery.next_attempt_at)


def delivery_abandon(delivery_id: int, reason: str) -> None:
    """The task queue gave a delivery's task up (its attempts at the queue level spent): failed, with why."""
    Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.FAILED, last_error=reason[:500], next_attempt_at=None
    )
