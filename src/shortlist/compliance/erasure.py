"""Erasing a person: one ordered list of steps, one per store that can hold something about them.

`ERASURE_STEPS` is the whole of what an erasure reaches. Each step removes (or, where the row belongs to
someone else, irreversibly redacts) what one store holds about the subject and returns how many items it
touched; the counts, keyed by `store`, are the erasure receipt. Steps with `after_commit` run once the
database transaction has committed (the published index is rebuilt from what the database holds).

A new store of personal data adds its step here, in order (rows that point at others first, the
candidate row last).
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import OperationalError, connection
from django.db.models import Model, Q
from django.utils import timezone
from django_tasks import task

from shortlist.audit.services import audit_forget_candidate
from shortlist.candidates import pool, search
from shortlist.candidates.models import (
    Candidate,
    CandidateIdentity,
    CandidateRemoval,
    CandidateSkill,
    CandidateTag,
    Experience,
    ImportFile,
    SavedSearch,
    ScaleClaim,
)
from shortlist.compliance.models import ErasureReceipt
from shortlist.pipeline.models import Application, ApplicationNote, StageChange
from shortlist.pipeline.services import stage_history_erase
from shortlist.webhooks.models import Delivery

log = logging.getLogger(__name__)

REDACTED = "[erased]"
# An identifier shorter than this ("Al", a two-digit phone fragment) would redact unrelated text.
MIN_IDENTIFIER = 4
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


@dataclass(slots=True)
class Subject:
    """The person being erased, read once under a row lock: only ever held in memory."""

    candidate_id: int
    name: str
    emails: tuple[str, ...]
    phone: str
    sources: tuple[str, ...]  # the file names their CV came in under
    application_ids: list[int] = field(default_factory=list)

    @classmethod
    def lock(cls, candidate_id: int) -> Subject | None:
        candidate = Candidate.objects.select_for_update().filter(pk=candidate_id).first()
        if candidate is None:
            return None
        sources = {candidate.source} | set(
            ImportFile.objects.filter(candidate_id=candidate_id).values_list("name", flat=True)
        )
        return cls(
            candidate_id=candidate.pk,
            name=candidate.name,
            emails=tuple(candidate.emails),
            phone=candidate.phone,
            sources=tuple(sorted(s for s in sources if s and _distinctive(s, candidate_id))),
            application_ids=list(
                Application.objects.filter(candidate_id=candidate_id).values_list("pk", flat=True)
            ),
        )

    @property
    def identifiers(self) -> tuple[str, ...]:
        """What must not be left anywhere: name, e-mail addresses, phone, file names (with and without
        their folders), longest first so a redaction never leaves half of one."""
        found = {self.name, self.phone, *self.emails}
        for source in self.sources:
            found.update({source, Path(source.replace("\\", "/")).name})
        return tuple(sorted((i.strip() for i in found if len(i.strip()) >= MIN_IDENTIFIER), key=len)[::-1])

    def mentioned(self, *fields: str) -> Q:
        """Rows whose `fields` mention the subject (any identifier, or "#<id> " as import reasons say)."""
        query = Q(pk__in=[])
        for name in fields:
            query |= Q(**{f"{name}__contains": f"#{self.candidate_id} "})
            for identifier in self.identifiers:
                query |= Q(**{f"{name}__icontains": identifier})
        return query

    def redact(self, text: str) -> str:
        text = text.replace(f"#{self.candidate_id} ", "#— ")
        for identifier in self.identifiers:
            text = re.sub(re.escape(identifier), REDACTED, text, flags=re.IGNORECASE)
        return text


def _distinctive(source: str, candidate_id: int) -> bool:
    """A file name identifies the person unless another profile came from a file of that name too
    ("cv.pdf"): then it is no one's, and redacting it would damage someone else's records."""
    others = Candidate.objects.filter(source=source).exclude(pk=candidate_id).exists()
    return not others and not (
        ImportFile.objects.filter(name=source, candidate__isnull=False)
        .exclude(candidate_id=candidate_id)
        .exists()
    )


@dataclass(frozen=True, slots=True)
class ErasureStep:
    store: str  # the receipt's key
    # Removes or redacts, returns how many items it touched. A step after commit runs once for every
    # person erased in the call and is given None: it works from what the database no longer holds.
    run: Callable[[Subject | None], int]
    after_commit: bool = False


# --- the steps, in order ---------------------------------------------------------------------------


def _stored_files(subject: Subject) -> int:
    """CV files kept under SHORTLIST_HOME: those their import records name, and any upload whose
    stored name is made from one of their file names (a record lost to a crash leaves one behind)."""
    paths = {
        Path(p)
        for p in ImportFile.objects.filter(_their_imports(subject))
        .exclude(stored_path="")
        .values_list("stored_path", flat=True)
    }
    upload_dir = Path(settings.UPLOAD_DIR)
    stems = {_UNSAFE.sub("_", Path(s.replace("\\", "/")).name).strip("._")[-120:] for s in subject.sources}
    if upload_dir.is_dir():
        for stored in upload_dir.glob("*/*"):
            # Uploads are stored as "<5 digits>-<safe name>" (candidates/uploads.py).
            if stored.is_file() and stored.name[6:] in stems:
                paths.add(stored)
    removed = 0
    for path in paths:
        if path.is_file():
            path.unlink()  # an error aborts the erasure before anything is committed
            removed += 1
    return removed


def _their_imports(subject: Subject) -> Q:
    """Their import records: each file imported as them, and a failed or queued file of their file name."""
    return Q(candidate_id=subject.candidate_id) | Q(name__in=subject.sources, candidate__isnull=True)


def _import_records(subject: Subject) -> int:
    return ImportFile.objects.filter(_their_imports(subject)).delete()[0]


def _duplicate_reasons(subject: Subject) -> int:
    """Other profiles' import records that say whom they duplicate ("same e-mail (…) as #521 Name (cv.pdf)"),
    and their likely-duplicate link, now pointing at nobody."""
    touched = 0
    others = ImportFile.objects.exclude(_their_imports(subject))
    for record in others.filter(subject.mentioned("reason", "name")):
        record.reason = subject.redact(record.reason)
        record.name = subject.redact(record.name)
        record.save(update_fields=["reason", "name"])
        touched += 1
    touched += Candidate.objects.filter(duplicate_of_id=subject.candidate_id).update(duplicate_of=None)
    return touched


def _notes(subject: Subject) -> int:
    """Their notes go; a note on someone else's application that names them keeps its text, redacted."""
    removed = ApplicationNote.objects.filter(application_id__in=subject.application_ids).delete()[0]
    # Not the notes on a namesake's applications: there the name is theirs.
    others = ApplicationNote.objects.exclude(application__candidate__name__iexact=subject.name)
    for note in others.filter(subject.mentioned("body")):
        note.body = subject.redact(note.body)
        note.save(update_fields=["body"])
        removed += 1
    return removed


