"""Matching speed on one core: index build, memory, explained top-50 latency and incremental updates.

    .venv/bin/python -m benchmarks.match_speed --sizes 10000,100000,1000000

Candidates come from the demo generator (benchmarks/synthetic.py adapts them to engine profiles). Built
indexes are cached under benchmarks/out/ (git-ignored), keyed by size, seed, taxonomy and scoring
version; delete the folder or pass --rebuild to measure a build again. Targets at 1M: p50 <= 50 ms,
p95 <= 150 ms for a top-50 match with explanations, index <= 2 GB.
"""

from __future__ import annotations

import os

# One core, and no BLAS thread pool behind NumPy's back: set before NumPy is imported.
for _name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS"):
    os.environ[_name] = "1"

import argparse  # noqa: E402
import contextlib  # noqa: E402
import gc  # noqa: E402
import json  # noqa: E402
import statistics  # noqa: E402
import time  # noqa: E402
from collections.abc import Iterable, Iterator  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402

from benchmarks.synthetic import (  # noqa: E402
    DEMO_SEED,
    DEMO_TODAY,
    benchmark_roles,
    candidate_profile,
    demo_profiles,
)
from shortlist.engine.matching.index import INDEX_FORMAT, CandidateIndex  # noqa: E402
from shortlist.engine.matching.match import match, score_segment  # noqa: E402
from shortlist.engine.matching.scoring import SCORING_VERSION, plan_role  # noqa: E402
from shortlist.engine.roles.weighting import RoleProfile  # noqa: E402
from shortlist.engine.vocab.profile import Profile  # noqa: E402
from shortlist.engine.vocab.taxonomy import default_taxonomy  # noqa: E402

OUT = Path(__file__).resolve().parent / "out"
TOP = 50


def rss_mib(field: str = "VmRSS") -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def reset_peak() -> None:
    """Restart VmHWM (peak RSS) from the current RSS (Linux: /proc/self/clear_refs, value 5)."""
    with contextlib.suppress(OSError):
        Path("/proc/self/clear_refs").write_text("5")


class _Timed:
    """An iterator that adds up the time spent producing its items (profile generation)."""

    def __init__(self, items: Iterable[tuple[int, Profile]]) -> None:
        self.items = iter(items)
        self.seconds = 0.0

    def __iter__(self) -> Iterator[tuple[int, Profile]]:
        return self

    def __next__(self) -> tuple[int, Profile]:
        started = time.perf_counter()
        try:
            return next(self.items)
        finally:
            self.seconds += time.perf_counter() - started


class _Lookup:
    """Profile fetch for explanations (regenerated from the seed); timed so it can be reported apart."""

    def __init__(self, seed: int) -> None:
        self.seed = seed
        self.seconds = 0.0
        self.taxonomy = default_taxonomy()

    def __call__(self, candidate_id: int) -> Profile:
        started = time.perf_counter()
        try:
            return candidate_profile(candidate_id, self.seed, self.taxonomy)
        finally:
            self.seconds += time.perf_counter() - started


def cached_index(
    n: int, seed: int, rebuild: bool, lookup: _Lookup
) -> tuple[CandidateIndex, dict[str, float]]:
    taxonomy = default_taxonomy()
    # The on-disk format is part of the key, so a format change rebuilds instead of failing to load.
    folder = OUT / f"index-{n}-s{seed}-{taxonomy.fingerprint}-v{SCORING_VERSION}-f{INDEX_FORMAT}"
    facts_file = folder / "build.json"
    if facts_file.exists() and not rebuild:
        started = time.perf_counter()
        before = rss_mib()
        index = CandidateIndex.load(folder, taxonomy, mmap=False, profile_lookup=lookup)
        facts = json.loads(facts_file.read_text())
        facts["load_s"] = time.perf_counter() - started
        facts["rss_delta_mib"] = rss_mib() - before
        facts["cached"] = 1.0
        return index, facts
    gc.collect()
    before = rss_mib()
    reset_peak()
    source = _Timed(demo_profiles(n, seed, taxonomy))
    started = time.perf_counter()
    index = CandidateIndex.build(source, taxonomy, DEMO_TODAY, profile_lookup=lookup)
    total = time.perf_counter() - started
    gc.collect()
    facts = {
        "generate_s": source.seconds,
        "build_s": total - source.seconds,
        "rss_delta_mib": rss_mib() - before,
        "peak_delta_mib": rss_mib("VmHWM") - before,
        "cached": 0.0,
    }
    started = time.perf_counter()
    index.save(folder)
    facts["save_s"] = time.perf_counter() - started
    facts_file.write_text(json.dumps(facts))
    return index, facts


