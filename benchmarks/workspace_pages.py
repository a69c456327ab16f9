"""Latency of every workspace page (issue 12) over a demo pool, through Django's test client.

    SHORTLIST_HOME=/tmp/pages100k .venv/bin/python -m benchmarks.workspace_pages --candidates 100000

Loads the demo pool (skipped when already loaded), gives every demo role a fuller pipeline (--pipeline
applications each, two notes apiece, some moved on to submitted and beyond, one name revealed to the
client) and an upload batch, builds the matching index, then walks the URL conf: every named pattern of
the workspace, the portal and /api/v1 is requested with GET, its ids filled in from real rows (IDS), as
a recruiter, or as a client user for the portal. A pattern answering 405 to GET is an action (POST
only) and listed apart; a new pattern whose ids the script cannot fill is listed as untimed, so a page
added later is never silently left out. Some pages are also timed with a query string (a search, page
2000 of the candidate list) and two actions as the browser sends them (a board move, a JD draft).

After a warm-up, each page is timed over --rounds rounds (every id where the page takes one): p50, p95,
max and the p95 of the process's CPU time (on a shared machine the CPU figure shows what the request
costs when it is not waiting for a core), and the number of SQL queries of one request. Pages over the
target are listed at the end. Target (DESIGN.md): p95 ≤ 300 ms with 100,000 candidates.
"""

from __future__ import annotations

import argparse
import gc
import logging
import os
import secrets
import statistics
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

TARGET_MS = 300.0
JD = """Senior Go Engineer
Fenbright AI | Cambridge (hybrid) | £90k - £120k

Requirements
- 5+ years of Golang in production
- Kubernetes, Kafka, PostgreSQL

Nice to have
- gRPC, Terraform
"""
# Stages some applications of each role are moved through, so that the board, the desk, the dashboard
# funnel and the portal have every column filled.
LADDER = ("contacted", "screened", "submitted", "interview", "offer", "placed")
CLIENT_USER = "bench-client"


def _fill_pipelines(per_role: int) -> None:
    from shortlist.candidates.models import Candidate
    from shortlist.clients.models import Role
    from shortlist.pipeline.models import Application, ApplicationNote

    ids = list(Candidate.objects.order_by("id").values_list("id", flat=True)[: per_role * 8])
    for offset, role in enumerate(Role.objects.order_by("id")):
        have = set(Application.objects.filter(role=role).values_list("candidate_id", flat=True))
        wanted = [cid for cid in ids[offset * per_role :] if cid not in have][: max(0, per_role - len(have))]
        people = Candidate.objects.in_bulk(wanted)
        for k, cid in enumerate(wanted):
            application = Application.open(people[cid], role, note="benchmark")
            notes = [f"Note {n} on {people[cid].name}" for n in (1, 2)]
            rows = [ApplicationNote(application=application, body=body) for body in notes]
            ApplicationNote.objects.bulk_create(rows)
            for stage in LADDER[: k % (len(LADDER) + 1)]:  # 0 to 6 steps up the ladder
                application.move_to(stage, note="benchmark")


def _client_user() -> Any:
    """A portal user of the client with the most submitted candidates; one of them revealed."""
    from django.contrib.auth import get_user_model
    from django.db.models import Count
    from django.utils import timezone

    from shortlist.accounts.access import Role as AccessRole
    from shortlist.accounts.services import create_user
    from shortlist.clients.models import Client as Company
    from shortlist.pipeline.models import Application

    user = get_user_model().objects.filter(username=CLIENT_USER).first()
    if user is None:
        company = Company.objects.annotate(n=Count("roles__applications")).order_by("-n", "pk").first()
        assert company is not None, "the demo has no client"
        user = create_user(
            CLIENT_USER, secrets.token_urlsafe(16), role=AccessRole.CLIENT, client=str(company.pk)
        )
        submitted = Application.objects.filter(role__client=company, stage="submitted").first()
        if submitted is not None:
            Application.objects.filter(pk=submitted.pk).update(revealed_at=timezone.now())
    return user


def _upload_batch() -> int:
    from shortlist.candidates.models import ImportBatch, ImportFile, ImportStatus

    batch = ImportBatch.objects.order_by("pk").first()
    if batch is None:
        batch = ImportBatch.objects.create()
        ImportFile.objects.bulk_create(
            ImportFile(batch=batch, name=f"cv-{n}.pdf", status=list(ImportStatus)[n % len(ImportStatus)])
            for n in range(20)
        )
    return batch.pk


