"""A run stopped part-way (workers killed, queue lost) resumes: what was committed is never encoded again,
and a run over an embedded pool encodes nothing."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from shortlist.embeddings.models import CandidateEmbedding, ChunkStatus
from shortlist.embeddings.selectors import embedding_status
from shortlist.embeddings.services import embedding_run_start
from shortlist.embeddings.tasks import embed_chunk
from tests.embeddings.conftest import run_worker


def _stamps() -> dict[int, object]:
    return dict(CandidateEmbedding.objects.values_list("candidate_id", "updated_at"))


@pytest.mark.django_db(transaction=True)
def test_a_new_run_after_a_killed_one_encodes_only_the_rest(operator, imported) -> None:
    first = embedding_run_start(actor=operator, chunk_size=3)
    chunk = first.chunks.order_by("number").first()
    assert embed_chunk.call(chunk.pk) == ChunkStatus.DONE  # one chunk committed, then the run died
    DBTaskResult.objects.all().delete()  # ... and its queued tasks were lost with it
    done_before = _stamps()
    assert len(done_before) == 3

    second = embedding_run_start(actor=operator, chunk_size=3)
    run_worker()

    status = embedding_status(actor=operator)
    assert status.run_id == second.pk
    assert (status.embedded, status.current, status.chunks_done) == (4, 3, 3)
    after = _stamps()
    assert set(after) == set(imported.values())
    assert {pk: after[pk] for pk in done_before} == done_before  # the first chunk's rows were not rewritten


@pytest.mark.django_db(transaction=True)
def test_a_redelivered_chunk_does_nothing(operator, imported) -> None:
    run = embedding_run_start(actor=operator, chunk_size=3)
    chunk = run.chunks.order_by("number").first()
    embed_chunk.call(chunk.pk)  # a worker ran it; its task is still queued, as after a kill -9
    before = _stamps()
    run_worker()  # the queue delivers it again, with the others
    chunk.refresh_from_db()
    assert (chunk.status, chunk.embedded) == (ChunkStatus.DONE, 3)
    after = _stamps()
    assert {pk: after[pk] for pk in before} == before
    assert embedding_status(actor=operator).embedded == 7


@pytest.mark.django_db(transaction=True)
def test_a_second_run_over_an_embedded_pool_encodes_nothing(operator, imported) -> None:
    embedding_run_start(actor=operator, chunk_size=3)
    run_worker()
    before = _stamps()
    embedding_run_start(actor=operator, chunk_size=3)
    run_worker()
    status = embedding_status(actor=operator)
    assert (status.embedded, status.current, status.finished) == (0, 7, True)
    assert _stamps() == before
