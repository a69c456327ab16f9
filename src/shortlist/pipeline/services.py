"""Moving people through a role's pipeline, and writing notes. Every change records who made it.

The allowed moves are defined once, in `pipeline.models.allowed_moves` / `needs_reason`, and enforced
here: `application_move` is the only way pages, the API and the portal change a stage.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.db import IntegrityError, models, transaction
from django.utils import timezone

from shortlist.accounts.access import (
    CLIENT_DECISIONS,
    Actor,
    may_add_note,
    may_change_pipeline,
    may_give_client_feedback,
    require_change_pipeline,
    visible_applications,
    visible_candidates,
)
from shortlist.candidates.models import Candidate
from shortlist.clients.models import Role
from shortlist.clients.selectors import role_get
from shortlist.engine.vocab.enums import RoleStatus, Stage
from shortlist.errors import Conflict, Forbidden, Invalid, NotFound
from shortlist.pipeline.events import stage_changed_json
from shortlist.pipeline.models import (
    Application,
    ApplicationNote,
    NoteKind,
    NoteVisibility,
    StageChange,
    StageHistoryPermit,
    allowed_moves,
    needs_reason,
)
from shortlist.webhooks.models import WebhookEvent
from shortlist.webhooks.services import webhook_emit

# What adding someone to a role's pipeline does for each role status: an open role takes them, a role on
# hold takes them with a warning (the search often goes on while the client decides), a filled or closed
# role refuses (re-open it first, so nobody is put forward for a job that is gone).
REFUSING_STATUSES = frozenset({RoleStatus.FILLED, RoleStatus.CLOSED})


def role_intake_warning(role: Role) -> str:
    """The warning to show when adding to this role ("" for an open role)."""
    if role.status == RoleStatus.ON_HOLD:
        return f"{role.title} is on hold: added anyway; the client has paused this search."
    return ""


def _check_role_takes_candidates(role: Role) -> None:
    if role.status in REFUSING_STATUSES:
        label = RoleStatus(role.status).label.lower()
        raise Conflict(f"{role.title} is {label}: re-open the role before adding anyone to it.")


def _open(actor: Actor, role: Role, candidate_id: int, note: str) -> Application:
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
def application_open(*, actor: Actor, role_id: int, candidate_id: int, note: str = "") -> Application:
    """Put a candidate into a role's pipeline as sourced; `Conflict` when they are in it already or the
    role is filled or closed (a role on hold takes them: see `role_intake_warning`)."""
    require_change_pipeline(actor)
    role = role_get(actor=actor, role_id=role_id)
    _check_role_takes_candidates(role)
    return _open(actor, role, candidate_id, note)


@dataclass(frozen=True, slots=True)
class BulkOpened:
    role: Role
    opened: tuple[Application, ...]
    already: tuple[str, ...]  # names of those who were in the pipeline already
    warning: str  # the role's status warning, "" when open


MAX_BULK = 200


@transaction.atomic
def application_open_many(
    *, actor: Actor, role_id: int, candidate_ids: Sequence[int], note: str = ""
) -> BulkOpened:
    """Add several candidates at once (from the shortlist's checkboxes); those already in are skipped."""
    require_change_pipeline(actor)
    ids = list(dict.fromkeys(candidate_ids))
    if not ids:
        raise Invalid("choose at least one candidate", [("candidates", "none chosen")])
    if len(ids) > MAX_BULK:
        raise Invalid(f"at most {MAX_BULK} candidates at once", [("candidates", "too many")])
    role = role_get(actor=actor, role_id=role_id)
    _check_role_takes_candidates(role)
    opened, already = [], []
    for candidate_id in ids:
        try:
            opened.append(_open(actor, role, candidate_id, note))
        except Conflict:
            already.append(Candidate.objects.filter(pk=candidate_id).values_list("name", flat=True).first())
    return BulkOpened(role, tuple(opened), tuple(already), role_intake_warning(role))


@transaction.atomic
def application_move(*, actor: Actor, application_id: int, stage: str, note: str = "") -> Application:
    """Move an application to another stage, appending the change (and `note`, its reason) to its history
    (agency staff; a client user's decision goes through `application_feedback`, which shares `_move`).

    `Conflict` for a move the pipeline does not allow (placed is final); `Invalid` when a rejection, a
    step back or a re-opening comes without a reason.
    """
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
        _check_client_move(application, new, note)  # before the messages below, which name the person
    name, here = application.candidate.name, Stage(application.stage)
    if here == new:
        raise Conflict(f"{name} is already at stage {new.label!r}.")
    if new not in allowed_moves(here):
        onward = ", ".join(s.label for s in allowed_moves(here)) or "nowhere: it is final"
        raise Conflict(f"{name} cannot move from {here.label} to {new.label} (from {here.label}: {onward}).")
    if needs_reason(here, new) and not note.strip():
        what = "rejecting" if new == Stage.REJECTED else f"moving from {here.label} back to {new.label}"
        raise Invalid(f"say why you are {what} {name}", [("note", "a reason is required for this move")])
    change = application.move_to(new, user=actor.user_or_none, note=note.strip())
    # Sent once this transaction commits (nothing for a move that rolls back).
    webhook_emit(event=WebhookEvent.STAGE_CHANGED, data=lambda: stage_changed_json(application, change))
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
    """Add an internal note to an application, signed by the actor (the API's; see `note_add`)."""
    require_change_pipeline(actor)
    return note_add(actor=actor, application_id=application_id, body=body)


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


MAX_NOTE = 10_000


@transaction.atomic
def note_add(
    *,
    actor: Actor,
    body: str,
    application_id: int | None = None,
    candidate_id: int | None = None,
    role_id: int | None = None,
    visibility: str = NoteVisibility.INTERNAL,
    kind: str = NoteKind.NOTE,
) -> ApplicationNote:
    """A note on exactly one of an application, a candidate or a role, signed by the actor.

    Client feedback is its own kind, always shared with the client it came from.
    """
    if kind not in NoteKind.values:
        raise Invalid(f"unknown note kind {kind!r}", [("kind", " or ".join(NoteKind.values))])
    if visibility not in NoteVisibility.values:
        raise Invalid(
            f"unknown visibility {visibility!r}", [("visibility", " or ".join(NoteVisibility.values))]
        )
    if not may_add_note(actor, kind):
        raise Forbidden(f"You are not allowed to add a {NoteKind(kind).label.lower()}.")
    body = body.strip()
    issues = []
    if not body:
        issues.append(("body", "write something"))
    elif len(body) > MAX_NOTE:
        issues.append(("body", f"at most {MAX_NOTE:,} characters"))
    if sum(x is not None for x in (application_id, candidate_id, role_id)) != 1:
        issues.append(("subject", "a note is on one application, candidate or role"))
    if issues:
        raise Invalid(f"the note was not saved: {issues[0][1]}", issues)
    note = ApplicationNote(
        body=body,
        author=actor.user_or_none,
        kind=kind,
        visibility=NoteVisibility.SHARED if kind == NoteKind.CLIENT_FEEDBACK else visibility,
    )
    if application_id is not None:
        note.application = (
            visible_applications(actor, Application.objects.all()).filter(pk=application_id).first()
        )
        if note.application is None:
            raise NotFound(f"no application with id {application_id}")
    elif candidate_id is not None:
        note.candidate = visible_candidates(actor, Candidate.objects.all()).filter(pk=candidate_id).first()
        if note.candidate is None:
            raise NotFound(f"no candidate with id {candidate_id}")
    else:
        note.role = role_get(actor=actor, role_id=role_id)
    note.save()
    return note
