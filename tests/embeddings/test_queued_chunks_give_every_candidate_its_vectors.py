"""`shortlist embed`: the pool is split into chunks, one task each, and the embedded worker stores every
candidate's passage vectors."""

from __future__ import annotations

import numpy as np
import pytest

from shortlist.candidates.profiles import profiles_by_id
from shortlist.embeddings.models import CandidateEmbedding, ChunkStatus, EmbeddingChunk
from shortlist.embeddings.selectors import embedding_status
from shortlist.embeddings.services import embedding_run_start
from shortlist.engine.matching.semantic import HashingEmbedder, passages
from tests.embeddings.conftest import run_worker


@pytest.mark.django_db(transaction=True)  # tasks are queued after commit and the worker commits
def test_every_candidate_gets_the_vectors_of_its_passages(operator, imported) -> None:
    run = embedding_run_start(actor=operator, chunk_size=3)
    assert run.candidates == 7
    assert list(run.chunks.values_list("status", flat=True)) == [ChunkStatus.QUEUED] * 3  # 3 + 3 + 1
    assert not CandidateEmbedding.objects.exists()  # nothing is embedded by the command itself

    run_worker()

    assert set(EmbeddingChunk.objects.values_list("status", flat=True)) == {ChunkStatus.DONE}
    profiles = profiles_by_id(list(imported.values()))
    stored = {row.candidate_id: row for row in CandidateEmbedding.objects.all()}
    assert set(stored) == set(imported.values())
    embedder = HashingEmbedder()
    for pk, profile in profiles.items():
        texts = passages(profile)
        assert stored[pk].embedder == embedder.name and stored[pk].passages == len(texts)
        assert np.allclose(stored[pk].matrix(), embedder.encode(texts))
    status = embedding_status(actor=operator)
    assert (status.chunks_done, status.chunks_total, status.embedded, status.finished) == (3, 3, 7, True)


@pytest.mark.django_db(transaction=True)
def test_nothing_is_queued_when_the_start_rolls_back(operator, imported) -> None:
    from django.db import transaction
    from django_tasks_db.models import DBTaskResult

    queued_before = DBTaskResult.objects.count()
    with pytest.raises(RuntimeError), transaction.atomic():
        embedding_run_start(actor=operator, chunk_size=3)
        raise RuntimeError("the caller's transaction fails")
    assert DBTaskResult.objects.count() == queued_before
    assert not EmbeddingChunk.objects.exists()