@dataclass
class Ids:
    """Real rows each kind of id is filled from (a few of each, so a page is timed over several)."""

    clients: list[int]
    roles: list[int]
    candidates: list[int]  # in a pipeline, with notes
    applications: list[int]
    uploads: list[int]
    portal_roles: list[int]
    portal_applications: list[int]
    tokens: list[int] = field(default_factory=list)

    def for_kwarg(self, name: str, kwarg: str) -> list[Any] | None:
        """The values to put in a URL's `kwarg`; None when the script does not know this page."""
        by_kwarg = {
            "client_id": self.clients, "role_id": self.roles, "candidate_id": self.candidates,
            "application_id": self.applications, "batch_id": self.uploads, "upload_id": self.uploads,
            "token_id": self.tokens, "subject": ["candidate"],
        }  # fmt: skip
        if kwarg in by_kwarg:
            return by_kwarg[kwarg]
        if kwarg != "pk":
            return None
        if name.startswith("portal:"):
            return self.portal_roles if name == "portal:role" else self.portal_applications
        page = name.split(":", 1)[-1]
        if page.startswith(("client", "growth")) or page == "role_new":
            return self.clients
        if page.startswith(("role", "shortlist")) or page == "add_to_pipeline":
            return self.roles
        if page.startswith(("candidate", "reveal", "note")) and page != "reveal_to_client":
            return self.candidates
        if page.startswith(("application", "reveal_to_client")):
            return self.applications
        if page.startswith("upload"):
            return self.uploads
        return None


def _patterns(
    resolver: Any = None, prefix: str = "", namespace: str = ""
) -> Iterator[tuple[str, str, list[str]]]:
    """(namespaced name, route, kwargs) of every named URL pattern, depth first."""
    from django.urls import URLPattern, URLResolver, get_resolver

    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            inner = f"{namespace}{entry.namespace}:" if entry.namespace else namespace
            yield from _patterns(entry, route, inner)
        elif isinstance(entry, URLPattern) and entry.name:
            kwargs = list(entry.pattern.converters) if hasattr(entry.pattern, "converters") else []
            yield f"{namespace}{entry.name}", route, kwargs


def _p95(values: list[float]) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(0.95 * len(values)))]


@dataclass
class Row:
    label: str
    calls: list[Callable[[], Any]]
    queries: int = 0
    p50: float = 0.0
    p95: float = 0.0
    worst: float = 0.0
    cpu95: float = 0.0
    cpu50: float = 0.0  # steadier than cpu95 on a shared machine, where one sample can double


def _time(row: Row, rounds: int) -> None:
    timings, cpu = [], []
    for _ in range(rounds):
        for call in row.calls:
            began, began_cpu = time.perf_counter(), time.process_time()
            response = call()
            timings.append((time.perf_counter() - began) * 1000)
            cpu.append((time.process_time() - began_cpu) * 1000)
            assert response.status_code in (200, 302), (row.label, response.status_code)
    row.p50, row.p95, row.worst, row.cpu95, row.cpu50 = (
        statistics.median(timings),
        _p95(timings),
        max(timings),
        _p95(cpu),
        statistics.median(cpu),
    )


