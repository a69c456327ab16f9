"""Recruiters on one pool, mixed: the shortlist page, a candidate page, a search, the API's match and a
CV upload. Run by benchmarks/load_test.py (which starts the servers and writes LOAD_PLAN); not alone.

LOAD_PLAN is a JSON file: {"users": [{"username", "password", "token"}], "roles": [ids],
"candidates": [first id, last id], "searches": [[q, skill]], "rate": requests/s per user,
"run": a tag unique to this run (upload file names), "outcomes": where to write the counts}.

Every request is counted before it is sent and again when it ends (a response with its status, or a
connection error, or abandoned: a user locust ended mid-request as the run stopped), so
`sent - answered - connection errors - abandoned` is the number of requests lost without
an error: the runner prints it. Uploads record the batch ids the server accepted (202), so the runner
can check each file's outcome in the database afterwards.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
import random
import re
import threading
from collections import Counter
from pathlib import Path
from typing import Any

from gevent import GreenletExit
from locust import HttpUser, constant_throughput, events, task

PLAN: dict[str, Any] = (
    json.loads(Path(os.environ["LOAD_PLAN"]).read_text()) if "LOAD_PLAN" in os.environ else {}
)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
SKILLS = ("Python", "Go", "Kafka", "PostgreSQL", "Kubernetes", "Django", "gRPC", "Redis", "AWS", "Terraform")

_lock = threading.Lock()
_accounts = itertools.cycle(PLAN.get("users", []))
_uploads = itertools.count()
COUNTS: Counter[str] = Counter()  # sent, answered:<class>, connection_error, abandoned, per endpoint too
BATCHES: list[dict[str, int]] = []  # accepted uploads: {"batch": id, "files": n}
TIMES: dict[str, list[float]] = {}  # every request's time in ms, errors included, by endpoint


def cv_text(n: int, run: str) -> str:
    """A small CV unique to (run, n): its own name, e-mail and phone, so no two are one person."""
    pick = random.Random(f"{run}-{n}")
    skills = pick.sample(SKILLS, 4)
    return (
        f"Load Tester {run}-{n}\nBackend Engineer\nLondon, UK · 07{pick.randrange(10**8, 10**9)} · "
        f"load-{run}-{n}@example.org\n\nExperience\n==========\n"
        f"Backend Engineer, Firm {n} Ltd ({2012 + n % 10} – Present)\n"
        f" - Built {skills[0]} and {skills[1]} services handling {100 + n} requests per second.\n"
        f" - Ran {skills[2]} in production for a team of {3 + n % 9} engineers.\n\n"
        f"Skills\n======\n{', '.join(skills)}\n"
    )


@events.request.add_listener
def _count(name: str, response: Any, response_time: float, exception: Any, **_: Any) -> None:
    status = getattr(response, "status_code", 0) or 0
    outcome = f"answered:{status // 100}xx" if status else "connection_error"
    with _lock:
        COUNTS[outcome] += 1
        COUNTS[f"{name}|{outcome}"] += 1
        TIMES.setdefault(name, []).append(round(response_time, 1))
        if exception is not None:  # a connection error, an error status, or a page that was not 200
            COUNTS["failed"] += 1
            COUNTS[f"{name}|failed"] += 1


@events.test_stop.add_listener
def _write_outcomes(**_: Any) -> None:
    if "outcomes" in PLAN:
        with open(PLAN["outcomes"], "w") as out:
            json.dump({"counts": dict(COUNTS), "batches": BATCHES, "times": TIMES}, out)


class Recruiter(HttpUser):
    """One recruiter: signed in on the pages, with a write token for the API."""

    wait_time = constant_throughput(PLAN.get("rate", 1.0))

    def on_start(self) -> None:
        with _lock:
            self.account = next(_accounts)
        self.api = {"Authorization": f"Bearer {self.account['token']}"}
        self.client.cookies.set(*self.account["session"])
        self.signed_in = True

    def _sign_in(self) -> None:
        page = self._send("login", "GET", "/login/")
        found = CSRF.search(page.text) if page is not None and page.status_code == 200 else None
        if found is None:
            return
        form = {"username": self.account["username"], "password": self.account["password"]}
        done = self._send(
            "login", "POST", "/login/", data={**form, "csrfmiddlewaretoken": found.group(1)},
            headers={"Referer": f"{self.host}/login/"}, allow_redirects=False,
        )  # fmt: skip
        self.signed_in = done is not None and done.status_code == 302

    @staticmethod
    @contextlib.contextmanager
    def _counted(name: str) -> Any:
        with _lock:
            COUNTS["sent"] += 1
            COUNTS[f"{name}|sent"] += 1
        try:
            yield
        except GreenletExit:
            # locust ends a user that it saw waiting when the run stopped; when its wait was 0 s (the
            # server slower than the user's pace) the kill lands after the user has started its next
            # request, which then never completes. The generator abandoned it: counted apart from
            # answers and errors, so that `lost` stays the server's.
            with _lock:
                COUNTS["abandoned"] += 1
                COUNTS[f"{name}|abandoned"] += 1
            raise

    def _send(self, name: str, method: str, url: str, **options: Any) -> Any:
        with self._counted(name):
            return self.client.request(method, url, name=name, **options)

    def _page(self, name: str, url: str) -> None:
        if not self.signed_in:  # a session that stopped working: sign in as a person would
            self._sign_in()
            if not self.signed_in:
                return
        # A redirect to the login page would be a silent failure: follow none and require 200.
        with (
            self._counted(name),
            self.client.request("GET", url, name=name, allow_redirects=False, catch_response=True) as r,
        ):
            if r.status_code not in (0, 200):
                r.failure(f"HTTP {r.status_code}")
            if r.status_code == 302 and "/login/" in r.headers.get("Location", ""):
                self.signed_in = False

    @task(8)
    def shortlist_page(self) -> None:
        self._page("shortlist page", f"/roles/{random.choice(PLAN['roles'])}/shortlist/")

    @task(12)
    def candidate_page(self) -> None:
        first, last = PLAN["candidates"]
        self._page("candidate page", f"/candidates/{random.randint(first, last)}/")

    @task(8)
    def search(self) -> None:
        query, skill = random.choice(PLAN["searches"])
        self._page("search", f"/candidates/?q={query}&skill={skill}")

    @task(8)
    def api_match(self) -> None:
        role = random.choice(PLAN["roles"])
        self._send("api match", "GET", f"/api/v1/roles/{role}/match?top=20", headers=self.api)

    @task(1)
    def upload(self) -> None:
        n = next(_uploads)
        name = f"load-{PLAN['run']}-{n:05d}.txt"
        files = {"upload": (name, cv_text(n, PLAN["run"]).encode(), "text/plain")}
        answer = self._send("upload", "POST", "/api/v1/uploads", headers=self.api, files=files)
        if answer is not None and answer.status_code == 202:
            with _lock:
                BATCHES.append({"batch": answer.json()["id"], "files": 1})
