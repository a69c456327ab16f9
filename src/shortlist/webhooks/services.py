"""Subscribing to webhooks, emitting events, and delivering one.

- `webhook_create` / `webhook_delete`: the use cases behind `/api/v1/webhooks` and `shortlist webhook`.
- `webhook_emit`: called by the one place each event happens (`pipeline.services._move`, the end of an
  import); it records one `Delivery` per active subscription inside the caller's transaction and queues
  its task once that commits, so a rolled-back move sends nothing.
- One attempt of a delivery is `webhooks.delivery.delivery_send`, run by the task
  `webhooks.tasks.deliver_webhook`.

Private addresses are allowed on purpose: an on-premises workspace usually posts to a tool on the same
host or network (`http://localhost:8080/hook`), and the URLs are typed by agency staff, not by
candidates or clients. What is refused is any scheme but http(s), credentials in the URL and
redirects (see `transport`).
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

from django.db import IntegrityError, transaction
from django.utils import timezone

from shortlist.accounts.access import Actor, require_manage_webhooks, visible_webhooks
from shortlist.engine.cv.contact import web_link
from shortlist.errors import Invalid, NotFound
from shortlist.webhooks.models import Delivery, Webhook, WebhookEvent

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
