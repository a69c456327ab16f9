"""A snapshot of the index ranks exactly as the index did when it was taken, whatever updates and
removals follow, and threads rank snapshots side by side while another thread changes the index."""

from __future__ import annotations

import threading
from datetime import date
from pathlib import Path

import pytest
from benchmarks.synthetic import WORK, demo_profiles, make_profile, role_spec

from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import RankMemo, rank
from shortlist.engine.roles.weighting import build_role_profile

TODAY = date(2026, 11, 1)
ROLE = build_role_profile(role_spec(must=("go", "kubernetes"), nice=("kafka",)))
STRONG = make_profile([("go", WORK, 9, 2026), ("kubernetes", WORK, 7, 2026), ("kafka", WORK, 5, 2026)])


def ranked(index: CandidateIndex, memo: RankMemo | None = None) -> list[tuple[int, float]]:
    return [(m.candidate_id, m.score) for m in rank(index, ROLE, top=30, explain=False, memo=memo).matches]


@pytest.fixture
def published(tmp_path: Path) -> CandidateIndex:
    """A saved and loaded index, as every process holds the published version (mapped, frozen)."""
    folder = CandidateIndex.build(demo_profiles(300), today=TODAY).save(tmp_path / "index")
    return CandidateIndex.load(folder, freeze=True)


def test_a_snapshot_keeps_ranking_what_it_saw(published: CandidateIndex) -> None:
    index = published
    before = ranked(index)
    snapshot = index.snapshot()
    leader = before[0][0]
    index.remove(leader)
    index.upsert(before[5][0], STRONG)
    index.upsert(10_000, STRONG)
    after = ranked(index)
    assert leader not in dict(after) and 10_000 in dict(after)
    assert ranked(snapshot) == before  # the snapshot never saw the changes
    assert len(snapshot) == 300 and len(index) == 300
    with pytest.raises(TypeError):
        snapshot.upsert(20_000, STRONG)


def test_threads_rank_snapshots_while_another_thread_changes_the_index(published: CandidateIndex) -> None:
    index, memo = published, RankMemo()
    seen: list[tuple[int, list[tuple[int, float]], list[tuple[int, float]]]] = []
    failures: list[BaseException] = []
    lock = threading.Lock()
    snapshot = index.snapshot()

    def reader() -> None:
        try:
            for _ in range(15):
                with lock:
                    view = snapshot
                # Through the shared memo and from scratch: both must agree on the same snapshot.
                seen.append((len(view), ranked(view, memo), ranked(view)))
        except BaseException as exc:  # reported below
            failures.append(exc)

    readers = [threading.Thread(target=reader) for _ in range(3)]
    for thread in readers:
        thread.start()
    for number in range(40):
        index.upsert(50_000 + number, STRONG)
        if number % 4 == 0:
            index.remove(int(index.ids()[number]))
        with lock:
            snapshot = index.snapshot()
    for thread in readers:
        thread.join()
    assert not failures
    assert len(seen) == 45
    assert all(kept == fresh for _, kept, fresh in seen)
