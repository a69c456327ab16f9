"""A CV imported again in a new version makes its vectors stale: re-ranking encodes it at query time
(and says so) until `shortlist embed` stores the new vectors; the others are left alone."""

from __future__ import annotations

import pytest

from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.clients.services import role_file_parse
from shortlist.embeddings.models import CandidateEmbedding
from shortlist.embeddings.selectors import embedding_status
from shortlist.embeddings.services import embedding_run_start
from shortlist.pipeline.selectors import shortlist_for_role
from tests.embeddings.conftest import FIXTURES, ROLE_FILE, run_worker

LAST_BULLET = " - Write unit tests for every change; gave my first code reviews this year.\n"
NEW_BULLET = " - Built a low-latency Go order router handling 80,000 requests per second.\n"


def _semantic(operator):
    spec = role_file_parse(actor=operator, text=ROLE_FILE.read_text(), source=str(ROLE_FILE)).spec
    return shortlist_for_role(actor=operator, role_spec=spec, top=7, semantic=0.3)


@pytest.mark.django_db(transaction=True)
def test_a_new_version_of_a_cv_is_embedded_again(operator, imported, tmp_path) -> None:
    embedding_run_start(actor=operator, chunk_size=3)
    run_worker()
    mei = imported["mei-chen.txt"]
    old_key = CandidateEmbedding.objects.get(candidate_id=mei).key

    changed = tmp_path / "again"
    changed.mkdir()
    text = (FIXTURES / "cvs" / "mei-chen.txt").read_text()
    assert LAST_BULLET in text
    (changed / "mei-chen.txt").write_text(text.replace(LAST_BULLET, LAST_BULLET + NEW_BULLET))
    outcome = import_sources(iter_sources([changed])).outcomes[0]
    assert (outcome.status, outcome.candidate_id) == ("updated", mei)

    status = embedding_status(actor=operator)
    assert (status.vectors_current, status.vectors_stale) == (6, 1)
    found = _semantic(operator)
    assert (found.semantic_use.stored, found.semantic_use.computed) == (6, 1)
    row = next(r for r in found.rows if r.match.candidate_id == mei)
    assert any("computed now" in reason for reason in row.match.reasons)
    others = [r for r in found.rows if r.match.candidate_id != mei]
    assert all(any("stored vector" in reason for reason in r.match.reasons) for r in others)

    embedding_run_start(actor=operator, chunk_size=3)
    run_worker()
    status = embedding_status(actor=operator)
    assert (status.embedded, status.current, status.vectors_stale) == (1, 6, 0)
    assert CandidateEmbedding.objects.get(candidate_id=mei).key != old_key
    assert _semantic(operator).semantic_use.computed == 0


@pytest.mark.django_db(transaction=True)
def test_a_re_import_that_leaves_the_passages_alone_keeps_the_vectors(operator, imported, tmp_path) -> None:
    embedding_run_start(actor=operator, chunk_size=3)
    run_worker()
    mei = imported["mei-chen.txt"]
    changed = tmp_path / "again"
    changed.mkdir()
    text = (FIXTURES / "cvs" / "mei-chen.txt").read_text()
    (changed / "mei-chen.txt").write_text(text.replace("Nottingham, UK", "Derby, UK"))  # not a passage
    assert import_sources(iter_sources([changed])).outcomes[0].candidate_id == mei

    assert _semantic(operator).semantic_use.computed == 0  # the stored key still matches its passages
    embedding_run_start(actor=operator, chunk_size=3)
    run_worker()
    status = embedding_status(actor=operator)
    assert (status.embedded, status.current, status.vectors_stale) == (0, 7, 0)
