"""The candidate pool as the matching engine's index, shared by every process of one installation.

A builder (`shortlist index`, the first use, or a background thread once enough has changed) publishes
an immutable version of the index under `$SHORTLIST_HOME/index/<database>/` (engine.matching.published:
one builder at a time, atomic switch, old versions kept until unused). Each process maps the current
version read-only and keeps what changed since it in a small in-memory delta, brought up to date by a
poll at most once a second (SHORTLIST_POOL_POLL_MS), and before the next ranking after any write of this
process (writes.py: what a recruiter changed shows at once; another process's change within the second).
Rankings read a snapshot of the index taken after the last change (`_View`, CandidateIndex.snapshot),
without the lock that polls hold, and keep what they computed per segment and row (engine RankMemo), so
a change costs the next ranking what it touched. A poll:

- changed rows: the candidates whose `updated_at` is at most OVERLAP older than the previous poll (the
  first poll: than the build's start). `updated_at` is stamped when a row is saved, not when its
  transaction commits, so a row that was not yet visible at the previous poll carries a stamp no older
  than that poll minus the longest write transaction. A row is fetched again only when its stamp differs
  from the one indexed (the version keeps a stamp per candidate), so the look-back costs a cheap
  (id, stamp) query, not profile fetches.
- deletions: the services that delete candidates (erasure, merge, the demo reset) log each id in
  CandidateRemoval in the same transaction, stamped like `updated_at`; the same look-back reads it.
  Nothing counts the candidates table per request.
- anything neither can see (a row deleted by hand in SQL, a write transaction longer than OVERLAP):
  every RECONCILE_SECONDS, and whenever the look-back reaches past what the removal log keeps, the
  pool's size is compared with the database's count and the ids are reconciled in full if they differ.

A request never rewrites the index: it applies this delta and ranks. Past INDEX_DELTA_LIMIT changes the
version is republished by merging the changes into it (`republish`: the changes are fetched and encoded,
the arrays written once; a full read of the database only when the version cannot be reused). A web
server process (`serve_from_this_process`) asks the task worker to do that, so that its request threads
never share the interpreter with a build (in-process, a republish at 100,000 candidates stalled rankings
for seconds); other processes (commands, tests) do it in a thread of their own. The date enters only as
the reference year of recency, so a new day changes nothing and a new year re-derives in memory and
republishes.

A missing, truncated or inconsistent version is never read as a smaller pool: it is rebuilt from the
database (the system of record) before anything is ranked.
"""

from __future__ import annotations

import gc
import hashlib
import itertools
import logging
import math
import os
import shutil
import threading
import time
from array import array
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction
from django.db.models import BooleanField, Value
from django.utils import timezone
from django_tasks import task

from shortlist.candidates import ranking_cache, writes
from shortlist.candidates.models import Candidate, CandidateRemoval
from shortlist.candidates.profiles import profiles_by_id, to_profile
from shortlist.candidates.serialize import PROFILE_PREFETCH
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.matching import published
from shortlist.engine.matching.index import CandidateIndex, IndexDamaged
from shortlist.engine.matching.match import FilterReport, Match, RankMemo, RoleFit, rank
from shortlist.engine.matching.match import roles_for_candidate as rank_roles
from shortlist.engine.matching.scoring import SCORING_VERSION
from shortlist.engine.roles.weighting import RoleProfile
from shortlist.engine.vocab.profile import Profile

log = logging.getLogger(__name__)

# How far before the previous poll a poll looks again: longer than a transaction that updates a candidate
# lasts (imports commit file by file). Inserts and deletes of any age are also caught by the count check.
OVERLAP = timedelta(seconds=60)
# How often a process also counts the candidates table (the safety net for deletes outside the services).
RECONCILE_SECONDS = 300.0
# How long CandidateRemoval rows are kept; a process whose look-back reaches further counts instead.
REMOVALS_KEPT = timedelta(days=7)
STAMPS = "stamps"  # per-version extra array: the updated_at (µs) of each indexed candidate, by id
DEFAULT_DELTA_LIMIT = 5000
UPSERT_CHUNK = 2000
# How often a process polls the database for what other processes changed (its own writes are polled
# for at once, writes.py): a round trip per request was a queue at the lock under load.
DEFAULT_POLL_MS = 1000

# The held index takes one writer at a time (see CandidateIndex): polls, version swaps and the delta's
# updates hold this lock. Rankings do not: they read a snapshot taken under it (_View), so the web
# server's threads rank side by side and a poll never waits for a ranking.
_lock = threading.RLock()
_held: dict[str, _Held] = {}
_publisher: threading.Thread | None = None
_found_busy = -1e9  # when a background attempt last found another builder at work
RETRY_SECONDS = 10.0
# A server process asks the worker once per stale version, and again only after this long (a task lost
# with a worker that never came back, a worker that gave it up).
ASK_AGAIN_SECONDS = 600.0
_asked: dict[str, float] = {}  # version name -> when this process queued its republication


