"""What an erasure costs the published index: read the current version back (mapped), tombstone the
erased rows, write the next version, remove every other (compliance.erasure's "index" step, as
`candidates.pool.publish_without_missing` runs it, without its one ids query).

    .venv/bin/python -m benchmarks.erasure_index --candidates 100000

Prints the build (not part of an erasure) and the erasure step's time for 1 and for 100 people.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

import numpy as np

from benchmarks.synthetic import demo_profiles
from shortlist.engine.matching import published
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.vocab.taxonomy import default_taxonomy


def erase_step(folder: Path, gone: list[int]) -> float:
    began = time.perf_counter()
    with published.builder_lock(folder):
        version = published.read_version(folder)
        index = published.open_version(version, default_taxonomy())
        ids = np.asarray(index.segments()[0].ids)
        for candidate_id in gone:
            index.remove(candidate_id)
        stamps = np.asarray(published.read_extra(version, "stamps", mmap=False))
        kept = stamps[~np.isin(ids, np.asarray(gone), assume_unique=True)]
        published.publish(index, folder, version.state, {"stamps": kept})
        published.prune(folder, keep_previous=False)
    return time.perf_counter() - began


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    args = parser.parse_args()
    taxonomy = default_taxonomy()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        began = time.perf_counter()
        index = CandidateIndex.build(demo_profiles(args.candidates), taxonomy)
        stamps = np.arange(len(index), dtype=np.int64)
        with published.builder_lock(folder):
            published.publish(index, folder, {}, {"stamps": stamps})
        built = time.perf_counter() - began
        one = erase_step(folder, [args.candidates // 2])
        hundred = erase_step(folder, list(range(1, args.candidates, max(1, args.candidates // 100)))[:100])
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 2**20
    print(f"{args.candidates:,} candidates, index on disk {size:,.0f} MiB; build + publish {built:.1f} s")
    print(f"erasure index step: 1 person {one:.2f} s, 100 people at once {hundred:.2f} s")


if __name__ == "__main__":
    main()
