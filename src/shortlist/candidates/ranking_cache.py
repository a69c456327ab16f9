"""A per-process cache of rankings over the pool: the same role, options and pool rank once.

An explained top-k over 100,000 candidates costs 35-60 ms of CPU, and recruiters reload the same
shortlist (paging through it, opening a candidate and coming back, the API polled by an integration):
at 2 cores that alone caps a server near 40 rankings/s. What is cached is the engine's result (ids,
scores, breakdowns, reasons, gaps: `pool.PoolRanking`), never a rendered page: permissions, blind
review, redaction, pipeline state, the audit record of each ranking and the access log are all
computed per request, after the cache, from the actor who asked.

The key (built in `pool.py`, which alone knows the pool's state) holds everything a ranking reads:
the pool's identity and change generation (every upsert or removal applied to the in-memory delta
bumps it, and clears this cache, so an erased person's quoted CV text does not outlive the next
poll), the role as the engine receives it (a digest of the whole `RoleProfile`: the role's fields, its
requirements and their weights, the client, the growth plan, the playbook, the taxonomy), the options,
SCORING_VERSION and the taxonomy's fingerprint, and the date (explanations speak of years ago).

Why per process and not shared (Redis, the database): the key's pool generation is this process's
own view of the pool, which is brought up to date by a poll at most a second old (and before the next
ranking after any write of this process: pool.py, writes.py), so a hit can never be older than what
the process last read; a shared cache would need a cross-process notion of
"the same pool" and a round-trip plus unpickling ~50 explained matches (tens of kB) on every hit,
and the default installation runs no cache server. With 2-4 app processes, a ranking costs at most
one miss per process per (role, options, pool change).

Bounded by entries and by a rough byte count (the strings of the explanations dominate), least
recently used out first; thread-safe (the web server runs threads).
"""

from __future__ import annotations

import sys
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Generic, TypeVar

V = TypeVar("V")

DEFAULT_ENTRIES = 256
DEFAULT_BYTES = 64 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class CacheStats:
    entries: int
    bytes: int
    hits: int
    misses: int


class ResultCache(Generic[V]):
    """A thread-safe LRU of computed results, bounded by count and by an estimate of their size."""

    def __init__(self, max_entries: int, max_bytes: int, size_of: Callable[[V], int]) -> None:
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._lock = threading.Lock()
        self._size_of = size_of
        self.max_entries = max_entries
        self.max_bytes = max_bytes
        self._bytes = 0
        self._hits = 0
        self._misses = 0

    def get(self, key: Hashable) -> V | None:
        with self._lock:
            found = self._entries.get(key)
            if found is None:
                self._misses += 1
                return None
            self._entries.move_to_end(key)
            self._hits += 1
            return found[0]

    def put(self, key: Hashable, value: V) -> None:
        size = self._size_of(value)
        with self._lock:
            if self.max_entries <= 0 or size > self.max_bytes:
                return  # caching off, or one result larger than the whole budget
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (value, size)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                _, (_, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def discard(self, key: Hashable) -> None:
        with self._lock:
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def stats(self) -> CacheStats:
        with self._lock:
            return CacheStats(len(self._entries), self._bytes, self._hits, self._misses)


def text_bytes(*parts: object) -> int:
    """A rough size of nested strings, lists, tuples and dicts: enough to bound memory, not exact."""
    total = 0
    stack = list(parts)
    while stack:
        item = stack.pop()
        if isinstance(item, str):
            total += 49 + len(item)  # CPython's compact str header plus one byte a character (ASCII)
        elif isinstance(item, dict):
            total += sys.getsizeof(item)
            stack.extend(item.keys())
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            total += sys.getsizeof(item)
            stack.extend(item)
        else:
            total += 32  # numbers, None, enums: shared or small
    return total
