"""Redis can lose a message: kombu takes it off the list and notes it as unacknowledged in two round
trips, and a worker killed between them takes it to its grave (a kill -9 test caught this once in
200 files). The file must still be imported: once the queue has gone quiet, a worker sends it again."""

from __future__ import annotations

import importlib.util
import json
import os
import uuid
from pathlib import Path

import pytest

from tests.queue_helpers import reachable, shortlist, start_worker, stop, wait_for, write_cvs

pytestmark = pytest.mark.slow
REQUIRED = os.environ.get("SHORTLIST_REQUIRE_POSTGRES") == "1"  # CI: every service must be there
REDIS = "redis://127.0.0.1:6379/15"
FILES = 5


@pytest.fixture
def redis_env(tmp_path: Path, fresh_database_url: str) -> dict[str, str]:
    if importlib.util.find_spec("celery") is None:
        if REQUIRED:
            pytest.fail(
                "Celery is not installed (pip install 'shortlist[celery]'), and SHORTLIST_REQUIRE_POSTGRES=1"
            )
        pytest.skip("Celery is not installed")
    if not reachable("127.0.0.1", 6379):
        if REQUIRED:
            pytest.fail("nothing listens on 127.0.0.1:6379 for Redis, and SHORTLIST_REQUIRE_POSTGRES=1")
        pytest.skip("nothing listens on 127.0.0.1:6379")
    return {
        **os.environ,
        "SHORTLIST_HOME": str(tmp_path / "home"),
        "DATABASE_URL": fresh_database_url,
        "SHORTLIST_WORKER_LEASE": "3",
        "SHORTLIST_TASK_TIME_LIMIT": "5",
        "SHORTLIST_TASKS": "celery",
        "SHORTLIST_BROKER_URL": REDIS,
        "SHORTLIST_BROKER_QUEUE": f"test-{uuid.uuid4().hex}",
    }


def test_a_message_redis_lost_is_sent_again_and_its_file_imported_once(
    redis_env: dict[str, str], tmp_path: Path
) -> None:
    import redis

    queue = redis_env["SHORTLIST_BROKER_QUEUE"]
    write_cvs(tmp_path / "cvs", FILES)
    shortlist(redis_env, "migrate")
    queued = shortlist(redis_env, "import", "--queue", "--json", str(tmp_path / "cvs"))
    batch = int(json.loads(queued.stdout)["upload"])
    client = redis.Redis.from_url(REDIS)
    try:
        assert client.llen(queue) == FILES
        assert client.rpop(queue) is not None  # what a worker killed at the wrong moment leaves
        worker = start_worker(redis_env, tmp_path / "worker.log")
        try:
            # The worker sweeps when it starts and then every minute; the lost file is sent again on the
            # first sweep that finds the queue quiet for a redelivery window.
            after = wait_for(redis_env, batch, lambda s: "queued" not in s["statuses"], 150)
        finally:
            stop(worker)
    finally:
        client.delete(queue)
    assert after["statuses"] == {"imported": FILES}, after["statuses"]
    assert len(after["file_candidates"]) == len(set(after["file_candidates"])) == after["candidates"] == FILES
    assert "whose import had never reached a worker" in (tmp_path / "worker.log").read_text()
