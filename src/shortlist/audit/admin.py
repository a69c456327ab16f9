"""The audit in the admin: rankings and access events are read-only records; blind-review settings and
self-reported categories are edited here (the admin is for admins only)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from shortlist.audit.models import (
    AccessEvent,
    RankingEntry,
    RankingRun,
    RoleBlindReview,
    SelfReport,
    UserBlindReview,
)


class ReadOnly(admin.ModelAdmin):
    """An audit record is evidence: nobody edits or deletes it here (erasure pseudonymises it)."""

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class RankingEntryInline(admin.TabularInline):
    model = RankingEntry
    extra = 0
    fields = ["rank", "candidate_id", "pseudonym", "score", "band"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(RankingRun)
class RankingRunAdmin(ReadOnly):
    list_display = ("id", "created_at", "by", "interface", "role_title", "pool_size", "scoring_version")
    list_filter = ("interface", "scoring_version")
    search_fields = ("role_title", "by")
    inlines = [RankingEntryInline]


@admin.register(AccessEvent)
class AccessEventAdmin(ReadOnly):
    list_display = ("at", "by", "kind", "interface", "candidate_id", "role_id")
    list_filter = ("kind", "interface")
    search_fields = ("by",)


@admin.register(RoleBlindReview)
class RoleBlindReviewAdmin(admin.ModelAdmin):
    list_display = ("role", "enabled", "changed_by", "changed_at")


@admin.register(UserBlindReview)
class UserBlindReviewAdmin(admin.ModelAdmin):
    list_display = ("user", "enabled", "changed_at")


@admin.register(SelfReport)
class SelfReportAdmin(admin.ModelAdmin):
    """Voluntary answers, entered as given; never inferred from a CV."""

    list_display = ("candidate_id", "sex", "race_ethnicity", "recorded_at", "recorded_by")
    list_filter = ("sex", "race_ethnicity")
    raw_id_fields = ("candidate",)
    readonly_fields = ("recorded_at", "recorded_by")
