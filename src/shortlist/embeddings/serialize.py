"""The JSON contract of `shortlist embed --status --json`: change it only by adding keys."""

from __future__ import annotations

from shortlist.embeddings.selectors import EmbeddingStatus


def embedding_status_json(status: EmbeddingStatus) -> dict[str, object]:
    return {
        "run": status.run_id,
        "embedder": status.embedder,
        "chunks": {
            "total": status.chunks_total,
            "done": status.chunks_done,
            "failed": status.chunks_failed,
            "queued": status.chunks_queued,
        },
        "candidates": {"embedded": status.embedded, "already_current": status.current},
        "rate_per_second": round(status.rate, 2) if status.rate is not None else None,
        "started_at": status.started_at.isoformat() if status.started_at else None,
        "last_finished_at": status.last_finished_at.isoformat() if status.last_finished_at else None,
        "failures": list(status.failures),
        "finished": status.finished,
        "worker_running": status.worker_running,
        "pool": {
            "candidates": status.pool,
            "vectors_current": status.vectors_current,
            "vectors_stale": status.vectors_stale,
        },
    }