def _stage_history(subject: Subject) -> int:
    # The one permitted way past the append-only history, inside this erasure's transaction.
    return stage_history_erase(application_ids=subject.application_ids)


def _webhook_deliveries(subject: Subject) -> int:
    """Events about them (a stage change names the candidate): removed from the delivery log, and a
    delivery still waiting for a retry is not sent (its task finds the row gone)."""
    about = Q(payload__data__candidate__id=subject.candidate_id)
    if subject.application_ids:
        about |= Q(payload__data__application_id__in=subject.application_ids)
    return Delivery.objects.filter(about).delete()[0]


def _applications(subject: Subject) -> int:
    return Application.objects.filter(pk__in=subject.application_ids).delete()[0]


def _admin_log(subject: Subject) -> int:
    """Django admin's history: every entry about one of their rows, and any that names them."""
    about = Q(pk__in=[])
    for model, ids in _their_rows(subject):
        if ids:
            kind = ContentType.objects.get_for_model(model)
            about |= Q(content_type=kind, object_id__in=[str(i) for i in ids])
    return LogEntry.objects.filter(about | subject.mentioned("object_repr", "change_message")).delete()[0]


def _their_rows(subject: Subject) -> Iterable[tuple[type[Model], list[int]]]:
    cid, apps = subject.candidate_id, subject.application_ids
    yield Candidate, [cid]
    for model in (CandidateSkill, Experience, ScaleClaim, CandidateIdentity, CandidateTag):
        yield model, list(model.objects.filter(candidate_id=cid).values_list("pk", flat=True))
    yield Application, apps
    yield (
        ApplicationNote,
        list(ApplicationNote.objects.filter(application_id__in=apps).values_list("pk", flat=True)),
    )
    yield StageChange, list(StageChange.objects.filter(application_id__in=apps).values_list("pk", flat=True))
    yield ImportFile, list(ImportFile.objects.filter(_their_imports(subject)).values_list("pk", flat=True))


