"""Data protection use cases that change something: erasure, the retention purge, the notice sent.

Erasure runs the ordered steps of `compliance.erasure.ERASURE_STEPS`: the database steps in one
transaction per person (with the receipt), then the steps after commit (the published index, the
SQLite file) once for everyone erased in the call.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.db import transaction
from django.utils import timezone

from shortlist.accounts.access import Actor, may_erase, may_handle_privacy
from shortlist.candidates.models import Candidate
from shortlist.compliance.erasure import ERASURE_STEPS, Subject, finish, finish_erasures
from shortlist.compliance.models import ErasureReceipt
from shortlist.engine.vocab.enums import CLOSED_STAGES, Stage
from shortlist.errors import Forbidden, Invalid, NotFound

RETENTION_REASON = "retention"
MAX_REASON = 500


def _require_erase(actor: Actor) -> None:
    if not may_erase(actor):
        raise Forbidden("Only an admin may erase a candidate.")


def candidate_erase(
    *, actor: Actor, candidate_id: int, reason: str, in_background: bool = False
) -> ErasureReceipt:
    """Remove or irreversibly anonymise everything held about one person; returns the receipt.

    `reason` is kept on the receipt, so it may not name the person (`Invalid` when it does). The
    steps after commit (rewriting the published index: seconds per 100,000 candidates) run before
    this returns, or with `in_background` (a web request) in a task queued on commit; the receipt's
    `completed_at` says when they are done. Rankings never show the person meanwhile: every process
    drops rows the database no longer has before it ranks.
    """
    _require_erase(actor)
    receipt = _erase_in_database(actor, candidate_id, reason)
    if receipt is None:
        raise NotFound(f"no candidate with id {candidate_id}")
    if in_background:
        transaction.on_commit(lambda: finish_erasures.enqueue())
    else:
        finish([receipt])
    return receipt


def _erase_in_database(actor: Actor, candidate_id: int, reason: str) -> ErasureReceipt | None:
    """The database steps and the receipt in one transaction; None when there is no such candidate."""
    reason = " ".join(reason.split())
    if not reason:
        raise Invalid(
            "Give the reason for the erasure (it is kept on the receipt).", [("reason", "required")]
        )
    if len(reason) > MAX_REASON:
        raise Invalid(f"The reason is longer than {MAX_REASON} characters.", [("reason", "too long")])
    with transaction.atomic():
        subject = Subject.lock(candidate_id)
        if subject is None:
            return None
        folded = reason.casefold()
        names_them = f"#{candidate_id}" in reason or any(i.casefold() in folded for i in subject.identifiers)
        # The purge's own word cannot name anyone; checking it could only stop a purge on a coincidence.
        if reason != RETENTION_REASON and names_them:
            raise Invalid(
                "The reason names the person; the receipt must hold no personal data.",
                [("reason", "names the person")],
            )
        counts = {step.store: step.run(subject) for step in ERASURE_STEPS if not step.after_commit}
        user = actor.user_or_none
        return ErasureReceipt.objects.create(
            erased_by=user,
            erased_by_label=user.get_username() if user is not None else "operator",
            reason=reason,
            counts=counts,
        )


@dataclass(frozen=True, slots=True)
class PurgeResult:
    """What a retention purge found and did."""

    today: date
    due: tuple[int, ...]  # candidate ids past retention
    held: tuple[int, ...]  # of those, kept because a pipeline is still open for them
    receipts: tuple[ErasureReceipt, ...]  # one per person erased (none on a dry run)
    dry_run: bool
    finished_earlier: int = 0  # earlier erasures whose steps after commit were finished now


def retention_purge(*, actor: Actor, dry_run: bool = False, today: date | None = None) -> PurgeResult:
    """Erase every profile past its retention date, through the erasure steps, reason "retention".

    A person in a pipeline that is still open is held (listed, not erased): erasing them mid-process
    would be worse for them than the late deletion. Idempotent: a second run finds nothing due, and a
    run beside another skips whoever the other erased first. Also finishes erasures whose index step
    failed earlier.
    """
    _require_erase(actor)
    today = today or timezone.localdate()
    past = Candidate.objects.filter(retain_until__lt=today)
    open_stages = [stage.value for stage in Stage if stage not in CLOSED_STAGES]
    due = tuple(past.order_by("id").values_list("id", flat=True))
    in_process = past.filter(applications__stage__in=open_stages).distinct()
    held = tuple(in_process.order_by("id").values_list("id", flat=True))
    if dry_run:
        return PurgeResult(today, due, held, (), True)
    unfinished = list(ErasureReceipt.objects.filter(completed_at__isnull=True))
    receipts: list[ErasureReceipt] = []
    for candidate_id in sorted(set(due) - set(held)):
        receipt = _erase_in_database(actor, candidate_id, RETENTION_REASON)
        if receipt is not None:  # None: erased meanwhile by someone else
            receipts.append(receipt)
    finish([*unfinished, *receipts])
    return PurgeResult(today, due, held, tuple(receipts), False, finished_earlier=len(unfinished))


@transaction.atomic
def candidate_notice_sent(*, actor: Actor, candidate_id: int) -> Candidate:
    """Record that the person was sent the privacy notice (Art. 14) today."""
    if not may_handle_privacy(actor):
        raise Forbidden("You are not allowed to record privacy notices.")
    candidate = Candidate.objects.select_for_update().filter(pk=candidate_id).first()
    if candidate is None:
        raise NotFound(f"no candidate with id {candidate_id}")
    candidate.notice_sent_at = timezone.now()
    candidate.save(update_fields=["notice_sent_at", "updated_at"])
    return candidate
