"""Background work on candidates, through the one task API (django-tasks; see shortlist.background).

Every task here may be delivered more than once (a worker killed mid-task, a broker redelivering) and
even twice at the same time, so each one is idempotent.
"""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from shortlist.background.execution import TRANSIENT, on_abandon
from shortlist.candidates.batches import batch_finished
from shortlist.candidates.importing import Outcome, log, parse_outcome, path_source, store_profile
from shortlist.candidates.models import ImportBatch, ImportFile, ImportStatus
from shortlist.candidates.reparse import reparse_one
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.compliance.retention import ImportPrivacy
from shortlist.engine.cv.isolated import Parsed
from shortlist.engine.vocab.enums import LawfulBasis


@task()
def import_uploaded_file(file_id: int) -> str:
    """Import one uploaded CV.

    The CV is parsed outside any transaction; then one transaction locks the file's row, checks it is
    still queued, stores the candidate and records the outcome. A second delivery therefore either
    finds the file done and does nothing, or waits for the lock and then finds it done: one file never
    makes two candidates, and a run cut off before that commit leaves nothing behind."""
    upload = ImportFile.objects.filter(pk=file_id).first()
    if upload is None or upload.status != ImportStatus.QUEUED:
        if upload is not None:  # a redelivery: the batch's end may not have been announced yet
            batch_finished(upload.batch_id)
        return upload.status if upload else "gone"
    parsed = parse_outcome(path_source(Path(upload.stored_path), upload.name), workspace_taxonomy())
    with transaction.atomic():
        row = ImportFile.objects.select_for_update().filter(pk=file_id, status=ImportStatus.QUEUED).first()
        if row is None:  # another delivery finished it while this one parsed
            return "done"
        outcome = parsed if isinstance(parsed, Outcome) else _store(upload.name, parsed, _privacy(upload))
        ImportFile.objects.filter(pk=file_id).update(
            status=outcome.status,
            reason=outcome.reason,
            warnings=outcome.warnings,
            candidate_id=outcome.candidate_id,
            finished_at=timezone.now(),
        )
        if outcome.candidate_id is None:
            transaction.on_commit(lambda: Path(upload.stored_path).unlink(missing_ok=True))
        # Otherwise the file is kept as the candidate's original CV (download and preview, issue 12),
        # private under SHORTLIST_HOME/uploads/, until erasure's `stored_files` step removes it.
        transaction.on_commit(lambda: batch_finished(upload.batch_id))
    return outcome.status


def _privacy(upload: ImportFile) -> ImportPrivacy | None:
    """Consent given on the upload form (with its date) is the basis; otherwise the workspace default."""
    consent_at = ImportBatch.objects.filter(pk=upload.batch_id).values_list("consent_at", flat=True).first()
    return ImportPrivacy(LawfulBasis.CONSENT.value, consent_at) if consent_at else None


def _store(name: str, parsed: Parsed, privacy: ImportPrivacy | None) -> Outcome:
    try:
        with transaction.atomic():
            return store_profile(parsed.profile, raw_json=parsed.raw_json, privacy=privacy)
    except TRANSIENT:
        raise  # the database went away: retried by the worker, not recorded as this file's fault
    except Exception as error:
        log.exception("storing %s failed", name)
        return Outcome(name, ImportStatus.FAILED, reason=f"could not be stored ({error.__class__.__name__})")


@on_abandon(import_uploaded_file)
def _import_abandoned(file_id: int, *, reason: str) -> None:
    """A file whose task was given up ends failed with the reason, never queued for ever."""
    upload = ImportFile.objects.filter(pk=file_id, status=ImportStatus.QUEUED).first()
    if upload is None:
        return
    ImportFile.objects.filter(pk=file_id, status=ImportStatus.QUEUED).update(
        status=ImportStatus.FAILED, reason=reason, finished_at=timezone.now()
    )
    Path(upload.stored_path).unlink(missing_ok=True)
    batch_finished(upload.batch_id)


@task()
def reparse_candidate(candidate_id: int) -> str:
    """Re-read one stored CV with today's parser rules. Idempotent: a second run re-derives the same
    profile from the same text."""
    return reparse_one(candidate_id, workspace_taxonomy()).status.value
