"""Moving people through a role's pipeline. Every change records who made it (see models.StageChange).

Issue 12 defines which stage moves are allowed and asks reasons for some; those rules go in
`application_move`, the only way pages, the API and the portal change a stage.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from shortlist.accounts.access import (
    CLIENT_DECISIONS,
    Actor,
    may_change_pipeline,
    may_give_client_feedback,
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


# Where a client's decision may start from (the candidate is in front of them, not yet decided), in order.
CLIENT_OPEN_STAGES = (Stage.SUBMITTED, Stage.INTERVIEW, Stage.OFFER)


def _check_client_move(application: Application, new: Stage, note: str) -> None:
    """A client user moves a candidate forward (submitted → interview → offer) or rejects them, with a
    reason; anything else (a step back, a placement, a decided candidate) is the recruiter's. The
    messages never name the person: the client may not have been told who they are."""
    here = Stage(application.stage)
    if here not in CLIENT_OPEN_STAGES:
        raise Conflict(f"This candidate is at stage {here.label!r}: ask your recruiter to change it.")
    if new != Stage.REJECTED and CLIENT_OPEN_STAGES.index(new) <= CLIENT_OPEN_STAGES.index(here):
        raise Conflict(f"This candidate is at stage {here.label!r} already; they can only move forward.")
    if new == Stage.REJECTED and not note.strip():
        raise Invalid("say why you are turning this candidate down", [("reason", "a reason is required")])


@transaction.atomic
def application_move(*, actor: Actor, application_id: int, stage: str, note: str = "") -> Application:
    """Move an application to another stage, appending the change to its history (agency staff; a
    client user's decision goes through `application_feedback`, which shares `_move`)."""
    require_change_pipeline(actor)
    return _move(actor, application_id, stage, note)


def _move(actor: Actor, application_id: int, stage: str, note: str) -> Application:
    """The one place a stage changes for a use case: the workspace's moves and a client's decisions."""
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
    if not may_change_pipeline(actor):
        _check_client_move(application, new, note)  # before the message below, which names the person
    if application.stage == new:
        raise Conflict(f"{application.candidate.name} is already at stage {new.label!r}.")
    application.move_to(new, user=actor.user_or_none, note=note)
    return application


# Why a client turns a candidate down: a short list so that feedback can be counted, plus a comment.
REJECTION_REASONS: tuple[tuple[str, str], ...] = (
    ("skills", "Skills or experience do not fit"),
    ("seniority", "Seniority does not fit"),
    ("salary", "Salary expectations"),
    ("location", "Location or working pattern"),
    ("team", "Team fit"),
    ("filled", "Role filled or paused"),
    ("other", "Other (see comment)"),
)
MAX_COMMENT = 2_000


@transaction.atomic
def application_feedback(
    *, actor: Actor, application_id: int, decision: str, reason: str = "", comment: str = ""
) -> Application:
    """A client user's decision on a candidate submitted to them: advance (interview, offer) or reject
    with a reason and a comment. It lands in the pipeline history through `_move` (the stage change
    `application_move` makes), with the client user as its author, where the recruiter reads it as
    client feedback."""
    if not may_give_client_feedback(actor):
        raise Forbidden("Only the client's own users give feedback in the client portal.")
    reasons = dict(REJECTION_REASONS)
    comment = comment.strip()
    issues = []
    if decision not in CLIENT_DECISIONS:
        issues.append(("decision", " or ".join(CLIENT_DECISIONS)))
    if decision == Stage.REJECTED and reason not in reasons:
        issues.append(("reason", "choose a reason"))
    if reason == "other" and not comment:
        issues.append(("comment", "say what the other reason is"))
    if len(comment) > MAX_COMMENT:
        issues.append(("comment", f"at most {MAX_COMMENT:,} characters"))
    if issues:
        raise Invalid(f"the feedback was not saved: {issues[0][0]}: {issues[0][1]}", issues)
    why = reasons[reason] if decision == Stage.REJECTED else ""
    note = " — ".join(part for part in (why, comment) if part)
    return _move(actor, application_id, decision, note)


@transaction.atomic
def application_reveal(*, actor: Actor, application_id: int) -> Application:
    """Show the candidate's name to the client for this application (the portal is blind until then).
    Revealing twice keeps the first who and when."""
    require_change_pipeline(actor)
    applications = visible_applications(actor, Application.objects.all())
    application = applications.select_for_update().filter(pk=application_id).first()
    if application is None:
        raise NotFound(f"no application with id {application_id}")
    if application.revealed_at is None:
        application.revealed_at = timezone.now()
        application.revealed_by = actor.user_or_none
        application.save(update_fields=["revealed_at", "revealed_by", "updated_at"])
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
