from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from shortlist.compliance.models import ErasureReceipt


@admin.register(ErasureReceipt)
class ErasureReceiptAdmin(admin.ModelAdmin):
    """Proof of erasures, read-only: a receipt is never edited, and deleting one would hide one."""

    list_display = ["receipt_id", "erased_at", "erased_by_label", "reason", "total", "completed_at"]
    search_fields = ["receipt_id"]
    readonly_fields = [
        "receipt_id", "erased_at", "erased_by", "erased_by_label", "reason", "counts", "completed_at",
    ]  # fmt: skip

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
