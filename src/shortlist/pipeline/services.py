"""Moving people through a role's pipeline. Every change records who made it (see models.StageChange).

Issue 12 defines which stage moves are allowed and asks reasons for some; those rules go in
`application_move`, the only way pages, the API and the portal change a stage.
"""

from __future__ import annotations

from django.db import IntegrityError, transaction

from shortlist.accounts.access import (
    Actor,
    may_read_notes,
    require_change_pipeline,
    visible_applications,
    visible_candidates,
)
from shortlist.candidates.models import Candidate
from shortlist.clients.selectors import role_get
from shortlist.engine.vocab.enums import Stage
from shortlist.errors import Conflict, Forbidden, Invalid, NotFound
from shortlist.pipeline.models import Application, ApplicationNote


@transaction.atomic
def application_open(*, actor: Actor, role_id: int, candidate_id: int, note: str = "") -> Application:
    """Put a candidate into a role's pipeline as sourced; `Conflict` when they are in it already."""
    require_change_pipeline(actor)
    role = role_get(actor=actor, role_id=role_id)
    candidate = (
        visible_candidates(actor, Candidate.objects.all()).only("id", "name").filter(pk=candidate_id).first()
    )
    if candidate is None:
        raise NotFound(f"no candidate with id {candidate_id}")
    try:
        # A savepoint, so the unique constraint decides even when two requests race.
        with transaction.atomic():
            return Application.open(candidate, role, user=actor.user_or_none, note=note)
    except IntegrityError:
        raise Conflict(f"{candidate.name} is already in this role's pipeline.") from None


@transaction.atomic
def application_move(*, actor: Actor, application_id: int, stage: str, note: str = "") -> Application:
    """Move an application to another stage, appending the change to its history."""
    require_change_pipeline(actor)
    try:
        new = Stage(stage)
    except ValueError:
        allowed = ", ".join(s.value for s in Stage)
        raise Invalid(f"unknown stage {stage!r} (one of {allowed})", [("stage", "unknown stage")]) from None
    # Locked so that two moves of one application cannot both read the same "from" stage.
    applications = visible_applications(actor, Application.objects.all())
    application = applications.select_for_update().filter(pk=application_id).first()
    if application is None:
        raise NotFound(f"no application with id {application_id}")
    if application.stage == new:
        raise Conflict(f"{application.candidate.name} is already at stage {new.label!r}.")
    application.move_to(new, user=actor.user_or_none, note=note)
    return application


@transaction.atomic
def application_note_add(*, actor: Actor, application_id: int, body: str) -> ApplicationNote:
    """Add an internal note to an application, signed by the actor."""
    require_change_pipeline(actor)
    if not may_read_notes(actor):
        raise Forbidden("You are not allowed to write internal notes.")
    body = body.strip()
    if not body:
        raise Invalid("A note needs some text.", [("body", "empty")])
    application = visible_applications(actor, Application.objects.all()).filter(pk=application_id).first()
    if application is None:
        raise NotFound(f"no application with id {application_id}")
    return ApplicationNote.objects.create(application=application, author=actor.user_or_none, body=body)