@dataclass(slots=True)
class _Serving:
    """How this process uses the pool; a web server process changes both (serve_from_this_process)."""

    freeze_after_load: bool = False
    republish_by_task: bool = False


_serving = _Serving()


def serve_from_this_process() -> None:
    """Make this process a web server's: it keeps its pool for its whole life (`_keep` freezes what it
    holds), and leaves republishing to the task worker instead of building beside its request threads."""
    _serving.freeze_after_load = True
    _serving.republish_by_task = True


# Each view of the pool a process opens gets its own number: with its change generation, it names the
# exact candidate set a cached ranking was computed over (ranking_cache.py).
_serials = itertools.count(1)


@dataclass(frozen=True, slots=True)
class PoolInfo:
    """What a ranking searched: how many candidates (the version's, with the changes applied since), and
    which published version they were read from."""

    candidates: int
    index_version: str | None  # None for CVs screened in memory (match --folder), which no index holds
    # Which candidates at which profile versions were searched, independent of the index version that
    # holds them (`fingerprint`); audit records store it, equality of two PoolInfos ignores it.
    fingerprint: str | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class PoolRanking:
    """A ranking over the pool with what it searched, read under one lock so the two agree."""

    matches: list[Match]
    pool: PoolInfo
    filtered: FilterReport | None = None  # what the must-have filter removed, when it was on
    # The profile version (updated_at in µs) each matched candidate was ranked at, for audit records.
    stamps: dict[int, int] = field(default_factory=dict)


@dataclass(slots=True)
class _Held:
    """This process's view of the pool: a published version and the changes applied on top of it."""

    version: published.Version
    index: CandidateIndex
    ids: np.ndarray  # the version's candidate ids, ascending
    stamps: np.ndarray  # their updated_at in µs, aligned with ids
    since: datetime  # when the previous poll started (first: the build); polls look back OVERLAP from here
    identity: tuple[int, int]  # the version folder's (device, inode): a name reused after a loss differs
    seen: dict[int, int] = field(default_factory=dict)  # delta: id -> stamp applied (-1: removed)
    # When the count was last compared: never, for a version just opened, so that its first use counts
    # once (rows gone without a removal log, e.g. a restored database, cannot hide in it).
    reconciled: float = -math.inf
    mix: int = 0  # the version's (id, stamp) set hashed by _set_hash, once when opened
    # What readers derive once per version (the candidates page's name order): dropped with the view.
    memo: dict[str, Any] = field(default_factory=dict)
    serial: int = field(default_factory=lambda: next(_serials))
    generation: int = 0  # bumped by every change applied to the index (_changed)
    polled: float = -math.inf  # when the last poll started (time.monotonic)
    writes: int = -1  # this process's write count (writes.py) read before that poll
    # The snapshot rankings read (_View): until a poll is over, the one taken before it, even when the
    # poll has changed the index (threads that did not wait for the poll read it meanwhile).
    view: _View | None = None
    # What rankings of this view keep for the next ones (engine RankMemo): a change only costs what it
    # touched. Holds reasons quoting CVs: a changed or removed candidate's are dropped (_changed).
    ranks: RankMemo = field(default_factory=RankMemo)

    def indexed_stamp(self, candidate_id: int) -> int | None:
        return _indexed_stamp(self.ids, self.stamps, self.seen, candidate_id)

    @property
    def info(self) -> PoolInfo:
        return PoolInfo(len(self.index), self.version.name, fingerprint=self.fingerprint())

    def snapshot(self) -> _View:
        """The view rankings read until the next change (taken once per change; call with _lock)."""
        if self.view is None or self.view.generation != self.generation:
            self.view = _View(
                index=self.index.snapshot(),
                info=self.info,
                serial=self.serial,
                generation=self.generation,
                version=self.version.name,
                ids=self.ids,
                stamps=self.stamps,
                seen=dict(self.seen),
                memo=self.memo,
                ranks=self.ranks,
            )
        return self.view

    def fingerprint(self) -> str:
        """The searched set of (candidate id, profile version) as 16 hex digits: the version's hash
        updated by the delta, so it costs the delta's size, and equal sets give equal fingerprints
        whichever index version holds them."""
        mix = self.mix
        if self.seen:
            changed = np.fromiter(self.seen.keys(), dtype=np.int64, count=len(self.seen))
            now = np.fromiter(self.seen.values(), dtype=np.int64, count=len(self.seen))
            position = np.minimum(np.searchsorted(self.ids, changed), max(len(self.ids) - 1, 0))
            was = (self.ids[position] == changed) if len(self.ids) else np.zeros(len(changed), dtype=bool)
            mix ^= _set_hash(changed[was], self.stamps[position[was]])  # out with the published rows
            mix ^= _set_hash(changed[now >= 0], now[now >= 0])  # in with the current ones
        return f"{mix:016x}"


