"""A missing or damaged published index is rebuilt before ranking: the pool is never partial."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate
from shortlist.engine.matching import published
from tests.pool_helpers import GO_ROLE, make_pool

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pool_home")]


def truncate(path: Path) -> None:
    os.truncate(path, path.stat().st_size // 3)


def older_format(version: Path) -> None:
    """What an index published before issue 11 looks like: format 2, no word postings."""
    meta = json.loads((version / "meta.json").read_text())
    (version / "meta.json").write_text(json.dumps(meta | {"format": 2}))
    for path in version.glob("lx_*.npy"):
        path.unlink()


DAMAGE = {
    "ids deleted": lambda v: (v / "ids.npy").unlink(),
    "ids truncated": lambda v: truncate(v / "ids.npy"),
    "coverage truncated": lambda v: truncate(v / "cov_row.npy"),
    "word postings truncated": lambda v: truncate(v / "lx_row.npy"),
    "format 2, before the CV words": lambda v: older_format(v),
    "stamps deleted": lambda v: (v / "extra_stamps.npy").unlink(),
    "meta deleted": lambda v: (v / "meta.json").unlink(),
    "manifest deleted": lambda v: (v / "manifest.json").unlink(),
    "version folder deleted": lambda v: shutil.rmtree(v),
    "every file deleted": lambda v: [path.unlink() for path in v.iterdir()],
}


@pytest.mark.parametrize("damage", DAMAGE)
def test_the_next_ranking_rebuilds_a_damaged_version(damage: str) -> None:
    make_pool(40)
    pool.build()
    folder = pool.index_dir()
    DAMAGE[damage](folder / "v000001")
    pool.forget()  # as a process starting after the damage
    ranking = pool.pool_rank(GO_ROLE, top=5)
    assert ranking.pool == pool.PoolInfo(candidates=Candidate.objects.count(), index_version="v000002")
    assert ranking.pool.candidates == 40 and len(ranking.matches) == 5
    assert published.current_name(folder) == "v000002"


def test_a_missing_index_is_built_not_read_as_empty() -> None:
    make_pool(7)
    shutil.rmtree(pool.index_dir(), ignore_errors=True)
    assert pool.pool_info() == pool.PoolInfo(candidates=7, index_version="v000001")


def test_a_pointer_to_nowhere_is_rebuilt() -> None:
    make_pool(7)
    pool.build()
    (pool.index_dir() / "CURRENT").write_text("v000042\n")
    pool.forget()
    assert pool.pool_info() == pool.PoolInfo(candidates=7, index_version="v000043")


def test_a_garbled_pointer_is_rebuilt_under_the_next_name() -> None:
    make_pool(7)
    pool.publish()
    (pool.index_dir() / "CURRENT").write_text("../../elsewhere\n")
    pool.forget()
    assert pool.pool_info() == pool.PoolInfo(candidates=7, index_version="v000002")
