"""CPU per explained top-50 match on match_speed's cached index, and what the lexical phrase cache buys.

    PYTHONPATH=$TREE/src:$TREE .venv/bin/python -m benchmarks.match_cpu [--cap-mib 64] [--repeat]

Run it from any tree whose `benchmarks.match_speed` has built the index first (it reads that tree's
cached index in benchmarks/out/, so the code measured is the tree's). It reports CPU time
(time.thread_time) beside wall time: on a shared machine the wall time also counts waiting for the
core, the CPU time does not. `--cap-mib` replaces scoring.PHRASE_CACHE_BYTES for this process (trees
without a phrase cache ignore it); `--repeat` matches each of the 12 role shapes twice in a row and
reports the repeat apart, the cost of a recruiter asking again for the same role.
"""

from __future__ import annotations

import argparse
import os
import time

import numpy as np

from benchmarks import match_speed  # sets the BLAS thread variables before NumPy's first use
from shortlist.engine.matching import scoring


def summary(name: str, values: list[float]) -> str:
    a = np.array(values)
    return f"{name}: p50 {np.percentile(a, 50):.1f} p95 {np.percentile(a, 95):.1f} max {a.max():.1f} ms"


def timed(index: object, role: object) -> tuple[float, float]:
    wall, cpu = time.perf_counter(), time.thread_time()
    match_speed.match(index, role, top=match_speed.TOP, explain=True)
    return (time.perf_counter() - wall) * 1e3, (time.thread_time() - cpu) * 1e3


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--core", type=int, default=None, help="CPU to pin to (default: the last one)")
    parser.add_argument("--cap-mib", type=int, default=None, help="phrase cache bytes per segment, MiB")
    parser.add_argument("--repeat", action="store_true", help="each role shape twice in a row")
    args = parser.parse_args(argv)
    os.sched_setaffinity(0, {args.core if args.core is not None else max(os.sched_getaffinity(0))})
    if args.cap_mib is not None and hasattr(scoring, "PHRASE_CACHE_BYTES"):
        scoring.PHRASE_CACHE_BYTES = args.cap_mib * 2**20
    cap = getattr(scoring, "PHRASE_CACHE_BYTES", None)
    print("phrase cache per segment:", "none" if cap is None else f"{cap / 2**20:.0f} MiB")
    roles = match_speed.benchmark_roles(36)
    lookup = match_speed._Lookup(match_speed.DEMO_SEED)
    index, facts = match_speed.cached_index(args.size, match_speed.DEMO_SEED, False, lookup)
    if not facts.get("cached"):
        print("(the index was built now: run benchmarks.match_speed first to time a cached one)")
    match_speed.match(index, roles[0], top=match_speed.TOP)  # match_speed's warm-up
    if args.repeat:
        first, again = [], []
        for role in roles[:12]:
            first.append(timed(index, role)[1])
            again.append(timed(index, role)[1])
        print(summary("first time, CPU", first))
        print(summary("same role again, CPU", again))
        return
    walls: list[float] = []
    cpus: list[float] = []
    for number in range(args.rounds):
        times = [timed(index, role) for role in roles]
        walls += [wall for wall, _ in times]
        cpus += [cpu for _, cpu in times]
        print(f"round {number + 1}:", summary("CPU", [cpu for _, cpu in times]))
    print(summary("all rounds, wall", walls))
    print(summary("all rounds, CPU", cpus))


if __name__ == "__main__":
    main()