@dataclass(frozen=True, slots=True)
class _View:
    """The pool as of one moment of a _Held: a read-only snapshot of its index and what describes it.
    Later changes make a new view and never touch this one, so any thread ranks it without a lock."""

    index: CandidateIndex  # CandidateIndex.snapshot(): read-only
    info: PoolInfo
    serial: int
    generation: int
    version: str
    ids: np.ndarray  # the version's ids and stamps (immutable arrays, shared with the _Held)
    stamps: np.ndarray
    seen: dict[int, int]  # the delta as it was: a copy
    memo: dict[str, Any]  # per version, shared with the _Held
    ranks: RankMemo  # shared with the _Held

    def indexed_stamp(self, candidate_id: int) -> int | None:
        return _indexed_stamp(self.ids, self.stamps, self.seen, candidate_id)


def _indexed_stamp(
    ids: np.ndarray, stamps: np.ndarray, seen: dict[int, int], candidate_id: int
) -> int | None:
    """The profile stamp a pool holds for a candidate: the delta's if it changed (-1: removed), else the
    version's; None when it never held them."""
    if candidate_id in seen:
        return seen[candidate_id]
    position = int(np.searchsorted(ids, candidate_id))
    if position < len(ids) and ids[position] == candidate_id:
        return int(stamps[position])
    return None


# --- reading profiles from the database --------------------------------------------------------------


def _database_key() -> str:
    db = connection.settings_dict
    identity = f"{db['ENGINE']}|{db.get('HOST')}|{db.get('PORT')}|{db['NAME']}"
    return hashlib.sha256(identity.encode()).hexdigest()[:16]


def index_dir() -> Path:
    """The folder of this database's published index versions."""
    return Path(settings.HOME) / "index" / _database_key()


def profile_lookup(candidate_id: int) -> Profile | None:
    """The full profile (with evidence snippets) for explaining one result."""
    candidate = Candidate.objects.prefetch_related(*PROFILE_PREFETCH).filter(pk=candidate_id).first()
    return to_profile(candidate) if candidate else None


def profiles_lookup(candidate_ids: Sequence[int]) -> dict[int, Profile]:
    """Full profiles for explaining a whole top-k: one query for the rows, one per related table."""
    return profiles_by_id(candidate_ids)


def iter_profiles(queryset: object = None, chunk_size: int = 2000) -> Iterator[tuple[int, Profile]]:
    for candidate, profile in _iter_rows(queryset, chunk_size):
        yield candidate.pk, profile


def _iter_rows(queryset: object = None, chunk_size: int = 2000) -> Iterator[tuple[Candidate, Profile]]:
    rows = (queryset if queryset is not None else Candidate.objects.all()).order_by("id")
    for candidate in rows.prefetch_related(*PROFILE_PREFETCH).iterator(chunk_size=chunk_size):
        yield candidate, to_profile(candidate)


