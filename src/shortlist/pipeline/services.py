"""Moving people through a role's pipeline. Every change records who made it (see models.StageChange).

Issue 12 defines which stage moves are allowed and asks reasons for some; those rules go in
`application_move`, the only way pages, the API and the portal change a stage.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, models, transaction

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
from shortlist.pipeline.models import Application, ApplicationNote, StageChange, StageHistoryPermit


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


# --- the narrow ways past the append-only rules -------------------------------------------------------
# Neither takes `actor=`: they are steps inside use cases that have already checked theirs (erasing a
# person, merging two profiles), and they refuse to run outside that use case's transaction, so the
# permit they write is never committed and never seen by another connection.


def _require_outer_transaction(name: str) -> None:
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError(f"{name} must run inside the transaction of the use case that calls it")


def stage_history_erase(*, application_ids: Iterable[int]) -> int:
    """Delete the stage history of these applications: the one way history rows are ever deleted.

    For erasing a person (issue 15: call it in the erasure's transaction, before the candidate and
    their applications are deleted), for a merge dropping a duplicate's entry whose history it has
    copied into a note, and for the demo reset. It writes an `erase` permit per application, which
    the database's delete trigger honours, deletes the rows, and removes the permits again; any
    other delete (model, queryset, cascade, raw SQL) is still refused. Returns the rows deleted.
    """
    _require_outer_transaction("stage_history_erase")
    ids = sorted(set(application_ids))
    if not ids:
        return 0
    erase = StageHistoryPermit.Purpose.ERASE
    with transaction.atomic():
        StageHistoryPermit.objects.bulk_create(
            StageHistoryPermit(application_id=i, purpose=erase) for i in ids
        )
        # The plain QuerySet.delete: StageChange's own queryset refuses every delete.
        deleted, _ = models.QuerySet.delete(StageChange.objects.filter(application_id__in=ids))
        StageHistoryPermit.objects.filter(application_id__in=ids, purpose=erase).delete()
    return deleted


def application_follow_merge(*, application_id: int, candidate_id: int) -> None:
    """Move an application, with its history, to the profile its candidate is being merged into.

    The one change of an application's candidate the model and the database allow (a merge permit,
    written and removed here); its role never changes.
    """
    _require_outer_transaction("application_follow_merge")
    merge = StageHistoryPermit.Purpose.MERGE
    with transaction.atomic():
        StageHistoryPermit.objects.create(application_id=application_id, purpose=merge)
        Application.objects.filter(pk=application_id).update(candidate_id=candidate_id)
        StageHistoryPermit.objects.filter(application_id=application_id, purpose=merge).delete()
