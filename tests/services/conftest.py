from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from django.contrib.auth.models import AnonymousUser

from shortlist.accounts.access import Actor
from shortlist.candidates.importing import import_sources, iter_sources
from tests.pool_helpers import empty_index

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures"
ROLE_FILE = FIXTURES / "roles" / "hft-go.yaml"
POOL = ["anna-kowalska.pdf", "mei-chen.txt", "arjun-patel.json", "grace-adeyemi.docx", "james-oconnor.txt"]


@pytest.fixture(autouse=True)
def fresh_index() -> None:
    empty_index()


@pytest.fixture
def operator() -> Actor:
    return Actor.system()


@pytest.fixture
def signed_in(recruiter: object) -> Actor:
    return Actor.of(recruiter)


@pytest.fixture
def anonymous() -> Actor:
    return Actor.of(AnonymousUser())


@pytest.fixture
def imported(tmp_path: Path) -> dict[str, int]:
    """The five fixture CVs in the pool, by file name."""
    folder = tmp_path / "pool"
    folder.mkdir()
    for name in POOL:
        shutil.copy(FIXTURES / "cvs" / name, folder / name)
    return {o.name: o.candidate_id for o in import_sources(iter_sources([folder])).outcomes}
