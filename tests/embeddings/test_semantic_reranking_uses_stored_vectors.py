"""`match --semantic` reads stored vectors when they are current: the same order and scores as encoding
on the fly with the same embedder, without encoding the candidates' passages again."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pytest

from shortlist.clients.services import role_file_parse
from shortlist.embeddings.models import CandidateEmbedding
from shortlist.embeddings.services import embedding_run_start
from shortlist.engine.matching.semantic import HashingEmbedder
from shortlist.pipeline.selectors import shortlist_for_role
from shortlist.pipeline.serialize import shortlist_json
from tests.embeddings.conftest import ROLE_FILE, run_worker


class CountingEmbedder(HashingEmbedder):
    """The hashing embedder, counting the texts it is asked to encode."""

    def __init__(self) -> None:
        super().__init__()
        self.texts = 0

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.texts += len(texts)
        return super().encode(texts)


def _rank(operator, embedder):
    spec = role_file_parse(actor=operator, text=ROLE_FILE.read_text(), source=str(ROLE_FILE)).spec
    return shortlist_for_role(actor=operator, role_spec=spec, top=7, semantic=0.4, embedder=embedder)


def _rows(found):
    return [(r.match.candidate_id, r.match.score, r.match.breakdown["semantic"]) for r in found.rows]


@pytest.mark.django_db(transaction=True)
def test_stored_vectors_rank_as_computing_them_now(operator, imported) -> None:
    on_the_fly = CountingEmbedder()
    before = _rank(operator, on_the_fly)
    assert (before.semantic_use.stored, before.semantic_use.computed) == (0, 7)

    embedding_run_start(actor=operator, chunk_size=3)
    run_worker()
    assert CandidateEmbedding.objects.count() == 7

    from_store = CountingEmbedder()
    after = _rank(operator, from_store)
    assert _rows(after) == _rows(before)
    assert from_store.texts == 1  # only the role's text; every CV's passages came from the store
    assert on_the_fly.texts > 7
    assert (after.semantic_use.stored, after.semantic_use.computed) == (7, 0)
    shown = shortlist_json(after)["semantic"]
    assert shown == {"weight": 0.4, "embedder": "hashing-512/1", "stored_vectors": 7, "computed_vectors": 0}
    assert all(any("stored vector" in reason for reason in r.match.reasons) for r in after.rows)


@pytest.mark.django_db(transaction=True)
def test_another_embedders_vectors_are_not_used(operator, imported) -> None:
    embedding_run_start(actor=operator, chunk_size=3)
    run_worker()
    found = _rank(operator, HashingEmbedder(dimensions=256))  # another name: hashing-256/1
    assert (found.semantic_use.stored, found.semantic_use.computed) == (0, 7)
