"""Memory of app processes sharing one published index: one process alone against four together (PSS).

    .venv/bin/python -m benchmarks.index_memory --candidates 1000000 [--threads 4]

Builds the demo candidates' index in memory (benchmarks/synthetic.py, as match_speed does: no database,
so a million candidates take minutes, not the half hour of `shortlist demo` plus publishing) and
publishes it once under benchmarks/out/memory-N/ (kept: delete it to build again). Then starts
processes that each set Django up (the app's own baseline), map the current version read-only as the
pool does (published.open_version), and rank an explained top-50 for each of the demo-like roles, from
`--threads` threads in turn as gunicorn's gthread workers would. Each reports RSS, PSS and what it holds
privately (engine scratch and caches, by name); PSS divides a shared page among the processes mapping
it, so four processes that share the index should cost little more than one. Target at 1M: < 1.5x.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

OUT = Path(__file__).parent / "out"

CHILD = """
import json, os, sys, threading
import numpy as np
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
import django
django.setup()
from pathlib import Path
from benchmarks.synthetic import benchmark_roles, candidate_profile
from shortlist.engine.matching import published
from shortlist.engine.matching.match import rank
from shortlist.engine.vocab.taxonomy import default_taxonomy
folder, threads, base = Path(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
version = published.read_version(folder, published.current_name(folder))
lookup = lambda candidate_id: candidate_profile(candidate_id % base)
index = published.open_version(version, default_taxonomy(), profile_lookup=lookup)
roles = benchmark_roles(7)
segment = index.segments()[0]
segment.shared_scratch = True  # as candidates/pool.py sets it (an attribute older engines ignore)
lock = threading.Lock()  # the pool ranks under one lock per process (candidates/pool.py)
done, end = threading.Semaphore(0), threading.Event()
def work():  # a server thread: ranks, then lives on (holding whatever is thread-local) until the end
    for role in roles:
        with lock:
            rank(index, role, top=50)
    done.release()
    end.wait()
for _ in range(threads):
    threading.Thread(target=work, daemon=True).start()
    done.acquire()
def mapped(a):
    while a is not None:
        if isinstance(a, np.memmap):
            return True
        a = a.base
    return False
# What each holds in its own memory: arrays mapped from the version's files are shared, not counted.
mib = lambda arrays: round(sum(int(a.nbytes) for a in arrays if not mapped(a)) / 2**20, 1)
private = {
    "workspaces": mib(a for w in getattr(segment, "workspaces", list)() for a in w._arrays.values()),
    "alive_copy": mib([segment.alive] if not isinstance(segment.alive, np.memmap) else []),
    "derived": mib((segment._derived or {}).values()),
    "phrases": mib(a for hit in segment._phrases.values() for a in hit),
    "used_evidence": mib(segment._used[:1] if segment._used else ()),
}
with open("/proc/self/smaps_rollup") as handle:
    for line in handle:
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss", "Anonymous"):
            private[name] = int(rest.split()[0]) // 1024
print(json.dumps(private), flush=True)
sys.stdin.read()
"""


def ensure_published(n: int, base: int) -> Path:
    """The published index of n demo candidates: `base` generated, repeated under new ids up to n (the
    same arrays and distributions, built in a tenth of the time on a busy machine)."""
    import dataclasses

    from benchmarks.synthetic import DEMO_TODAY, demo_profiles
    from shortlist.engine.matching import published
    from shortlist.engine.matching.index import CandidateIndex
    from shortlist.engine.vocab.taxonomy import default_taxonomy

    folder = OUT / f"memory-{n}"
    if folder.exists() and published.current_name(folder) is not None:
        return folder
    started = time.perf_counter()
    taxonomy = default_taxonomy()
    base = min(base, n)
    index = CandidateIndex.build(demo_profiles(base, taxonomy=taxonomy), taxonomy, DEMO_TODAY)
    (segment,) = index.segments()
    copies = -(-n // base)
    index._segments = [dataclasses.replace(segment, ids=segment.ids + k * base) for k in range(copies)]
    index.compact()
    for extra in range(copies * base - 1, n - 1, -1):
        index.remove(extra)
    with published.builder_lock(folder):
        published.publish(index, folder)
    print(f"built and published {n:,} candidates ({base:,} generated) in "
          f"{time.perf_counter() - started:.0f} s", flush=True)  # fmt: skip
    return folder


def processes(folder: Path, count: int, threads: int, base: int) -> list[dict[str, float]]:
    started = [
        subprocess.Popen(
            [sys.executable, "-c", CHILD, str(folder), str(threads), str(base)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
        )
        for _ in range(count)
    ]
    try:
        found = [json.loads(process.stdout.readline()) for process in started]
        # Read again once all are up: PSS shares pages among the processes mapping them now.
        for process, row in zip(started, found, strict=True):
            with open(f"/proc/{process.pid}/smaps_rollup") as handle:
                for line in handle:
                    name, _, rest = line.partition(":")
                    if name in ("Rss", "Pss"):
                        row[name] = int(rest.split()[0]) // 1024
        return found
    finally:
        for process in started:
            process.communicate("")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--threads", type=int, default=1, help="threads ranking in turn in each process")
    parser.add_argument("--base", type=int, default=100_000, help="candidates generated (then repeated)")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    folder = ensure_published(args.candidates, args.base)
    size = sum(p.stat().st_size for p in folder.rglob("*.npy")) / 2**20
    print(f"index: {args.candidates:,} candidates, {size:,.0f} MiB of arrays; load average "
          f"{os.getloadavg()[0]:.1f}")  # fmt: skip
    alone = processes(folder, 1, args.threads, args.base)[0]
    together = processes(folder, 4, args.threads, args.base)
    total = sum(row["Pss"] for row in together)
    print(f"one process alone: RSS {alone['Rss']} MiB, PSS {alone['Pss']} MiB; privately {alone}")
    print(f"four together: PSS {total} MiB in all, {total / alone['Pss']:.2f}x one "
          f"(each: {[row['Pss'] for row in together]} MiB)")  # fmt: skip


if __name__ == "__main__":
    main()
