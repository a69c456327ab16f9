"""A published index version is whole or refused: atomic switch, checked files, one builder, pruning."""

from __future__ import annotations

import json
import os
from datetime import date
from pathlib import Path

import numpy as np
import pytest
from benchmarks.synthetic import demo_profiles, role_spec

from shortlist.engine.matching import published
from shortlist.engine.matching.index import CandidateIndex, IndexDamaged
from shortlist.engine.matching.match import match
from shortlist.engine.roles.weighting import build_role_profile
from shortlist.engine.vocab.taxonomy import default_taxonomy
from tests.test_candidate_index import mapped

TODAY = date(2026, 11, 1)
ROLE = build_role_profile(role_spec(must=("go", "kubernetes"), nice=("kafka",)))


@pytest.fixture(scope="module")
def population() -> list:
    return list(demo_profiles(300))


def ranking(index: CandidateIndex) -> list[tuple[int, float]]:
    return [(m.candidate_id, m.score) for m in match(index, ROLE, top=20, explain=False)]


def test_a_published_version_reads_back_as_the_index_that_was_built(tmp_path: Path, population: list) -> None:
    built = CandidateIndex.build(population, today=TODAY)
    expected = ranking(built)
    with published.builder_lock(tmp_path):
        version = published.publish(built, tmp_path, {"note": "first"}, {"stamps": np.arange(300)})
    assert version.name == "v000001" and version.candidates == 300
    assert published.current_name(tmp_path) == "v000001"
    read = published.read_version(tmp_path)
    assert read.state == {"note": "first"}
    loaded = published.open_version(read, default_taxonomy())
    assert ranking(loaded) == expected
    assert published.read_extra(read, "stamps").tolist() == list(range(300))
    assert not list(tmp_path.glob(".v*")) and not (tmp_path / "CURRENT.tmp").exists()


def test_publishing_switches_current_to_a_new_folder_and_leaves_the_old_one_untouched(
    tmp_path: Path, population: list
) -> None:
    first = published.publish(CandidateIndex.build(population[:100], today=TODAY), tmp_path)
    before = {p.name: p.stat().st_mtime_ns for p in first.path.iterdir()}
    second = published.publish(CandidateIndex.build(population, today=TODAY), tmp_path)
    assert (first.name, second.name) == ("v000001", "v000002")
    assert published.current_name(tmp_path) == "v000002"
    assert {p.name: p.stat().st_mtime_ns for p in first.path.iterdir()} == before
    assert len(published.open_version(published.read_version(tmp_path, "v000001"), default_taxonomy())) == 100


@pytest.mark.parametrize("damage", ["delete ids", "truncate coverage", "delete manifest", "grow evidence"])
def test_a_damaged_version_is_an_error_never_a_smaller_index(
    tmp_path: Path, population: list, damage: str
) -> None:
    version = published.publish(CandidateIndex.build(population, today=TODAY), tmp_path)
    folder = version.path
    if damage == "delete ids":
        (folder / "ids.npy").unlink()
    elif damage == "truncate coverage":
        os.truncate(folder / "cov_row.npy", (folder / "cov_row.npy").stat().st_size // 2)
    elif damage == "delete manifest":
        (folder / published.MANIFEST).unlink()
    else:
        with open(folder / "ev_skill.npy", "ab") as handle:
            handle.write(b"\0" * 64)
    with pytest.raises(IndexDamaged):
        published.open_version(published.read_version(tmp_path), default_taxonomy())


def test_loading_refuses_missing_arrays_even_without_a_manifest(tmp_path: Path, population: list) -> None:
    folder = CandidateIndex.build(population, today=TODAY).save(tmp_path / "index")
    (folder / "ids.npy").unlink()
    with pytest.raises(IndexDamaged, match=r"ids\.npy"):
        CandidateIndex.load(folder)
    meta = json.loads((folder / "meta.json").read_text())
    assert meta["candidates"] == 300  # what the loader compared against


def test_only_one_builder_holds_the_lock(tmp_path: Path) -> None:
    with published.builder_lock(tmp_path) as first:
        assert first
        with published.builder_lock(tmp_path, wait=False) as second:
            assert not second
    with published.builder_lock(tmp_path, wait=False) as after:
        assert after


def test_pruning_keeps_the_previous_version_and_waits_out_the_grace_period(
    tmp_path: Path, population: list
) -> None:
    small = CandidateIndex.build(population[:10], today=TODAY)
    for _ in range(4):
        published.publish(small, tmp_path)
    (tmp_path / ".v000009.partial").mkdir()  # a builder that died half-way
    assert published.prune(tmp_path, grace=3600) == [".v000009.partial"]
    assert sorted(p.name for p in tmp_path.glob("v*")) == ["v000001", "v000002", "v000003", "v000004"]
    removed = published.prune(tmp_path, grace=0)
    assert sorted(removed) == ["v000001", "v000002"]
    assert sorted(p.name for p in tmp_path.glob("v*")) == ["v000003", "v000004"]
    assert published.current_name(tmp_path) == "v000004"


def test_a_mapped_version_keeps_ranking_after_its_files_are_removed(tmp_path: Path, population: list) -> None:
    version = published.publish(CandidateIndex.build(population, today=TODAY), tmp_path)
    loaded = published.open_version(version, default_taxonomy(), mmap=True)
    expected = ranking(loaded)
    published.publish(CandidateIndex.build(population[:5], today=TODAY), tmp_path)
    published.publish(CandidateIndex.build(population[:5], today=TODAY), tmp_path)
    assert "v000001" in published.prune(tmp_path, grace=0)
    assert not version.path.exists()
    assert ranking(loaded) == expected  # POSIX keeps unlinked, mapped pages alive


def test_updates_stay_beside_a_frozen_published_segment(tmp_path: Path, population: list) -> None:
    version = published.publish(CandidateIndex.build(population, today=TODAY), tmp_path)
    index = published.open_version(version, default_taxonomy(), mmap=True)
    published_segment = index.segments()[0]
    newcomers = [(i + 10_000, p) for i, p in population[:200]]
    for candidate_id, profile in newcomers:
        index.upsert(candidate_id, profile)
        index.segments()  # a read between writes: small segments, merging among themselves
    assert index.segments()[0] is published_segment
    assert mapped(published_segment.cov_row)
    assert index.delta == 200 and len(index) == 500
    assert ranking(index) == ranking(CandidateIndex.build([*population, *newcomers], today=TODAY))
