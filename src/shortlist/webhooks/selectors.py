"""Reading webhook subscriptions and their delivery log (the secret is never part of an answer)."""

from __future__ import annotations

from django.db.models import QuerySet

from shortlist.accounts.access import Actor, require_manage_webhooks, visible_webhooks
from shortlist.errors import NotFound
from shortlist.webhooks.models import Delivery, Webhook


def webhook_list(*, actor: Actor) -> QuerySet[Webhook]:
    require_manage_webhooks(actor)
    return visible_webhooks(actor, Webhook.objects.select_related("owner")).order_by("-created_at", "-id")


def webhook_get(*, actor: Actor, webhook_id: int) -> Webhook:
    webhook = webhook_list(actor=actor).filter(pk=webhook_id).first()
    if webhook is None:
        raise NotFound(f"no webhook with id {webhook_id}")
    return webhook


def delivery_list(*, actor: Actor, webhook_id: int | None = None) -> QuerySet[Delivery]:
    """The delivery log, newest first: of one subscription, or of every one the actor sees."""
    require_manage_webhooks(actor)
    deliveries = Delivery.objects.filter(webhook__in=visible_webhooks(actor, Webhook.objects.all()))
    if webhook_id is not None:
        deliveries = deliveries.filter(webhook_id=webhook_get(actor=actor, webhook_id=webhook_id).pk)
    return deliveries.select_related("webhook").order_by("-created_at", "-id")
