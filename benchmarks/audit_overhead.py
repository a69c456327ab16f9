"""What recording a ranking costs (issue 15): the shortlist use case with its audit record, and the
record alone, over a demo pool.

    SHORTLIST_HOME=/tmp/page10k .venv/bin/python -m benchmarks.audit_overhead --candidates 10000

Loads the demo pool (skipped when already loaded), then for every demo role, several rounds: times
`shortlist_for_role` (ranking, explanations, names, pipeline flags and the audit record) and, apart,
`ranking_run_record` with that shortlist's rows (one insert for the run, one bulk insert for the rows),
for top 20 and top 100. The record's share is the figure to watch; compare whole-request latency with
`benchmarks.shortlist_page` run before and after, interleaved, on the same machine.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def _p(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(q * len(values)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    from shortlist.cli import setup_django

    setup_django()
    from shortlist.accounts.access import Actor
    from shortlist.audit.services import ranking_run_record
    from shortlist.candidates import pool
    from shortlist.clients.models import Role
    from shortlist.demo.loader import load_demo
    from shortlist.pipeline.selectors import shortlist_for_role

    load_demo(candidates=args.candidates)
    pool.pool_index()
    actor = Actor.system()
    roles = list(Role.objects.values_list("pk", flat=True))
    for top in (20, 100):
        whole, record = [], []
        for pk in roles:  # warm-up
            shortlist_for_role(actor=actor, role_id=pk, top=top, interface="cli")
        for _ in range(args.rounds):
            for pk in roles:
                began = time.perf_counter()
                shortlist = shortlist_for_role(actor=actor, role_id=pk, top=top, interface="cli")
                whole.append((time.perf_counter() - began) * 1000)
                began = time.perf_counter()
                ranking_run_record(
                    actor=actor, interface="cli", profile=shortlist.role, role_id=pk,
                    matches=[row.match for row in shortlist.rows], options={"top": top}, pool=shortlist.pool,
                )  # fmt: skip
                record.append((time.perf_counter() - began) * 1000)
        print(
            f"top {top}, {len(whole)} rankings over {len(roles)} roles: shortlist_for_role p50 "
            f"{statistics.median(whole):.1f} ms, p95 {_p(whole, 0.95):.1f} ms; the audit record alone p50 "
            f"{statistics.median(record):.2f} ms, p95 {_p(record, 0.95):.2f} ms "
            f"({statistics.median(record) / statistics.median(whole):.1%} of the median ranking)"
        )


if __name__ == "__main__":
    main()
