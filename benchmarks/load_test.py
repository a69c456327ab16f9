"""Many recruiters on one pool, with faults: a mixed load through locust against 127.0.0.1 (issue 8).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/shortlist_load \\
    PYTHONPATH=src:. .venv/bin/python -m benchmarks.load_test --candidates 100000 [--faults]

Needs the `load` extra (locust). One command, bounded in time and users, everything on 127.0.0.1:

1. loads the demo pool into SHORTLIST_HOME's database (skipped when there; --home, default
   /tmp/shortlist-load) and publishes the matching index (`shortlist index`, skipped when current);
2. creates USERS recruiter accounts with a password, a signed-in session and a write API token each
   (one token per recruiter: the API's rate limit is per token);
3. serves the workspace as the Procfile does: `shortlist serve --workers W --no-background` (gunicorn)
   beside one `shortlist worker --supervise`;
4. runs locust headless for --run-time seconds with USERS users, each aiming at RATE/USERS requests a
   second, mixed: shortlist page 8, candidate page 12, search (the candidates page with a text and a
   skill filter) 8, API match (top 20, bearer token) 8, CV upload through the API 1 (a new CV each);
5. with --faults, during the run: kill -9 one gunicorn worker (at 25% of the run), kill -9 the task
   worker (45%), and at 65% either restart PostgreSQL (--pg-fault restart: `pg_ctlcluster VERSION NAME
   restart`, fast mode, once; only for a PostgreSQL cluster on this machine, and every database on it sees
   the restart) or, by default, drop every connection to this run's database (--pg-fault terminate:
   pg_terminate_backend, what the clients of a restart see, without touching other databases);
6. waits for every uploaded file to finish, then prints per endpoint: requests, errors, p50, p95, max
   and throughput; and the counts: requests sent / answered / connection errors / abandoned by locust as
   it stopped / lost, files accepted / imported / failed (with reasons) / still queued, files imported
   twice; and the load averages;
7. and what the load cost: CPU seconds of the web processes, the task worker, PostgreSQL (the whole
   local cluster) and locust during the run, from /proc, per answered request, and the requests a second
   these cores could serve at that cost (the machine's busy share says whether anything else ran).
   Servers and workers are stopped at the end whatever happens; the data stays (re-runs reuse it).

Exit status 1 when a count fails (a lost request, a lost task, a file imported twice, an error without
--faults).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import json
import os
import secrets
import signal
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LOCUSTFILE = Path(__file__).resolve().parent / "load" / "locustfile.py"
FINAL = ("imported", "updated", "unchanged", "duplicate", "failed")

PREPARE = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
import django
django.setup()
from importlib import import_module
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.db.models import Count, Max, Min
from shortlist.accounts.access import Actor, Role as Access
from shortlist.accounts.services import create_user
from shortlist.api.models import ApiToken
from shortlist.api.services import token_create, token_revoke
from shortlist.candidates.models import Candidate, CandidateSkill
from shortlist.clients.models import Role
count, password = int(sys.argv[1]), sys.argv[2]
users = []
for n in range(count):
    name = f"load-{n:03d}"
    found = get_user_model().objects.filter(username=name).first()
    if found is None:
        create_user(name, password, role=Access.RECRUITER)
    else:
        found.set_password(password); found.save()
    user = get_user_model().objects.get(username=name)
    for old in ApiToken.objects.filter(user=user, name="load test", revoked_at__isnull=True):
        token_revoke(actor=Actor.system(), token_id=old.pk)  # an earlier run's
    issued = token_create(actor=Actor.system(), username=name, scope="write", name="load test")
    # Signed in beforehand, as a recruiter is: the run measures the pages, not password hashing.
    session = import_module(settings.SESSION_ENGINE).SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[-1]
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    users.append({"username": name, "password": password, "token": issued.secret,
                  "session": [settings.SESSION_COOKIE_NAME, session.session_key]})
span = Candidate.objects.aggregate(first=Min("pk"), last=Max("pk"))
skills = CandidateSkill.objects.values("skill").annotate(n=Count("id")).order_by("-n")
skills = [row["skill"] for row in skills[:6]]
cities = Candidate.objects.exclude(city="").values("city").annotate(n=Count("id")).order_by("-n")
cities = [row["city"] for row in cities[:4]]
print(json.dumps({
    "users": users,
    "roles": list(Role.objects.order_by("pk").values_list("pk", flat=True)),
    "candidates": [span["first"], span["last"]],
    "searches": [[c, s] for c in cities for s in skills],
}))
"""

