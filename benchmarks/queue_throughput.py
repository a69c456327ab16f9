"""Imports through the task queue: files per second on each backend, and how long a kill -9 of the
worker costs before every task is finished again.

    PYTHONPATH=src:. python benchmarks/queue_throughput.py [--files 200] [--database-url postgres://…]
        [--backends embedded,celery-redis,celery-rabbitmq] [--concurrency 2]

Each run uses a fresh database (a SQLite file, or a new PostgreSQL database dropped afterwards) and a
fresh SHORTLIST_HOME, queues FILES generated CVs with `shortlist import --queue`, then:

- baseline: the same files through `shortlist import` in one process, without the queue;
- throughput: starts the worker (embedded: CONCURRENCY `shortlist worker` processes; Celery: one worker
  with --concurrency CONCURRENCY) and times it from start to the last file finished;
- recovery: queues the batch again into a new database, starts a supervised worker, kill -9s it (and
  its pool) when a fifth of the files are done, and times kill → last file finished. `overhead` is that
  time less what the remaining files take at the measured rate: the price of the kill itself (restart,
  the lease or the broker's redelivery, the task run again).

Celery runs use SHORTLIST_TASK_TIME_LIMIT=20 and SHORTLIST_WORKER_LEASE=6 (visibility timeout 50 s on
Redis); the defaults (300 s, 30 s) make Redis wait 11 min before redelivering a dead worker's task.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

from tests.queue_helpers import children, reachable, shortlist, start_worker, stop, wait_for, write_cvs

BROKERS = {
    "celery-redis": ("redis://127.0.0.1:6379/14", 6379),
    "celery-rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", 5672),
}


@contextlib.contextmanager
def fresh_database(base_url: str | None, folder: Path) -> Iterator[str]:
    if not base_url:
        yield f"sqlite:///{folder / 'bench.sqlite3'}"
        return
    import dj_database_url
    import psycopg

    config = dj_database_url.parse(base_url)
    name = f"shortlist_queue_{uuid.uuid4().hex[:8]}"
    admin = {
        "host": config["HOST"],
        "port": config["PORT"] or 5432,
        "user": config["USER"],
        "dbname": "postgres",
    }
    with psycopg.connect(**admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"postgres://{config['USER']}@{config['HOST']}:{config['PORT'] or 5432}/{name}"
    finally:
        with psycopg.connect(**admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def environment(backend: str, home: Path, database_url: str) -> dict[str, str]:
    env = {**os.environ, "SHORTLIST_HOME": str(home), "DATABASE_URL": database_url}
    if backend == "embedded":
        env.update(SHORTLIST_TASKS="embedded", SHORTLIST_WORKER_LEASE="6")
    else:
        env.update(
            SHORTLIST_TASKS="celery",
            SHORTLIST_BROKER_URL=BROKERS[backend][0],
            SHORTLIST_BROKER_QUEUE=f"bench-{home.parent.name}",
            SHORTLIST_TASK_TIME_LIMIT="20",
            SHORTLIST_WORKER_LEASE="6",
        )
    return env


def queue(env: dict[str, str], cvs: Path) -> int:
    shortlist(env, "migrate")
    return int(json.loads(shortlist(env, "import", "--queue", "--json", str(cvs)).stdout)["upload"])


def finished(s: dict[str, object]) -> bool:
    return "queued" not in s["statuses"]


def throughput(backend: str, cvs: Path, files: int, concurrency: int, base_url: str | None) -> float:
    with tempfile.TemporaryDirectory() as tmp, fresh_database(base_url, Path(tmp)) as url:
        env = environment(backend, Path(tmp) / "home", url)
        batch = queue(env, cvs)
        started = time.monotonic()
        if backend == "embedded":
            workers = [start_worker(env, Path(tmp) / f"w{i}.log") for i in range(concurrency)]
        else:
            workers = [start_worker(env, Path(tmp) / "w.log", "--concurrency", str(concurrency))]
        try:
            done = wait_for(env, batch, finished, 900)
            seconds = time.monotonic() - started
        finally:
            for worker in workers:
                stop(worker)
        assert finished(done) and done["statuses"].get("imported") == files, done["statuses"]
        return files / seconds


def direct(cvs: Path, files: int, base_url: str | None) -> float:
    """The same files through `shortlist import` in one process, no queue: the baseline."""
    with tempfile.TemporaryDirectory() as tmp, fresh_database(base_url, Path(tmp)) as url:
        env = environment("embedded", Path(tmp) / "home", url)
        shortlist(env, "migrate")
        started = time.monotonic()
        shortlist(env, "import", str(cvs))
        return files / (time.monotonic() - started)


def recovery(
    backend: str, cvs: Path, files: int, concurrency: int, base_url: str | None
) -> tuple[float, int]:
    with tempfile.TemporaryDirectory() as tmp, fresh_database(base_url, Path(tmp)) as url:
        env = environment(backend, Path(tmp) / "home", url)
        batch = queue(env, cvs)
        args = (
            ["--supervise"] if backend == "embedded" else ["--supervise", "--concurrency", str(concurrency)]
        )
        supervisor = start_worker(env, Path(tmp) / "w.log", *args)
        try:
            seen = wait_for(env, batch, lambda s: s["statuses"].get("queued", files) <= files * 4 // 5, 600)
            victim = seen["worker_pids"][0]
            for pid in [victim, *children(victim)]:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(pid, signal.SIGKILL)
            killed = time.monotonic()
            left = int(seen["statuses"].get("queued", 0))
            done = wait_for(env, batch, finished, 900)
            seconds = time.monotonic() - killed
        finally:
            stop(supervisor)
        assert finished(done) and done["sources_twice"] == [], done
        return seconds, left


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--files", type=int, default=200)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL", ""))
    parser.add_argument("--backends", default="embedded,celery-redis,celery-rabbitmq")
    options = parser.parse_args()
    where = "PostgreSQL" if options.database_url else "SQLite"
    print(f"{options.files} CVs (a third .docx), {options.concurrency} worker processes, {where}")
    print(f"{'backend':<16} {'files/s':>8} {'kill -9 → all done':>19} {'files left':>11} {'overhead':>9}")
    with tempfile.TemporaryDirectory() as tmp:
        cvs = Path(tmp) / "cvs"
        write_cvs(cvs, options.files)
        rate = direct(cvs, options.files, options.database_url)
        print(f"{'no queue (CLI)':<16} {rate:>8.1f}   (shortlist import in one process)", flush=True)
        for backend in options.backends.split(","):
            if backend != "embedded" and not reachable("127.0.0.1", BROKERS[backend][1]):
                print(f"{backend:<16} (broker not reachable; skipped)")
                continue
            rate = throughput(backend, cvs, options.files, options.concurrency, options.database_url)
            seconds, left = recovery(backend, cvs, options.files, options.concurrency, options.database_url)
            overhead = seconds - left / rate
            print(f"{backend:<16} {rate:>8.1f} {seconds:>17.1f} s {left:>11} {overhead:>7.1f} s", flush=True)


if __name__ == "__main__":
    sys.exit(main())
