"""Background work on candidates, through the one task API (django-tasks)."""

from __future__ import annotations

from pathlib import Path

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from shortlist.candidates.importing import import_one, path_source
from shortlist.candidates.models import ImportBatch, ImportFile, ImportStatus
from shortlist.candidates.reparse import reparse_one
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.compliance.retention import ImportPrivacy
from shortlist.engine.vocab.enums import LawfulBasis


@task()
def import_uploaded_file(file_id: int) -> str:
    """Import one uploaded CV. Idempotent: a file already processed is left as it is, so a task
    delivered twice (worker restart, retry) does no harm."""
    with transaction.atomic():
        upload = ImportFile.objects.select_for_update().filter(pk=file_id).first()
        if upload is None:
            return "gone"
        if upload.status != ImportStatus.QUEUED:
            return upload.status
    consent_at = ImportBatch.objects.filter(pk=upload.batch_id).values_list("consent_at", flat=True).first()
    privacy = ImportPrivacy(LawfulBasis.CONSENT.value, consent_at) if consent_at else None
    source = path_source(Path(upload.stored_path), upload.name)
    outcome = import_one(source, workspace_taxonomy(), privacy=privacy)
    ImportFile.objects.filter(pk=file_id, status=ImportStatus.QUEUED).update(
        status=outcome.status,
        reason=outcome.reason,
        warnings=outcome.warnings,
        candidate_id=outcome.candidate_id,
        finished_at=timezone.now(),
    )
    Path(upload.stored_path).unlink(missing_ok=True)
    return outcome.status


@task()
def reparse_candidate(candidate_id: int) -> str:
    """Re-read one stored CV with today's parser rules. Idempotent: a second run re-derives the same
    profile from the same text."""
    return reparse_one(candidate_id, workspace_taxonomy()).status.value