OUTCOMES = """
import json, os, sys
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
import django
django.setup()
from collections import Counter
from shortlist.candidates.models import Candidate, ImportFile
run = sys.argv[1]
files = list(ImportFile.objects.filter(name__startswith=f"load-{run}-").values(
    "name", "batch_id", "status", "reason", "candidate_id"))
imported = [f for f in files if f["candidate_id"]]
people = Candidate.objects.filter(name__startswith=f"Load Tester {run}-")
people = Counter(people.values_list("name", flat=True))
print(json.dumps({
    "files": len(files),
    "batches": sorted({f["batch_id"] for f in files}),
    "statuses": dict(Counter(f["status"] for f in files)),
    "reasons": dict(Counter(f["reason"] for f in files if f["status"] == "failed")),
    "names_twice": [n for n, k in Counter(f["name"] for f in files).items() if k > 1],
    "candidates": sum(people.values()),
    "people_twice": [e for e, k in people.items() if k > 1],
    "candidates_of_files": len(imported),
}))
"""


def shortlist(env: dict[str, str], *args: str) -> str:
    done = subprocess.run(
        [sys.executable, "-m", "shortlist.cli", *args], env=env, capture_output=True, text=True
    )
    if done.returncode:
        sys.exit(f"shortlist {' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return done.stdout


def python(env: dict[str, str], code: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", code, *args], env=env, capture_output=True, text=True, check=False
    )
    if done.returncode:
        sys.exit(f"failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError, IndexError):
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
    return sorted(found)


@contextlib.contextmanager
def started(argv: list[str], env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    """A process in a session of its own, ended with everything it started when the block exits."""
    with log.open("ab") as out:
        process = subprocess.Popen(
            argv, env=env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        yield process
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=20)
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()


def wait_until_up(url: str, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=5) as answer:
            if answer.status == 200:
                return
        time.sleep(0.5)
    sys.exit(f"the server did not answer {url} within {timeout:.0f} s")


def pg_cluster(database_url: str) -> list[str] | None:
    """`VERSION NAME` of the local PostgreSQL cluster serving DATABASE_URL's port, or None."""
    import dj_database_url

    if not database_url.startswith(("postgres://", "postgresql://")):
        return None
    config = dj_database_url.parse(database_url)
    if "postgresql" not in config["ENGINE"] or config["HOST"] not in ("127.0.0.1", "localhost"):
        return None
    port = str(config["PORT"] or 5432)
    with contextlib.suppress(OSError, subprocess.SubprocessError):
        listing = subprocess.run(["pg_lsclusters", "--no-header"], capture_output=True, text=True)
        for line in listing.stdout.splitlines():
            fields = line.split()
            if len(fields) > 3 and fields[2] == port and fields[3] == "online":
                return fields[:2]
    return None


class Faults(threading.Thread):
    """kill -9 a web worker, kill -9 the task worker, restart PostgreSQL: at fixed shares of the run."""

    def __init__(self, run_time: float, server: int, worker: int, database_url: str, pg_fault: str) -> None:
        super().__init__(daemon=True)
        self.run_time, self.server, self.worker = run_time, server, worker
        self.database_url, self.pg_fault = database_url, pg_fault
        self.log: list[str] = []
        self.began = time.monotonic()

    def at(self, share: float) -> None:
        time.sleep(max(0.0, self.began + share * self.run_time - time.monotonic()))

    def kill(self, what: str, parent: int) -> None:
        # Fault injection: only a child of a process this runner started (the gunicorn master or the
        # worker supervisor), by its id.
        pids = children(parent)
        if not pids:
            self.log.append(f"{self.stamp()} no {what} to kill under pid {parent}")
            return
        os.kill(pids[0], signal.SIGKILL)
        self.log.append(f"{self.stamp()} kill -9 {what} (pid {pids[0]})")

    def stamp(self) -> str:
        return f"t={time.monotonic() - self.began:5.1f}s"

    def run(self) -> None:
        self.at(0.25)
        self.kill("gunicorn worker", self.server)
        self.at(0.45)
        self.kill("task worker", self.worker)
        self.at(0.65)
        if not self.database_url.startswith(("postgres://", "postgresql://")):
            self.log.append(f"{self.stamp()} no PostgreSQL fault (the database is not PostgreSQL)")
            return
        began = time.monotonic()
        if self.pg_fault == "terminate":
            dropped = terminate_backends(self.database_url)
            self.log.append(f"{self.stamp()} dropped {dropped} connections to the database")
            return
        cluster = pg_cluster(self.database_url)
        if cluster is None:
            self.log.append(f"{self.stamp()} no PostgreSQL restart (no local cluster on that port)")
            return
        restart = ["pg_ctlcluster", "-m", "fast", *cluster, "restart"]
        done = subprocess.run(restart, capture_output=True, text=True, check=False)
        outcome = "done" if done.returncode == 0 else f"failed: {done.stderr.strip()}"
        took = time.monotonic() - began
        self.log.append(f"{self.stamp()} PostgreSQL {' '.join(cluster)} restart {outcome} ({took:.1f} s)")


def terminate_backends(database_url: str) -> int:
    """pg_terminate_backend for every connection to this database but our own; how many."""
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(database_url)
    admin = {"host": config["HOST"], "port": config["PORT"] or 5432, "user": config["USER"]}
    with psycopg.connect(**admin, dbname="postgres", autocommit=True) as conn:
        rows = conn.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = %s"
            " AND pid <> pg_backend_pid()",
            (config["NAME"],),
        ).fetchall()
    return sum(1 for (done,) in rows if done)


TICKS = os.sysconf("SC_CLK_TCK")


def process_cpu(pid: int) -> float:
    """CPU seconds of a process and of its children it has reaped (a killed worker's whole life)."""
    with contextlib.suppress(OSError, IndexError, ValueError):
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return sum(int(fields[i]) for i in (11, 12, 13, 14)) / TICKS  # utime stime cutime cstime
    return 0.0


def tree(pid: int) -> list[int]:
    found = [pid]
    for child in children(pid):
        found.extend(tree(child))
    return found


def postgres_pids() -> list[int]:
    """Every process of the local PostgreSQL cluster (the postmaster reaps its backends)."""
    found = []
    for comm in Path("/proc").glob("[0-9]*/comm"):
        with contextlib.suppress(OSError):
            if comm.read_text().strip() == "postgres":
                found.append(int(comm.parent.name))
    return found


def cpu_now(server: int, worker: int) -> dict[str, float]:
    """CPU seconds so far: by process group, and the machine's busy and total core-seconds."""
    import resource

    first = Path("/proc/stat").read_text().splitlines()[0].split()[1:]
    ticks = [int(value) for value in first[:8]]  # user nice system idle iowait irq softirq steal
    total = sum(ticks) / TICKS
    reaped = resource.getrusage(resource.RUSAGE_CHILDREN)  # locust, once it has ended
    return {
        "web": sum(process_cpu(pid) for pid in tree(server)),
        "task worker": sum(process_cpu(pid) for pid in tree(worker)),
        "PostgreSQL": sum(process_cpu(pid) for pid in postgres_pids()),
        "locust": reaped.ru_utime + reaped.ru_stime,
        "busy": total - (ticks[3] + ticks[4]) / TICKS,
        "total": total,
    }


def cpu_report(before: dict[str, float], after: dict[str, float], answered: int) -> list[str]:
    used = {name: after[name] - before[name] for name in before}
    groups = ("web", "PostgreSQL", "locust", "task worker")
    ours = sum(used[name] for name in groups)
    cores = os.cpu_count() or 1
    busy = used["busy"] / used["total"]
    lines = [
        "CPU during the load (core-seconds): "
        + ", ".join(f"{name} {used[name]:.1f}" for name in groups)
        + f"; the machine busy {used['busy']:.1f} of {used['total']:.1f} ({busy:.0%}),"
        f" of which outside these processes {used['busy'] - ours:.1f}"
    ]
    if answered:
        each = {name: 1000 * used[name] / answered for name in groups}
        lines.append(
            f"per answered request: {1000 * ours / answered:.1f} ms of CPU all in ("
            + ", ".join(f"{name} {each[name]:.1f}" for name in groups)
            + f"): at this cost {cores} cores serve at most {cores * answered / ours:.0f} requests/s"
            " with the load generator beside the servers"
        )
    return lines


def loadavg() -> str:
    return " ".join(Path("/proc/loadavg").read_text().split()[:3])


def percentile(timings: list[float], share: float) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, int(share / 100 * len(ordered)))] if ordered else 0.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--candidates", type=int, default=100_000, help="demo pool size (loaded if absent)")
    parser.add_argument("--home", default=os.environ.get("SHORTLIST_HOME", "/tmp/shortlist-load"))
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--web-workers", type=int, default=4, help="gunicorn processes (4 threads each)")
    parser.add_argument("--users", type=int, default=50, help="simulated recruiters")
    parser.add_argument("--rate", type=float, default=120, help="target requests per second, all users")
    parser.add_argument("--run-time", type=int, default=120, help="seconds of load")
    parser.add_argument("--faults", action="store_true", help="kill -9 a web and a task worker, a PG fault")
    parser.add_argument(
        "--pg-fault", choices=("terminate", "restart"), default="terminate",
        help="drop this database's connections, or restart the local PostgreSQL cluster (shared!)",
    )  # fmt: skip
    parser.add_argument("--drain", type=int, default=600, help="seconds to wait for uploads to finish")
    args = parser.parse_args()

    home = Path(args.home)
    home.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "SHORTLIST_HOME": str(home), "PYTHONPATH": f"{ROOT / 'src'}:{ROOT}"}
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    # A killed task worker's task is re-queued once its heartbeat is this many seconds old (default 30).
    env.setdefault("SHORTLIST_WORKER_LEASE", "6")
    print(f"load averages at start: {loadavg()}", flush=True)
    print(shortlist(env, "demo", "--candidates", str(args.candidates)).splitlines()[0], flush=True)
    shortlist(env, "index")
    plan = python(env, PREPARE, str(args.users), secrets.token_urlsafe(12))
    run = f"{int(time.time()):x}"
    logs = Path(tempfile.mkdtemp(prefix="shortlist-load-"))
    plan.update(rate=args.rate / args.users, run=run, outcomes=str(logs / "outcomes.json"))
    (logs / "plan.json").write_text(json.dumps(plan))
    print(f"pool {plan['candidates']}, {len(plan['roles'])} roles, {args.users} recruiters; logs in {logs}")

    cli = [sys.executable, "-m", "shortlist.cli"]
    serve = [*cli, "serve", "--host", "127.0.0.1", "--port", str(args.port), "--workers",
             str(args.web_workers), "--no-background"]  # fmt: skip
    host = f"http://127.0.0.1:{args.port}"
    with (
        started(serve, env, logs / "server.log") as server,
        started([*cli, "worker", "--supervise"], env, logs / "worker.log") as worker,
    ):
        wait_until_up(f"{host}/login/")
        faults = None
        if args.faults:
            database = env.get("DATABASE_URL", "")
            faults = Faults(args.run_time, server.pid, worker.pid, database, args.pg_fault)
            faults.start()
        locust = [
            sys.executable, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", host,
            "--users", str(args.users), "--spawn-rate", str(max(1, args.users // 5)),
            "--run-time", f"{args.run_time}s", "--stop-timeout", "60", "--csv", str(logs / "locust"),
            "--only-summary", "--loglevel", "WARNING", "--exit-code-on-error", "0",
        ]  # fmt: skip
        began = time.monotonic()
        cpu_before = cpu_now(server.pid, worker.pid)
        subprocess.run(locust, env={**env, "LOAD_PLAN": str(logs / "plan.json")}, cwd=ROOT, check=False,
                       stdout=(logs / "locust.log").open("w"), stderr=subprocess.STDOUT)  # fmt: skip
        took = time.monotonic() - began
        cpu = (cpu_before, cpu_now(server.pid, worker.pid))
        print(f"load averages after the run: {loadavg()}", flush=True)
        if faults is not None:
            faults.join(timeout=5)
        deadline = time.monotonic() + args.drain
        while True:
            files = python(env, OUTCOMES, run)
            pending = files["files"] - sum(files["statuses"].get(s, 0) for s in FINAL)
            if not pending or time.monotonic() > deadline:
                break
            time.sleep(2)
        drained = time.monotonic() - began - took
    return report(args, logs, plan, files, took, drained, faults, cpu)


def report(args: argparse.Namespace, logs: Path, plan: dict, files: dict, took: float, drained: float,
           faults: Faults | None, cpu: tuple[dict[str, float], dict[str, float]]) -> int:  # fmt: skip
    outcomes = json.loads((logs / "outcomes.json").read_text())
    counts = outcomes["counts"]
    times = outcomes["times"]
    print(f"\n{args.users} recruiters, {args.run_time} s (ran {took:.0f} s), pool {plan['candidates']}, "
          f"{args.web_workers} gunicorn processes x 4 threads, 1 task worker")  # fmt: skip
    print(f"{'endpoint':<16}{'requests':>9}{'errors':>8}{'req/s':>8}{'p50 ms':>8}{'p95 ms':>8}{'max ms':>8}")
    every = [t for name in times for t in times[name]]
    for name, timings in [*sorted(times.items()), ("all", every)]:
        failed = counts.get("failed" if name == "all" else f"{name}|failed", 0)
        p50, p95, top = percentile(timings, 50), percentile(timings, 95), max(timings, default=0)
        rate = len(timings) / took
        print(f"{name:<16}{len(timings):>9}{failed:>8}{rate:>8.1f}{p50:>8.0f}{p95:>8.0f}{top:>8.0f}")
    sent = counts.get("sent", 0)
    answered = {k.split(":")[1]: v for k, v in counts.items() if k.startswith("answered:")}
    errors = counts.get("connection_error", 0)
    abandoned = counts.get("abandoned", 0)
    lost = sent - sum(answered.values()) - errors - abandoned
    print(f"\nrequests: sent {sent}, answered {sum(answered.values())} {answered}, "
          f"connection errors {errors}, abandoned by locust as the run stopped {abandoned}, "
          f"lost without an error {lost}")  # fmt: skip
    # The other side: the access log's responses, without the runner's own start-up probes of /login/.
    logged = [line for line in (logs / "server.log").read_text().splitlines() if ' HTTP/1.1" ' in line]
    served = sum(1 for line in logged if "GET /login/ " not in line)
    print(f"  responses in the servers' access log: {served} (a killed process logs none for the requests "
          f"it held; they are the client's connection errors)")  # fmt: skip
    if (logs / "locust_failures.csv").exists():
        with open(logs / "locust_failures.csv") as handle:
            for failure in csv.DictReader(handle):
                print(f"    {failure['Occurrences']} x {failure['Name']}: {failure['Error'][:150]}")
    accepted = sum(b["files"] for b in outcomes["batches"])
    statuses = files["statuses"]
    queued = files["files"] - sum(statuses.get(s, 0) for s in FINAL)
    twice = len(files["names_twice"]) + len(files["people_twice"])
    print(f"uploads: accepted (202) {accepted}, in the database {files['files']} {statuses}, still queued "
          f"{queued} after {drained:.0f} s, imported twice {twice}")  # fmt: skip
    for reason, n in files["reasons"].items():
        print(f"  failed x{n}: {reason}")
    if faults is not None:
        print("faults: " + "; ".join(faults.log))
    print(f"load averages now: {loadavg()} ({os.cpu_count()} cores)")
    for line in cpu_report(*cpu, sum(answered.values())):
        print(line)
    problems = []
    if lost:
        problems.append(f"{lost} requests lost without an error")
    if queued or files["files"] < accepted:
        problems.append(f"{queued} files never finished, {accepted - files['files']} accepted files missing")
    if twice:
        problems.append(f"{twice} files imported twice")
    if faults is None and (errors or answered.get("5xx", 0) or answered.get("4xx", 0)):
        problems.append("errors without faults")
    fine = "OK: no request or task lost, nothing imported twice"
    print("FAIL: " + "; ".join(problems) if problems else fine)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