def latencies(index: CandidateIndex, roles: list[RoleProfile], rounds: int) -> list[float]:
    match(index, roles[0], top=TOP)  # warm caches (taxonomy closures, first-touch pages)
    times = []
    for _ in range(rounds):
        for role in roles:
            started = time.perf_counter()
            results = match(index, role, top=TOP, explain=True)
            times.append(time.perf_counter() - started)
            assert len(results) == min(TOP, len(index))
    return times


def filtered(index: CandidateIndex, roles: list[RoleProfile]) -> list[float]:
    times = []
    for role in roles:
        started = time.perf_counter()
        match(index, role, top=TOP, must_have_filter=True)
        times.append(time.perf_counter() - started)
    return times


def scoring_only(index: CandidateIndex, roles: list[RoleProfile]) -> list[float]:
    """The exhaustive pass alone (no top-k, no explanations): where the time goes."""
    times = []
    for role in roles:
        # The role as match() compiles it (with the pool's word statistics, where the index keeps words).
        lexicon = getattr(index, "lexicon", None)
        if lexicon is None:
            plan = plan_role(role, index.codes, index.reference_year)
        else:
            plan = plan_role(role, index.codes, index.reference_year, lexicon(), index.taxonomy)
        started = time.perf_counter()
        for segment in index.segments():
            score_segment(segment, plan)
        times.append(time.perf_counter() - started)
    return times


def updates(index: CandidateIndex, n: int, seed: int, role: RoleProfile) -> dict[str, float]:
    """Cost of upserts and removes, of the first read after them, and of a query with a delta present."""
    fresh = [(n + i, candidate_profile(n + i, seed)) for i in range(1_000)]
    started = time.perf_counter()
    index.upsert(*fresh[0])
    upsert_one = time.perf_counter() - started
    started = time.perf_counter()
    match(index, role, top=TOP)
    first_read = time.perf_counter() - started
    started = time.perf_counter()
    for candidate_id, profile in fresh[1:]:
        index.upsert(candidate_id, profile)
    upsert_many = (time.perf_counter() - started) / (len(fresh) - 1)
    started = time.perf_counter()
    index.segments()
    flush = time.perf_counter() - started
    started = time.perf_counter()
    for candidate_id in range(0, 1_000):
        index.remove(candidate_id)
    remove_each = (time.perf_counter() - started) / 1_000
    times = []
    for _ in range(5):
        started = time.perf_counter()
        match(index, role, top=TOP)
        times.append(time.perf_counter() - started)
    started = time.perf_counter()
    index.compact()
    compact = time.perf_counter() - started
    return {
        "upsert_one_ms": upsert_one * 1e3,
        "first_read_after_upsert_ms": first_read * 1e3,
        "upsert_each_ms": upsert_many * 1e3,
        "flush_1k_ms": flush * 1e3,
        "remove_each_us": remove_each * 1e6,
        "match_with_delta_ms": statistics.median(times) * 1e3,
        "segments_before_compact": float(len(index.segments())),
        "compact_s": compact,
    }


def percentile(values: list[float], q: float) -> float:
    return float(np.percentile(np.array(values), q))


