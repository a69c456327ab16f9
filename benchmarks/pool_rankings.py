"""Rankings over the pool while candidates arrive, and side by side in threads (issue 8's load target).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<copy of shortlist_load> SHORTLIST_HOME=<its home> \\
    PYTHONPATH=src:. .venv/bin/python -m benchmarks.pool_rankings --rounds 8

Uses the pool already in the database (the load test's 100,000). Three measurements, CPU ms per
ranking by the ranking thread's clock (`time.thread_time`: the machine is shared):

1. After each new candidate (written here as an import writes one: a saved row with skills and CV
   text; removed again at the end), every role ranked as the shortlist page and the API ask (top 20,
   explained): through the pool (`pool_rank`: snapshot, RankMemo) against the same snapshot ranked
   from scratch (`rank` without a memo), which is what every import cost each process before.
2. Scratch arrays: scoring the published segment with this thread's reused workspace against a new
   Workspace per ranking.
3. Threads: N threads ranking from scratch on one snapshot for a few seconds: rankings a second.
"""

from __future__ import annotations

import argparse
import os
import statistics
import threading
import time
from collections.abc import Callable


def cpu_ms(work: Callable[[], object]) -> float:
    started = time.thread_time()
    work()
    return (time.thread_time() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=6.0, help="per thread count in part 3")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    from shortlist.cli import setup_django

    setup_django()
    from django.db import connection

    from shortlist.candidates import pool
    from shortlist.candidates.models import Candidate, CandidateRemoval, CandidateSkill
    from shortlist.clients.models import Role
    from shortlist.clients.roles import role_profile
    from shortlist.engine.matching.index import Workspace
    from shortlist.engine.matching.match import plan_for, rank, score_segment

    roles = [role_profile(role) for role in Role.objects.order_by("pk")]
    started = time.perf_counter()
    print(f"pool: {pool.pool_info().candidates:,} candidates, {len(roles)} roles "
          f"(opened in {time.perf_counter() - started:.1f} s)")  # fmt: skip
    for role in roles:  # warm: each role's first ranking in this process, and its phrases
        pool.pool_rank(role, top=20)

    through_pool: list[float] = []
    from_scratch: list[float] = []
    added: list[int] = []
    try:
        for number in range(args.rounds):
            person = Candidate.objects.create(
                name=f"Pool Rankings Newcomer {number}",
                city="London",
                raw_text="Senior engineer. Built services in Go and Python on Kubernetes; Kafka pipelines, "
                "PostgreSQL, Terraform. Led a team of five.",
            )
            for skill, years in (("go", 6), ("python", 8), ("kubernetes", 4), ("kafka", 3)):
                CandidateSkill.objects.create(
                    candidate=person, skill=skill, years=years, last_used=2026, strength=0.9
                )
            person.save()
            added.append(person.pk)
            for role in roles:
                through_pool.append(cpu_ms(lambda role=role: pool.pool_rank(role, top=20)))
                index = pool.pool_index()
                from_scratch.append(cpu_ms(lambda role=role, index=index: rank(index, role, top=20)))
    finally:
        Candidate.objects.filter(pk__in=added).delete()
        CandidateRemoval.record(added)
    print(f"\n1. a ranking after each new candidate ({args.rounds} candidates x {len(roles)} roles, top 20):")
    for label, found in (("through the pool (snapshot + RankMemo)", through_pool),
                         ("the same snapshot from scratch", from_scratch)):  # fmt: skip
        print(f"   {label:40} median {statistics.median(found):6.1f} CPU ms, "
              f"p90 {sorted(found)[int(0.9 * (len(found) - 1))]:6.1f}")  # fmt: skip

    index = pool.pool_index()
    segment = index.segments()[0]
    plan = plan_for(index, roles[0])
    reused, fresh = [], []
    for _ in range(20):
        reused.append(cpu_ms(lambda: score_segment(segment, plan)))
        segment._local.workspace = Workspace()  # the next scoring allocates every scratch array anew
        fresh.append(cpu_ms(lambda: score_segment(segment, plan)))
    print(f"\n2. scoring the published segment ({len(segment):,} rows), median CPU ms: "
          f"thread's workspace reused {statistics.median(reused):.1f}, "
          f"new workspace each time {statistics.median(fresh):.1f}")  # fmt: skip

    print(f"\n3. rankings from scratch (top 20, explained) on one snapshot, {args.seconds:.0f} s each:")
    for threads in (1, 2, 4):
        done = [0] * threads
        stop = time.perf_counter() + args.seconds

        def ranker(slot: int, done: list[int] = done, stop: float = stop) -> None:
            try:
                while time.perf_counter() < stop:
                    rank(index, roles[(slot + done[slot]) % len(roles)], top=20)
                    done[slot] += 1
            finally:
                connection.close()

        workers = [threading.Thread(target=ranker, args=(slot,)) for slot in range(threads)]
        for worker in workers:
            worker.start()
        for worker in workers:
            worker.join()
        print(f"   {threads} thread(s): {sum(done) / args.seconds:5.1f} rankings/s")
    print(f"\nload average: {' / '.join(f'{x:.1f}' for x in os.getloadavg())}")


if __name__ == "__main__":
    main()
