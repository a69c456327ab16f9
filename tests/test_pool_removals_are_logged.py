"""A candidate deleted by a service (merge, erasure) leaves every process's rankings within a poll
interval (SHORTLIST_POOL_POLL_MS), read from the removal log: no process counts the candidates table
per request."""

from __future__ import annotations

import json
import subprocess

import pytest

from shortlist.accounts.access import Actor
from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateRemoval
from shortlist.candidates.services import candidate_merge
from shortlist.compliance.services import candidate_erase
from tests.factories import make_candidate
from tests.pool_helpers import GO_ROLE, finish, make_pool, shared, start  # noqa: F401 (shared is a fixture)


def test_a_merged_candidate_leaves_the_next_ranking_in_another_process_without_a_count(
    shared: dict[str, str],  # noqa: F811
) -> None:
    finish(start(shared, "publish", "1"))
    watcher = start(shared, "watch", stdin=subprocess.PIPE)
    assert watcher.stdout is not None and watcher.stdin is not None
    before = json.loads(watcher.stdout.readline())
    gone = max(before["ids"])
    finish(start(shared, "merge", str(gone)))  # another process merges it away
    watcher.stdin.write("go\n")
    watcher.stdin.flush()
    after = json.loads(finish(watcher))
    assert gone in before["ids"] and gone not in after["ids"]
    assert after["pool"] == before["pool"] - 1
    assert not [sql for sql in after["sql"] if "COUNT(" in sql.upper()], after["sql"]


@pytest.mark.django_db
@pytest.mark.usefixtures("pool_home")
def test_erasure_and_merge_log_the_candidates_they_delete() -> None:
    people = make_pool(6)
    pool.build()
    erased, merged, kept = people[0].pk, people[1].pk, people[2].pk
    candidate_erase(actor=Actor.system(), candidate_id=erased, reason="asked to be forgotten")
    candidate_merge(actor=Actor.system(), keep_id=kept, other_id=merged)
    assert sorted(CandidateRemoval.objects.values_list("candidate_id", flat=True)) == sorted([erased, merged])
    ranking = pool.pool_rank(GO_ROLE, top=20, explain=False)
    ids = {m.candidate_id for m in ranking.matches}
    assert erased not in ids and merged not in ids and kept in ids
    assert ranking.pool.candidates == Candidate.objects.count() == 4
    make_candidate(name="Later")  # the log does not hide candidates added afterwards
    assert pool.pool_info().candidates == Candidate.objects.count() == 5
