"""The end of an upload batch: announced once, when its last file is imported or failed."""

from __future__ import annotations

from collections import Counter

from shortlist.candidates.models import ImportFile, ImportStatus
from shortlist.candidates.serialize import import_finished_json
from shortlist.webhooks.models import WebhookEvent
from shortlist.webhooks.services import webhook_emit


def batch_finished(batch_id: int) -> bool:
    """Emit `import.finished` if no file of the batch is queued any more; whether it was finished.

    Called after each file's outcome commits (and after a batch with nothing to queue), so the check
    reads committed rows: when two last files finish at once, at least the later commit sees none left,
    and if both do, the event's id (derived from the batch) makes the second emit record nothing."""
    files = ImportFile.objects.filter(batch_id=batch_id)
    if files.filter(status=ImportStatus.QUEUED).exists():
        return False
    counts = dict(Counter(files.values_list("status", flat=True)))
    webhook_emit(
        event=WebhookEvent.IMPORT_FINISHED,
        data=import_finished_json(counts, upload_id=batch_id),
        key=f"import.finished:upload:{batch_id}",
    )
    return True
