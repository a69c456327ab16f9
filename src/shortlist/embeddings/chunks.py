"""One chunk of `shortlist embed`, the body of the task `embeddings.tasks.embed_chunk`.

`embedding_chunk_run` skips every candidate whose stored vectors are current (same embedder, same
passages: `passage_key`), encodes the others in one batch and commits their vectors with the chunk's
outcome. A chunk done is never redone, a killed run's chunks are redelivered by the queue, and a new run
over an embedded pool encodes nothing: that is what makes the job resumable.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np
from django.db import transaction
from django.utils import timezone

from shortlist.background.execution import TRANSIENT
from shortlist.candidates.models import Candidate
from shortlist.candidates.profiles import profiles_by_id
from shortlist.embeddings.embedder import configured_embedder
from shortlist.embeddings.models import CandidateEmbedding, ChunkStatus, EmbeddingChunk
from shortlist.engine.matching.semantic import Embedder, embedder_name, encode_profiles, passage_key, passages

log = logging.getLogger("shortlist.embeddings")


@dataclass(frozen=True, slots=True)
class ChunkOutcome:
    status: str
    embedded: int = 0
    current: int = 0


def embedding_chunk_run(chunk_id: int, embedder: Embedder | None = None) -> ChunkOutcome:
    """Embed one chunk; idempotent. Encoding runs outside any transaction; the vectors and the chunk's
    outcome commit together under the chunk's row lock, so a second delivery finds it done."""
    chunk = EmbeddingChunk.objects.filter(pk=chunk_id).first()
    if chunk is None or chunk.status != ChunkStatus.QUEUED:
        return ChunkOutcome(chunk.status if chunk else "gone")
    EmbeddingChunk.objects.filter(pk=chunk_id, started_at__isnull=True).update(started_at=timezone.now())
    try:
        embedder = embedder or configured_embedder()
        name = embedder_name(embedder)
        ids = list(
            Candidate.objects.filter(id__gte=chunk.first_id, id__lte=chunk.last_id)
            .order_by("id")
            .values_list("id", flat=True)
        )
        profiles = profiles_by_id(ids)
        held = dict(
            CandidateEmbedding.objects.filter(candidate_id__in=ids, embedder=name).values_list(
                "candidate_id", "key"
            )
        )
        todo, current = [], []
        for pk in ids:
            profile = profiles.get(pk)
            if profile is None:
                continue  # erased while the chunk ran
            if held.get(pk) == passage_key(passages(profile), name):
                current.append(pk)
            else:
                todo.append(pk)
        encoded = encode_profiles([profiles[pk] for pk in todo], embedder)
    except TRANSIENT:
        raise  # the database went away: retried by the worker
    except Exception as error:  # a bad CV or a broken model fails this chunk, with why, not the run
        log.exception("embedding chunk %s failed", chunk_id)
        _finish(chunk_id, ChunkStatus.FAILED, reason=f"{error.__class__.__name__}: {error}"[:500])
        return ChunkOutcome(ChunkStatus.FAILED)
    with transaction.atomic():
        row = (
            EmbeddingChunk.objects.select_for_update().filter(pk=chunk_id, status=ChunkStatus.QUEUED).first()
        )
        if row is None:  # another delivery finished it while this one encoded
            return ChunkOutcome(ChunkStatus.DONE)
        alive = set(Candidate.objects.filter(pk__in=todo).values_list("pk", flat=True))
        rows = [
            CandidateEmbedding(
                candidate_id=pk,
                embedder=name,
                key=found.key,
                passages=len(found.texts),
                dimensions=found.vectors.shape[1] if found.vectors.size else 0,
                vectors=np.ascontiguousarray(found.vectors, dtype="<f4").tobytes(),
                stale=False,
            )
            for pk, found in zip(todo, encoded, strict=True)
            if pk in alive
        ]
        CandidateEmbedding.objects.filter(candidate_id__in=[r.candidate_id for r in rows]).delete()
        CandidateEmbedding.objects.bulk_create(rows)
        CandidateEmbedding.objects.filter(candidate_id__in=current, stale=True).update(stale=False)
        _finish(chunk_id, ChunkStatus.DONE, embedded=len(rows), current=len(current))
    return ChunkOutcome(ChunkStatus.DONE, len(rows), len(current))


def _finish(chunk_id: int, status: str, *, embedded: int = 0, current: int = 0, reason: str = "") -> None:
    EmbeddingChunk.objects.filter(pk=chunk_id, status=ChunkStatus.QUEUED).update(
        status=status, embedded=embedded, current=current, reason=reason, finished_at=timezone.now()
    )


def embedding_chunk_abandon(chunk_id: int, *, reason: str) -> None:
    """The queue gave the chunk's task up (time limit, attempts spent): failed with the reason."""
    _finish(chunk_id, ChunkStatus.FAILED, reason=reason)
