from __future__ import annotations

from django.contrib import admin, messages
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest
from django.template.response import TemplateResponse
from django.utils.html import format_html, format_html_join

from shortlist.accounts.access import Actor, may_erase
from shortlist.candidates.models import (
    Candidate,
    CandidateSkill,
    Experience,
    ImportBatch,
    ImportFile,
    ScaleClaim,
)
from shortlist.candidates.services import candidate_merge, candidate_reparse_enqueue
from shortlist.compliance.services import candidate_erase
from shortlist.errors import ShortlistError


def _evidence(skill: CandidateSkill) -> str:
    return format_html_join(
        "",
        "<div>“{}” <small>({})</small></div>",
        ((e.get("snippet", ""), e.get("section", "")) for e in skill.evidence),
    )


class ExperienceInline(admin.StackedInline):
    model = Experience
    extra = 0
    fields = [("employer", "title"), ("start", "end"), "description"]


class CandidateSkillInline(admin.TabularInline):
    model = CandidateSkill
    extra = 0
    fields = ["skill", "years", "last_used", "strength", "evidence_shown"]
    readonly_fields = ["evidence_shown"]

    @admin.display(description="Evidence")
    def evidence_shown(self, skill: CandidateSkill) -> str:
        return _evidence(skill)


class ScaleClaimInline(admin.TabularInline):
    model = ScaleClaim
    extra = 0
    fields = ["metric", "value", "unit", "snippet"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "headline", "seniority", "total_years", "city", "country", "work_mode", "source"]
    list_filter = [
        ("duplicate_of", admin.EmptyFieldListFilter),
        "seniority",
        "work_mode",
        "open_to_relocation",
        "country",
        "lawful_basis",
    ]
    search_fields = ["name", "headline", "city", "emails", "source"]
    actions = ["merge_selected", "reparse_selected", "erase_selected"]
    raw_id_fields = ["duplicate_of"]
    # Counting a million rows on every page view is wasted work; the paginator copes without it.
    show_full_result_count = False
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["content_hash", "parser_version", "import_warnings", "created_at", "updated_at"]
    inlines = [ExperienceInline, CandidateSkillInline, ScaleClaimInline]
    fieldsets = [
        (None, {"fields": ["name", "headline", "seniority", "total_years", "duplicate_of"]}),
        (
            "Contact",
            {"fields": ["emails", "phone", ("city", "country"), "github_url", "linkedin_url", "website_url"]},
        ),
        (
            "Preferences",
            {
                "fields": [
                    "work_mode",
                    "open_to_relocation",
                    "right_to_work",
                    "needs_sponsorship",
                    "notice_weeks",
                    ("salary_expectation", "salary_currency"),
                ]
            },
        ),
        ("Consent", {"fields": ["lawful_basis", "consent_at"]}),
        (
            "Source",
            {
                "classes": ["collapse"],
                "fields": [
                    "source",
                    "content_hash",
                    "parser_version",
                    "import_warnings",
                    "raw_text",
                    "created_at",
                    "updated_at",
                ],
            },
        ),
    ]

    @admin.action(description="Merge the two selected profiles (keeps the older one)")
    def merge_selected(self, request: HttpRequest, queryset: QuerySet[Candidate]) -> None:
        ids = sorted(queryset.values_list("pk", flat=True))
        if len(ids) != 2:
            self.message_user(request, "Select exactly two profiles to merge.", messages.WARNING)
            return
        try:
            kept = candidate_merge(actor=Actor.of(request.user), keep_id=ids[0], other_id=ids[1])
        except ShortlistError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(request, f"Merged #{ids[1]} into #{kept.pk} {kept.name}.", messages.SUCCESS)

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        # A plain delete leaves the person in import records, duplicate reasons, admin history and
        # the index: "Erase" below is the only way a profile goes (issue 15).
        return False

    @admin.action(description="Erase the selected people everywhere (asks for a reason)")
    def erase_selected(self, request: HttpRequest, queryset: QuerySet[Candidate]) -> TemplateResponse | None:
        actor = Actor.of(request.user)
        if not may_erase(actor):
            self.message_user(request, "Only an admin may erase candidates.", messages.ERROR)
            return None
        reason = request.POST.get("reason", "").strip()
        if "confirm" not in request.POST or not reason:
            context = {
                **self.admin_site.each_context(request),
                "title": "Erase candidates",
                "people": queryset.only("id", "name"),
                "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
                "opts": self.model._meta,
            }
            return TemplateResponse(request, "admin/candidates/erase_confirm.html", context)
        erased = []
        for candidate_id in list(queryset.values_list("pk", flat=True)):
            try:
                receipt = candidate_erase(
                    actor=actor, candidate_id=candidate_id, reason=reason, in_background=True
                )
            except ShortlistError as error:
                self.message_user(request, f"#{candidate_id}: {error}", messages.ERROR)
                continue
            erased.append(receipt.receipt_id)
        if erased:
            receipts = ", ".join(erased)
            self.message_user(request, f"Erased {len(erased)}: receipts {receipts}.", messages.SUCCESS)
        return None

    @admin.action(description="Re-read the selected CVs with today's parser (in the background)")
    def reparse_selected(self, request: HttpRequest, queryset: QuerySet[Candidate]) -> None:
        ids = list(queryset.values_list("pk", flat=True))
        try:
            queued = candidate_reparse_enqueue(actor=Actor.of(request.user), candidate_ids=ids)
        except ShortlistError as error:
            self.message_user(request, str(error), messages.ERROR)
            return
        self.message_user(
            request,
            f"{queued} profiles queued to be re-read; each updates when its turn comes.",
            messages.SUCCESS,
        )


