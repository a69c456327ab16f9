"""Several processes on one pool: concurrent changes, rankings and publications never lose a candidate."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

SCRIPT = Path(__file__).parent / "pool_process.py"
POOL_SIZE = 300


def start(env: dict[str, str], *args: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), *args],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out


@pytest.fixture
def shared(tmp_path: Path, fresh_database_url: str) -> dict[str, str]:
    """One database and one SHORTLIST_HOME for every process, with a demo pool loaded."""
    env = {
        **os.environ,
        "SHORTLIST_HOME": str(tmp_path / "home"),
        "DATABASE_URL": fresh_database_url,
        # A low limit so that the rankers republish in the background while the test runs.
        "SHORTLIST_INDEX_DELTA_LIMIT": "15",
    }
    shortlist = Path(sys.executable).with_name("shortlist")
    subprocess.run(
        [str(shortlist), "demo", "--candidates", str(POOL_SIZE)], env=env, check=True, capture_output=True
    )
    return env


def test_concurrent_changes_rankings_and_publications_always_rank_the_whole_pool(
    shared: dict[str, str],
) -> None:
    finish(start(shared, "publish", "1"))
    rankers = [start(shared, "rank", "80") for _ in range(2)]
    writers = [start(shared, "update", "120"), start(shared, "publish", "3")]
    for writer in writers:
        finish(writer)
    seen = [json.loads(line) for ranker in rankers for line in finish(ranker).splitlines()]
    assert len(seen) == 160
    # Updates keep the count (a delete and a create commit together): every ranking searched all of it.
    assert {row["pool"] for row in seen} == {row["database"] for row in seen} == {POOL_SIZE}
    assert len({row["version"] for row in seen}) > 1  # publications happened while ranking
    # What a process knows through published versions and its delta is what a build from scratch knows.
    finish(start(shared, "update", "12"))  # below the limit: these stay in the delta
    through_delta = json.loads(finish(start(shared, "final")))
    finish(start(shared, "publish", "1"))
    from_scratch = json.loads(finish(start(shared, "final")))
    assert through_delta["pool"] == from_scratch["pool"] == POOL_SIZE
    assert through_delta["matches"] == from_scratch["matches"]
    assert through_delta["version"] != from_scratch["version"]
