from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.http import HttpRequest

from shortlist.accounts.access import Actor
from shortlist.engine.vocab.enums import Stage
from shortlist.pipeline.models import Application, ApplicationNote, StageChange, allowed_moves, needs_reason
from shortlist.pipeline.services import application_move


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
    fields = ["body", "kind", "visibility"]


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

    def clean(self) -> dict[str, Any]:
        """The pipeline's rules hold here too (placed is final, a rejection or step back says why)."""
        data = super().clean()
        here, there = self.instance.stage if self.instance.pk else Stage.SOURCED, data.get("new_stage")
        if not there or there == here:
            return data
        if Stage(there) not in allowed_moves(here):
            self.add_error("new_stage", f"{Stage(here).label} cannot move to {Stage(there).label}.")
        elif needs_reason(here, there) and not (data.get("stage_note") or "").strip():
            self.add_error("stage_note", "Say why: a rejection, a step back or a re-opening needs a reason.")
        return data


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
                self._move(request, created, stage, note)
            return
        super().save_model(request, obj, form, change)
        if stage != obj.stage:
            self._move(request, obj, stage, note)

    @staticmethod
    def _move(request: HttpRequest, application: Application, stage: str, note: str) -> None:
        # Through the use case, so that a move made here is checked and announced (webhooks) like any other.
        actor = Actor.of(request.user)
        moved = application_move(actor=actor, application_id=application.pk, stage=stage, note=note)
        application.stage = moved.stage

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
    list_display = ["application", "candidate", "role", "kind", "visibility", "author", "created_at"]
    list_filter = ["kind", "visibility"]
    search_fields = ["body", "application__candidate__name", "candidate__name", "role__title"]
    list_select_related = ["application__candidate", "application__role", "candidate", "role", "author"]
    autocomplete_fields = ["application", "candidate", "role"]
