"""/webhooks: subscriptions to stage changes and finished imports, and their delivery log
(README § Webhooks: how a receiver checks the signature)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

import shortlist.webhooks.selectors as selectors
import shortlist.webhooks.services as services
from shortlist.api.auth import actor
from shortlist.api.pagination import Page
from shortlist.api.params import Id
from shortlist.api.schemas import DeliveryOut, WebhookCreatedOut, WebhookIn, WebhookOut

router = Router(tags=["webhooks"])


@router.get("/webhooks", response=list[WebhookOut])
@paginate(Page)
def webhook_list(request: HttpRequest) -> Any:
    """A recruiter's own subscriptions; an admin's token sees every one. Never the secret."""
    return selectors.webhook_list(actor=actor(request))


@router.post("/webhooks", response={201: WebhookCreatedOut})
def webhook_create(request: HttpRequest, payload: WebhookIn) -> Any:
    """Subscribe a URL; the answer carries the signing secret, shown only this once."""
    created = services.webhook_create(actor=actor(request), **payload.model_dump())
    return Status(201, created.webhook)  # WebhookCreatedOut: the one answer that carries the secret


@router.delete("/webhooks/{webhook_id}", response={204: None})
def webhook_delete(request: HttpRequest, webhook_id: Id) -> Any:
    services.webhook_delete(actor=actor(request), webhook_id=webhook_id)
    return Status(204, None)


@router.get("/webhooks/{webhook_id}/deliveries", response=list[DeliveryOut])
@paginate(Page)
def webhook_delivery_list(request: HttpRequest, webhook_id: Id) -> Any:
    """The delivery log, newest first: attempts, the last status code or error, the next attempt."""
    return selectors.delivery_list(actor=actor(request), webhook_id=webhook_id)
