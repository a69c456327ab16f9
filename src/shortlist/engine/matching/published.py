"""The index as a published artefact: immutable versions in one folder, one builder at a time.

Layout of a folder (one per database):

    .lock           the builder lock (fcntl.flock): one builder across every process
    CURRENT         the name of the version readers load ("v000017"), switched by os.replace
    v000016/        the previous version, kept so a reader that has just read CURRENT can still open it
    v000017/        meta.json and .npy files (CandidateIndex.save) plus manifest.json

A version is written under a hidden name, fsynced (files, then the folder), renamed into place, and only
then named in CURRENT (written beside it and renamed over it, then the parent fsynced), so a crash at any
point leaves either the old or the new version current, whole. A version never changes after it is
published: app processes map its files read-only and share them through the page cache, and keep what
changes after it in memory (CandidateIndex.frozen). Versions older than the previous one are removed by
the next builder once they have been superseded for GRACE_SECONDS; a process still mapping one keeps
its pages (POSIX unlink), and one that loses the race to open it re-reads CURRENT.

The manifest lists every file with its byte size, dtype and shape, and the candidate count, so a missing
or truncated file is an error on load (IndexDamaged) and never a smaller pool.
"""

from __future__ import annotations

import fcntl
import itertools
import json
import os
import re
import shutil
import time
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import numpy as np

from shortlist.engine.matching.index import (
    META_FILE,
    CandidateIndex,
    IndexDamaged,
    ProfileLookup,
    ProfilesLookup,
)
from shortlist.engine.vocab.taxonomy import Taxonomy

CURRENT = "CURRENT"
LOCK = ".lock"
MANIFEST = "manifest.json"
EXTRA_PREFIX = "extra_"
GRACE_SECONDS = 300.0
_VERSION = re.compile(r"^v(\d{6,})$")


class IndexMissing(FileNotFoundError):
    """No version has been published in this folder yet."""


@dataclass(frozen=True, slots=True)
class Version:
    """One published version: its name, folder and manifest (with the publisher's `state`)."""

    name: str
    path: Path
    candidates: int
    published_at: float
    state: Mapping[str, Any]


@contextmanager
def builder_lock(root: Path, wait: bool = True) -> Iterator[bool]:
    """Hold the folder's builder lock; yields False at once when `wait` is off and another holds it.

    flock is released by the kernel when its holder dies, so a killed builder never blocks the next.
    """
    root.mkdir(parents=True, exist_ok=True)
    with open(root / LOCK, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if wait else fcntl.LOCK_NB))
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def current_name(root: Path) -> str | None:
    """The name CURRENT holds, or None before the first publication."""
    try:
        name = (root / CURRENT).read_text(encoding="ascii").strip()
    except FileNotFoundError:
        return None
    if not _VERSION.match(name):
        raise IndexDamaged(f"{root / CURRENT}: {name!r} is not a version name")
    return name


