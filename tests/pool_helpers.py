"""Shared by the pool's tests: a small committed-or-not pool and a look at the published files."""

from __future__ import annotations

from pathlib import Path

from benchmarks.synthetic import role_spec

from shortlist.candidates.models import Candidate
from shortlist.engine.roles.weighting import RoleProfile, build_role_profile
from tests.factories import make_candidate

GO_ROLE: RoleProfile = build_role_profile(role_spec(must=("go", "kubernetes"), nice=("kafka",)))
STACKS = (("python", 4.0), ("java", 6.0), ("go", 2.0), ("sql", 3.0), ("kubernetes", 1.0))


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
