from __future__ import annotations

from django.contrib import admin
from django.db import models
from django.db.models import QuerySet
from django.http import HttpRequest

from shortlist.candidates.models import Candidate, CandidateSkill, Experience, ScaleClaim


class ExperienceInline(admin.StackedInline):
    model = Experience
    extra = 0
    fields = [("employer", "title"), ("start", "end"), "description"]


class CandidateSkillInline(admin.TabularInline):
    model = CandidateSkill
    extra = 0
    fields = ["skill", "years", "last_used", "strength", "evidence"]


class ScaleClaimInline(admin.TabularInline):
    model = ScaleClaim
    extra = 0
    fields = ["metric", "value", "unit", "snippet"]


@admin.register(Candidate)
class CandidateAdmin(admin.ModelAdmin):
    list_display = ["name", "headline", "seniority", "total_years", "city", "country", "work_mode", "source"]
    list_filter = ["seniority", "work_mode", "open_to_relocation", "country", "lawful_basis"]
    search_fields = ["name", "headline", "city", "emails", "source"]
    # Counting a million rows on every page view is wasted work; the paginator copes without it.
    show_full_result_count = False
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["content_hash", "created_at", "updated_at"]
    inlines = [ExperienceInline, CandidateSkillInline, ScaleClaimInline]
    fieldsets = [
        (None, {"fields": ["name", "headline", "seniority", "total_years"]}),
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
                "fields": ["source", "content_hash", "raw_text", "created_at", "updated_at"],
            },
        ),
    ]


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
