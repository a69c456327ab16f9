"""The published index at scale: a fresh process's first shortlist, a changed candidate, explanations.

    SHORTLIST_HOME=/tmp/bench100k .venv/bin/python -m benchmarks.published_index --candidates 100000

Loads the demo pool into SHORTLIST_HOME's database (skipped when there) and publishes the index (skipped
when a version is current), then reports:

- a fresh process (`python -c`, timed by the parent from its start) that sets up Django and ranks an
  explained top-50 from the published version, mapped read-only: start-up, first and next shortlist,
  and its memory (RSS, and PSS: what the page cache shares between processes is divided among them);
- the next request after one candidate changes (a new skill, saved): the change is polled, fetched and
  applied to the in-memory delta before ranking — extra cost over an unchanged request, and after 100
  changes at once;
- the explained top-50 three ways, over every demo role: profiles fetched in one batch (what the pool
  does), one query per result (as before), and engine-only (profiles already in memory, no database).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable

CHILD = """
import json, os, time
spawned = time.time()
began = time.perf_counter()
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
import django
django.setup()
from shortlist.candidates import pool
from shortlist.clients.models import Role
from shortlist.clients.roles import role_profile
role = role_profile(Role.objects.order_by("pk").first())
ready = time.perf_counter()
first = pool.pool_rank(role, top=50)
done = time.perf_counter()
later = []
for _ in range(5):
    t = time.perf_counter(); pool.pool_rank(role, top=50); later.append(time.perf_counter() - t)
memory = {}
with open("/proc/self/smaps_rollup") as handle:
    for line in handle:
        name, _, rest = line.partition(":")
        if name in ("Rss", "Pss"):
            memory[name] = int(rest.split()[0]) // 1024
print(json.dumps({"setup": ready - began, "first": done - ready, "later": sorted(later)[2],
                  "answered_at": spawned + (done - began),
                  "pool": first.pool.candidates, "version": first.pool.index_version, **memory}))
"""


SERVER = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
import django
django.setup()
from shortlist.candidates import pool
from shortlist.clients.models import Role
from shortlist.clients.roles import role_profile
for role in Role.objects.order_by("pk"):
    pool.pool_rank(role_profile(role), top=50)
mib = lambda arrays: round(sum(int(a.nbytes) for a in arrays) / 2**20, 1)
index = pool.pool_index()
segment = index.segments()[0]
private = {
    "workspace": round(segment.workspace().nbytes / 2**20, 1),
    "derived": mib((segment._derived or {}).values()),
    "phrases": mib(a for hit in segment._phrases.values() for a in hit),
    "used_evidence": mib(segment._used[:1] if segment._used else ()),
    "alive_copy": mib([segment.alive] if segment.alive.flags.owndata else []),
    "delta": mib(a for s in index.segments()[1:] for a in s.arrays().values()),
}
with open("/proc/self/smaps_rollup") as handle:
    for line in handle:
        name, _, rest = line.partition(":")
        if name in ("Anonymous",):
            private["anonymous"] = int(rest.split()[0]) // 1024
print("ready " + json.dumps(private), flush=True)
sys.stdin.read()
"""


def memory_of(pid: int) -> dict[str, int]:
    """RSS and PSS (MiB) of a process: PSS divides each shared page among the processes mapping it."""
    found = {}
    with open(f"/proc/{pid}/smaps_rollup") as handle:
        for line in handle:
            name, _, rest = line.partition(":")
            if name in ("Rss", "Pss"):
                found[name] = int(rest.split()[0]) // 1024
    return found


def servers(count: int) -> list[dict[str, int]]:
    """Start `count` processes that have ranked every demo role, and measure them side by side."""
    started = [
        subprocess.Popen(
            [sys.executable, "-c", SERVER], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
        )
        for _ in range(count)
    ]
    try:
        private = []
        for process in started:
            word, _, found = process.stdout.readline().strip().partition(" ")
            assert word == "ready"
            private.append(json.loads(found))
        return [
            {**memory_of(process.pid), "private": found}
            for process, found in zip(started, private, strict=True)
        ]
    finally:
        for process in started:
            process.communicate("")


def ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def timed(action: Callable[[], object], rounds: int) -> list[float]:
    found = []
    for _ in range(rounds):
        began = time.perf_counter()
        action()
        found.append(time.perf_counter() - began)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--fresh", type=int, default=3, help="fresh processes to start")
    parser.add_argument("--publish", action="store_true", help="publish a new version anyway")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    from shortlist.cli import setup_django

    setup_django()
    from shortlist.candidates import pool
    from shortlist.candidates.models import Candidate, CandidateSkill
    from shortlist.clients.models import Role
    from shortlist.clients.roles import role_profile
    from shortlist.demo.loader import load_demo
    from shortlist.engine.matching import published
    from shortlist.engine.matching.match import match

    started = time.perf_counter()
    stats = load_demo(candidates=args.candidates)
    print(f"demo: {stats.candidates:,} candidates ({'loaded' if stats.created else 'already there'}) "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    if args.publish or published.current_name(pool.index_dir()) is None:
        started = time.perf_counter()
        pool.publish()
        print(f"published a version from the database in {time.perf_counter() - started:.1f} s")
    info = pool.pool_info()
    print(f"pool: {info.candidates:,} candidates, index version {info.index_version}")

    print("\nfresh process, explained top-50 from the published version (mmap):")
    for _ in range(args.fresh):
        began = time.time()
        out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, check=True)
        found = json.loads(out.stdout)
        total = found["answered_at"] - began
        print(f"  start to first shortlist {ms(total)} (Django set-up {ms(found['setup'])}, first shortlist "
              f"{ms(found['first'])}); next {ms(found['later'])}; {found['pool']:,} candidates in "
              f"{found['version']}; RSS {found['Rss']} MiB, PSS {found['Pss']} MiB")  # fmt: skip

    alone = servers(1)[0]
    together = servers(4)
    total = sum(m["Pss"] for m in together)
    print(f"\nmemory of processes that ranked every role: one alone RSS {alone['Rss']} MiB, PSS "
          f"{alone['Pss']} MiB; four together PSS {total} MiB in all ({total / alone['Pss']:.2f}x one), "
          f"RSS {together[0]['Rss']} MiB each")  # fmt: skip
    print(f"  what one process holds privately (MiB): {alone['private']}")

    roles = [role_profile(r) for r in Role.objects.order_by("pk")]
    role = roles[0]
    pool.pool_rank(role, top=50)
    pairs = args.rounds * 4
    people = list(Candidate.objects.order_by("?").values_list("pk", flat=True)[: pairs + 100])

    def change(candidate_id: int) -> None:
        person = Candidate.objects.get(pk=candidate_id)
        CandidateSkill.objects.update_or_create(
            candidate=person, skill="kafka", defaults={"years": 3, "last_used": 2026, "strength": 0.8}
        )
        person.save()

    # In pairs, an unchanged request then a changed one, so that the machine's drift cancels out.
    steady, after_one = [], []
    for candidate_id in people[:pairs]:
        steady.extend(timed(lambda: pool.pool_rank(role, top=50), 1))
        change(candidate_id)
        after_one.extend(timed(lambda: pool.pool_rank(role, top=50), 1))
    extra = statistics.median(b - a for a, b in zip(steady, after_one, strict=True))
    for candidate_id in people[pairs:]:
        change(candidate_id)
    after_hundred = timed(lambda: pool.pool_rank(role, top=50), 1)[0]
    print("\nnext explained top-50 in a warm process:")
    print(f"  unchanged pool: {ms(statistics.median(steady))} (median of {pairs})")
    print(f"  after one candidate changed: {ms(statistics.median(after_one))} (median of {pairs}; "
          f"paired extra {ms(extra)})")  # fmt: skip
    print(f"  after 100 candidates changed at once: {ms(after_hundred)}")
    print(f"  published version still {pool.pool_info().index_version}, delta {pool.pool_index().delta} rows")

    index = pool.pool_index()
    memory = {}
    for r in roles:
        for m in match(index, r, top=50, explain=False):
            memory.setdefault(m.candidate_id, None)
    memory = pool.profiles_lookup(list(memory))
    ways = {
        "database, one batch": lambda r: match(index, r, top=50),
        "database, one query per result": lambda r: match(index, r, top=50, profiles=pool.profile_lookup),
        "engine-only (profiles in memory)": lambda r: match(index, r, top=50, profiles=memory.get),
        "engine-only, no explanations": lambda r: match(index, r, top=50, explain=False),
    }
    print(f"\nexplained top-50 over {len(roles)} roles x {args.rounds} rounds (p50 / p95):")
    for name, way in ways.items():
        for r in roles:
            way(r)
        found = sorted(
            t for _ in range(args.rounds) for r in roles for t in timed(lambda r=r, way=way: way(r), 1)
        )
        p95 = found[min(len(found) - 1, int(0.95 * len(found)))]
        print(f"  {name}: {ms(statistics.median(found))} / {ms(p95)}")


if __name__ == "__main__":
    main()