def _count_queries(call: Callable[[], Any]) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        call()
    return len(captured.captured_queries)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000)
    parser.add_argument("--pipeline", type=int, default=60, help="applications per demo role")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--ids", type=int, default=3, help="ids per page (roles, clients, candidates…)")
    parser.add_argument(
        "--only", default="", help="time only the pages whose label contains this (several: a|b)"
    )
    parser.add_argument(
        "--gc-freeze",
        action="store_true",
        help="gc.freeze() after the warm-up, as a server process does once its pool is loaded",
    )
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("SHORTLIST_API_RATE_LIMIT", "1000000")  # the throttle is not what is timed
    from shortlist.cli import setup_django

    setup_django()
    logging.getLogger("django.request").setLevel(logging.ERROR)  # 405s of the probes are expected
    from django.conf import settings
    from django.contrib.auth import get_user_model
    from django.test import Client

    from shortlist.accounts.services import ensure_demo_user
    from shortlist.candidates import pool
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
    started = time.perf_counter()
    print(f"index: {len(pool.pool_index()):,} candidates ready in {time.perf_counter() - started:.1f} s")

    ensure_demo_user(settings.HOME)
    portal_user = _client_user()
    recruiter, client_side = Client(), Client()
    recruiter.force_login(get_user_model().objects.get(username="demo"))
    client_side.force_login(portal_user)
    n = args.ids
    in_pipeline = Application.objects.filter(notes__isnull=False).order_by("pk")
    mine = Application.objects.filter(role__client_id=portal_user.membership.client_id, stage="submitted")
    ids = Ids(
        clients=list(Company.objects.order_by("pk").values_list("pk", flat=True)[:n]),
        roles=list(Role.objects.order_by("pk").values_list("pk", flat=True)[:n]),
        candidates=list(in_pipeline.values_list("candidate_id", flat=True).distinct()[:n]),
        applications=list(in_pipeline.values_list("pk", flat=True).distinct()[:n]),
        uploads=[_upload_batch()],
        portal_roles=list(mine.values_list("role_id", flat=True).distinct()[:n]),
        portal_applications=list(mine.order_by("pk").values_list("pk", flat=True)[:n]),
    )

    rows: list[Row] = []
    posts_only: list[str] = []
    untimed: list[str] = []
    for name, route, kwargs in _patterns():
        if name.startswith("admin:") or name in ("logout",):
            continue  # the Django admin is not the workspace; logging out ends the session
        browser = client_side if name.startswith("portal:") else recruiter
        values = {kwarg: ids.for_kwarg(name, kwarg) for kwarg in kwargs}
        if any(v is None for v in values.values()) or any(v == [] for v in values.values()):
            untimed.append(f"{name} ({route}): no ids for {', '.join(kwargs)}")
            continue
        urls = (
            [_url(name, {k: v[i % len(v)] for k, v in values.items()}) for i in range(n)]
            if kwargs
            else [_url(name, {})]
        )
        urls = list(dict.fromkeys(urls))
        probe = browser.get(urls[0])
        if probe.status_code == 405:
            posts_only.append(name)
            continue
        if probe.status_code not in (200, 302):
            untimed.append(f"{name} ({route}): GET {urls[0]} answers {probe.status_code}")
            continue
        rows.append(Row(f"{name} {route}", [lambda b=browser, u=u: b.get(u) for u in urls]))

    # Pages again with what a recruiter types or clicks, and two actions as the browser sends them.
    mover = Application.objects.filter(stage="sourced").values_list("pk", flat=True).first()
    moves = iter(["contacted", "sourced"] * (args.rounds * 20))

    def move() -> Any:
        return recruiter.post(
            f"/applications/{mover}/move/",
            {"to": next(moves), "note": "benchmark back"},
            HTTP_HX_REQUEST="true",
        )

    growth = "horizon_months=24&traffic_rps_now=2000&traffic_rps_target=80000&engineers_now=12"
    rows += [
        Row(
            "candidates, search ?q=golang kubernetes",
            [lambda: recruiter.get("/candidates/?q=golang+kubernetes")],
        ),
        Row(
            "candidates, boolean ?q=go AND (kafka OR grpc)",
            [lambda: recruiter.get("/candidates/?q=go+AND+%28kafka+OR+grpc%29")],
        ),
        Row(
            "candidates, ?skill=python&seniority=senior",
            [lambda: recruiter.get("/candidates/?skill=python&seniority=senior")],
        ),
        Row("API candidates search ?q=golang", [lambda: recruiter.get("/api/v1/candidates/search?q=golang")]),
        Row("candidates, ?page=2000", [lambda: recruiter.get("/candidates/?page=2000")]),
        Row(
            "shortlist, ?top=100",
            [lambda pk=pk: recruiter.get(f"/roles/{pk}/shortlist/?top=100") for pk in ids.roles],
        ),
        Row(
            "growth preview (htmx)",
            [lambda pk=pk: recruiter.get(f"/clients/{pk}/growth/preview/?{growth}") for pk in ids.clients],
        ),
        Row(
            "skill suggestions ?q=go, k8s",
            [lambda q=q: recruiter.get(f"/skills/suggest/?q={q}") for q in ("go", "k8s")],
        ),
        Row(
            "POST role from a pasted JD (draft)",
            [
                lambda pk=pk: recruiter.post(f"/clients/{pk}/roles/new/", {"step": "draft", "text": JD})
                for pk in ids.clients
            ],
        ),
        Row("POST stage move (htmx, board back)", [move]),
    ]
    if args.only:
        rows = [row for row in rows if any(part in row.label for part in args.only.split("|"))]
    for row in rows:  # warm-up, and one request's queries
        for call in row.calls:
            call()
        row.queries = _count_queries(row.calls[0])
    if args.gc_freeze:
        # Without it, a full collection walks everything loaded so far every few requests and sets
        # the p95 of the pages that allocate most (the PDF, ?top=100: 60 -> 170 ms of CPU).
        gc.freeze()
    load = os.getloadavg()
    print(f"load average before: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} on {os.cpu_count()} cores")
    head = f"{'page':66} {'p50':>6} {'p95':>6} {'max':>6} {'cpu95':>6} {'cpu50':>6} {'SQL':>4}"
    print(f"{head}  (ms, {args.rounds} rounds)")
    for row in rows:
        _time(row, args.rounds)
        flag = "  > 300" if row.p95 > TARGET_MS else ""
        print(f"{row.label[:66]:66} {row.p50:6.0f} {row.p95:6.0f} {row.worst:6.0f} {row.cpu95:6.0f} "
              f"{row.cpu50:6.0f} {row.queries:4d}{flag}")  # fmt: skip
    load = os.getloadavg()
    print(f"load average after: {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
    print(f"actions (POST only, not timed as pages): {', '.join(posts_only)}")
    for line in untimed:
        print(f"UNTIMED {line}")
    slow = [row for row in rows if row.p95 > TARGET_MS]
    print(f"over {TARGET_MS:.0f} ms at p95: " + (", ".join(r.label for r in slow) if slow else "none"))


def _url(name: str, kwargs: dict[str, Any]) -> str:
    from django.urls import reverse

    return reverse(name, kwargs=kwargs)


if __name__ == "__main__":
    main()
