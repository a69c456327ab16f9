"""Shared by the task-queue fault tests and benchmarks/queue_faults.py: generated CVs, processes that
share one database, and a probe that reads the queue's state from outside.

python tests/queue_helpers.py state BATCH   one JSON object: file statuses, reasons, tasks, candidates
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

SKILLS = ("Python", "Go", "Kafka", "PostgreSQL", "Kubernetes", "Django", "gRPC", "Redis", "AWS", "Terraform")
FIRSTS = ("Ada", "Ben", "Cara", "Dev", "Eli", "Fay", "Gus", "Hana", "Ivo", "Jun", "Kai", "Lea")
LASTS = ("Moss", "Nair", "Ortiz", "Park", "Quinn", "Rao", "Stone", "Tran", "Umar", "Vale", "Wong", "Yates")


def cv_text(n: int) -> str:
    """A small CV unique to `n` (its own name, e-mail and phone, so no two are one person)."""
    pick = random.Random(n)
    name = f"{FIRSTS[n % len(FIRSTS)]} {LASTS[(n // len(FIRSTS)) % len(LASTS)]}-{n}"
    skills = pick.sample(SKILLS, 4)
    start = 2012 + n % 10
    return (
        f"{name}\nBackend Engineer\nLondon, UK · 07700 {900000 + n} · person{n}@example.org\n\n"
        f"Experience\n==========\nBackend Engineer, Firm {n} Ltd ({start} – Present)\n"
        f" - Built {skills[0]} and {skills[1]} services handling {100 + n} requests per second.\n"
        f" - Ran {skills[2]} in production for a team of {3 + n % 9} engineers.\n\n"
        f"Skills\n======\n{', '.join(skills)}\n"
    )


def write_cvs(folder: Path, count: int) -> list[Path]:
    """`count` CVs in `folder`, every third a .docx, the rest .txt."""
    from docx import Document

    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        text = cv_text(n)
        if n % 3 == 0:
            path = folder / f"cv-{n:04d}.docx"
            document = Document()
            for line in text.splitlines():
                document.add_paragraph(line)
            document.save(path)
        else:
            path = folder / f"cv-{n:04d}.txt"
            path.write_text(text)
        paths.append(path)
    return paths


def reachable(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=1):
            return True
    except OSError:
        return False


def shortlist(env: dict[str, str], *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "shortlist.cli", *args], env=env, capture_output=True, text=True, check=check
    )


def start_worker(env: dict[str, str], log: Path, *args: str) -> subprocess.Popen[bytes]:
    """`shortlist worker ARGS` in a session of its own, so a test can end its whole process group."""
    with log.open("ab") as out:
        return subprocess.Popen(
            [sys.executable, "-m", "shortlist.cli", "worker", *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def stop(process: subprocess.Popen[bytes]) -> None:
    """End a process started by `start_worker` and everything in its session."""
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
    # Workers that were restarted live on in the same session: end them too.
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)


def children(pid: int) -> list[int]:
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


def state(env: dict[str, str], batch: int) -> dict[str, object]:
    out = subprocess.run(
        [sys.executable, __file__, "state", str(batch)], env=env, capture_output=True, text=True, check=True
    )
    return json.loads(out.stdout)


def wait_for(env: dict[str, str], batch: int, done: object, timeout: float) -> dict[str, object]:
    """Poll the batch's state until `done(state)` holds; the last state either way."""
    deadline = time.monotonic() + timeout
    while True:
        now = state(env, batch)
        if done(now) or time.monotonic() > deadline:
            return now
        time.sleep(0.3)


def _state(batch: int) -> dict[str, object]:
    from collections import Counter

    from django.conf import settings
    from django.utils import timezone

    from shortlist.background.heartbeat import lease
    from shortlist.background.models import WorkerBeat
    from shortlist.candidates.models import Candidate, ImportFile

    files = list(ImportFile.objects.filter(batch_id=batch).values("name", "status", "reason", "candidate_id"))
    candidates = list(Candidate.objects.values_list("source", flat=True))
    running: list[str] = []
    rerun: list[str] = []
    if settings.TASK_QUEUE == "embedded":
        from django_tasks_db.models import DBTaskResult

        running = [str(t.id) for t in DBTaskResult.objects.running()]
        rerun = [str(t.id) for t in DBTaskResult.objects.all() if len(t.worker_ids) > 1]
    live = WorkerBeat.objects.filter(beat_at__gte=timezone.now() - lease()).order_by("-started_at")
    return {
        "statuses": dict(Counter(f["status"] for f in files)),
        "failed": {f["name"]: f["reason"] for f in files if f["status"] == "failed"},
        "files": len(files),
        "file_candidates": [f["candidate_id"] for f in files if f["candidate_id"]],
        "candidates": len(candidates),
        "sources_twice": [s for s, n in Counter(candidates).items() if n > 1],
        "running_tasks": running,
        "tasks_run_twice": rerun,
        "worker_pids": [w.pid for w in live],
    }


if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shortlist.settings")
    import django

    django.setup()
    if sys.argv[1] == "state":
        print(json.dumps(_state(int(sys.argv[2]))))
