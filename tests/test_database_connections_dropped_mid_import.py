"""PostgreSQL drops every connection of the worker (pg_terminate_backend, as a failover or a restart
would) in the middle of 200 queued imports: the worker recovers and the batch ends consistent.

The shared PostgreSQL server is not restarted (other databases live on it): only this test's own
database's backends are terminated, from another connection.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import dj_database_url
import pytest

from tests.conftest import on_postgres
from tests.queue_helpers import shortlist, start_worker, stop, wait_for, write_cvs

pytestmark = pytest.mark.slow
FILES = 200


def _terminate_backends(url: str) -> int:
    import psycopg

    config = dj_database_url.parse(url)
    with psycopg.connect(
        host=config["HOST"],
        port=config["PORT"] or 5432,
        user=config["USER"],
        dbname="postgres",
        autocommit=True,
    ) as admin:
        rows = admin.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
            " WHERE datname = %s AND pid <> pg_backend_pid()",
            (config["NAME"],),
        ).fetchall()
    return sum(1 for (done,) in rows if done)


def test_the_import_recovers_from_dropped_connections(tmp_path: Path, fresh_database_url: str) -> None:
    if not on_postgres():
        pytest.skip("PostgreSQL only (run with DATABASE_URL=postgres://…)")
    env = {
        **os.environ,
        "SHORTLIST_HOME": str(tmp_path / "home"),
        "DATABASE_URL": fresh_database_url,
        "SHORTLIST_TASKS": "embedded",
        "SHORTLIST_WORKER_LEASE": "3",
    }
    write_cvs(tmp_path / "cvs", FILES)
    shortlist(env, "migrate")
    batch = int(
        json.loads(shortlist(env, "import", "--queue", "--json", str(tmp_path / "cvs")).stdout)["upload"]
    )
    worker = start_worker(env, tmp_path / "worker.log", "--supervise")
    terminated = 0
    try:
        wait_for(env, batch, lambda s: s["statuses"].get("queued", FILES) < FILES - 20, 120)
        for _ in range(3):
            terminated += _terminate_backends(fresh_database_url)
            time.sleep(1.5)
        after = wait_for(env, batch, lambda s: "queued" not in s["statuses"] and not s["running_tasks"], 240)
    finally:
        stop(worker)
    assert terminated >= 2  # the worker's connections really were cut
    assert "queued" not in after["statuses"], after["statuses"]
    assert after["running_tasks"] == []
    # A lost connection is retried, not blamed on the file: every CV is imported, each exactly once.
    assert after["statuses"] == {"imported": FILES}, after["failed"]
    assert after["sources_twice"] == []
    assert len(set(after["file_candidates"])) == after["candidates"] == FILES
