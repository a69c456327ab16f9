"""Latency of the API's match endpoint (GET /api/v1/roles/<id>/match) and what token auth costs.

    SHORTLIST_HOME=/tmp/api10k .venv/bin/python -m benchmarks.api_speed --candidates 10000

Loads the demo pool into SHORTLIST_HOME (skipped when already loaded), builds the matching index once
(as `shortlist index` does), then times whole requests through Django's handler (auth, rate limit,
view, engine, names and pipeline from the database, JSON) for every demo role, several rounds:

- the match endpoint, top 20, with a bearer token and with a signed-in session;
- a small list (GET /clients?limit=1), token vs session: there the auth is a visible share;
- token authentication alone (prefix lookup, digest, last-use check) and the rate-limit count alone.

Target (DESIGN.md): every API operation p95 <= 300 ms with 100,000 candidates.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable


def _summary(label: str, timings: list[float], unit: str = "ms") -> None:
    timings = sorted(timings)
    p95 = timings[min(len(timings) - 1, int(0.95 * len(timings)))]
    print(f"{label}: n={len(timings)} p50 {statistics.median(timings):.2f} {unit}, p95 {p95:.2f} {unit}, "
          f"max {timings[-1]:.2f} {unit}")  # fmt: skip


def _time(call: Callable[[], object], rounds: int, scale: float = 1000) -> list[float]:
    timings = []
    for _ in range(rounds):
        began = time.perf_counter()
        call()
        timings.append((time.perf_counter() - began) * scale)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000, help="pool size")
    parser.add_argument("--rounds", type=int, default=5, help="requests per role and credential")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    from shortlist.cli import setup_django

    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from shortlist.accounts.access import Actor
    from shortlist.accounts.services import ensure_demo_user
    from shortlist.api.auth import _throttle
    from shortlist.api.selectors import token_authenticate
    from shortlist.api.services import token_create
    from shortlist.candidates import pool
    from shortlist.clients.models import Role
    from shortlist.demo.loader import load_demo

    pool.serve_from_this_process()  # as wsgi.py does in every server process
    settings.API_RATE_LIMIT = 10**9  # measuring, not limiting (the count itself is still made)
    started = time.perf_counter()
    stats = load_demo(candidates=args.candidates)
    print(f"demo: {stats.candidates:,} candidates ({'loaded' if stats.created else 'already there'}) "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    started = time.perf_counter()
    index = pool.pool_index()
    print(f"index: {len(index):,} candidates ready in {time.perf_counter() - started:.1f} s")

    print(f"load average before: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    login = ensure_demo_user(settings.HOME)
    secret = token_create(
        actor=Actor.system(), username=login.username, scope="read", name="benchmark"
    ).secret
    by_token = Client(headers={"Authorization": f"Bearer {secret}"})
    by_session = Client()
    by_session.force_login(get_user_model().objects.get(username=login.username))
    roles = list(Role.objects.values_list("pk", flat=True))

    def get(client: Client, url: str) -> None:
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code, response.content[:200])

    first = _time(lambda: get(by_token, f"/api/v1/roles/{roles[0]}/match"), 1)[0]
    print(f"first match request in this process (index mapped, caches cold): {first:.0f} ms")
    for client in (by_token, by_session):  # warm-up of every role
        for pk in roles:
            get(client, f"/api/v1/roles/{pk}/match")
    for name, client in (("token", by_token), ("session", by_session)):
        timings, cpu = [], []
        for _ in range(args.rounds):
            for pk in roles:
                began = time.process_time()
                timings += _time(lambda pk=pk, c=client: get(c, f"/api/v1/roles/{pk}/match"), 1)
                cpu.append((time.process_time() - began) * 1000)
        _summary(f"GET /roles/<id>/match top 20 ({len(roles)} roles), {name}", timings)
        # What the request costs on an idle core: the wall clock above also counts waiting for one.
        _summary(f"  ... its CPU time, {name}", cpu)
    print(f"load average after: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    rounds = max(50, 10 * args.rounds)
    for name, client in (("token", by_token), ("session", by_session)):
        _summary(
            f"GET /clients?limit=1, {name}", _time(lambda c=client: get(c, "/api/v1/clients?limit=1"), rounds)
        )
    _summary("token authentication alone", _time(lambda: token_authenticate(secret), rounds * 4, 1e6), "us")
    caller = token_authenticate(secret)
    _summary("rate-limit count alone (file cache)", _time(lambda: _throttle(caller), rounds * 4, 1e6), "us")


if __name__ == "__main__":
    main()
