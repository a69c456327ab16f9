"""`shortlist embed --status`: chunks done, failed and queued, candidates embedded, the rate, and why a
chunk failed; the same counts as JSON."""

from __future__ import annotations

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from shortlist.cli import app
from shortlist.embeddings.chunks import embedding_chunk_abandon, embedding_chunk_run
from shortlist.embeddings.models import ChunkStatus
from shortlist.embeddings.selectors import embedding_status
from shortlist.embeddings.services import embedding_run_start


class CorruptModel:
    """An embedder whose model file cannot be read."""

    name = "corrupt/1"

    def encode(self, texts: object) -> np.ndarray:
        raise ValueError("model weights are truncated")


pytestmark = pytest.mark.django_db


def test_status_counts_done_failed_and_queued_chunks(operator, imported) -> None:
    run = embedding_run_start(actor=operator, chunk_size=2)  # 4 chunks: 2 + 2 + 2 + 1
    first, second, third, _fourth = run.chunks.order_by("number")
    assert embedding_chunk_run(first.pk).status == ChunkStatus.DONE
    assert embedding_chunk_run(second.pk, embedder=CorruptModel()).status == ChunkStatus.FAILED
    embedding_chunk_abandon(third.pk, reason="stopped at the 300 s time limit")

    status = embedding_status(actor=operator)
    chunks = (status.chunks_total, status.chunks_done, status.chunks_failed, status.chunks_queued)
    assert chunks == (4, 1, 2, 1)
    assert (status.embedded, status.current, status.pool, status.vectors_current) == (2, 0, 7, 2)
    assert status.rate is not None and status.rate > 0 and not status.finished
    assert status.failures == (
        "chunk 1: ValueError: model weights are truncated",
        "chunk 2: stopped at the 300 s time limit",
    )

    result = CliRunner().invoke(app, ["embed", "--status", "--json"])
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["chunks"] == {"total": 4, "done": 1, "failed": 2, "queued": 1}
    assert shown["candidates"] == {"embedded": 2, "already_current": 0}
    assert shown["pool"] == {"candidates": 7, "vectors_current": 2, "vectors_stale": 0}
    assert shown["finished"] is False and shown["rate_per_second"] > 0

    text = CliRunner().invoke(app, ["embed", "--status"]).output
    assert "1/4 chunks done, 2 failed, 1 queued" in " ".join(text.split())
    assert "chunk 1: ValueError: model weights are truncated" in text


def test_status_before_any_run_says_so(operator, imported) -> None:
    result = CliRunner().invoke(app, ["embed", "--status"])
    assert result.exit_code == 0 and "No embedding run yet" in result.output
