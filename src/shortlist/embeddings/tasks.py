"""`shortlist embed`'s chunks through the one task API (django-tasks; see shortlist.background).

Each task is idempotent (`chunks.embedding_chunk_run`): delivered twice, the second finds the chunk
done; cut off mid-chunk, the redelivery encodes again only what was not committed."""

from __future__ import annotations

from django_tasks import task

from shortlist.background.execution import on_abandon
from shortlist.embeddings.chunks import embedding_chunk_abandon, embedding_chunk_run


@task()
def embed_chunk(chunk_id: int) -> str:
    return embedding_chunk_run(chunk_id).status


@on_abandon(embed_chunk)
def _embed_chunk_abandoned(chunk_id: int, *, reason: str) -> None:
    embedding_chunk_abandon(chunk_id, reason=reason)
