"""Shared by the pool's tests: small pools, a look at the published files, and processes on one pool."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from benchmarks.synthetic import role_spec

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile
from tests.factories import make_candidate

GO_ROLE: RoleProfile = build_role_profile(role_spec(must=("go", "kubernetes"), nice=("kafka",)))
SCRIPT = Path(__file__).parent / "pool_process.py"
POOL_SIZE = 300
STACKS = (("python", 4.0), ("java", 6.0), ("go", 2.0), ("sql", 3.0), ("kubernetes", 1.0))


def empty_index() -> None:
    """No published index and a fresh in-process view: the next ranking builds from this test's rows
    alone, not from a version an earlier test left in the shared home."""
    pool.forget()
    shutil.rmtree(pool.index_dir(), ignore_errors=True)


def make_pool(size: int) -> list[Candidate]:
    return [
        make_candidate(name=f"Person {n}", skills=(STACKS[n % len(STACKS)], STACKS[(n + 2) % len(STACKS)]))
        for n in range(size)
    ]


def published_files(folder: Path) -> dict[str, tuple[int, int]]:
    """Every file under the index folder with its size and modification time (lock file aside)."""
    return {
        str(path.relative_to(folder)): (path.stat().st_size, path.stat().st_mtime_ns)
        for path in sorted(folder.rglob("*"))
        if path.is_file() and path.name != ".lock"
    }


def start(env: dict[str, str], *args: str, stdin: int | None = None) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, str(SCRIPT), *args],
        env=env,
        stdin=stdin,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def finish(process: subprocess.Popen[str]) -> str:
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    return out


def shared_pool(home: Path, database_url: str, size: int) -> dict[str, str]:
    """The environment of processes sharing one database and SHORTLIST_HOME, with a demo pool loaded."""
    env = {
        **os.environ,
        "SHORTLIST_HOME": str(home),
        "DATABASE_URL": database_url,
        # A low limit so that the processes republish in the background while the test runs.
        "SHORTLIST_INDEX_DELTA_LIMIT": "15",
    }
    shortlist = Path(sys.executable).with_name("shortlist")
    demo = [str(shortlist), "demo", "--candidates", str(size)]
    subprocess.run(demo, env=env, check=True, capture_output=True)
    return env


@pytest.fixture
def shared(tmp_path: Path, fresh_database_url: str) -> dict[str, str]:
    return shared_pool(tmp_path / "home", fresh_database_url, POOL_SIZE)
