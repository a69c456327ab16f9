"""Latency of the desk's pages (issue 12) over a demo pool, through Django's test client.

    SHORTLIST_HOME=/tmp/desk10k .venv/bin/python -m benchmarks.desk_pages --candidates 10000

Loads the demo pool (skipped when already loaded, as benchmarks/shortlist_page.py does), gives every
demo role a fuller pipeline (--pipeline applications each, with two notes apiece) so that the boards and
My desk have something to carry, then times each page: the first request after start-up is reported
apart, then p50/p95/max over --rounds rounds (every demo role or client where the page takes one).
Moves are timed as the board's htmx POST (a move forward, then back with a reason: history only grows).
Target (DESIGN.md): p95 ≤ 300 ms with 100,000 candidates.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from collections.abc import Callable

JD = """Senior Go Engineer
Fenbright AI | Cambridge (hybrid) | £90k - £120k

Requirements
- 5+ years of Golang in production
- Kubernetes, Kafka, PostgreSQL

Nice to have
- gRPC, Terraform
"""


def _fill_pipelines(per_role: int) -> None:
    from shortlist.candidates.models import Candidate
    from shortlist.clients.models import Role
    from shortlist.pipeline.models import Application, ApplicationNote

    ids = list(Candidate.objects.order_by("id").values_list("id", flat=True)[: per_role * 8])
    for offset, role in enumerate(Role.objects.order_by("id")):
        have = set(Application.objects.filter(role=role).values_list("candidate_id", flat=True))
        wanted = [cid for cid in ids[offset * per_role :] if cid not in have][: max(0, per_role - len(have))]
        people = Candidate.objects.in_bulk(wanted)
        for cid in wanted:
            application = Application.open(people[cid], role, note="benchmark")
            notes = [f"Note {k} on {people[cid].name}" for k in (1, 2)]
            rows = [ApplicationNote(application=application, body=body) for body in notes]
            ApplicationNote.objects.bulk_create(rows)


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(0.95 * len(values)))]


def _time(
    label: str, calls: list[Callable[[], object]], rounds: int
) -> tuple[str, float, float, float, float]:
    """Wall-clock p50/p95/max, and the p95 of the process's CPU time: on a shared machine the CPU
    figure shows what the request costs when it is not waiting for a core."""
    timings, cpu = [], []
    for _ in range(rounds):
        for call in calls:
            began, began_cpu = time.perf_counter(), time.process_time()
            response = call()
            timings.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
            assert response.status_code in (200, 302), (label, response.status_code)
    return label, statistics.median(timings), _p95(timings), max(timings), _p95(cpu)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=10_000)
    parser.add_argument("--pipeline", type=int, default=60, help="applications per demo role")
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    from shortlist.cli import setup_django

    setup_django()
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from shortlist.accounts.services import ensure_demo_user
    from shortlist.clients.models import Client as Company
    from shortlist.clients.models import Role
    from shortlist.demo.loader import load_demo
    from shortlist.pipeline.models import Application

    started = time.perf_counter()
    stats = load_demo(candidates=args.candidates)
    print(f"demo: {stats.candidates:,} candidates ({'loaded' if stats.created else 'already there'}) "
          f"in {time.perf_counter() - started:.1f} s")  # fmt: skip
    _fill_pipelines(args.pipeline)
    print(f"pipelines: {Application.objects.count():,} applications over {Role.objects.count()} roles")

    ensure_demo_user(settings.HOME)
    client = Client()
    client.force_login(get_user_model().objects.get(username="demo"))
    roles = list(Role.objects.values_list("pk", flat=True))
    companies = list(Company.objects.values_list("pk", flat=True))
    people = list(Application.objects.values_list("candidate_id", flat=True)[:20])
    began = time.perf_counter()
    first = client.get("/desk/")
    print(f"first request after start-up (My desk): {(time.perf_counter() - began) * 1000:.0f} ms "
          f"({first.status_code})")  # fmt: skip

    mover = Application.objects.filter(stage="sourced").values_list("pk", flat=True).first()
    moves = iter(["contacted", "sourced"] * (args.rounds * 10))

    def move() -> object:
        stage = next(moves)
        return client.post(
            f"/applications/{mover}/move/", {"to": stage, "note": "benchmark back"}, HTTP_HX_REQUEST="true"
        )

    growth = "horizon_months=24&traffic_rps_now=2000&traffic_rps_target=80000&engineers_now=12"
    draft = {"step": "draft", "text": JD}
    pages: list[tuple[str, list[Callable[[], object]]]] = [
        ("My desk", [lambda: client.get("/desk/")]),
        ("role page with its board", [lambda pk=pk: client.get(f"/roles/{pk}/") for pk in roles]),
        ("candidate page with notes", [lambda pk=pk: client.get(f"/candidates/{pk}/") for pk in people]),
        ("client form", [lambda pk=pk: client.get(f"/clients/{pk}/edit/") for pk in companies]),
        ("growth plan form", [lambda pk=pk: client.get(f"/clients/{pk}/growth/") for pk in companies]),
        ("growth preview (htmx)", [
            lambda pk=pk: client.get(f"/clients/{pk}/growth/preview/?{growth}") for pk in companies
        ]),
        ("new role form", [lambda pk=pk: client.get(f"/clients/{pk}/roles/new/") for pk in companies]),
        ("role from a pasted JD (draft)", [
            lambda pk=pk: client.post(f"/clients/{pk}/roles/new/", draft) for pk in companies
        ]),
        ("role edit form", [lambda pk=pk: client.get(f"/roles/{pk}/edit/") for pk in roles]),
        ("skill suggestions", [lambda q=q: client.get(f"/skills/suggest/?q={q}") for q in ("go", "k8s")]),
        ("stage move (htmx, board back)", [move]),
    ]  # fmt: skip
    for _, calls in pages:  # warm-up
        for call in calls:
            call()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    print(f"{'page':34} {'p50':>7} {'p95':>7} {'max':>7} {'cpu p95':>8}  (ms, {args.rounds} rounds)")
    for label, calls in pages:
        name, p50, p95, worst, cpu95 = _time(label, calls, args.rounds)
        print(f"{name:34} {p50:7.0f} {p95:7.0f} {worst:7.0f} {cpu95:8.0f}")


if __name__ == "__main__":
    main()
