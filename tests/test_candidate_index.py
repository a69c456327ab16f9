"""The candidate index: persistence, incremental updates and edge cases keep rankings exact."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from benchmarks.synthetic import WORK, demo_profiles, make_profile, role_spec, steep_growth

from shortlist.engine.matching import index as index_module
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import match
from shortlist.engine.matching.scoring import SCORING_VERSION
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile

TODAY = date(2026, 11, 1)
NOW = TODAY.year


@pytest.fixture(scope="module")
def population() -> list:
    return list(demo_profiles(400))


@pytest.fixture(scope="module")
def roles() -> list[RoleProfile]:
    return [
        build_role_profile(role_spec(must=("go", "kubernetes"), nice=("kafka",), growth=steep_growth())),
        build_role_profile(role_spec("Django Engineer", must=("python", "django"), location="Cambridge")),
        build_role_profile(role_spec("Data Engineer", must=("spark", "sql"), project="data-platform")),
    ]


def ranking(index: CandidateIndex, role: RoleProfile, top: int = 25) -> list[tuple[int, float]]:
    return [(m.candidate_id, m.score) for m in match(index, role, top=top, explain=False)]


@pytest.mark.parametrize("mmap", [True, False])
def test_save_and_load_give_identical_rankings(
    tmp_path: Path, population: list, roles: list, mmap: bool
) -> None:
    built = CandidateIndex.build(population, today=TODAY)
    folder = built.save(tmp_path / "index")
    loaded = CandidateIndex.load(folder, mmap=mmap)
    assert len(loaded) == len(built) == 400
    assert loaded.today == TODAY
    for role in roles:
        assert ranking(loaded, role) == ranking(built, role)
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["format"] == index_module.INDEX_FORMAT
    assert meta["scoring_version"] == SCORING_VERSION
    assert meta["taxonomy"] == built.taxonomy.fingerprint


def test_a_changed_scoring_version_is_re_derived_on_load(
    tmp_path: Path, population: list, roles: list
) -> None:
    built = CandidateIndex.build(population, today=TODAY)
    folder = built.save(tmp_path / "index")
    meta = json.loads((folder / "meta.json").read_text())
    meta["scoring_version"] = "0.0.0-old"
    (folder / "meta.json").write_text(json.dumps(meta))
    # Derived arrays are recomputed from the stored facts, so stale ones on disk do not matter.
    np.save(folder / "cov_value.npy", np.zeros_like(np.load(folder / "cov_value.npy")))
    loaded = CandidateIndex.load(folder)
    assert ranking(loaded, roles[0]) == ranking(built, roles[0])


def test_an_unknown_format_is_refused(tmp_path: Path, population: list) -> None:
    folder = CandidateIndex.build(population[:5], today=TODAY).save(tmp_path / "index")
    meta = json.loads((folder / "meta.json").read_text())
    meta["format"] = 999
    (folder / "meta.json").write_text(json.dumps(meta))
    with pytest.raises(ValueError, match="format 999"):
        CandidateIndex.load(folder)


def test_upsert_and_remove_change_results(roles: list) -> None:
    weak = make_profile([("python", WORK, 2, NOW)])
    strong = make_profile([("go", WORK, 8, NOW), ("kubernetes", WORK, 6, NOW), ("kafka", WORK, 5, NOW)])
    index = CandidateIndex.build([(1, weak), (2, weak)], today=TODAY)
    role = roles[0]
    index.upsert(3, strong)
    assert ranking(index, role)[0][0] == 3
    assert len(index) == 3 and 3 in index
    index.upsert(1, strong)  # replace: candidate 1 becomes as strong as 3
    top = ranking(index, role)
    assert {top[0][0], top[1][0]} == {1, 3} and top[0][1] == top[1][1]
    assert [cid for cid, _ in top[:2]] == [1, 3]  # equal scores: lower id first, whatever the segment
    assert len(index) == 3
    assert index.remove(3) is True
    assert index.remove(3) is False
    assert 3 not in index
    assert [cid for cid, _ in ranking(index, role)] == [1, 2]
    assert index.remove(2) is True
    assert [cid for cid, _ in ranking(index, role)] == [1]


def test_incremental_updates_match_a_fresh_build(population: list, roles: list) -> None:
    first, rest = population[:300], population[300:]
    index = CandidateIndex.build(first, today=TODAY)
    for candidate_id, profile in rest:
        index.upsert(candidate_id, profile)
        if candidate_id % 7 == 0:
            index.segments()  # a read between writes flushes a small segment
    for candidate_id, _ in population[:40]:
        index.remove(candidate_id)
    changed = population[50][1]
    index.upsert(60, changed)
    survivors = [(i, p) for i, p in population if i >= 40]
    survivors = [(i, changed if i == 60 else p) for i, p in survivors]
    fresh = CandidateIndex.build(survivors, today=TODAY)
    assert len(index.segments()) <= 8  # segments merge as they grow: logarithmic in updates
    for role in roles:
        assert ranking(index, role, top=60) == ranking(fresh, role, top=60)
    index.compact()
    assert len(index.segments()) == 1 and index.stats()["dead_rows"] == 0
    for role in roles:
        assert ranking(index, role, top=60) == ranking(fresh, role, top=60)


def test_building_from_no_profiles(tmp_path: Path, roles: list) -> None:
    empty = CandidateIndex.build([], today=TODAY)
    assert len(empty) == 0
    assert match(empty, roles[0]) == []
    loaded = CandidateIndex.load(empty.save(tmp_path / "empty"))
    assert len(loaded) == 0 and match(loaded, roles[0]) == []
    loaded.upsert(5, make_profile([("go", WORK, 3, NOW)]))
    assert [m.candidate_id for m in match(loaded, roles[0])] == [5]


def test_a_repeated_id_keeps_the_last_profile(roles: list) -> None:
    strong = make_profile([("go", WORK, 8, NOW), ("kubernetes", WORK, 6, NOW)])
    weak = make_profile([("python", WORK, 2, NOW)])
    index = CandidateIndex.build([(1, strong), (2, weak), (1, weak)], today=TODAY)
    assert len(index) == 2
    scores = dict(ranking(index, roles[0]))
    assert scores[1] == scores[2]


def test_mmap_loaded_index_accepts_updates(tmp_path: Path, population: list, roles: list) -> None:
    folder = CandidateIndex.build(population, today=TODAY).save(tmp_path / "index")
    index = CandidateIndex.load(folder, mmap=True)
    victim = ranking(index, roles[0])[0][0]
    assert index.remove(victim)
    assert victim not in [cid for cid, _ in ranking(index, roles[0])]
    reread = CandidateIndex.load(folder, mmap=True)
    assert victim in reread  # the file on disk is untouched until saved


def test_stats_and_memory_accounting(population: list) -> None:
    index = CandidateIndex.build(population, today=TODAY)
    stats = index.stats()
    assert stats["candidates"] == 400 and stats["segments"] == 1
    assert stats["coverage_entries"] >= stats["evidence_entries"] > 400
    assert stats["bytes"] == index.nbytes > 0
    assert index.ids().tolist() == sorted(i for i, _ in population)


def test_profile_lookup_feeds_explanations(roles: list) -> None:
    profile = make_profile([("go", WORK, 4, NOW), ("kubernetes", WORK, 4, NOW)], employer="PayStream")
    index = CandidateIndex.build([(7, profile)], today=TODAY)
    (bare,) = match(index, roles[0])
    assert not any("PayStream" in reason for reason in bare.reasons)
    (rich,) = match(index, roles[0], profiles={7: profile}.get)
    assert any("PayStream" in reason for reason in rich.reasons)


def mapped(array: np.ndarray) -> bool:
    """Whether the array's memory is a mapped file (shared by processes through the page cache), as a
    plain ndarray over an np.memmap or the memmap itself."""
    while array is not None:
        if isinstance(array, np.memmap):
            return True
        array = array.base if isinstance(array.base, np.ndarray) else None
    return False


def test_role_independent_columns_are_read_with_the_index_not_computed_per_process(
    tmp_path: Path, population: list, roles: list
) -> None:
    built = CandidateIndex.build(population, today=TODAY)
    folder = built.save(tmp_path / "index")
    loaded = CandidateIndex.load(folder, mmap=True)
    (segment,) = loaded.segments()
    # Mapped from the saved files (shared by every process through the page cache), equal to a fresh
    # computation, and ranking (with the must-have filter, which reads the used-evidence codes) as built.
    assert all(mapped(value) for value in segment.derived().values())
    assert mapped(segment.used_evidence()[0])
    (fresh,) = built.segments()
    assert segment.used_evidence()[1] == fresh.used_evidence()[1]
    for name, value in fresh.derived().items():
        assert np.array_equal(segment.derived()[name], value), name
    for role in roles:
        filtered = [(m.candidate_id, m.score) for m in match(loaded, role, top=25, must_have_filter=True)]
        assert filtered == [
            (m.candidate_id, m.score) for m in match(built, role, top=25, must_have_filter=True)
        ]
    # An index saved before these files existed still loads, computing them.
    for name in index_module.Segment.PRECOMPUTED:
        (folder / f"{name}.npy").unlink()
    older = CandidateIndex.load(folder, mmap=True)
    assert ranking(older, roles[0]) == ranking(built, roles[0])
    assert not mapped(older.segments()[0].derived()["category"])
