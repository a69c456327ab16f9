"""A small imported pool and the NumPy-only embedder (SHORTLIST_EMBEDDER=hashing): no torch needed."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from shortlist.accounts.access import Actor
from shortlist.candidates.importing import import_sources, iter_sources
from tests.pool_helpers import empty_index

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROLE_FILE = FIXTURES / "roles" / "hft-go.yaml"
POOL = [
    "mei-chen.txt",
    "james-oconnor.txt",
    "emma-hughes.txt",
    "george-whitfield.txt",
    "kiran-shah.txt",
    "marcus-reid.txt",
    "arjun-patel.json",
]


@pytest.fixture(autouse=True)
def hashing(settings: object) -> None:
    settings.EMBEDDER = "hashing"


@pytest.fixture(autouse=True)
def fresh_index() -> None:
    empty_index()


@pytest.fixture
def operator() -> Actor:
    return Actor.system()


@pytest.fixture
def imported(tmp_path: Path) -> dict[str, int]:
    """Seven fixture CVs in the pool, by file name."""
    folder = tmp_path / "pool"
    folder.mkdir()
    for name in POOL:
        shutil.copy(FIXTURES / "cvs" / name, folder / name)
    return {o.name: o.candidate_id for o in import_sources(iter_sources([folder])).outcomes}


def run_worker() -> None:
    """The embedded (database) queue's worker, until the queue is empty. django-tasks-db's own loop:
    shortlist's (background.embedded.run_worker) adds a heartbeat thread, whose writes can meet the
    task's on the test run's shared in-memory SQLite ("table is locked") and defer a chunk past the run."""
    call_command("db_worker", batch=True, verbosity=0, reload=False)
