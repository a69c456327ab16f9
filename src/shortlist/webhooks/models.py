"""Webhook subscriptions and their delivery log.

A subscription's secret must sign every delivery, so it is stored as is (unlike an API token, which is
kept as a digest): it is shown once, at creation, and never answered again by the API or the CLI.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class WebhookEvent(models.TextChoices):
    STAGE_CHANGED = "application.stage_changed", "A candidate moved to another pipeline stage"
    IMPORT_FINISHED = "import.finished", "An import (a CLI run or an upload batch) finished"


class Webhook(models.Model):
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="webhooks",
        help_text="Who created it (empty: the operator, from the command line).",
    )
    url = models.URLField(max_length=2000, help_text="Where deliveries are POSTed: http or https only.")
    events = models.JSONField(default=list, help_text="The events it receives (WebhookEvent values).")
    secret = models.CharField(max_length=100, editable=False)
    description = models.CharField(max_length=100, blank=True)
    active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.url} ({', '.join(self.events)})"

    @property
    def secret_hint(self) -> str:
        """Enough to tell secrets apart, useless for signing."""
        return f"{self.secret[:10]}…"


class DeliveryStatus(models.TextChoices):
    PENDING = "pending", "Pending"  # queued, or waiting for its next attempt
    DELIVERED = "delivered", "Delivered"
    FAILED = "failed", "Failed"  # given up: a refusal (4xx) or every attempt spent


class Delivery(models.Model):
    """One event for one subscription, and what happened to it. `event_id` is the same for every
    subscription that receives the event, and for every attempt: receivers de-duplicate by it."""

    webhook = models.ForeignKey(Webhook, on_delete=models.CASCADE, related_name="deliveries")
    event = models.CharField(max_length=40, choices=WebhookEvent.choices)
    event_id = models.UUIDField()
    payload = models.JSONField()
    status = models.CharField(max_length=10, choices=DeliveryStatus.choices, default=DeliveryStatus.PENDING)
    attempts = models.PositiveSmallIntegerField(default=0)
    last_status_code = models.PositiveSmallIntegerField(null=True, blank=True)
    last_error = models.CharField(max_length=500, blank=True)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    delivered_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name_plural = "deliveries"
        constraints = [
            # One event reaches one subscription once, however often it is emitted (see `webhook_emit`).
            models.UniqueConstraint(fields=["webhook", "event_id"], name="webhook_delivery_once")
        ]

    def __str__(self) -> str:
        return f"{self.event} → {self.webhook.url}: {self.status}"
