"""CV parsing + skill extraction throughput on one core, without embeddings.

    .venv/bin/python -m benchmarks.cv_throughput [--rounds 3]

Text: the 166 unique Kaggle resumes, the labelled .txt/.md/.html fixtures and 300 demo CVs, parsed
from text (reading the file excluded). PDF and DOCX: the labelled fixtures, read from bytes and
parsed (reading included). Best of --rounds after a warm-up; the process is pinned to one core.
"""

from __future__ import annotations

import argparse
import os
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.datasets import KAGGLE_CSV, kaggle_resumes
from shortlist.demo.generator import generate_candidates
from shortlist.engine.cv.documents import read_bytes
from shortlist.engine.cv.parse import parse_cv, profile_from_document
from shortlist.engine.vocab.taxonomy import default_taxonomy

FIXTURES = Path(__file__).resolve().parents[1] / "tests" / "fixtures" / "cvs"


def best_rate(label: str, items: list, work: Callable[[object], object], rounds: int) -> float:
    for item in items[:5]:
        work(item)  # warm-up: compiled patterns, caches
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        for item in items:
            work(item)
        best = min(best, time.perf_counter() - started)
    rate = len(items) / best
    size = sum(len(i) if isinstance(i, str) else len(i[1]) for i in items) / len(items) / 1024
    print(
        f"{label:<34} {len(items):>4} CVs  mean {size:5.1f} KB  {rate:8.1f} CVs/s  {1000 / rate:6.2f} ms/CV"
    )
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {sorted(os.sched_getaffinity(0))[0]})
    taxonomy = default_taxonomy()

    texts = [r.text for r in kaggle_resumes()] if KAGGLE_CSV.exists() else []
    texts += [
        p.read_text(errors="replace") for p in sorted(FIXTURES.glob("*")) if p.suffix in {".txt", ".md"}
    ]
    texts += [c.cv_text for c in generate_candidates(300)]
    best_rate("text (parse + extract)", texts, lambda t: parse_cv(t, "bench", taxonomy), args.rounds)

    for suffix in (".pdf", ".docx", ".html", ".json"):
        files = [(p.name, p.read_bytes()) for p in sorted(FIXTURES.glob(f"*{suffix}"))]
        best_rate(
            f"{suffix[1:]} (read + parse + extract)",
            files,
            lambda f: profile_from_document(read_bytes(f[0], f[1]), f[0], taxonomy),
            args.rounds,
        )


if __name__ == "__main__":
    main()