def _set_hash(ids: np.ndarray, stamps: np.ndarray) -> int:
    """An order-free hash of (id, stamp) pairs: the XOR of each pair's splitmix64 mix. XOR lets the
    delta take rows out and put rows in without rehashing the version (one pass when it is opened)."""
    if not len(ids):
        return 0
    with np.errstate(over="ignore"):
        z = ids.astype(np.uint64) * np.uint64(0x9E3779B97F4A7C15) ^ stamps.astype(np.uint64)
        z = (z ^ (z >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        z = (z ^ (z >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        z ^= z >> np.uint64(31)
    return int(np.bitwise_xor.reduce(z))


def _stamp(moment: datetime) -> int:
    """updated_at as integer microseconds since the epoch: exact to compare, compact to store."""
    return int(moment.timestamp()) * 1_000_000 + moment.microsecond


# --- publishing ---------------------------------------------------------------------------------------


def publish(today: date | None = None, progress: Callable[[int], None] | None = None) -> PoolInfo:
    """Index every candidate from the database and publish it as the current version (waits for any
    other builder), then use it in this process. What `shortlist index` should run."""
    folder = index_dir()
    with published.builder_lock(folder):
        version = _publish_locked(folder, today or date.today(), progress)
    with _lock:
        return _keep(folder, _open(folder, version, today)).info


def build(today: date | None = None, progress: Callable[[int], None] | None = None) -> CandidateIndex:
    """`publish`, returning this process's index of the new version."""
    publish(today, progress)
    return pool_index(today)


def _publish_locked(
    folder: Path, today: date, progress: Callable[[int], None] | None = None
) -> published.Version:
    # Stamped before reading: whatever changes during the build is newer and reaches the delta.
    watermark = timezone.now()
    stamps = array("q")

    def counted() -> Iterator[tuple[int, Profile]]:
        for number, (candidate, profile) in enumerate(_iter_rows(), start=1):
            stamps.append(_stamp(candidate.updated_at))
            if progress and number % 1000 == 0:
                progress(1000)
            yield candidate.pk, profile

    index = CandidateIndex.build(counted(), workspace_taxonomy(), today)
    state = {
        "database": _database_key(),
        "taxonomy": workspace_taxonomy().fingerprint,
        "reference_year": today.year,
        "watermark": watermark.isoformat(),
    }
    # Rows come in id order and the index keeps ids ascending, so the stamps line up with ids.npy.
    extras = {STAMPS: np.frombuffer(stamps, dtype=np.int64) if len(stamps) else np.zeros(0, np.int64)}
    version = published.publish(index, folder, state, extras)
    published.prune(folder)
    # A process whose look-back reaches past what is kept counts the table instead (_apply_changes).
    CandidateRemoval.objects.filter(removed_at__lt=watermark - REMOVALS_KEPT).delete()
    for legacy in (*folder.glob("*.npy"), folder / "meta.json", folder / "pool.json"):
        legacy.unlink(missing_ok=True)  # the unversioned layout of earlier releases
    log.info("published %s with %d candidates", version.name, version.candidates)
    return version


def republish(stale: str | None, today: date | None = None, wait: bool = True) -> str | None:
    """Publish the next version because `stale` (a version name) holds too many changes, is of another
    taxonomy or of another reference year. Idempotent: when the current version is no longer `stale`
    (another builder got there first), nothing is written. Returns the version written, or None.

    `wait=False` gives up at once when another process holds the builder lock: its version will do.
    """
    folder = index_dir()
    with published.builder_lock(folder, wait=wait) as mine:
        if not mine or _pointer(folder) != stale:
            return None
        name = _publish_merged(folder, today or date.today()).name
    writes.note()  # this process's next ranking opens it at once, as after any write of its own
    return name


def _publish_merged(folder: Path, today: date) -> published.Version:
    """The current version with what changed since merged in, published as the next version. It costs
    the changes (fetched from the database and encoded) and one write of the arrays; every profile is
    read again only when the current version cannot be reused (missing or damaged, another taxonomy,
    another reference year, another database). Hold the builder lock."""
    name = _pointer(folder)
    try:
        version = published.read_version(folder, name) if name is not None else None
        held = _open(folder, version, today) if version is not None else None
    except (IndexDamaged, ValueError, OSError) as exc:
        log.warning("index version %s cannot be merged into, rebuilding: %s", name, exc)
        held = None
    state = held.version.state if held is not None else {}
    reusable = (
        state.get("database") == _database_key()
        and state.get("taxonomy") == workspace_taxonomy().fingerprint
        and state.get("reference_year") == today.year
    )
    if held is None or not reusable:
        return _publish_locked(folder, today)
    # Stamped before polling, as a build stamps before reading: what changes meanwhile reaches the delta.
    watermark = timezone.now()
    _apply_changes(held)  # a version just opened is also counted and reconciled (_Held.reconciled)
    ids = held.index.ids()
    stamps = _stamps_for(held, ids)
    version = published.publish(
        held.index, folder, {**state, "watermark": watermark.isoformat()}, {STAMPS: stamps}
    )
    published.prune(folder)
    log.info(
        "published %s with %d candidates (%d changes merged)",
        version.name,
        version.candidates,
        len(held.seen),
    )
    return version


def _stamps_for(held: _Held, ids: np.ndarray) -> np.ndarray:
    """The profile stamp of each of `ids` (ascending): the delta's where it changed, else the version's."""
    stamps = np.zeros(len(ids), dtype=np.int64)
    if len(held.ids):
        position = np.minimum(np.searchsorted(held.ids, ids), len(held.ids) - 1)
        was = held.ids[position] == ids
        stamps[was] = held.stamps[position[was]]
    if held.seen:
        changed = np.fromiter(held.seen.keys(), dtype=np.int64, count=len(held.seen))
        now = np.fromiter(held.seen.values(), dtype=np.int64, count=len(held.seen))
        live = now >= 0
        stamps[np.searchsorted(ids, changed[live])] = now[live]
    return stamps


def publish_in_background(today: date | None = None) -> bool:
    """Republish the current version off this request: through the task worker in a web server process,
    else in a thread of this process unless one is running. False when skipped.

    Either takes the builder lock without waiting: when another process is already building, its
    version will do.
    """
    global _publisher
    today = today or date.today()
    with _lock:
        stale = _pointer(index_dir())
        if _serving.republish_by_task:
            return _ask_worker(stale, today)
        if _publisher is not None and _publisher.is_alive():
            return False
        # While another process builds, its lock makes each attempt here a no-op: do not spin on it.
        if time.monotonic() - _found_busy < RETRY_SECONDS:
            return False
        _publisher = threading.Thread(
            target=_publish_quietly,
            args=(stale, today),
            name="shortlist-index-publish",
            daemon=True,
        )
        _publisher.start()
        return True


@task()
def republish_index(stale: str | None, today: str) -> str:
    """Merge what changed into the published index as its next version, for the web servers that found
    `stale` holding too many changes (or of another taxonomy or year). Idempotent: once the current
    version is no longer `stale`, it writes nothing. Here rather than in tasks.py, which imports the
    services that this module serves."""
    return republish(stale, date.fromisoformat(today)) or "already republished"


def _ask_worker(stale: str | None, today: date) -> bool:
    """Queue one republication of `stale` per ASK_AGAIN_SECONDS; call with _lock held."""
    key = f"{stale}|{today.year}"
    if time.monotonic() - _asked.get(key, -math.inf) < ASK_AGAIN_SECONDS:
        return False
    _asked[key] = time.monotonic()
    transaction.on_commit(lambda: republish_index.enqueue(stale, today.isoformat()))
    return True


def wait_for_background_publish(timeout: float | None = None) -> None:
    """Block until this process's background republication (if any) is over (tests, shutdown)."""
    thread = _publisher
    if thread is not None:
        thread.join(timeout)


def _publish_quietly(stale: str | None, today: date) -> None:
    global _found_busy
    try:
        if republish(stale, today, wait=False) is None and _pointer(index_dir()) == stale:
            _found_busy = time.monotonic()
    except Exception:  # a background thread has no caller to raise to; the next request retries
        log.exception("publishing the index in the background failed")
    finally:
        connection.close()  # the thread's own connection


def publish_without_missing() -> int:
    """Drop from the published index every candidate no longer in the database, and remove every
    other version from disk (erasure: no published version may still hold an erased person).

    Cheap at any size: the current version is read back (mapped) with those rows tombstoned and
    written as the next version, keeping its watermark so each process's delta still sees every
    change since; nothing is re-read from the database but the ids. Idempotent: with nothing to drop
    it only prunes. Returns how many versions were written or removed.
    """
    folder = index_dir()
    if not folder.exists():
        return 0
    with published.builder_lock(folder):
        changed = 0
        name = _pointer(folder)
        try:
            version = published.read_version(folder, name) if name is not None else None
            index = published.open_version(version, workspace_taxonomy()) if version else None
        except (IndexDamaged, ValueError, OSError) as exc:
            # Unreadable, so it cannot be rewritten: remove it; the next ranking rebuilds from the
            # database, as for any damaged version.
            log.warning("index version %s is unusable, removing it: %s", name, exc)
            (folder / published.CURRENT).unlink(missing_ok=True)
            shutil.rmtree(folder / str(name), ignore_errors=True)
            version = index = None
            changed += 1
        if version is not None and index is not None:
            segments = index.segments()
            ids = np.asarray(segments[0].ids) if segments else np.zeros(0, dtype=np.int64)
            in_db = np.fromiter(Candidate.objects.order_by("pk").values_list("pk", flat=True), dtype=np.int64)
            gone = np.setdiff1d(ids, in_db, assume_unique=True)
            if len(gone):
                for candidate_id in gone.tolist():
                    index.remove(candidate_id)
                stamps = np.asarray(published.read_extra(version, STAMPS, mmap=False))
                kept = stamps[~np.isin(ids, gone, assume_unique=True)]
                published.publish(index, folder, version.state, {STAMPS: kept})
                changed += 1
        changed += len([n for n in published.prune(folder, keep_previous=False) if not n.startswith(".")])
    with _lock:
        _held.pop(str(folder), None)  # this process opens the new version on its next read
        _rankings.clear()  # and keeps no ranking that quotes an erased person
    return changed


# --- the pool as this process sees it -----------------------------------------------------------------


def _open(folder: Path, version: published.Version, today: date | None) -> _Held:
    index = published.open_version(
        version,
        workspace_taxonomy(),
        today=today or date.today(),
        profile_lookup=profile_lookup,
        profiles_lookup=profiles_lookup,
    )
    stamps = published.read_extra(version, STAMPS)
    segments = index.segments()
    ids = segments[0].ids if segments else np.zeros(0, dtype=np.int64)
    # Rankings run side by side on snapshots, so each thread scores with scratch arrays of its own
    # (Segment.workspace: a few MB per thread at 100,000 candidates, tens of MB at 1M).
    if len(stamps) != len(ids):
        raise IndexDamaged(f"{version.path}: {len(stamps):,} stamps for {len(ids):,} candidates")
    watermark = datetime.fromisoformat(version.state["watermark"])
    held = _Held(version, index, ids, stamps, since=watermark, identity=_identity(version.path))
    held.mix = _set_hash(ids, stamps)
    return held


def _identity(path: Path) -> tuple[int, int]:
    found = os.stat(path)
    return found.st_dev, found.st_ino


def _current(folder: Path, today: date | None) -> _Held:
    """The held view of the current version: reused, swapped for a newer one, or built when missing
    or damaged. Call with _lock held."""
    held: _Held | None = _held.get(str(folder))
    tried: str | None = None
    for _ in range(3):
        name = _pointer(folder)
        if name is None:
            break
        if held is not None and held.version.name == name:
            try:
                if _identity(folder / name) == held.identity:
                    return held
            except FileNotFoundError:
                pass  # the current version's folder is gone: open (and so rebuild) it below
        tried = name
        try:
            held = _open(folder, published.read_version(folder, name), today)
        except (IndexDamaged, ValueError, OSError) as exc:
            if _pointer(folder) != name:
                continue  # replaced (and perhaps pruned) while we read it: read the new one
            log.warning("index version %s is unusable, rebuilding: %s", name, exc)
            break
        return _keep(folder, held)
    with published.builder_lock(folder):
        # Another process may have published while this one waited for the lock.
        name = _pointer(folder)
        if name is not None and name != tried:
            try:
                held = _open(folder, published.read_version(folder, name), today)
            except (IndexDamaged, ValueError, OSError):
                held = None
            if held is not None:
                return _keep(folder, held)
        version = _publish_locked(folder, today or date.today())
    return _keep(folder, _open(folder, version, today))


def _keep(folder: Path, held: _Held) -> _Held:
    """Hold this version for the process's requests.

    In a server process what is alive now (Django, the taxonomy, the playbooks, the version's
    Python-side tables) lives as long as the process: `gc.freeze` moves it out of the cyclic
    collector's reach, so that a full collection no longer walks it. At 100,000 candidates those walks
    paused a ranking for 200-600 ms (measured with gc.callbacks). Not in tests and commands, whose
    garbage would then never be collected."""
    _held[str(folder)] = held
    if _serving.freeze_after_load:
        gc.freeze()
    return held


def _pointer(folder: Path) -> str | None:
    """The current version's name; None when there is none or CURRENT is garbled (both mean: build)."""
    try:
        return published.current_name(folder)
    except IndexDamaged as exc:
        log.warning("%s", exc)
        return None


def _apply_changes(held: _Held) -> None:
    """Bring the delta up to date with the database; bounded by what changed. Call with _lock held."""
    started = timezone.now()
    if (
        started - (held.since - OVERLAP) >= REMOVALS_KEPT
        or time.monotonic() - held.reconciled >= RECONCILE_SECONDS
    ):
        _apply_polled(held, _poll(held.since - OVERLAP))
        _reconcile(held)
    else:
        # A candidate changed in the poll's snapshot may be deleted before its profile is fetched: then
        # that deletion (and whatever its transaction added) is read by polling once more.
        for _ in range(3):
            if not _apply_polled(held, _poll(held.since - OVERLAP)):
                break
    held.since = started  # only once applied: a failed poll is repeated whole


def _poll(horizon: datetime) -> list[tuple[int, datetime, bool]]:
    """(id, stamp, removed) for the candidates changed and removed since `horizon`, read in one
    statement, so one snapshot: a transaction that deletes one candidate and adds another is seen
    whole or not at all, and the pool's size never passes through a state the database never had."""
    # No ordering: the model's default (name) would make SQLite scan by name instead of the stamp index.
    changed = (
        Candidate.objects.filter(updated_at__gte=horizon)
        .order_by()
        .values_list("id", "updated_at", Value(False, output_field=BooleanField()))
    )
    removed = (
        CandidateRemoval.objects.filter(removed_at__gte=horizon)
        .order_by()
        .values_list("candidate_id", "removed_at", Value(True, output_field=BooleanField()))
    )
    return list(changed.union(removed, all=True))


def _apply_polled(held: _Held, polled: list[tuple[int, datetime, bool]]) -> bool:
    """Apply a poll to the delta; True when a changed candidate was gone by the time it was fetched."""
    gone = {candidate_id for candidate_id, _, removed in polled if removed}
    stale = [
        candidate_id
        for candidate_id, updated_at, removed in polled
        if not removed and candidate_id not in gone and held.indexed_stamp(candidate_id) != _stamp(updated_at)
    ]
    missing = _upsert(held, stale)
    for candidate_id in gone:
        if held.indexed_stamp(candidate_id) not in (None, -1):
            held.index.remove(candidate_id)
            held.seen[candidate_id] = -1
            _changed(held, candidate_id)
    return bool(missing)


def _reconcile(held: _Held) -> None:
    """Compare the pool's size with the database's count, and the ids in full when they differ."""
    if len(held.index) != Candidate.objects.count():
        in_db = np.fromiter(Candidate.objects.order_by("pk").values_list("pk", flat=True), dtype=np.int64)
        in_index = held.index.ids()
        for candidate_id in np.setdiff1d(in_index, in_db, assume_unique=True).tolist():
            held.index.remove(candidate_id)
            held.seen[candidate_id] = -1
            _changed(held, candidate_id)
        _upsert(held, np.setdiff1d(in_db, in_index, assume_unique=True).tolist())
    held.reconciled = time.monotonic()


def _upsert(held: _Held, candidate_ids: list[int]) -> int:
    """Fetch and apply these candidates' profiles; returns how many were no longer in the database."""
    found = 0
    # In chunks: SQLite caps the parameters of one query, and a burst after a bulk import can be large.
    for first in range(0, len(candidate_ids), UPSERT_CHUNK):
        chunk = candidate_ids[first : first + UPSERT_CHUNK]
        for candidate, profile in _iter_rows(Candidate.objects.filter(pk__in=chunk)):
            held.index.upsert(candidate.pk, profile)
            held.seen[candidate.pk] = _stamp(candidate.updated_at)
            _changed(held, candidate.pk)
            found += 1
    return len(candidate_ids) - found


def _changed(held: _Held, candidate_id: int) -> None:
    """Record a change to one candidate of the held index: cached rankings of the earlier pool no longer
    answer (their key holds the generation), and are dropped now rather than aged out, so that the text
    they quote from a changed or erased CV is not kept, nor what the memo was told about them; the
    next ranking reads a new snapshot, and redoes what the change touched (RankMemo)."""
    held.generation += 1
    held.ranks.forget([candidate_id])
    _rankings.clear()


def poll_seconds() -> float:
    """How often a process polls for other processes' changes (SHORTLIST_POOL_POLL_MS)."""
    return int(getattr(settings, "POOL_POLL_MS", DEFAULT_POLL_MS)) / 1000


def _due(held: _Held) -> bool:
    """Whether `held` must be polled before it is read: this process wrote since its last poll (read
    your writes), or the last poll is older than poll_seconds."""
    return writes.count() != held.writes or time.monotonic() - held.polled >= poll_seconds()


def _pool(today: date | None, poll: bool = True) -> _Held:
    """The up-to-date pool for this database; call with _lock held. Polls only when due (`_due`),
    unless `poll` asks for it; a given `today` (commands, tests) always polls."""
    folder = index_dir()
    held = _held.get(str(folder))
    if held is not None and not poll and today is None and not _due(held):
        return held
    held = _current(folder, today)
    # Read before the poll: a write counted after this reading is polled for by the next request.
    written, started = writes.count(), time.monotonic()
    _apply_changes(held)
    held.writes, held.polled = written, started
    state, today = held.version.state, today or date.today()
    stale = state.get("taxonomy") != workspace_taxonomy().fingerprint
    if stale or state.get("reference_year") != today.year or len(held.seen) >= delta_limit():
        publish_in_background(today)
    return held


def delta_limit() -> int:
    """Changes held in memory past which a process republishes (SHORTLIST_INDEX_DELTA_LIMIT)."""
    return int(getattr(settings, "INDEX_DELTA_LIMIT", DEFAULT_DELTA_LIMIT))


def _view(today: date | None = None, fresh: bool = False) -> _View:
    """A snapshot of the up-to-date pool, to read without any lock.

    Between polls it is the last snapshot, read without taking the lock. A poll that is due only by
    time does not wait for another thread's poll under way: that thread's snapshot is under a second
    old. After a write of this process (or with `fresh`) it waits, so the write is in what it reads."""
    held = _held.get(str(index_dir()))
    view = held.view if held is not None else None
    if view is not None and writes.count() == held.writes and not fresh and today is None:
        if time.monotonic() - held.polled < poll_seconds():
            return view
        if not _lock.acquire(blocking=False):
            return view  # another thread is polling
        try:
            return _pool(None, poll=False).snapshot()
        finally:
            _lock.release()
    with _lock:
        return _pool(today, poll=fresh or today is not None).snapshot()


def refresh() -> None:
    """Poll for changes now, whatever the time since the last poll: for a reader that found a row of
    a ranking gone from the database (erased or merged in another process since this one polled)."""
    _view(fresh=True)


def pool_index(today: date | None = None) -> CandidateIndex:
    """The index for this database: the published version plus what changed since, as a read-only
    snapshot (CandidateIndex.snapshot) that later changes leave alone."""
    return _view(today).index


def pool_index_changed(
    today: date | None = None,
) -> tuple[CandidateIndex, frozenset[int], dict[str, Any]]:
    """The up-to-date index (a snapshot), the ids changed since its published version (the delta:
    updated, added or removed; every other row is as the version saw it), and a memo that lives as
    long as this process holds the version, for what a reader derives once per version."""
    view = _view(today)
    return view.index, frozenset(view.seen), view.memo


def pool_info(today: date | None = None) -> PoolInfo:
    """How many candidates a ranking would search now, and in which index version."""
    return _view(today).info


def pool_rank(role: RoleProfile, *, today: date | None = None, **options: Any) -> PoolRanking:
    """`engine.match.match` over the up-to-date pool, with what was searched (PoolInfo).

    Ranked on a snapshot (`_view`), outside the pool's lock: threads rank side by side. Served from
    this process's ranking cache when the same role was ranked with the same options over the same
    pool (ranking_cache.py): the view is brought up to date first (`_view`), so a change this process
    made, or polled for, always reaches the result. The result may be shared with other requests:
    callers build new objects from it (as `semantic.rerank` does) and never change it in place."""
    view = _view(today)
    key = _ranking_key(view, "rank", role_digest(role), options)
    cached = _rankings.get(key) if key is not None else None
    if isinstance(cached, PoolRanking):
        return cached
    ranking = rank(view.index, role, memo=view.ranks, **options)
    stamps = {m.candidate_id: view.indexed_stamp(m.candidate_id) for m in ranking.matches}
    result = PoolRanking(
        matches=ranking.matches,
        pool=view.info,
        filtered=ranking.filtered,
        stamps={k: v for k, v in stamps.items() if v is not None},
    )
    if key is not None:
        _keep_ranking(view, key, result)
    return result


def _keep_ranking(view: _View, key: tuple, result: object) -> None:
    """Cache a result unless the pool changed while it was ranked: a change has emptied the cache
    (_changed), and a result quoting the earlier pool (an erased CV, say) must not come back into it.
    Put first, then checked, without the lock: a change after the check empties the cache after the put."""
    _rankings.put(key, result)
    held = _held.get(str(index_dir()))
    if held is None or held.serial != view.serial or held.generation != view.generation:
        _rankings.discard(key)


def pool_roles_for(candidate_id: int, roles: Sequence[RoleProfile]) -> list[RoleFit] | None:
    """How one candidate of the pool fits each of these roles, best first (engine
    `roles_for_candidate`); None when the candidate is not in the pool. Cached as `pool_rank` is."""
    view = _view(None)
    if candidate_id not in view.index:
        return None
    key = _ranking_key(view, "roles", (candidate_id, *map(role_digest, roles)), {})
    cached = _rankings.get(key) if key is not None else None
    if isinstance(cached, list):
        return cached
    fits = rank_roles(view.index, candidate_id, roles)
    if key is not None:
        _keep_ranking(view, key, fits)
    return fits


def role_digest(role: RoleProfile) -> str:
    """The role exactly as the engine ranks it. The profile is built from the role's fields and
    requirements (with their weights), its client, its growth plan, the playbook and the taxonomy, and
    it is frozen dataclasses, tuples, enums and numbers all the way down, so its repr is its content:
    an edit anywhere that changes a ranking changes the digest, whatever revision counters say."""
    return hashlib.blake2b(repr(role).encode(), digest_size=16).hexdigest()


def _ranking_key(view: _View, kind: str, subject: object, options: dict[str, Any]) -> tuple | None:
    """Everything a ranking over `view` reads besides the role; None when an option cannot be keyed
    (a caller's own profile look-up, say), which then ranks uncached."""
    if "profiles" in options:
        return None
    try:
        settings_part = tuple(sorted(options.items()))
        key = (
            kind,
            view.serial,  # this view of this version (a reopened or newer version is another)
            view.generation,  # the changes applied to it so far
            view.version,
            view.index.reference_year,
            date.today(),  # explanations count years back from today
            SCORING_VERSION,
            workspace_taxonomy().fingerprint,
            subject,
            settings_part,
        )
        hash(key)
    except TypeError:
        return None
    return key


def _ranking_size(value: object) -> int:
    if isinstance(value, PoolRanking):
        return ranking_cache.text_bytes(
            *((m.reasons, m.gaps, m.breakdown, m.summary, m.counterfactual or "") for m in value.matches)
        ) + 64 * (len(value.matches) + len(value.stamps))
    if isinstance(value, list):
        return ranking_cache.text_bytes(*((f.reasons, f.gaps, f.breakdown, f.summary) for f in value))
    return 1024


# Bounded per process (SHORTLIST_RANKING_CACHE_ENTRIES, SHORTLIST_RANKING_CACHE_MB; 0 entries: off).
_rankings: ranking_cache.ResultCache[object] = ranking_cache.ResultCache(
    int(getattr(settings, "RANKING_CACHE_ENTRIES", ranking_cache.DEFAULT_ENTRIES)),
    int(getattr(settings, "RANKING_CACHE_MB", ranking_cache.DEFAULT_BYTES >> 20)) << 20,
    _ranking_size,
)


def rank_memo_stats() -> ranking_cache.CacheStats:
    """Hits and misses of the segment parts rankings reused (RankMemo) in the held view (diagnostics)."""
    held = _held.get(str(index_dir()))
    ranks = held.ranks if held is not None else RankMemo()
    return ranking_cache.CacheStats(0, 0, ranks.hits, ranks.misses)


def ranking_cache_stats() -> ranking_cache.CacheStats:
    """Entries, bytes, hits and misses of this process's ranking cache (benchmarks, diagnostics)."""
    return _rankings.stats()


def ranked(role: RoleProfile, **options: Any) -> list[Match]:
    """`engine.match.match` over the up-to-date pool, safe beside another thread's update."""
    return pool_rank(role, **options).matches


def forget() -> None:
    """Drop the in-process view (tests); the published versions stay on disk."""
    global _found_busy
    with _lock:
        _held.clear()
        _asked.clear()
        _rankings.clear()
        _found_busy = -1e9
