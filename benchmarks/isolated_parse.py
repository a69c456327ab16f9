"""What the parse child costs a normal import: text CVs/s read + parsed in-process vs in the capped child.

    PYTHONPATH=src .venv/bin/python -m benchmarks.isolated_parse [--cvs 300] [--rounds 3]

The same CVs (the labelled .txt/.md fixtures and generated demo CVs, as bytes) go through
`parse_job` in this process (the path before issue 14) and through `IsolatedParser.parse` (one
reused child under the default caps). Best of --rounds after a warm-up; both sides on one core.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from shortlist.demo.generator import generate_candidates
from shortlist.engine.cv.documents import Limits
from shortlist.engine.cv.isolated import Caps, IsolatedParser, Job, parse_job
from shortlist.engine.vocab.taxonomy import default_taxonomy

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "cvs"


def best_rate(label: str, jobs: list[Job], work: Callable[[Job], object], rounds: int) -> float:
    for job in jobs[:5]:
        work(job)
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for job in jobs:
            work(job)
        best = min(best, time.perf_counter() - started)
    rate = len(jobs) / best
    print(f"{label:<28} {len(jobs):>4} CVs  {rate:8.1f} CVs/s  {1000 / rate:6.2f} ms/CV")
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cvs", type=int, default=300)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})  # the child inherits it
    taxonomy = default_taxonomy()
    limits = Limits()
    jobs = [
        Job(p.name, limits, data=p.read_bytes())
        for p in sorted(FIXTURES.glob("*"))
        if p.suffix in {".txt", ".md"}
    ]
    jobs += [
        Job(f"demo-{n}.txt", limits, data=c.cv_text.encode())
        for n, c in enumerate(generate_candidates(args.cvs))
    ]
    before = best_rate("in-process (before)", jobs, lambda job: parse_job(job, taxonomy), args.rounds)
    isolated = IsolatedParser(taxonomy, Caps())
    try:
        after = best_rate("capped child (after)", jobs, isolated.parse, args.rounds)
    finally:
        isolated.close()
    print(f"child / in-process: {after / before:.2f}")


if __name__ == "__main__":
    main()
