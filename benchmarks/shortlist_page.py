"""Latency of the workspace's shortlist page (GET /roles/<id>/shortlist/) over a demo pool.

    SHORTLIST_HOME=/tmp/page100k .venv/bin/python -m benchmarks.shortlist_page --candidates 100000

Loads the demo pool into a fresh SQLite file in SHORTLIST_HOME (skipped when already loaded), builds
the matching index once (as `shortlist index` does), then times the whole request — view, engine,
database fetches for names and pipeline, template — through Django's test client, for every demo
role, several rounds. Target (DESIGN.md): p95 ≤ 300 ms with 100,000 candidates.

Then (issue 8, the load target) cold against cached: each role's page with this process's ranking
cache emptied first, then the same page again, served from it. CPU ms per request (process_time: the
machine is shared, so wall time is inflated by other load) beside wall ms and SQL queries, for the
shortlist page and the API's match endpoint. `--profile N` profiles N cached page requests (cProfile)
and prints where their time goes.
"""

from __future__ import annotations

import argparse
import cProfile
import functools
import os
import pstats
import statistics
import time
from collections.abc import Callable


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--profile", type=int, default=0, help="cProfile this many cached page requests")
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
    for pk in roles:  # warm-up: templates, the pool's state check, and (since issue 8) the ranking cache
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
    print(f"shortlist page, top 20, repeated (cached), {len(timings)} requests over {len(roles)} roles: "
          f"p50 {statistics.median(timings):.0f} ms, p95 {p95:.0f} ms, max {timings[-1]:.0f} ms")  # fmt: skip
    cold_and_cached(client, roles, args.rounds, args.profile)


def _measure(request: Callable[[], object]) -> tuple[float, float, int]:
    """(CPU ms, wall ms, SQL queries) of one request."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as queries:
        cpu, wall = time.process_time(), time.perf_counter()
        response = request()
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    assert response.status_code == 200, response.status_code
    return cpu * 1000, wall * 1000, len(queries)


def cold_and_cached(client: object, roles: list[int], rounds: int, profile: int) -> None:
    from shortlist.candidates import pool

    endpoints = {  # the API takes the signed-in session as it takes a token (benchmarks/api_speed.py)
        "shortlist page": lambda pk: client.get(f"/roles/{pk}/shortlist/"),
        "API match": lambda pk: client.get(f"/api/v1/roles/{pk}/match", {"top": 20}),
    }
    for name, get in endpoints.items():
        figures: dict[str, list[tuple[float, float, int]]] = {"cold": [], "cached": []}
        for _ in range(rounds):
            for pk in roles:
                pool._rankings.clear()
                figures["cold"].append(_measure(functools.partial(get, pk)))
                figures["cached"].append(_measure(functools.partial(get, pk)))
        for kind, rows in figures.items():
            cpu, wall, queries = (statistics.median(column) for column in zip(*rows, strict=True))
            print(f"{name}, {kind}: median {cpu:.1f} CPU ms, {wall:.1f} wall ms, {queries:.0f} queries "
                  f"per request ({len(rows)} requests)")  # fmt: skip
    stats = pool.ranking_cache_stats()
    print(f"ranking cache: {stats.entries} entries, ~{stats.bytes / 1024:.0f} KiB, "
          f"{stats.hits} hits, {stats.misses} misses")  # fmt: skip
    if profile:
        profiler = cProfile.Profile()
        profiler.enable()
        for number in range(profile):
            client.get(f"/roles/{roles[number % len(roles)]}/shortlist/")
        profiler.disable()
        pstats.Stats(profiler).sort_stats("cumulative").print_stats(40)


if __name__ == "__main__":
    main()