def _evidence(subject: Subject) -> int:
    """Skills with their evidence sentences, jobs, scale claims and contact keys."""
    return sum(
        model.objects.filter(candidate_id=subject.candidate_id).delete()[0]
        for model in (CandidateSkill, Experience, ScaleClaim, CandidateIdentity)
    )


def _tags(subject: Subject) -> int:
    """The recruiters' tags on them (issue 12)."""
    return CandidateTag.objects.filter(candidate_id=subject.candidate_id).delete()[0]


def _saved_searches(subject: Subject) -> int:
    """Saved searches whose name or query names them ("name:\"ada lovelace\""): another user's rows,
    so deleted rather than kept half-redacted (a redacted query no longer finds what it was saved for)."""
    return SavedSearch.objects.filter(subject.mentioned("name", "query")).delete()[0]


def _audit_records(subject: Subject) -> int:
    """Rankings they appeared in and views of their profile stay as proof that they happened, under a
    keyed pseudonym instead of their id; the CV quotes in their reasons and their self-report go."""
    forgotten = audit_forget_candidate(subject.candidate_id)
    return forgotten.entries + forgotten.events + forgotten.self_reports


def _candidate(subject: Subject) -> int:
    # The CV text, the JSON Resume document and contact details go with the row.
    removed = Candidate.objects.filter(pk=subject.candidate_id).delete()[0]
    CandidateRemoval.record([subject.candidate_id])  # each process drops it from its pool (pool.py)
    return removed


def _index(subject: Subject | None) -> int:
    """No published index version on disk may hold them (candidates/pool.py)."""
    return pool.publish_without_missing()


def _text_index(subject: Subject | None) -> int:
    """The full-text index of CV words keeps a deleted row's words until it is rewritten."""
    return search.text_index_forget()


def _database_file(subject: Subject | None) -> int:
    """SQLite: fold the write-ahead log into the file and empty it, so no older page image with their
    data stays in it (deleted rows themselves are overwritten: PRAGMA secure_delete in settings).

    Not possible inside a transaction, or while a reader holds the log: then SQLite's own checkpoint
    (every 1,000 pages) or the next erasure folds it. Returns 1 when the log was emptied now."""
    if connection.vendor != "sqlite" or connection.in_atomic_block:
        return 0
    try:
        with connection.cursor() as cursor:
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            busy = cursor.fetchone()[0]
    except OperationalError:
        return 0
    return 0 if busy else 1


ERASURE_STEPS: list[ErasureStep] = [
    ErasureStep("stored_files", _stored_files),
    ErasureStep("duplicate_reasons", _duplicate_reasons),
    ErasureStep("admin_log", _admin_log),  # before the rows it refers to are gone
    ErasureStep("import_records", _import_records),
    ErasureStep("notes", _notes),
    ErasureStep("stage_history", _stage_history),
    ErasureStep("webhook_deliveries", _webhook_deliveries),
    ErasureStep("applications", _applications),
    ErasureStep("evidence", _evidence),
    ErasureStep("tags", _tags),
    ErasureStep("saved_searches", _saved_searches),
    ErasureStep("audit_records", _audit_records),
    ErasureStep("candidate", _candidate),
    ErasureStep("index", _index, after_commit=True),
    ErasureStep("text_index", _text_index, after_commit=True),  # before the log is folded in
    ErasureStep("database_file", _database_file, after_commit=True),
]


# --- after commit --------------------------------------------------------------------------------


def finish(receipts: Sequence[ErasureReceipt]) -> None:
    """Run the steps after commit once for all `receipts` and complete them; a failure leaves them
    open for `finish_erasures` (each purge, or the task) to retry, as the steps are idempotent."""
    if not receipts:
        return
    counts: dict[str, int] = {}
    try:
        for step in ERASURE_STEPS:
            if step.after_commit:
                counts[step.store] = step.run(None)
    except Exception:
        log.exception("an erasure step after commit failed; the next purge retries it")
        return
    finished = timezone.now()
    for receipt in receipts:
        receipt.counts = {**receipt.counts, **counts}
        receipt.completed_at = finished
        receipt.save(update_fields=["counts", "completed_at"])


@task()
def finish_erasures() -> str:
    """The steps after commit of erasures made in the workspace (queued on commit by candidate_erase).
    Idempotent: it completes whichever receipts are still open, so a second delivery finds none."""
    unfinished = list(ErasureReceipt.objects.filter(completed_at__isnull=True))
    finish(unfinished)
    return f"completed {len(unfinished)}"
