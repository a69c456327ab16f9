"""Latency of the workspace's shortlist page (GET /roles/<id>/shortlist/) over a demo pool.

    SHORTLIST_HOME=/tmp/page100k .venv/bin/python -m benchmarks.shortlist_page --candidates 100000

Loads the demo pool into a fresh SQLite file in SHORTLIST_HOME (skipped when already loaded), builds
the matching index once (as `shortlist index` does), then times the whole request — view, engine,
database fetches for names and pipeline, template — through Django's test client, for every demo
role, several rounds. Target (DESIGN.md): p95 ≤ 300 ms with 100,000 candidates.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    from shortlist.cli import setup_django

    setup_django()
    from django.contrib.auth import get_user_model
    from django.test import Client

    from shortlist.accounts.services import ensure_demo_user
    from shortlist.candidates import pool
    from shortlist.clients.models import Role
    from shortlist.demo.loader import load_demo

    started = time.perf_counter()
    stats = load_demo(candidates=args.candidates)
    print(f"demo: {stats.candidates:,} candidates ({'loaded' if stats.created else 'already there'}) "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    started = time.perf_counter()
    index = pool.pool_index()
    print(f"index: {len(index):,} candidates ready in {time.perf_counter() - started:.1f} s")

    from django.conf import settings

    ensure_demo_user(settings.HOME)
    client = Client()
    client.force_login(get_user_model().objects.get(username="demo"))
    roles = list(Role.objects.values_list("pk", flat=True))
    for pk in roles:  # warm-up: templates, the pool's state check
        client.get(f"/roles/{pk}/shortlist/")
    timings = []
    for _ in range(args.rounds):
        for pk in roles:
            began = time.perf_counter()
            response = client.get(f"/roles/{pk}/shortlist/")
            timings.append((time.perf_counter() - began) * 1000)
            assert response.status_code == 200, response.status_code
    timings.sort()
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    print(f"shortlist page, top 20, {len(timings)} requests over {len(roles)} roles: "
          f"p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, max {timings[-1]:.0f} ms")  # fmt: skip


if __name__ == "__main__":
    main()
