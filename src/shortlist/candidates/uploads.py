"""CVs uploaded through the workspace: stored, recorded, and queued one task per file."""

from __future__ import annotations

import logging
import os
import re
import shutil
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import BinaryIO

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.files import File
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from shortlist.background import execution, heartbeat
from shortlist.candidates.importing import import_limits
from shortlist.candidates.models import ImportBatch, ImportFile, ImportStatus
from shortlist.engine.cv.documents import DocumentError, Limits, document_format, iter_zip

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
log = logging.getLogger(__name__)
# How old an upload must be before a worker queues its files itself: their own queueing is long done.
UNQUEUED_GRACE = timedelta(minutes=2)
# A file still queued this long after its task was sent is queued again: the message may be lost (a
# Celery send that failed after its retries, a Redis restart without persistence). At worst a duplicate.
REQUEUE_AFTER = timedelta(hours=1)


def _safe_name(index: int, name: str) -> str:
    base = _UNSAFE.sub("_", Path(name.replace("\\", "/")).name).strip("._") or "upload"
    return f"{index:05d}-{base[-120:]}"


_NAME_LIMIT = ImportFile._meta.get_field("name").max_length or 500


def _shown(name: str) -> str:
    """A name as recorded: a zip member's path can be any length, the column cannot (PostgreSQL
    refuses an over-long value, SQLite would keep it), so the middle gives way and both ends stay."""
    if len(name) <= _NAME_LIMIT:
        return name
    keep = (_NAME_LIMIT - 1) // 2
    return f"{name[:keep]}…{name[-keep:]}"


def _private(path: Path) -> BinaryIO:
    """A new file only its owner may read: an uploaded CV is personal data (umask or not)."""
    return os.fdopen(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "wb")


def create_batch(
    files: Iterable[UploadedFile | File | Unreadable],
    user: AbstractBaseUser | None,
    limits: Limits | None = None,
    consent_at: datetime | None = None,
) -> ImportBatch:
    """Save every file (zip members one by one) and queue its import once the rows are committed.
    `consent_at`: the people gave consent then (their lawful basis; else the workspace default)."""

    limits = limits or import_limits()
    folder: Path | None = None
    try:
        with transaction.atomic():
            batch = ImportBatch.objects.create(
                created_by=user if user and user.is_authenticated else None, consent_at=consent_at
            )
            folder = Path(settings.UPLOAD_DIR) / str(batch.pk)
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
            rows: list[ImportFile] = []
            for upload in files:
                rows.extend(_store(upload, folder, len(rows), batch, limits))
            ImportFile.objects.bulk_create(rows)
            queued = list(batch.files.filter(status=ImportStatus.QUEUED).values_list("pk", flat=True))
            transaction.on_commit(lambda: _enqueue(queued))
            if not queued:  # every file was refused on arrival: the import is over already
                from shortlist.candidates.batches import batch_finished

                transaction.on_commit(lambda: batch_finished(batch.pk))
    except BaseException:
        # The rows were rolled back, so files written for them would be orphans no task ever reads.
        if folder is not None:
            shutil.rmtree(folder, ignore_errors=True)
        raise
    return batch


def _enqueue(file_ids: list[int]) -> None:
    """Queue each file's import, then note that it was queued. A process that dies before the note
    leaves the file for uploads_enqueue_unqueued, which may queue it again: the task is idempotent."""
    from shortlist.candidates.tasks import import_uploaded_file

    for pk in file_ids:
        import_uploaded_file.enqueue(pk)
    ImportFile.objects.filter(pk__in=file_ids, enqueued_at__isnull=True).update(enqueued_at=timezone.now())