def run(size: int, seed: int, rounds: int, rebuild: bool, roles: list[RoleProfile]) -> dict[str, float]:
    lookup = _Lookup(seed)
    index, facts = cached_index(size, seed, rebuild, lookup)
    lookup.seconds = 0.0
    times = latencies(index, roles, rounds)
    fetch_ms = lookup.seconds / len(times) * 1e3
    scoring = scoring_only(index, roles)
    with_filter = filtered(index, roles)
    stats = index.stats()
    row = {
        "candidates": float(stats["candidates"]),
        **facts,
        "index_mib": stats["bytes"] / 2**20,
        "evidence_entries": float(stats["evidence_entries"]),
        "coverage_entries": float(stats["coverage_entries"]),
        "p50_ms": percentile(times, 50) * 1e3,
        "p95_ms": percentile(times, 95) * 1e3,
        "max_ms": max(times) * 1e3,
        "profile_fetch_ms": fetch_ms,
        "scoring_p50_ms": percentile(scoring, 50) * 1e3,
        "filter_p50_ms": percentile(with_filter, 50) * 1e3,
        "samples": float(len(times)),
    }
    row.update(updates(index, size, seed, roles[0]))
    return row


def table(rows: list[dict[str, float]]) -> str:
    keys = [
        ("candidates", "candidates", "{:,.0f}"),
        ("cached", "index from cache", "{:.0f}"),
        ("generate_s", "generate profiles (s)", "{:.1f}"),
        ("build_s", "build index (s)", "{:.1f}"),
        ("save_s", "save (s)", "{:.2f}"),
        ("load_s", "load (s)", "{:.2f}"),
        ("rss_delta_mib", "RSS delta after build (MiB)", "{:,.0f}"),
        ("peak_delta_mib", "peak RSS delta during build (MiB)", "{:,.0f}"),
        ("index_mib", "index arrays (MiB)", "{:,.0f}"),
        ("evidence_entries", "evidence entries", "{:,.0f}"),
        ("coverage_entries", "coverage entries", "{:,.0f}"),
        ("samples", "timed matches", "{:.0f}"),
        ("p50_ms", "top-50 explained p50 (ms)", "{:.1f}"),
        ("p95_ms", "top-50 explained p95 (ms)", "{:.1f}"),
        ("max_ms", "top-50 explained max (ms)", "{:.1f}"),
        ("profile_fetch_ms", "… of which profile fetch (ms)", "{:.1f}"),
        ("scoring_p50_ms", "exhaustive scoring only p50 (ms)", "{:.1f}"),
        ("filter_p50_ms", "top-50 with must-have filter p50 (ms)", "{:.1f}"),
        ("upsert_one_ms", "upsert one (ms)", "{:.2f}"),
        ("first_read_after_upsert_ms", "first match after it (ms)", "{:.1f}"),
        ("upsert_each_ms", "upsert, each of 1k (ms)", "{:.3f}"),
        ("flush_1k_ms", "1k queued upserts → segment (ms)", "{:.1f}"),
        ("remove_each_us", "remove, each (µs)", "{:.1f}"),
        ("match_with_delta_ms", "match with a delta segment (ms)", "{:.1f}"),
        ("compact_s", "compact all segments (s)", "{:.2f}"),
    ]
    header = "| measure | " + " | ".join(f"{int(r['candidates']):,}" for r in rows) + " |"
    lines = [header, "|---|" + "---:|" * len(rows)]
    for key, label, fmt in keys:
        cells = [fmt.format(r[key]) if key in r else "—" for r in rows]
        lines.append(f"| {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--seed", type=int, default=DEMO_SEED)
    parser.add_argument("--roles", type=int, default=36, help="varied role profiles (at least 30)")
    parser.add_argument("--rounds", type=int, default=3, help="times each role is matched")
    parser.add_argument("--core", type=int, default=None, help="CPU to pin to (default: the last one)")
    parser.add_argument("--rebuild", action="store_true", help="ignore cached indexes")
    args = parser.parse_args(argv)
    core = args.core if args.core is not None else max(os.sched_getaffinity(0))
    os.sched_setaffinity(0, {core})
    roles = benchmark_roles(args.roles)
    rows = []
    for size in (int(s) for s in args.sizes.split(",")):
        print(f"… {size:,} candidates", flush=True)
        rows.append(run(size, args.seed, args.rounds, args.rebuild, roles))
        print(table(rows), flush=True)
    print(f"\npinned to CPU {core}; {len(roles)} role profiles x {args.rounds} rounds; top {TOP} explained")
    print(f"scoring {SCORING_VERSION}, taxonomy {default_taxonomy().fingerprint}, numpy {np.__version__}")


if __name__ == "__main__":
    main()
