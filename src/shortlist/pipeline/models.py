"""The pipeline: a candidate's way through one role, from sourced to placed."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from shortlist.candidates.models import Candidate
from shortlist.clients.models import Role
from shortlist.engine.vocab.enums import Stage

APPEND_ONLY = "Stage history is append-only and cannot be deleted."
FIXED = "An application's candidate and role are fixed once it is opened."
# The stages a placement moves through, in order; rejected and withdrawn end it from anywhere before placed.
FORWARD = (
    Stage.SOURCED, Stage.CONTACTED, Stage.SCREENED, Stage.SUBMITTED,
    Stage.INTERVIEW, Stage.OFFER, Stage.PLACED,
)  # fmt: skip
ENDED = (Stage.REJECTED, Stage.WITHDRAWN)


def allowed_moves(stage: str) -> tuple[Stage, ...]:
    """Where an application at `stage` may go next: the one definition of the pipeline's transitions.

    - On the way (sourced … offer): any later stage up to offer, placed only from offer, any earlier
      stage (a step back), rejected or withdrawn.
    - Rejected or withdrawn: back into the pipeline at any stage before placed (re-opened).
    - Placed: nowhere. A placement is the end; a new attempt is a new role.
    """
    here = Stage(stage)
    if here == Stage.PLACED:
        return ()
    open_stages = FORWARD[:-1]
    if here in ENDED:
        return open_stages
    onward = [s for s in open_stages if s != here]
    if here == Stage.OFFER:
        onward.append(Stage.PLACED)
    return (*onward, *ENDED)


def needs_reason(from_stage: str, to_stage: str) -> bool:
    """A rejection, a step back and a re-opening are explained in the history; other moves may be."""
    here, there = Stage(from_stage), Stage(to_stage)
    if there == Stage.REJECTED:
        return True
    if here in ENDED:
        return there not in ENDED
    return there in FORWARD and FORWARD.index(there) < FORWARD.index(here)


class Application(models.Model):
    """A candidate in one role's pipeline. Its candidate and role never change after it is opened (the
    model refuses, and a database trigger refuses an UPDATE): the history belongs to that pair. The
    one exception, a merge of two profiles of one person, goes through
    `pipeline.services.application_follow_merge`."""

    candidate = models.ForeignKey(Candidate, on_delete=models.CASCADE, related_name="applications")
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="applications")
    stage = models.CharField(max_length=10, choices=Stage.choices(), default=Stage.SOURCED, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Issue 13: the client portal shows a submitted candidate blind ("Candidate A") until a recruiter
    # reveals the name for this application; who did it and when stay on the row.
    revealed_at = models.DateTimeField("name shown to the client", null=True, blank=True, editable=False)
    revealed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["role", "-updated_at"]
        indexes = [models.Index(fields=["role", "stage"])]
        constraints = [
            models.UniqueConstraint(
                fields=["candidate", "role"],
                name="one_application_per_candidate_role",
                violation_error_message="This candidate is already in this role's pipeline.",
            )
        ]

    def __str__(self) -> str:
        return f"{self.candidate} → {self.role.title}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        opened_as: dict[str, int] = getattr(self, "_opened_as", {})
        if not self._state.adding and any(getattr(self, key) != value for key, value in opened_as.items()):
            raise ValidationError(FIXED)
        super().save(*args, **kwargs)
        self._opened_as = {"candidate_id": self.candidate_id, "role_id": self.role_id}

    @classmethod
    def from_db(cls, db: str | None, field_names: Any, values: Any) -> Application:
        instance = super().from_db(db, field_names, values)
        # What it was read with (a deferred key is not compared: it was never changed here).
        loaded = instance.__dict__
        instance._opened_as = {key: loaded[key] for key in ("candidate_id", "role_id") if key in loaded}
        return instance

    @classmethod
    def open(
        cls, candidate: Candidate, role: Role, user: AbstractBaseUser | None = None, note: str = ""
    ) -> Application:
        """Put a candidate into a role's pipeline, recording who did it."""
        with transaction.atomic():
            application = cls.objects.create(candidate=candidate, role=role, stage=Stage.SOURCED)
            StageChange.objects.create(
                application=application, from_stage="", to_stage=Stage.SOURCED, changed_by=user, note=note
            )
        return application

    def move_to(self, stage: str, user: AbstractBaseUser | None = None, note: str = "") -> StageChange:
        """The only way a stage changes, so that the history is complete."""
        new = Stage(stage)
        if new == self.stage:
            raise ValidationError(f"The application is already at stage {new.label!r}.")
        with transaction.atomic():
            change = StageChange.objects.create(
                application=self, from_stage=self.stage, to_stage=new, changed_by=user, note=note
            )
            self.stage = new
            self.save(update_fields=["stage", "updated_at"])
        return change


