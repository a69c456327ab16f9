"""What one request of the load test's mix costs in the Django layer (issue 8): CPU ms and SQL.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/<a copy of shortlist_load> SHORTLIST_HOME=<its home> \\
    PYTHONPATH=src:. .venv/bin/python -m benchmarks.page_cost --requests 60 [--profile "candidate page"]

The pages benchmarks/load_test.py asks for (its locustfile's URLs), through Django's test client in
one process, signed in as a recruiter (as the load test's users are: a session in the database) and
with a write API token: a candidate page (a random candidate of the whole pool, as the load test
picks), the shortlist page (top 20, every role in turn), `GET /api/v1/roles/<id>/match?top=20` with
the bearer token, and for reference the search the load test sends. Rankings are served from this
process's ranking cache after the warm-up, so the shortlist and API figures are what the page costs
around the ranking (session, auth, permission checks, names, audit records, template or JSON).

Per endpoint over --requests requests: p50 and p95 of the process's CPU time (`time.process_time`:
what the request costs this process, whatever else runs on the machine), p50 of the CPU time spent
rendering templates, p50 of wall time, SQL statements per request and their p50 time (wall, measured
around each statement: on PostgreSQL that includes the server's work). `--profile NAME` then runs
cProfile over --requests requests of that endpoint and prints the functions with the most time of
their own and the most cumulative time.
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import os
import pstats
import random
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

USERNAME = "pagecost-recruiter"


@dataclass
class Figures:
    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)
    queries: list[int] = field(default_factory=list)
    sql: list[float] = field(default_factory=list)
    template: list[float] = field(default_factory=list)


class SqlClock:
    """Counts and times every statement (connection.execute_wrapper) of the request around it."""

    def __init__(self) -> None:
        self.count, self.seconds = 0, 0.0

    def __call__(self, execute: Callable[..., Any], sql: str, params: Any, many: bool, context: Any) -> Any:
        began = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            self.count += 1
            self.seconds += time.perf_counter() - began


class TemplateClock:
    """CPU ms spent rendering templates (Django's template backend), summed per request."""

    def __init__(self) -> None:
        from django.template.backends import django as backend

        self.spent = 0.0
        render = backend.Template.render

        def timed(template: Any, context: Any = None, request: Any = None) -> Any:
            began = time.process_time()
            try:
                return render(template, context, request)
            finally:
                self.spent += time.process_time() - began

        backend.Template.render = timed


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(0.95 * len(values)))]


def _recruiter() -> tuple[Any, str]:
    """The benchmark's recruiter (made once) and a fresh write token of theirs."""
    from django.contrib.auth import get_user_model

    from shortlist.accounts.access import Actor
    from shortlist.accounts.access import Role as Access
    from shortlist.accounts.services import create_user
    from shortlist.api.services import token_create

    user = get_user_model().objects.filter(username=USERNAME).first()
    if user is None:
        import secrets

        user = create_user(USERNAME, secrets.token_urlsafe(16), role=Access.RECRUITER)
    token = token_create(actor=Actor.system(), username=USERNAME, scope="write", name="page cost")
    return user, token.secret


