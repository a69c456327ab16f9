from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from shortlist.engine.vocab.enums import Stage
from shortlist.pipeline.models import Application, ApplicationNote, StageChange


class StageChangeInline(admin.TabularInline):
    """The history is shown, never edited: changes go through the stage field above."""

    model = StageChange
    extra = 0
    fields = ["changed_at", "from_stage", "to_stage", "changed_by", "note"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class ApplicationNoteInline(admin.StackedInline):
    model = ApplicationNote
    extra = 1
    fields = ["body"]


class ApplicationForm(forms.ModelForm):
    new_stage = forms.ChoiceField(label="Stage", choices=Stage.choices())
    stage_note = forms.CharField(
        label="Why (kept in the history)", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    class Meta:
        model = Application
        fields = ["candidate", "role"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["new_stage"].initial = self.instance.stage if self.instance.pk else Stage.SOURCED


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin):
    form = ApplicationForm
    list_display = ["candidate", "role", "stage", "updated_at"]
    list_filter = ["stage", "role__client", "role"]
    search_fields = ["candidate__name", "role__title", "role__client__name"]
    list_select_related = ["candidate", "role", "role__client"]
    autocomplete_fields = ["candidate", "role"]
    inlines = [ApplicationNoteInline, StageChangeInline]

    def get_readonly_fields(self, request: HttpRequest, obj: Application | None = None) -> list[str]:
        # The history belongs to this candidate in this role: neither changes once opened.
        return ["candidate", "role"] if obj is not None else []

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False  # its history is append-only; only erasing the person removes it

    def save_model(self, request: HttpRequest, obj: Application, form: ApplicationForm, change: bool) -> None:
        stage = form.cleaned_data["new_stage"]
        note = form.cleaned_data.get("stage_note", "")
        if not change:
            created = Application.open(obj.candidate, obj.role, user=request.user, note=note)
            obj.pk, obj.stage = created.pk, created.stage
            obj._state.adding = False
            if stage != Stage.SOURCED:
                created.move_to(stage, user=request.user, note=note)
            return
        super().save_model(request, obj, form, change)
        if stage != obj.stage:
            obj.move_to(stage, user=request.user, note=note)

    def save_formset(self, request: HttpRequest, form: Any, formset: Any, change: bool) -> None:
        notes = formset.save(commit=False)
        for note in notes:
            if isinstance(note, ApplicationNote) and note.author_id is None:
                note.author = request.user
            note.save()
        for removed in formset.deleted_objects:
            removed.delete()
        formset.save_m2m()


@admin.register(StageChange)
class StageChangeAdmin(admin.ModelAdmin):
    """Read-only audit view of every stage move."""

    list_display = ["application", "from_stage", "to_stage", "changed_by", "changed_at"]
    list_filter = ["to_stage", "changed_by"]
    search_fields = ["application__candidate__name", "note"]
    list_select_related = ["application__candidate", "application__role", "changed_by"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ApplicationNote)
class ApplicationNoteAdmin(admin.ModelAdmin):
    list_display = ["application", "author", "created_at"]
    search_fields = ["body", "application__candidate__name"]
    list_select_related = ["application__candidate", "application__role", "author"]
    autocomplete_fields = ["application"]