def uploads_enqueue_unqueued(*, grace: timedelta = UNQUEUED_GRACE, limit: int = 500) -> int:
    """Queue the imports of uploaded files whose task never reached a worker; run by every worker
    (background/sweeps.py). Such a file is still queued and either

    - was never sent: the web process died between its commit and the queueing. Only files uploaded
      over `grace` ago: younger ones may still be on their way to the queue;
    - was sent, but the queue has gone quiet since (`_quiet_since`): its message is lost. Redis does
      that when a worker is killed between taking a message off the list and noting it as taken
      (kombu's Redis transport does the two in separate round trips);
    - was sent over REQUEUE_AFTER ago (a Celery send that failed after its retries, a Redis restart
      without persistence, a queue never quiet).

    Rows are locked (skipping those another worker holds) and queued in one transaction with the note
    that they were: on the embedded queue the task row commits with it; a Celery message sent before a
    failed commit leaves the file to be queued again. Either way a file is at worst queued twice and
    imported once (the task checks, under a row lock, that the file is still queued). Returns how
    many were queued."""
    from shortlist.candidates.tasks import import_uploaded_file

    now = timezone.now()
    unsent = Q(enqueued_at__isnull=True, batch__created_at__lt=now - grace) | Q(
        enqueued_at__lt=now - REQUEUE_AFTER
    )
    quiet = _quiet_since(now)
    if quiet is not None:
        unsent |= Q(enqueued_at__lt=quiet)
    with transaction.atomic():
        stranded = list(
            ImportFile.objects.select_for_update(skip_locked=True, of=("self",))
            .filter(unsent, status=ImportStatus.QUEUED)
            .order_by("pk")
            .values_list("pk", flat=True)[:limit]
        )
        for pk in stranded:
            import_uploaded_file.enqueue(pk)
        ImportFile.objects.filter(pk__in=stranded).update(enqueued_at=timezone.now())
    if stranded:
        log.warning("queued %d uploaded file(s) whose import had never reached a worker", len(stranded))
    return len(stranded)


def _quiet_since(now: datetime) -> datetime | None:
    """A moment before which every message sent must have reached a worker by now, if there is one: a
    worker has been up since then, none is running a task, and no import finished since. A message
    held by a dead worker would have been delivered again within `redelivery_bound` and run, so the
    moment is that long (and a lease to notice) before now. A message waiting out a retry delay may
    look lost too: it is then queued twice, which costs a duplicate delivery, never a second import."""
    window = timedelta(seconds=execution.redelivery_bound() + settings.WORKER_LEASE)
    since = now - window
    if (
        not heartbeat.worker_up_since(since)
        or execution.any_task_running(now)
        or ImportFile.objects.filter(finished_at__gte=since).exists()
    ):
        return None
    return since


@dataclass(frozen=True, slots=True)
class Unreadable:
    """A path named for import that could not be opened: recorded as failed with the reason."""

    name: str
    reason: str


def files_at(paths: Sequence[Path]) -> Iterator[File | Unreadable]:
    """Files, folders (recursively, hidden files skipped) and zips named on a command line, as uploads
    named like `shortlist import` names them; each is open only while it is stored."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file())
            named = [(p, p.relative_to(path).as_posix()) for p in found]
            named = [(p, n) for p, n in named if not any(part.startswith(".") for part in n.split("/"))]
        else:
            named = [(path, path.name)]
        for file, name in named:
            try:
                handle = file.open("rb")
            except OSError as error:
                yield Unreadable(name, f"cannot be read ({error.strerror or error.__class__.__name__})")
                continue
            with handle:
                yield File(handle, name=name)


def _refused(batch: ImportBatch, name: str, reason: str) -> ImportFile:
    return ImportFile(
        batch=batch, name=_shown(name), status=ImportStatus.FAILED, reason=reason, finished_at=timezone.now()
    )


def _store(
    upload: UploadedFile | File | Unreadable, folder: Path, index: int, batch: ImportBatch, limits: Limits
) -> list[ImportFile]:
    if isinstance(upload, Unreadable):
        return [_refused(batch, upload.name, upload.reason)]
    name = upload.name or "upload"
    if upload.size is not None and upload.size > limits.max_bytes:
        mb = 1024 * 1024
        return [_refused(batch, name, f"file is {upload.size / mb:.1f} MB, larger than the "
                                      f"{limits.max_bytes / mb:.1f} MB limit")]  # fmt: skip
    if name.lower().endswith(".zip"):
        return _store_zip(upload, name, folder, index, batch, limits)
    try:
        document_format(name)
    except DocumentError as error:
        return [_refused(batch, name, error.reason)]
    target = folder / _safe_name(index, name)
    with _private(target) as out:
        for chunk in upload.chunks():
            out.write(chunk)
    return [ImportFile(batch=batch, name=_shown(name), stored_path=str(target))]


def _store_zip(
    upload: UploadedFile, name: str, folder: Path, index: int, batch: ImportBatch, limits: Limits
) -> list[ImportFile]:
    rows: list[ImportFile] = []
    try:
        for member, content in iter_zip(upload.read(), limits):
            shown = f"{name}/{member}"
            if isinstance(content, DocumentError):
                rows.append(_refused(batch, shown, content.reason))
                continue
            target = folder / _safe_name(index + len(rows), member)
            with _private(target) as out:
                out.write(content)
            rows.append(ImportFile(batch=batch, name=_shown(shown), stored_path=str(target)))
    except DocumentError as error:
        rows.append(_refused(batch, name, error.reason))
    return rows
