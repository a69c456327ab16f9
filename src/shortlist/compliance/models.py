"""What the workspace keeps to show it honoured a person's rights, and nothing about the person."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models


def new_receipt_id() -> str:
    """Random, so the receipt says nothing about whom it was for (unlike a hash of their id or name)."""
    return secrets.token_hex(8)


class ErasureReceipt(models.Model):
    """Proof that an erasure happened: when, by whom, why, and how many items each store lost.

    Holds no personal data of the person erased: no id, name, contact or file name. `reason` is checked
    against the person's identifiers before it is stored (compliance.erasure).
    """

    receipt_id = models.CharField(max_length=32, unique=True, default=new_receipt_id, editable=False)
    erased_at = models.DateTimeField(auto_now_add=True)
    erased_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # Who, kept when the user is later removed: a username, or "operator" for the command line.
    erased_by_label = models.CharField(max_length=150)
    reason = models.CharField(max_length=500)
    counts = models.JSONField(default=dict, help_text="Items removed or anonymised, per store.")
    completed_at = models.DateTimeField(
        null=True, blank=True, help_text="When the steps after the database (the index) finished."
    )

    class Meta:
        ordering = ["-erased_at"]

    def __str__(self) -> str:
        return f"Erasure {self.receipt_id} ({self.erased_at:%d %b %Y})"

    @property
    def total(self) -> int:
        return sum(int(n) for n in self.counts.values())