def publish(
    index: CandidateIndex,
    root: Path,
    state: Mapping[str, Any] | None = None,
    extras: Mapping[str, np.ndarray] | None = None,
) -> Version:
    """Write `index` as the next version and make it current. Hold `builder_lock(root)` around this.

    `state` is the publisher's own record (what the version reflects); `extras` are arrays published
    with it under the same checks (read back with `read_extra`).
    """
    root.mkdir(parents=True, exist_ok=True)
    name = f"v{_highest(root) + 1:06d}"
    staging = root / f".{name}.partial"
    shutil.rmtree(staging, ignore_errors=True)
    index.save(staging)
    for extra, value in (extras or {}).items():
        np.save(staging / f"{EXTRA_PREFIX}{extra}.npy", np.ascontiguousarray(value), allow_pickle=False)
    files = {}
    for path in sorted(staging.glob("*.npy")):
        shape, dtype = _npy_header(path)
        files[path.name] = {"bytes": path.stat().st_size, "shape": list(shape), "dtype": dtype.str}
    files[META_FILE] = {"bytes": (staging / META_FILE).stat().st_size}
    manifest = {
        "version": name,
        "candidates": len(index),
        "published_at": time.time(),
        "files": files,
        "state": dict(state or {}),
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    for path in staging.iterdir():
        _fsync_file(path)
    _fsync_dir(staging)
    os.rename(staging, root / name)
    _fsync_dir(root)
    pointer = root / f"{CURRENT}.tmp"
    pointer.write_text(name + "\n", encoding="ascii")
    _fsync_file(pointer)
    os.replace(pointer, root / CURRENT)
    _fsync_dir(root)
    return _version(root / name, manifest)


def read_version(root: Path, name: str | None = None) -> Version:
    """A version's manifest, checked against the files on disk (size, dtype, shape, count)."""
    name = name or current_name(root)
    if name is None:
        raise IndexMissing(f"{root}: no index has been published")
    folder = root / name
    try:
        manifest = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise IndexDamaged(f"{folder}: no {MANIFEST}") from exc
    except ValueError as exc:
        raise IndexDamaged(f"{folder}: unreadable {MANIFEST} ({exc})") from exc
    for file_name, expected in manifest["files"].items():
        path = folder / file_name
        try:
            size = path.stat().st_size
        except FileNotFoundError as exc:
            raise IndexDamaged(f"{folder}: {file_name} is missing") from exc
        if size != expected["bytes"]:
            raise IndexDamaged(f"{folder}: {file_name} has {size:,} bytes, not {expected['bytes']:,}")
        if "shape" in expected:
            try:
                shape, dtype = _npy_header(path)
            except ValueError as exc:
                raise IndexDamaged(f"{folder}: {file_name} has no valid header ({exc})") from exc
            if list(shape) != expected["shape"] or dtype.str != expected["dtype"]:
                raise IndexDamaged(f"{folder}: {file_name} is {dtype.str}{list(shape)}, not as published")
    ids_shape = manifest["files"].get("ids.npy", {}).get("shape")
    if manifest["candidates"] and ids_shape != [manifest["candidates"]]:
        raise IndexDamaged(f"{folder}: the ids do not hold {manifest['candidates']:,} candidates")
    return _version(folder, manifest)


def read_extra(version: Version, name: str, mmap: bool = True) -> np.ndarray:
    """An array published with the version (checked with the others by read_version)."""
    path = version.path / f"{EXTRA_PREFIX}{name}.npy"
    try:
        return np.load(path, mmap_mode="r" if mmap else None, allow_pickle=False)
    except (OSError, ValueError, EOFError) as exc:
        raise IndexDamaged(f"{version.path}: {path.name} cannot be read ({exc})") from exc


def open_version(
    version: Version,
    taxonomy: Taxonomy,
    today: date | None = None,
    mmap: bool = True,
    profile_lookup: ProfileLookup | None = None,
    profiles_lookup: ProfilesLookup | None = None,
) -> CandidateIndex:
    """The version as an index whose published segment is frozen (updates stay beside it in memory)."""
    index = CandidateIndex.load(
        version.path,
        taxonomy,
        mmap=mmap,
        profile_lookup=profile_lookup,
        today=today,
        freeze=True,
        profiles_lookup=profiles_lookup,
    )
    if len(index) != version.candidates:
        raise IndexDamaged(f"{version.path}: loaded {len(index):,} of {version.candidates:,} candidates")
    return index


def prune(
    root: Path, grace: float = GRACE_SECONDS, now: float | None = None, keep_previous: bool = True
) -> list[str]:
    """Remove versions older than the previous one that were superseded `grace` seconds ago, and the
    leftovers of builders that died. Hold `builder_lock(root)` (no builder may be writing).

    `keep_previous=False` (erasure) removes every version but the current one at once: a reader that
    read CURRENT just before the switch fails to open the old one and reads CURRENT again, and a process
    that still maps it keeps its pages only until it moves on (POSIX unlink), so no name on disk holds
    what was erased."""
    now = time.time() if now is None else now
    removed = []
    for leftover in root.glob(".v*.partial"):
        shutil.rmtree(leftover, ignore_errors=True)
        removed.append(leftover.name)
    names = sorted((n for n in os.listdir(root) if _VERSION.match(n)), key=lambda n: int(n[1:]))
    try:
        current = current_name(root)
    except IndexDamaged:
        if keep_previous:
            raise
        current = None
    if not keep_previous:
        # Versions numbered above CURRENT (a builder that died after renaming) go too, and all of
        # them when none is current: the next reader rebuilds from the database.
        for name in (n for n in names if n != current):
            shutil.rmtree(root / name, ignore_errors=True)
            removed.append(name)
        return removed
    if current not in names:
        return removed
    older = names[: names.index(current)]
    for name, successor_name in itertools.pairwise(older):  # the last of them (previous) stays
        successor = root / successor_name
        try:
            superseded = json.loads((successor / MANIFEST).read_text(encoding="utf-8"))["published_at"]
        except (OSError, ValueError, KeyError):
            superseded = now  # unknown: wait a full grace period from now on
        if now - superseded >= grace:
            shutil.rmtree(root / name, ignore_errors=True)
            removed.append(name)
    return removed


def _npy_header(path: Path) -> tuple[tuple[int, ...], np.dtype]:
    with open(path, "rb") as handle:
        major, _ = np.lib.format.read_magic(handle)
        reader = np.lib.format.read_array_header_1_0 if major == 1 else np.lib.format.read_array_header_2_0
        shape, _, dtype = reader(handle)
    return tuple(shape), dtype


def _highest(root: Path) -> int:
    """The highest version number in use; a name is never reused, even after its folder was lost."""
    found = [int(match.group(1)) for n in os.listdir(root) if (match := _VERSION.match(n))]
    try:
        pointed = current_name(root)
    except IndexDamaged:
        pointed = None
    if pointed is not None:
        found.append(int(pointed[1:]))
    return max(found, default=0)


def _version(folder: Path, manifest: Mapping[str, Any]) -> Version:
    return Version(
        name=folder.name,
        path=folder,
        candidates=int(manifest["candidates"]),
        published_at=float(manifest["published_at"]),
        state=dict(manifest.get("state", {})),
    )


def _fsync_file(path: Path) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


def _fsync_dir(path: Path) -> None:
    # A rename is durable only once the directory holding the new entry is synced.
    _fsync_file(path)
