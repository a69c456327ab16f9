"""The candidate pool as the matching engine's index: built from the database, kept on disk in
`$SHORTLIST_HOME/index/`, and brought up to date incrementally from `updated_at` before each use.

One index per process (the web server's workers each hold theirs); the database stays the system of
record, so a stale or missing index is only ever a rebuild away.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection
from django.db.models import Max

from shortlist.candidates.models import Candidate
from shortlist.candidates.profiles import to_profile
from shortlist.candidates.serialize import PROFILE_PREFETCH
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import Match, match
from shortlist.engine.roles.weighting import RoleProfile
from shortlist.engine.vocab.profile import Profile

STATE_FILE = "pool.json"
# The index takes one writer at a time and no reads during a write (see CandidateIndex), and the web
# server runs several threads per process: refreshes and matches share this lock.
_lock = threading.RLock()
_cached: dict[str, tuple[CandidateIndex, PoolState]] = {}


@dataclass(frozen=True, slots=True)
class PoolState:
    """What the index reflects: a database, and its candidates up to a last change."""

    database: str
    taxonomy: str
    count: int
    last_change: str  # ISO timestamp of the newest updated_at seen
    today: str

    def as_json(self) -> str:
        return json.dumps(
            {k: getattr(self, k) for k in ("database", "taxonomy", "count", "last_change", "today")}
        )


def _database_key() -> str:
    db = connection.settings_dict
    identity = f"{db['ENGINE']}|{db.get('HOST')}|{db.get('PORT')}|{db['NAME']}"
    return hashlib.sha256(identity.encode()).hexdigest()[:16]


def index_dir() -> Path:
    return Path(settings.HOME) / "index" / _database_key()


def profile_lookup(candidate_id: int) -> Profile | None:
    """The full profile (with evidence snippets) for explaining one result."""
    candidate = Candidate.objects.prefetch_related(*PROFILE_PREFETCH).filter(pk=candidate_id).first()
    return to_profile(candidate) if candidate else None


def iter_profiles(queryset: object = None, chunk_size: int = 2000) -> Iterator[tuple[int, Profile]]:
    rows = (queryset if queryset is not None else Candidate.objects.all()).order_by("id")
    for candidate in rows.prefetch_related(*PROFILE_PREFETCH).iterator(chunk_size=chunk_size):
        yield candidate.pk, to_profile(candidate)


def _current_state(today: date) -> PoolState:
    summary = Candidate.objects.aggregate(last=Max("updated_at"))
    return PoolState(
        database=_database_key(),
        taxonomy=workspace_taxonomy().fingerprint,
        count=Candidate.objects.count(),
        last_change=summary["last"].isoformat() if summary["last"] else "",
        today=today.isoformat(),
    )


def build(today: date | None = None, progress: Callable[[int], None] | None = None) -> CandidateIndex:
    """Index every candidate from the database and save it."""
    today = today or date.today()
    state = _current_state(today)

    def counted() -> Iterator[tuple[int, Profile]]:
        for number, pair in enumerate(iter_profiles(), start=1):
            if progress and number % 1000 == 0:
                progress(1000)
            yield pair

    index = CandidateIndex.build(counted(), workspace_taxonomy(), today, profile_lookup=profile_lookup)
    _save(index, state)
    return index


def _save(index: CandidateIndex, state: PoolState) -> None:
    folder = index_dir()
    index.save(folder)
    (folder / STATE_FILE).write_text(state.as_json(), encoding="utf-8")
    _cached[str(folder)] = (index, state)


def pool_index(today: date | None = None) -> CandidateIndex:
    """The index for this database, refreshed with what changed since it was saved."""
    today = today or date.today()
    folder = index_dir()
    with _lock:
        current = _current_state(today)
        held = _cached.get(str(folder)) or _load(folder)
        if held is None or held[1].taxonomy != current.taxonomy or held[1].today != current.today:
            return build(today)
        index, state = held
        if state == current:
            return index
        _refresh(index, state)
        _save(index, current)
        return index


def _load(folder: Path) -> tuple[CandidateIndex, PoolState] | None:
    try:
        state = PoolState(**json.loads((folder / STATE_FILE).read_text(encoding="utf-8")))
        index = CandidateIndex.load(folder, workspace_taxonomy(), mmap=False, profile_lookup=profile_lookup)
    except (OSError, ValueError, TypeError, KeyError):
        return None  # missing, old format or damaged: rebuilt by the caller
    return index, state


def _refresh(index: CandidateIndex, state: PoolState) -> None:
    """Upsert what changed after the saved state; drop what the database no longer has."""
    changed = Candidate.objects.all()
    if state.last_change:
        changed = changed.filter(updated_at__gt=state.last_change)
    for candidate_id, profile in iter_profiles(changed):
        index.upsert(candidate_id, profile)
    if len(index) != Candidate.objects.count():
        in_db = set(Candidate.objects.values_list("pk", flat=True))
        for candidate_id in {int(i) for i in index.ids()} - in_db:
            index.remove(candidate_id)


def ranked(role: RoleProfile, **options: Any) -> list[Match]:
    """`engine.match.match` over the up-to-date pool, safe beside another thread's refresh."""
    with _lock:
        return match(pool_index(), role, **options)


def forget() -> None:
    """Drop the in-process copy (tests; after a bulk load in another process the state check suffices)."""
    _cached.clear()