class StageChangeQuerySet(models.QuerySet["StageChange"]):
    """A bulk delete refused like a single one, before any SQL (an UPDATE, like raw SQL, meets the
    database's triggers)."""

    def delete(self) -> tuple[int, dict[str, int]]:
        raise ValidationError(APPEND_ONLY)


class StageChange(models.Model):
    """One move in an application's history. Append-only: rows are never edited or deleted — not by
    the model, a queryset, a cascade (PROTECT: an application or candidate with history is not
    deleted), nor raw SQL (triggers, migration 0003). The one way out is erasing a person (issue 15),
    through `pipeline.services.stage_history_erase`."""

    application = models.ForeignKey(Application, on_delete=models.PROTECT, related_name="history")
    from_stage = models.CharField(max_length=10, choices=Stage.choices(), blank=True)
    to_stage = models.CharField(max_length=10, choices=Stage.choices())
    changed_at = models.DateTimeField(default=timezone.now, editable=False)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(blank=True)

    objects = StageChangeQuerySet.as_manager()

    class Meta:
        ordering = ["application", "changed_at", "id"]
        get_latest_by = "changed_at"

    def __str__(self) -> str:
        return f"{self.from_stage or '—'} → {self.to_stage}"

    def save(self, *args: object, **kwargs: object) -> None:
        if not self._state.adding:
            raise ValidationError("Stage history is append-only; record a new change instead.")
        super().save(*args, **kwargs)

    def delete(self, *args: object, **kwargs: object) -> tuple[int, dict[str, int]]:
        raise ValidationError(APPEND_ONLY)


class StageHistoryPermit(models.Model):
    """A permit the database triggers honour, written and removed inside one transaction by
    `pipeline.services` (never outlives it, so never seen by anyone else):

    - `erase`: the stage history of this application may be deleted (a person is erased);
    - `merge`: this application may move to another candidate (two profiles of one person merged).
    """

    class Purpose(models.TextChoices):
        ERASE = "erase"
        MERGE = "merge"

    application_id = models.BigIntegerField(db_index=True)  # not a key: it must not cascade or protect
    purpose = models.CharField(max_length=5, choices=Purpose.choices)

    def __str__(self) -> str:
        return f"{self.purpose} #{self.application_id}"


class NoteVisibility(models.TextChoices):
    INTERNAL = "internal", "Internal"
    SHARED = "shared", "Shared with the client"


class NoteKind(models.TextChoices):
    NOTE = "note", "Note"
    CLIENT_FEEDBACK = "client_feedback", "Client feedback"


class ApplicationNote(models.Model):
    """A note on exactly one of an application, a candidate or a role (the table keeps its first name).

    Client feedback is a note of its own kind so that pages show it apart from the recruiter's notes.
    """

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="notes", null=True, blank=True
    )
    candidate = models.ForeignKey(
        Candidate, on_delete=models.CASCADE, related_name="notes", null=True, blank=True
    )
    role = models.ForeignKey(Role, on_delete=models.CASCADE, related_name="notes", null=True, blank=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    body = models.TextField()
    kind = models.CharField(max_length=16, choices=NoteKind.choices, default=NoteKind.NOTE)
    visibility = models.CharField(
        max_length=10, choices=NoteVisibility.choices, default=NoteVisibility.INTERNAL
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(application__isnull=False, candidate__isnull=True, role__isnull=True)
                | models.Q(application__isnull=True, candidate__isnull=False, role__isnull=True)
                | models.Q(application__isnull=True, candidate__isnull=True, role__isnull=False),
                name="note_on_exactly_one_subject",
            )
        ]

    def __str__(self) -> str:
        return self.body[:60]
