"""Subscribing to webhooks, emitting events, and delivering one.

- `webhook_create` / `webhook_delete`: the use cases behind `/api/v1/webhooks` and `shortlist webhook`.
- `webhook_emit`: called by the one place each event happens (`pipeline.services._move`, the end of an
  import); it records one `Delivery` per active subscription inside the caller's transaction and queues
  its task once that commits, so a rolled-back move sends nothing.
- `delivery_send`: one attempt, run by the task `webhooks.tasks.deliver_webhook`.

Private addresses are allowed on purpose: an on-premises workspace usually posts to a tool on the same
host or network (`http://localhost:8080/hook`), and the URLs are typed by agency staff, not by
candidates or clients. What is refused is any scheme but http(s), credentials in the URL and
redirects (see `transport`).
"""

from __future__ import annotations

import json
import secrets
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone

from shortlist.accounts.access import Actor, require_manage_webhooks, visible_webhooks
from shortlist.engine.cv.contact import web_link
from shortlist.errors import Invalid, NotFound
from shortlist.webhooks import signing, transport
from shortlist.webhooks.models import Delivery, DeliveryStatus, Webhook, WebhookEvent

SECRET_PREFIX = "whsec_"
MAX_URL = 2000
# Event ids derived from a key (the same event emitted twice) live in their own UUID namespace.
EVENT_NAMESPACE = uuid.UUID("4f5b0d1e-9a43-4c55-8a0b-3c1f6c2e7a10")


@dataclass(frozen=True, slots=True)
class CreatedWebhook:
    webhook: Webhook
    secret: str  # shown once: the receiver needs it to verify signatures


def _check_url(url: str) -> list[tuple[str, str]]:
    if len(url) > MAX_URL:
        return [("url", f"at most {MAX_URL} characters")]
    if not web_link(url) or url != url.strip():
        return [("url", "an absolute http:// or https:// URL")]
    if urlsplit(url).username is not None:
        return [("url", "no user name or password in the URL; the signature authenticates the sender")]
    return []


@transaction.atomic
def webhook_create(*, actor: Actor, url: str, events: list[str], description: str = "") -> CreatedWebhook:
    """Subscribe `url` to `events`; the signing secret is returned here and never again."""
    require_manage_webhooks(actor)
    issues = _check_url(url)
    chosen = list(dict.fromkeys(events))
    unknown = [event for event in chosen if event not in WebhookEvent.values]
    if not chosen or unknown:
        issues.append(("events", f"one or more of {', '.join(WebhookEvent.values)}"))
    description = description.strip()
    if len(description) > 100 or "\x00" in description:
        issues.append(("description", "at most 100 characters"))
    if issues:
        raise Invalid("; ".join(f"{path}: {message}" for path, message in issues), issues)
    secret = f"{SECRET_PREFIX}{secrets.token_urlsafe(32)}"
    webhook = Webhook.objects.create(
        owner=actor.user_or_none, url=url, events=chosen, secret=secret, description=description
    )
    return CreatedWebhook(webhook, secret)


@transaction.atomic
def webhook_delete(*, actor: Actor, webhook_id: int) -> None:
    """Remove a subscription and its delivery log; deliveries still queued find it gone and stop."""
    require_manage_webhooks(actor)
    webhook = visible_webhooks(actor, Webhook.objects.all()).filter(pk=webhook_id).first()
    if webhook is None:
        raise NotFound(f"no webhook with id {webhook_id}")
    webhook.delete()


EventData = Mapping[str, Any] | Callable[[], Mapping[str, Any]]


def webhook_emit(*, event: WebhookEvent, data: EventData, key: str = "") -> int:
    """Record `event` for every active subscription to it and queue each delivery after commit;
    returns how many were recorded.

    With `key`, the event's id is derived from it, so emitting the same event again (two workers both
    seeing a batch finish) records nothing new. Without it every call is a new event. `data` may be a
    function, called only when some subscription wants the event (no queries otherwise)."""
    from shortlist.webhooks.tasks import deliver_webhook

    event = WebhookEvent(event)
    subscribed = [w for w in Webhook.objects.filter(active=True).only("id", "events") if event in w.events]
    if not subscribed:
        return 0
    event_id = uuid.uuid5(EVENT_NAMESPACE, key) if key else uuid.uuid4()
    payload = {
        "id": str(event_id),
        "event": event.value,
        "created_at": timezone.now().isoformat(),
        "data": dict(data() if callable(data) else data),
    }
    recorded = []
    with transaction.atomic():
        for webhook in subscribed:
            try:
                with transaction.atomic():  # a savepoint: the unique constraint decides a race
                    delivery, created = Delivery.objects.get_or_create(
                        webhook=webhook,
                        event_id=event_id,
                        defaults={
                            "event": event.value,
                            "payload": payload,
                            "next_attempt_at": timezone.now(),
                        },
                    )
            except IntegrityError:
                continue  # recorded by a concurrent emit of the same key
            if created:
                recorded.append(delivery.pk)
        if recorded:
            transaction.on_commit(lambda: [deliver_webhook.enqueue(pk, 1) for pk in recorded])
    return len(recorded)


def body_of(payload: Mapping[str, Any]) -> bytes:
    """The exact bytes sent (and signed): the same for every attempt of a delivery."""
    return json.dumps(payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode()


def retry_delay(attempt: int) -> timedelta:
    """Back-off after failed attempt `attempt` (1-based): base * 4^(attempt-1), at most 6 hours.
    With the default 30 s: 30 s, 2 min, 8 min, 32 min, 2 h 8 min."""
    seconds = settings.WEBHOOK_RETRY_SECONDS * 4 ** (attempt - 1)
    return timedelta(seconds=min(seconds, 6 * 3600))


def delivery_send(delivery_id: int, attempt: int) -> str:
    """Attempt `attempt` of one delivery; returns its status afterwards.

    The row stays locked while the request is made and its outcome is written, so a second delivery
    of the same task (a broker redelivering, a re-queued task) waits and then finds the attempt made:
    a delivered event is never sent twice by the queue. A worker killed between the receiver's answer
    and the commit sends it once more on redelivery; receivers de-duplicate by `Shortlist-Event-Id`.
    """
    from shortlist.webhooks.tasks import deliver_webhook

    with transaction.atomic():
        delivery = Delivery.objects.select_for_update().filter(pk=delivery_id).first()
        if delivery is None:
            return "gone"  # its subscription was deleted
        if delivery.status != DeliveryStatus.PENDING or delivery.attempts >= attempt:
            return delivery.status  # this attempt was made already (a redelivered task)
        webhook = Webhook.objects.get(pk=delivery.webhook_id)
        if not webhook.active:
            delivery.status, delivery.last_error, delivery.next_attempt_at = (
                DeliveryStatus.FAILED, "the subscription was switched off", None,
            )  # fmt: skip
            delivery.save(update_fields=["status", "last_error", "next_attempt_at"])
            return delivery.status
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
            when = delivery.last_attempt_at + retry_delay(attempt)
            delivery.next_attempt_at = when
            transaction.on_commit(
                lambda: deliver_webhook.using(run_after=when).enqueue(delivery_id, attempt + 1)
            )
        else:
            delivery.status = DeliveryStatus.FAILED
        delivery.save()
    return delivery.status


def delivery_abandon(delivery_id: int, reason: str) -> None:
    """The task queue gave a delivery's task up (its attempts at the queue level spent): failed, with why."""
    Delivery.objects.filter(pk=delivery_id, status=DeliveryStatus.PENDING).update(
        status=DeliveryStatus.FAILED, last_error=reason[:500], next_attempt_at=None
    )
