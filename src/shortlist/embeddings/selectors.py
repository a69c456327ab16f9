"""Reading stored vectors: the ones a re-ranking needs, and how far the embedding job has got."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from django.db.models import Count, Max, Min, Q, Sum

from shortlist.accounts.access import Actor, require_read_pool
from shortlist.background.heartbeat import NO_WORKER, worker_alive
from shortlist.candidates.models import Candidate
from shortlist.embeddings.embedder import configured_embedder_name
from shortlist.embeddings.models import CandidateEmbedding, ChunkStatus, EmbeddingRun
from shortlist.engine.matching.semantic import StoredPassages


def stored_passages(candidate_ids: Sequence[int], embedder: str) -> dict[int, StoredPassages]:
    """The stored vectors `embedder` made for these candidates, in one query. Rows marked stale are
    returned too: the engine uses a candidate's vectors only if their key matches its passages today,
    so a re-import that left the passages as they were keeps its vectors, and a real change does not."""
    rows = CandidateEmbedding.objects.filter(
        candidate_id__in=list(candidate_ids), embedder=embedder, passages__gt=0
    )
    return {row.candidate_id: StoredPassages(row.key, row.matrix()) for row in rows}


@dataclass(frozen=True, slots=True)
class EmbeddingStatus:
    """The latest run's chunks, and the pool's vectors for the configured embedder."""

    run_id: int | None
    embedder: str
    chunks_total: int
    chunks_done: int
    chunks_failed: int
    chunks_queued: int
    embedded: int  # candidates encoded by the run so far
    current: int  # candidates the run found already embedded
    started_at: datetime | None
    last_finished_at: datetime | None
    rate: float | None  # candidates per second over the run's finished chunks (None before the first)
    failures: tuple[str, ...]  # "chunk 3: reason", for failed chunks
    pool: int  # candidates in the pool now
    vectors_current: int  # of them, with vectors from this embedder that no change has made stale
    vectors_stale: int
    worker_running: bool = False  # a task worker has beaten within its lease: queued chunks will move

    @property
    def stalled(self) -> str:
        """Why the queued chunks are not moving ("" while a worker runs, or when none is queued)."""
        return NO_WORKER if self.chunks_queued and not self.worker_running else ""

    @property
    def finished(self) -> bool:
        return self.run_id is not None and self.chunks_queued == 0


def embedding_status(*, actor: Actor) -> EmbeddingStatus:
    """The latest run's progress; vectors are counted for that run's embedder (or, before any run, the
    configured one)."""
    require_read_pool(actor)
    run = EmbeddingRun.objects.order_by("-id").first()
    embedder = run.embedder if run is not None else configured_embedder_name()
    pool = Candidate.objects.count()
    mine = CandidateEmbedding.objects.filter(embedder=embedder)
    vectors = mine.aggregate(
        current=Count("pk", filter=Q(stale=False)), stale=Count("pk", filter=Q(stale=True))
    )
    if run is None:
        return EmbeddingStatus(
            None, embedder, 0, 0, 0, 0, 0, 0, None, None, None, (), pool,
            vectors["current"], vectors["stale"], worker_alive(),
        )  # fmt: skip
    chunks = run.chunks.aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=ChunkStatus.DONE)),
        failed=Count("pk", filter=Q(status=ChunkStatus.FAILED)),
        embedded=Sum("embedded"),
        current=Sum("current"),
        started=Min("started_at"),
        finished=Max("finished_at", filter=Q(status=ChunkStatus.DONE)),
    )
    embedded, current = chunks["embedded"] or 0, chunks["current"] or 0
    rate = None
    if chunks["started"] and chunks["finished"] and chunks["finished"] > chunks["started"]:
        rate = (embedded + current) / (chunks["finished"] - chunks["started"]).total_seconds()
    failures = tuple(
        f"chunk {number}: {reason}"
        for number, reason in run.chunks.filter(status=ChunkStatus.FAILED).values_list("number", "reason")[
            :20
        ]
    )
    return EmbeddingStatus(
        run_id=run.pk,
        embedder=run.embedder,
        chunks_total=chunks["total"],
        chunks_done=chunks["done"],
        chunks_failed=chunks["failed"],
        chunks_queued=chunks["total"] - chunks["done"] - chunks["failed"],
        embedded=embedded,
        current=current,
        started_at=chunks["started"],
        last_finished_at=chunks["finished"],
        rate=rate,
        failures=failures,
        pool=pool,
        vectors_current=vectors["current"],
        vectors_stale=vectors["stale"],
        worker_running=worker_alive(),
    )