def _endpoints(browser: Any, token: str, seed: int) -> dict[str, Callable[[], Any]]:
    from django.db.models import Count, Max, Min

    from shortlist.candidates.models import Candidate, CandidateSkill
    from shortlist.clients.models import Role

    pick = random.Random(seed)
    span = Candidate.objects.aggregate(first=Min("pk"), last=Max("pk"))
    roles = list(Role.objects.order_by("pk").values_list("pk", flat=True))
    skills = CandidateSkill.objects.values("skill").annotate(n=Count("id")).order_by("-n")[:6]
    cities = Candidate.objects.exclude(city="").values("city").annotate(n=Count("id")).order_by("-n")[:4]
    searches = [(c["city"], s["skill"]) for c in cities for s in skills]
    turn = iter(range(10**9))

    def candidate_page() -> Any:
        # Ids of erased or merged people answer 404 in the load test too; pick again until one is there.
        while True:
            pk = pick.randint(span["first"], span["last"])
            response = browser.get(f"/candidates/{pk}/")
            if response.status_code != 404:
                return response

    return {
        "candidate page": candidate_page,
        "shortlist page": lambda: browser.get(f"/roles/{roles[next(turn) % len(roles)]}/shortlist/"),
        "API match": lambda: browser.get(
            f"/api/v1/roles/{roles[next(turn) % len(roles)]}/match?top=20",
            HTTP_AUTHORIZATION=f"Bearer {token}",
        ),
        "search (reference)": lambda: browser.get(
            "/candidates/", {"q": (s := pick.choice(searches))[0], "skill": s[1]}
        ),
    }


def _measure(call: Callable[[], Any], requests: int, templates: TemplateClock) -> Figures:
    from django.db import connection

    figures = Figures()
    for _ in range(requests):
        clock = SqlClock()
        templates.spent = 0.0
        with connection.execute_wrapper(clock):
            began, began_cpu = time.perf_counter(), time.process_time()
            response = call()
            cpu, wall = time.process_time() - began_cpu, time.perf_counter() - began
        assert response.status_code == 200, response.status_code
        figures.cpu.append(cpu * 1000)
        figures.wall.append(wall * 1000)
        figures.queries.append(clock.count)
        figures.sql.append(clock.seconds * 1000)
        figures.template.append(templates.spent * 1000)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=60, help="requests per endpoint")
    parser.add_argument("--only", default="", help="endpoints whose name contains this (several: a|b)")
    parser.add_argument("--profile", default="", help="cProfile this endpoint after the timings")
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SHORTLIST_API_RATE_LIMIT", "1000000")  # the throttle is not what is measured
    from shortlist.cli import setup_django

    setup_django()
    from django.db import connection
    from django.test import Client

    from shortlist.candidates import pool

    started = time.perf_counter()
    print(f"index: {len(pool.pool_index()):,} candidates ready in {time.perf_counter() - started:.1f} s "
          f"({connection.vendor})")  # fmt: skip
    user, token = _recruiter()
    browser = Client()
    browser.force_login(user)
    endpoints = _endpoints(browser, token, args.seed)
    if args.only:
        endpoints = {k: v for k, v in endpoints.items() if any(p in k for p in args.only.split("|"))}
    for call in endpoints.values():  # warm-up: templates, connections, every role's ranking cached
        for _ in range(10):
            call()
    gc.freeze()  # as a server process does once its pool is loaded (pool.py)
    load = os.getloadavg()
    print(f"load average before: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    templates = TemplateClock()
    print(f"{'endpoint':20} {'cpu50':>6} {'cpu95':>6} {'tmpl50':>6} {'wall50':>6} {'SQL n':>6} {'SQL ms':>6}"
          f"  (ms, {args.requests} requests each)")  # fmt: skip
    for name, call in endpoints.items():
        f = _measure(call, args.requests, templates)
        cpu50, wall50, tmpl50 = (statistics.median(v) for v in (f.cpu, f.wall, f.template))
        print(f"{name:20} {cpu50:6.1f} {_p95(f.cpu):6.1f} {tmpl50:6.1f} {wall50:6.1f} "
              f"{statistics.median(f.queries):6.0f} {statistics.median(f.sql):6.1f}")  # fmt: skip
    load = os.getloadavg()
    print(f"load average after: {load[0]:.2f} {load[1]:.2f} {load[2]:.2f}")
    if args.profile:
        call = endpoints[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(args.requests):
            call()
        profiler.disable()
        stats = pstats.Stats(profiler)
        stats.sort_stats("tottime").print_stats(30)
        stats.sort_stats("cumulative").print_stats(60)


if __name__ == "__main__":
    main()
