"""kill -9 of the task worker in the middle of 200 uploads: the supervisor starts another, the task the
dead worker held is delivered again, and every file ends imported once or failed with its reason."""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import time
import uuid
from pathlib import Path

import pytest

from tests.queue_helpers import children, reachable, shortlist, start_worker, state, stop, wait_for, write_cvs

pytestmark = pytest.mark.slow
FILES = 200
REQUIRED = os.environ.get("SHORTLIST_REQUIRE_POSTGRES") == "1"  # CI: every service must be there


BROKERS = {
    # Redis gives a dead worker's message back after the visibility timeout (seconds here, with the
    # short time limit below); RabbitMQ as soon as the dead worker's connection drops.
    "celery-redis": ("redis://127.0.0.1:6379/15", 6379),
    "celery-rabbitmq": ("amqp://guest:guest@127.0.0.1:5672//", 5672),
}


def _backend_env(backend: str) -> dict[str, str]:
    if backend == "embedded":
        return {"SHORTLIST_TASKS": "embedded"}
    url, port = BROKERS[backend]
    if importlib.util.find_spec("celery") is None:
        if REQUIRED:
            pytest.fail(
                "Celery is not installed (pip install 'shortlist[celery]'), and SHORTLIST_REQUIRE_POSTGRES=1"
            )
        pytest.skip("Celery is not installed")
    if not reachable("127.0.0.1", port):
        if REQUIRED:
            pytest.fail(
                f"nothing listens on 127.0.0.1:{port} for {backend}, and SHORTLIST_REQUIRE_POSTGRES=1"
            )
        pytest.skip(f"nothing listens on 127.0.0.1:{port} for {backend}")
    # A queue of this test's own: another run sharing the broker must not take its messages.
    return {
        "SHORTLIST_TASKS": "celery",
        "SHORTLIST_BROKER_URL": url,
        "SHORTLIST_BROKER_QUEUE": f"test-{uuid.uuid4().hex}",
    }


def _delete_queue(env: dict[str, str]) -> None:
    if env["SHORTLIST_TASKS"] == "celery":
        from kombu import Connection

        with Connection(env["SHORTLIST_BROKER_URL"]) as connection:
            connection.default_channel.queue_delete(env["SHORTLIST_BROKER_QUEUE"])


@pytest.mark.parametrize("backend", ["embedded", "celery-redis", "celery-rabbitmq"])
def test_every_file_ends_imported_once_or_failed_after_a_kill_9(
    backend: str, tmp_path: Path, fresh_database_url: str
) -> None:
    env = {
        **os.environ,
        "SHORTLIST_HOME": str(tmp_path / "home"),
        "DATABASE_URL": fresh_database_url,
        "SHORTLIST_WORKER_LEASE": "3",
        "SHORTLIST_TASK_TIME_LIMIT": "5",
        **_backend_env(backend),
    }
    write_cvs(tmp_path / "cvs", FILES)
    shortlist(env, "migrate")
    queued = shortlist(env, "import", "--queue", "--json", str(tmp_path / "cvs"))
    batch = int(json.loads(queued.stdout)["upload"])
    supervisor = start_worker(env, tmp_path / "worker.log", "--supervise")
    try:
        first = wait_for(env, batch, lambda s: s["statuses"].get("queued", FILES) < FILES - 20, 120)
        assert first["statuses"].get("queued", 0) > 0, "the batch finished before the worker could be killed"
        victim = first["worker_pids"][0]
        held: list[str] = []
        if backend == "embedded":
            # Freeze the worker, look: kill it only while it holds a task, so one is cut off mid-import.
            for _ in range(50):
                os.kill(victim, signal.SIGSTOP)
                held = state(env, batch)["running_tasks"]
                if held:
                    break
                os.kill(victim, signal.SIGCONT)
                # Let it run between looks: frozen again at once, a worker caught between tasks got no
                # time to claim the next one, and every look found it idle.
                time.sleep(0.05)
            assert held, "never caught the worker running a task"
        for pid in [victim, *children(victim)]:
            os.kill(pid, signal.SIGKILL)
        after = wait_for(env, batch, lambda s: "queued" not in s["statuses"], 240)
        log = (tmp_path / "worker.log").read_text()
    finally:
        stop(supervisor)
        _delete_queue(env)
    assert "killed by SIGKILL" in log and "restarting it" in log  # the supervisor saw it and restarted
    assert "queued" not in after["statuses"], after["statuses"]
    assert after["files"] == FILES
    assert all(after["failed"].values()), "a failed file without its reason"
    assert after["sources_twice"] == []
    assert len(after["file_candidates"]) == len(set(after["file_candidates"])) == after["candidates"]
    assert after["statuses"].get("imported", 0) + len(after["failed"]) == FILES
    if backend == "embedded":
        assert after["running_tasks"] == []
        assert set(held) <= set(after["tasks_run_twice"])  # the cut-off task was re-queued and run again