@admin.register(CandidateSkill)
class CandidateSkillAdmin(admin.ModelAdmin):
    list_display = ["candidate", "skill", "years", "last_used", "strength"]
    list_filter = ["last_used"]
    search_fields = ["skill", "candidate__name"]
    autocomplete_fields = ["candidate"]
    list_select_related = ["candidate"]
    show_full_result_count = False

    def get_queryset(self, request: HttpRequest) -> QuerySet[CandidateSkill]:
        return super().get_queryset(request).select_related("candidate")


@admin.register(ScaleClaim)
class ScaleClaimAdmin(admin.ModelAdmin):
    list_display = ["candidate", "metric", "value", "unit", "snippet"]
    list_filter = ["metric"]
    search_fields = ["candidate__name", "snippet"]
    autocomplete_fields = ["candidate"]
    list_select_related = ["candidate"]
    show_full_result_count = False


@admin.register(Experience)
class ExperienceAdmin(admin.ModelAdmin):
    list_display = ["candidate", "title", "employer", "start", "end"]
    search_fields = ["employer", "title", "candidate__name"]
    date_hierarchy = "start"
    autocomplete_fields = ["candidate"]
    list_select_related = ["candidate"]
    show_full_result_count = False


class ImportFileInline(admin.TabularInline):
    model = ImportFile
    extra = 0
    fields = ["name", "status", "reason", "candidate", "finished_at"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(ImportBatch)
class ImportBatchAdmin(admin.ModelAdmin):
    list_display = ["__str__", "created_by", "created_at"]
    list_select_related = ["created_by"]
    inlines = [ImportFileInline]


@admin.register(ImportFile)
class ImportFileAdmin(admin.ModelAdmin):
    list_display = ["name", "status", "reason", "batch", "finished_at"]
    list_filter = ["status"]
    search_fields = ["name", "reason"]
    list_select_related = ["batch"]
    raw_id_fields = ["candidate", "batch"]
    readonly_fields = ["warnings_shown"]

    @admin.display(description="Warnings")
    def warnings_shown(self, item: ImportFile) -> str:
        return format_html("{}", "; ".join(item.warnings))
