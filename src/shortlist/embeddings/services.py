"""`shortlist embed`: store every candidate's passage vectors, in chunks, through the one task API.

- `embedding_run_start` splits the pool by candidate id into chunks of `EMBED_CHUNK_SIZE` and queues one
  task per chunk once the run's rows are committed (a rolled-back start queues nothing). Each chunk is
  run by `chunks.embedding_chunk_run`, which skips candidates whose vectors are current.
- `embeddings_mark_stale` is called when a CV's profile is replaced (import of a new version, reparse).
"""

from __future__ import annotations

from collections.abc import Iterable

from django.conf import settings
from django.db import transaction

from shortlist.accounts.access import Actor, require_change_pool
from shortlist.candidates.models import Candidate
from shortlist.embeddings.embedder import require_embedder
from shortlist.embeddings.models import CandidateEmbedding, EmbeddingChunk, EmbeddingRun


def _boundaries(ids: list[int], chunk_size: int) -> list[tuple[int, int]]:
    """(first id, last id) of each chunk of `chunk_size` candidates of `ids` (ascending)."""
    return [(ids[i], ids[min(i + chunk_size, len(ids)) - 1]) for i in range(0, len(ids), chunk_size)]


@transaction.atomic
def embedding_run_start(*, actor: Actor, chunk_size: int | None = None) -> EmbeddingRun:
    """Record a run over the whole pool and queue its chunks after commit. The embedder's packages are
    checked first, so a missing optional package fails here and not in every task."""
    require_change_pool(actor)
    name = require_embedder()
    size = chunk_size or settings.EMBED_CHUNK_SIZE
    if size < 1:
        raise ValueError(f"chunk size must be at least 1, got {size}")
    ids = list(Candidate.objects.order_by("id").values_list("id", flat=True))  # ids only: 8 MB at 1M
    spans = _boundaries(ids, size)
    run = EmbeddingRun.objects.create(embedder=name, chunk_size=size, candidates=len(ids))
    EmbeddingChunk.objects.bulk_create(
        EmbeddingChunk(run=run, number=n, first_id=first, last_id=last)
        for n, (first, last) in enumerate(spans)
    )
    chunk_ids = list(run.chunks.order_by("number").values_list("pk", flat=True))
    transaction.on_commit(lambda: _enqueue(chunk_ids))
    return run


def _enqueue(chunk_ids: list[int]) -> None:
    from shortlist.embeddings.tasks import embed_chunk

    for pk in chunk_ids:
        embed_chunk.enqueue(pk)


def embeddings_mark_stale(candidate_ids: Iterable[int]) -> int:
    """A CV's profile was replaced: its vectors no longer say what it says. They stay until re-embedded
    (re-ranking checks each key and encodes a changed CV at query time); status counts them stale."""
    return CandidateEmbedding.objects.filter(candidate_id__in=list(candidate_ids)).update(stale=True)
