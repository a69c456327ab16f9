"""A columnar in-memory index of candidate profiles, built for scoring every candidate in milliseconds.

Layout of one *segment* (an immutable block of candidates, ids ascending):

- dense columns (scoring.Columns): level, years, largest scale per metric (log10), place codes, work mode,
  relocation, right-to-work bitmask, salary, notice — one small array each;
- evidence, candidate-major (CSR): per candidate its skills with strength, years, last use and the
  effective evidence E of scoring.effective_evidence, fixed against the index's reference year;
- coverage, skill-major (CSC): per skill the candidates whose evidence reaches it — exactly, through an
  implication or a related skill — with the best value and its route. A role's skill criterion is one
  column read, so scoring touches only the candidates that can earn something for it.

Updates follow a log-structured shape: `upsert` and `remove` tombstone the old row and queue the new
profile; the queue becomes a small segment on the next read, and neighbouring segments of similar size
merge, so each update costs O(log n) amortised array work and reads stay a handful of segments.
Merging and re-deriving work from arrays alone, never from profiles: a changed taxonomy or scoring
version on load re-derives E and coverage from the stored facts in seconds.
"""

from __future__ import annotations

import dataclasses
import itertools
import json
import math
import threading
import weakref
from array import array
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np

from shortlist.engine.cv.titles import title_evidence
from shortlist.engine.matching import lexical
from shortlist.engine.matching.columns import (
    LEVELS,
    METRICS,
    MODES,
    RTW_OTHER_BIT,
    SCALE_NONE,
    UNKNOWN,
    Codes,
    Columns,
)
from shortlist.engine.matching.lexical import Postings
from shortlist.engine.matching.scoring import (
    SCORING_VERSION,
    covered_by,
    derive,
    effective_evidence,
    used,
)
from shortlist.engine.vocab.enums import SENIORITY_MIN_YEARS, ScaleMetric, Seniority, WorkMode
from shortlist.engine.vocab.profile import Profile
from shortlist.engine.vocab.taxonomy import Taxonomy, default_taxonomy

INDEX_FORMAT = 3  # 2: evidence rows include the candidate's title units (titles.py); 3: CV words (lexical.py)
META_FILE = "meta.json"
# A new segment merges into the previous one while that one is under this many times its size.
MERGE_RATIO = 4
PENDING_LIMIT = 4096  # queued upserts become a segment at the latest here, even without a read
BUILD_CHUNK = 131_072  # rows per coverage-derivation chunk: bounds the build's temporary memory

ProfileLookup = Callable[[int], Profile | None]
# Many ids at once: explaining a top-50 through a database is one round trip, not fifty.
ProfilesLookup = Callable[[Sequence[int]], Mapping[int, Profile]]


# Numbers naming a segment's rows and its set of live rows, for what rankings keep (match.RankMemo).
_serials = itertools.count(1)


class IndexDamaged(ValueError):
    """A saved index whose files are missing, cut short or disagree with its meta: never read as smaller."""


# --- one candidate as index rows -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CandidateRow:
    """What the index keeps of a profile: per-skill evidence facts and the dense columns, encoded."""

    skills: tuple[int, ...]  # skill codes, unique
    strength: tuple[float, ...]
    years: tuple[float, ...]
    last_used: tuple[int, ...]  # 0 unknown
    level: int
    total_years: float
    scale: tuple[float, ...]  # log10 of the largest claim per METRICS entry, SCALE_NONE when absent
    city: int
    country: int
    mode: int
    relocate: int  # 1 yes, 0 no, -1 unknown
    rtw: int  # bitmask of country codes (RTW_OTHER_BIT for codes beyond the mask)
    salary: float  # 0 unknown
    currency: int
    notice: int  # weeks, -1 unknown
    terms: tuple[int, ...] = ()  # word codes of the CV text (Codes.terms), ascending
    tfs: tuple[int, ...] = ()  # how often each word appears
    length: int = 0  # the text's length in indexed words


def level_code(level: Seniority | None, total_years: float | None) -> int:
    """The stated level, else the one the years reach (as the CV parser estimates it)."""
    if level is not None:
        return LEVELS.index(Seniority(level))
    if total_years is None:
        return UNKNOWN
    code = 0
    for position, candidate in enumerate(LEVELS[:4]):  # years alone never make a lead
        if total_years >= SENIORITY_MIN_YEARS[candidate]:
            code = position
    return code


def encode_profile(profile: Profile, codes: Codes, taxonomy: Taxonomy | None = None) -> CandidateRow:
    """The index row of one profile; adds unseen skills and places to `codes`.

    The candidate's job titles ride along as evidence under reserved codes (titles.py), so the title
    criterion is column reads like any skill.
    """
    best: dict[int, tuple[float, float, int]] = {}
    facts = [(s.skill, s.strength, s.years or 0.0, s.last_used or 0) for s in profile.skills]
    for skill, strength, years, last_used in [*facts, *title_evidence(profile, taxonomy)]:
        if strength <= 0:
            continue
        code = codes.code("skills", skill)
        entry = (float(strength), float(years), int(last_used))
        previous = best.get(code)
        # One row per skill: a profile that names a skill twice keeps the strongest facts of each kind.
        best[code] = (
            entry
            if previous is None
            else (max(previous[0], entry[0]), max(previous[1], entry[1]), max(previous[2], entry[2]))
        )
    ordered = sorted(best.items())
    scale = [SCALE_NONE] * len(METRICS)
    for claim in profile.scale_claims:
        if claim.value > 0:
            position = METRICS.index(ScaleMetric(claim.metric))
            scale[position] = max(scale[position], math.log10(claim.value))
    preferences, contact = profile.preferences, profile.contact
    rtw = 0
    for country in preferences.right_to_work:
        code = codes.code("countries", country.upper())
        rtw |= 1 << (code if code < RTW_OTHER_BIT else RTW_OTHER_BIT)
    mode = MODES.index(WorkMode(preferences.work_mode)) if preferences.work_mode else UNKNOWN
    relocate = UNKNOWN if preferences.open_to_relocation is None else int(preferences.open_to_relocation)
    salary = float(preferences.salary_expectation or 0)
    terms, tfs, length = lexical.encode_text(profile.text or "", lambda word: codes.code("terms", word))
    return CandidateRow(
        skills=tuple(code for code, _ in ordered),
        strength=tuple(facts[0] for _, facts in ordered),
        years=tuple(facts[1] for _, facts in ordered),
        last_used=tuple(facts[2] for _, facts in ordered),
        level=level_code(profile.seniority, profile.total_years),
        total_years=float(profile.total_years or 0.0),
        scale=tuple(scale),
        city=codes.code("cities", contact.city.strip().casefold()),
        country=codes.code("countries", contact.country.strip().upper()),
        mode=mode,
        relocate=relocate,
        rtw=rtw,
        salary=salary,
        currency=codes.code("currencies", preferences.salary_currency.upper()) if salary else UNKNOWN,
        notice=UNKNOWN if preferences.notice_weeks is None else int(preferences.notice_weeks),
        terms=terms,
        tfs=tfs,
        length=length,
    )


@dataclass(frozen=True, slots=True)
class Expansion:
    """For each source skill code, the skill codes its evidence covers (CSR), with factor and route."""

    ptr: np.ndarray  # int64 (skills + 1)
    target: np.ndarray  # int32
    factor: np.ndarray  # float32
    route: np.ndarray  # uint8

    @classmethod
    def of(cls, codes: Codes, taxonomy: Taxonomy) -> Expansion:
        ptr = [0]
        target: list[int] = []
        factor: list[float] = []
        route: list[int] = []
        for skill in list(codes.skills):
            for covered, value, kind in covered_by(taxonomy, skill):
                target.append(codes.code("skills", covered))
                factor.append(value)
                route.append(kind)
            ptr.append(len(target))
        return cls(
            np.array(ptr, dtype=np.int64),
            np.array(target, dtype=np.int32),
            np.array(factor, dtype=np.float32),
            np.array(route, dtype=np.uint8),
        )

    @property
    def skills(self) -> int:
        return len(self.ptr) - 1


@dataclass(slots=True)
class Segment:
    ids: np.ndarray  # int64, ascending, unique
    alive: np.ndarray  # bool
    columns: Columns
    ev_ptr: np.ndarray  # int64 (n + 1)
    ev_skill: np.ndarray  # int32
    ev_strength: np.ndarray  # float32
    ev_years: np.ndarray  # float32
    ev_last: np.ndarray  # int16, 0 unknown
    ev_value: np.ndarray  # float32: effective evidence
    cov_ptr: np.ndarray  # int64 (skills + 1)
    cov_row: np.ndarray  # intp: NumPy indexes with intp, and converting int32 each query costs 2x
    cov_value: np.ndarray  # float32
    cov_route: np.ndarray  # uint8: scoring.EXACT / IMPLIED / RELATED
    norms: np.ndarray  # float32: L2 norm of each candidate's coverage vector
    lexical: Postings  # the words of each row's CV text, term-major (lexical.py)
    dead: int = 0
    _derived: dict[str, np.ndarray] | None = None
    _local: threading.local = field(default_factory=threading.local)
    _workspaces: weakref.WeakSet[Workspace] = field(default_factory=weakref.WeakSet)
    # True when every caller scores this segment under one lock: then all threads share one workspace
    # instead of holding a set of scratch arrays each (megabytes per thread at 1M).
    shared_scratch: bool = False
    # Held by a snapshot (CandidateIndex.snapshot): its index copies it before changing a row.
    shared: bool = False
    # Names these rows (kept by own_copy, which shares them); with `dead`, names the live ones too:
    # rows only ever die, and each copy gets a new `serial`.
    rows_serial: int = field(default_factory=lambda: next(_serials))
    serial: int = field(default_factory=lambda: next(_serials))
    _scratch: Workspace | None = None
    _used: tuple[np.ndarray, int] | None = None
    _lexstats: tuple[int, int] | None = None
    # (phrase, pool's mean length) -> (rows, values) of scoring.lexical_rows: role-independent, and many
    # roles share their terms ("Python", "Kafka"), so a phrase's pass over the postings is paid once.
    _phrases: dict[tuple[object, ...], tuple[np.ndarray, np.ndarray]] = field(default_factory=dict)
    # (role country, role city) -> match._category_index's per-row place codes (int8, a byte a row): the
    # same for every role in that place, so computed once rather than from three columns per query.
    _places: dict[tuple[int, int], np.ndarray] = field(default_factory=dict)

    RAW = ("ids", "ev_ptr", "ev_skill", "ev_strength", "ev_years", "ev_last")
    # Saved by `precomputed`, read back when all are there (older indexes lack them: computed instead).
    PRECOMPUTED = ("dv_effective_scale", "dv_leadership", "dv_category", "dv_settled", "dv_used")
    LEXICAL = ("lx_ptr", "lx_row", "lx_tf", "lx_len")
    DERIVED = ("ev_value", "cov_ptr", "cov_row", "cov_value", "cov_route", "norms")

    def __len__(self) -> int:
        return len(self.ids)

    @property
    def live(self) -> int:
        return len(self.ids) - self.dead

    def own_copy(self) -> Segment:
        """This segment with an `alive` of its own, for an index to change while snapshots keep reading
        this one. Everything else (the arrays, read-only; the caches, scratch included) is shared."""
        return dataclasses.replace(
            self, alive=np.array(self.alive, copy=True), shared=False, serial=next(_serials)
        )

    def find(self, candidate_id: int) -> int | None:
        position = int(np.searchsorted(self.ids, candidate_id))
        if position < len(self.ids) and self.ids[position] == candidate_id and self.alive[position]:
            return position
        return None

    def column(self, skill: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """(rows, values, routes) of the candidates covering a skill code."""
        if skill < 0 or skill + 1 >= len(self.cov_ptr):
            return _EMPTY_ROWS, _EMPTY_VALUES, _EMPTY_ROUTES
        start, end = int(self.cov_ptr[skill]), int(self.cov_ptr[skill + 1])
        return self.cov_row[start:end], self.cov_value[start:end], self.cov_route[start:end]

    def coverage_at(self, skill: int, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Coverage values and routes of one skill for a few rows (0 and 255 where absent)."""
        col_rows, values, routes = self.column(skill)
        if len(col_rows) == 0:
            return np.zeros(len(rows), dtype=np.float32), np.full(len(rows), 255, dtype=np.uint8)
        position = np.minimum(np.searchsorted(col_rows, rows), len(col_rows) - 1)
        found = col_rows[position] == rows
        return (
            np.where(found, values[position], np.float32(0)).astype(np.float32),
            np.where(found, routes[position], np.uint8(255)).astype(np.uint8),
        )

    def evidence(self, row: int) -> dict[str, np.ndarray]:
        start, end = int(self.ev_ptr[row]), int(self.ev_ptr[row + 1])
        return {
            "skill": self.ev_skill[start:end],
            "strength": self.ev_strength[start:end],
            "years": self.ev_years[start:end],
            "last_used": self.ev_last[start:end],
            "value": self.ev_value[start:end],
        }

    def derived(self) -> dict[str, np.ndarray]:
        """Role-independent columns (scoring.derive), computed on first use (or read with the index)."""
        if self._derived is None:
            self._derived = derive(self.columns)
        return self._derived

    def precomputed(self) -> dict[str, np.ndarray]:
        """What `derived` and `used_evidence` compute, as arrays saved beside the index (PRECOMPUTED):
        a loaded index maps them read-only like the rest, so every process shares one copy instead of
        computing its own (tens of MB at 1M)."""
        found = {f"dv_{name}": value for name, value in self.derived().items()}
        found["dv_used"] = self.used_evidence()[0]
        return found

    def adopt_precomputed(self, arrays: Mapping[str, np.ndarray]) -> None:
        """Use arrays `precomputed` saved for these very rows (IndexDamaged when they do not fit)."""
        n, entries = len(self.ids), len(self.ev_skill)
        derived = {name[3:]: value for name, value in arrays.items() if name != "dv_used"}
        if any(name != "settled" and value.shape[-1] != n for name, value in derived.items()):
            raise IndexDamaged("precomputed columns do not match the rows")
        used = arrays["dv_used"]
        if len(used) != entries + 1:
            raise IndexDamaged("precomputed evidence codes do not match the evidence")
        self._derived = derived
        self._used = (used, int(used[-1]) - 1)

    def used_evidence(self) -> tuple[np.ndarray, int]:
        """(skill code of each evidence entry that shows use (scoring.used), else `top + 1`, with one
        more `top + 1` at the end; top = the largest skill code). Role-independent, so computed on the
        first "work"-mode must-have filter and kept: a look-up table sized top + 2 with a zero at top + 1
        then reads used evidence only, in one gather."""
        if self._used is None:
            top = int(self.ev_skill.max()) if len(self.ev_skill) else -1
            codes = np.where(used(self.ev_strength, self.ev_years), self.ev_skill, np.int32(top + 1))
            self._used = (np.append(codes, np.int32(top + 1)).astype(np.int32), top)
        return self._used

    def workspace(self) -> Workspace:
        """This thread's scratch arrays for scoring this segment (everyone's, with `shared_scratch`)."""
        found = self._scratch if self.shared_scratch else getattr(self._local, "workspace", None)
        if found is None:
            found = Workspace()
            if self.shared_scratch:
                self._scratch = found
            else:
                self._local.workspace = found
            self._workspaces.add(found)
        return found

    def workspaces(self) -> list[Workspace]:
        """Every live workspace of this segment (memory accounting)."""
        return list(self._workspaces)

    def arrays(self) -> dict[str, np.ndarray]:
        found = {name: getattr(self, name) for name in (*self.RAW, *self.DERIVED, "alive")}
        found.update({f"col_{name}": value for name, value in self.columns.arrays().items()})
        lex = self.lexical
        found.update({"lx_ptr": lex.ptr, "lx_row": lex.row, "lx_tf": lex.tf, "lx_len": lex.length})
        return found

    def lexical_stats(self) -> tuple[int, int]:
        """(live rows, their total words): what BM25's average length reads; kept until a row dies."""
        if self._lexstats is None or self._lexstats[0] != self.dead:
            length = np.asarray(self.lexical.length)
            words = length[self.alive] if self.dead else length
            self._lexstats = (self.dead, int(words.sum(dtype=np.int64)))
        return self.live, self._lexstats[1]

    def live_df(self, code: int) -> int:
        """Live rows holding a word: document frequency as if the dead rows were already merged away."""
        if not self.dead:
            return self.lexical.df(code)
        rows, _ = self.lexical.term(code)
        return int(np.count_nonzero(self.alive[rows]))

    @property
    def nbytes(self) -> int:
        return sum(int(a.nbytes) for a in self.arrays().values())


class Workspace:
    """Scratch arrays reused from one query to the next.

    A fresh million-row temporary costs more in page faults than the arithmetic done on it (measured:
    half of a query's time), so the scorer writes into these instead. One per segment and thread.
    """

    def __init__(self) -> None:
        self._arrays: dict[str, np.ndarray] = {}

    def get(self, name: str, dtype: type, size: int) -> np.ndarray:
        found = self._arrays.get(name)
        if found is None or found.dtype != dtype or len(found) < size:
            found = self._arrays[name] = np.empty(size, dtype=dtype)
        return found[:size]

    @property
    def nbytes(self) -> int:
        return sum(int(a.nbytes) for a in self._arrays.values())


_EMPTY_ROWS = np.zeros(0, dtype=np.intp)
_EMPTY_VALUES = np.zeros(0, dtype=np.float32)
_EMPTY_ROUTES = np.zeros(0, dtype=np.uint8)


class _RowBuffer:
    """Encoded rows in typed buffers: a million profiles cost bytes per value, not Python objects."""

    def __init__(self) -> None:
        self.ids = array("q")
        self.dense: dict[str, array] = {
            "level": array("b"),
            "total_years": array("f"),
            "scale": array("f"),
            "city": array("i"),
            "country": array("i"),
            "mode": array("b"),
            "relocate": array("b"),
            "rtw": array("Q"),
            "salary": array("f"),
            "currency": array("h"),
            "notice": array("h"),
        }
        self.counts = array("I")
        self.skill = array("i")
        self.strength = array("f")
        self.years = array("f")
        self.last = array("h")
        self.lx_counts = array("I")
        self.lx_term = array("i")
        self.lx_tf = array("B")
        self.lx_len = array("H")

    def add(self, candidate_id: int, row: CandidateRow) -> None:
        self.ids.append(candidate_id)
        dense = self.dense
        for name in ("level", "total_years", "city", "country", "mode", "relocate", "rtw", "salary"):
            dense[name].append(getattr(row, name))
        dense["currency"].append(row.currency)
        dense["notice"].append(max(-1, min(row.notice, 32_000)))
        dense["scale"].extend(row.scale)
        self.counts.append(len(row.skills))
        self.skill.extend(row.skills)
        self.strength.extend(row.strength)
        self.years.extend(row.years)
        self.last.extend(row.last_used)
        self.lx_counts.append(len(row.terms))
        self.lx_term.extend(row.terms)
        self.lx_tf.extend(row.tfs)
        self.lx_len.append(row.length)

    def postings(self, terms: int) -> Postings:
        """The buffered rows' words, term-major."""

        def view(buffer: array, dtype: type) -> np.ndarray:
            return np.frombuffer(buffer, dtype=dtype) if len(buffer) else np.zeros(0, dtype=dtype)

        return lexical.postings_from_rows(
            view(self.lx_counts, np.uint32),
            view(self.lx_term, np.int32),
            view(self.lx_tf, np.uint8),
            view(self.lx_len, np.uint16),
            terms,
        )

    def __len__(self) -> int:
        return len(self.ids)

    def raw(self) -> tuple[np.ndarray, Columns, dict[str, np.ndarray]]:
        def view(buffer: array, dtype: type) -> np.ndarray:
            # A view, not a copy: the buffer is finished, and this halves the build's peak for evidence.
            return np.frombuffer(buffer, dtype=dtype) if len(buffer) else np.zeros(0, dtype=dtype)

        n = len(self.ids)
        columns = Columns(
            **{
                name: np.ascontiguousarray(view(self.dense[name], np.float32).reshape(n, len(METRICS)).T)
                if name == "scale"
                else view(self.dense[name], Columns.DTYPES[name])
                for name in Columns.DTYPES
            }
        )
        counts = view(self.counts, np.uint32).astype(np.int64)
        evidence = {
            "ev_ptr": np.concatenate([[0], np.cumsum(counts)]).astype(np.int64),
            "ev_skill": view(self.skill, np.int32),
            "ev_strength": view(self.strength, np.float32),
            "ev_years": view(self.years, np.float32),
            "ev_last": view(self.last, np.int16),
        }
        return view(self.ids, np.int64), columns, evidence


def _gather_rows(ptr: np.ndarray, order: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """New CSR pointer and the entry positions that put the rows of `ptr` in `order`."""
    lengths = (ptr[1:] - ptr[:-1])[order]
    new_ptr = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
    starts = np.repeat(ptr[:-1][order] - new_ptr[:-1], lengths)
    return new_ptr, np.arange(int(new_ptr[-1]), dtype=np.int64) + starts


def _coverage(
    ev_ptr: np.ndarray, ev_skill: np.ndarray, ev_value: np.ndarray, expansion: Expansion, n: int
) -> tuple[np.ndarray, ...]:
    """Skill-major coverage (ptr, row, value, route) and row norms from candidate-major evidence."""
    skills = expansion.skills
    targets_parts, rows_parts, values_parts, routes_parts = [], [], [], []
    for first in range(0, max(n, 1), BUILD_CHUNK):
        last = min(n, first + BUILD_CHUNK)
        lo, hi = int(ev_ptr[first]), int(ev_ptr[last]) if n else 0
        skill = ev_skill[lo:hi]
        if len(skill) == 0:
            continue
        local_row = np.repeat(np.arange(last - first, dtype=np.int64), np.diff(ev_ptr[first : last + 1]))
        fan = expansion.ptr[skill + 1] - expansion.ptr[skill]
        source = np.repeat(np.arange(len(skill)), fan)
        offset = np.arange(len(source)) - np.repeat(np.cumsum(fan) - fan, fan)
        entry = expansion.ptr[skill][source] + offset
        target = expansion.target[entry].astype(np.int64)
        value = ev_value[lo:hi][source] * expansion.factor[entry]
        route = expansion.route[entry]
        span = last - first
        key = target * span + local_row[source]
        order = np.argsort(key, kind="stable")
        key, value, route = key[order], value[order], route[order]
        starts = np.flatnonzero(np.concatenate([[True], key[1:] != key[:-1]]))
        best = np.maximum.reduceat(value, starts)
        counts = np.diff(np.concatenate([starts, [len(key)]]))
        # Of equal values the most direct route explains it: exact before implied before related.
        masked = np.where(value == np.repeat(best, counts), route, np.uint8(255))
        # Held until placement below, so kept narrow: a skill code fits 16 bits, a row 32.
        targets_parts.append((key[starts] // span).astype(np.uint16 if skills < 65_536 else np.int32))
        rows_parts.append((key[starts] % span + first).astype(np.int32))
        values_parts.append(best.astype(np.float32))
        routes_parts.append(np.minimum.reduceat(masked, starts).astype(np.uint8))
    if not targets_parts:
        empty = np.zeros(0, dtype=np.intp)
        return (
            np.zeros(skills + 1, dtype=np.int64),
            empty,
            np.zeros(0, dtype=np.float32),
            np.zeros(0, dtype=np.uint8),
            np.zeros(n, dtype=np.float32),
        )
    # Counting placement straight into the final arrays, a chunk at a time: within a chunk entries are
    # ordered by (skill, row), and chunks come in row order, so every column ends up with ascending rows.
    # Concatenating and argsorting everything instead would hold three copies at once (2.5 GB at 1M).
    counts = np.zeros(skills, dtype=np.int64)
    for target in targets_parts:
        counts += np.bincount(target, minlength=skills)
    ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    fill = ptr[:-1].copy()
    total = int(ptr[-1])
    row = np.empty(total, dtype=np.intp)
    value = np.empty(total, dtype=np.float32)
    route = np.empty(total, dtype=np.uint8)
    norms = np.zeros(n, dtype=np.float64)
    for _ in range(len(targets_parts)):
        target, rows = targets_parts.pop(0), rows_parts.pop(0)
        values, routes = values_parts.pop(0), routes_parts.pop(0)
        group = np.flatnonzero(np.concatenate([[True], target[1:] != target[:-1]]))
        sizes = np.diff(np.concatenate([group, [len(target)]]))
        destination = np.repeat(fill[target[group]] - group, sizes) + np.arange(len(target))
        row[destination], value[destination], route[destination] = rows, values, routes
        fill[target[group]] += sizes
        norms += np.bincount(rows, weights=values.astype(np.float64) ** 2, minlength=n)
    return ptr, row, value, route, np.sqrt(norms).astype(np.float32)


def _segment(
    ids: np.ndarray,
    columns: Columns,
    raw: dict[str, np.ndarray],
    expansion: Expansion,
    reference_year: int,
    postings: Postings,
) -> Segment:
    """A segment from raw rows in any order; the last row of a repeated id wins."""
    n = len(ids)
    order = np.argsort(ids, kind="stable")
    sorted_ids = ids[order]
    keep = np.ones(n, dtype=bool)
    if n > 1:
        keep[:-1] = sorted_ids[:-1] != sorted_ids[1:]
    order = order[keep]
    if n and not (len(order) == n and np.array_equal(order, np.arange(n))):
        ids, columns = ids[order], columns.take(order)
        ev_ptr, entries = _gather_rows(raw["ev_ptr"], order)
        raw = {name: value[entries] for name, value in raw.items() if name != "ev_ptr"} | {"ev_ptr": ev_ptr}
        postings = lexical.take(postings, order, len(postings.ptr) - 1)
    return _derive(ids, columns, raw, expansion, reference_year, postings)


def _derive(
    ids: np.ndarray,
    columns: Columns,
    raw: dict[str, np.ndarray],
    expansion: Expansion,
    reference_year: int,
    postings: Postings,
) -> Segment:
    ev_value = effective_evidence(raw["ev_strength"], raw["ev_years"], raw["ev_last"], reference_year)
    ptr, row, value, route, norms = _coverage(raw["ev_ptr"], raw["ev_skill"], ev_value, expansion, len(ids))
    return Segment(
        ids=np.ascontiguousarray(ids, dtype=np.int64),
        alive=np.ones(len(ids), dtype=bool),
        columns=columns,
        ev_ptr=raw["ev_ptr"],
        ev_skill=raw["ev_skill"],
        ev_strength=raw["ev_strength"],
        ev_years=raw["ev_years"],
        ev_last=raw["ev_last"],
        ev_value=ev_value,
        cov_ptr=ptr,
        cov_row=row,
        cov_value=value,
        cov_route=route,
        norms=norms,
        lexical=postings,
    )


def _merge(segments: Sequence[Segment], expansion: Expansion, reference_year: int) -> Segment:
    """One segment with the live rows of several; evidence is re-derived, never read from profiles."""
    ids, columns, raw_parts, lexical_parts = [], [], [], []
    for segment in segments:
        rows = np.flatnonzero(segment.alive)
        lexical_parts.append(lexical.take(segment.lexical, rows, len(segment.lexical.ptr) - 1))
        ev_ptr, entries = _gather_rows(segment.ev_ptr, rows)
        ids.append(segment.ids[rows])
        columns.append(segment.columns.take(rows))
        raw_parts.append(
            {name: np.asarray(getattr(segment, name))[entries] for name in Segment.RAW[2:]}
            | {"ev_ptr": ev_ptr}
        )
    offsets = np.cumsum([0] + [int(part["ev_ptr"][-1]) for part in raw_parts])
    raw = {name: np.concatenate([part[name] for part in raw_parts]) for name in Segment.RAW[2:]}
    raw["ev_ptr"] = np.concatenate(
        [np.zeros(1, dtype=np.int64)]
        + [part["ev_ptr"][1:] + offset for part, offset in zip(raw_parts, offsets, strict=False)]
    )
    postings = lexical.concat(lexical_parts, max(len(p.ptr) - 1 for p in lexical_parts))
    return _segment(np.concatenate(ids), Columns.concat(columns), raw, expansion, reference_year, postings)


class CandidateIndex:
    """Every candidate's evidence and facts as arrays; see the module docstring for the layout.

    Not safe for concurrent writers: serialise `upsert`/`remove` with reads (one lock per index).
    """

    def __init__(
        self,
        segments: list[Segment],
        codes: Codes,
        taxonomy: Taxonomy,
        today: date,
        profile_lookup: ProfileLookup | None = None,
        profiles_lookup: ProfilesLookup | None = None,
    ) -> None:
        self._segments = segments
        self.codes = codes
        self.taxonomy = taxonomy
        self.today = today
        self.profile_lookup = profile_lookup
        self.profiles_lookup = profiles_lookup
        # Segments at the front that updates never merge into: a loaded (published, mmapped) segment stays
        # shared and untouched, and changes accumulate beside it until the next publication.
        self.frozen = 0
        self.embeddings: np.ndarray | None = None  # reserved: one row per candidate, aligned to ids
        self._pending: dict[int, CandidateRow] = {}
        self._expansion: Expansion | None = None
        self._coverers: dict[int, list[tuple[int, float, int]]] = {}
        self._snapshot = False  # a read-only view (snapshot): its expansion is the one taken with it

    # --- building -------------------------------------------------------------------------------------

    @classmethod
    def build(
        cls,
        profiles: Iterable[tuple[int, Profile]],
        taxonomy: Taxonomy | None = None,
        today: date | None = None,
        profile_lookup: ProfileLookup | None = None,
    ) -> CandidateIndex:
        """Index (id, profile) pairs; E is fixed against `today` (the reference year of recency)."""
        taxonomy = taxonomy or default_taxonomy()
        today = today or date.today()
        # Every taxonomy skill gets a code up front, so implications and relations have a column to land in.
        codes = Codes(skills=list(taxonomy.ids()))
        index = cls([], codes, taxonomy, today, profile_lookup)
        buffer = _RowBuffer()
        for candidate_id, profile in profiles:
            buffer.add(int(candidate_id), encode_profile(profile, codes, taxonomy))
        if len(buffer):
            index._segments.append(index._from_buffer(buffer))
        return index

    @property
    def reference_year(self) -> int:
        return self.today.year

    @property
    def expansion(self) -> Expansion:
        if self._snapshot and self._expansion is not None:
            # The codes are shared with the live index, which may add some: they are in none of this
            # view's rows, and re-deriving here would add codes from a reader's thread.
            return self._expansion
        if self._expansion is None or self._expansion.skills != len(self.codes.skills):
            self._expansion = Expansion.of(self.codes, self.taxonomy)
            if self._expansion.skills != len(self.codes.skills):  # a covered skill was new: once more
                self._expansion = Expansion.of(self.codes, self.taxonomy)
            self._coverers = {}
        return self._expansion

    def coverers(self, skill: int) -> list[tuple[int, float, int]]:
        """(source skill, factor, route) for each skill whose evidence covers `skill`: expansion reversed."""
        if not self._coverers:
            expansion = self.expansion
            reverse: dict[int, list[tuple[int, float, int]]] = {}
            sources = np.repeat(np.arange(expansion.skills), np.diff(expansion.ptr))
            for source, target, factor, route in zip(
                sources.tolist(),
                expansion.target.tolist(),
                expansion.factor.tolist(),
                expansion.route.tolist(),
                strict=True,
            ):
                reverse.setdefault(target, []).append((source, factor, route))
            self._coverers = reverse
        return self._coverers.get(skill, [])

    def _from_buffer(self, buffer: _RowBuffer) -> Segment:
        ids, columns, raw = buffer.raw()
        postings = buffer.postings(len(self.codes.terms))
        return _segment(ids, columns, raw, self.expansion, self.reference_year, postings)

    # --- reading --------------------------------------------------------------------------------------

    def snapshot(self) -> CandidateIndex:
        """A read-only view of the index as it is now, for readers in other threads: later upserts and
        removals never change it (a segment it holds is copied before a row of it is tombstoned), so
        it ranks without the writers' lock. Costs a list of segments; do not update a snapshot."""
        segments = list(self.segments())
        view = CandidateIndex(
            segments, self.codes, self.taxonomy, self.today, self.profile_lookup, self.profiles_lookup
        )
        view.frozen = self.frozen
        view.embeddings = self.embeddings
        view._expansion = self.expansion
        view._snapshot = True
        for segment in segments:
            segment.shared = True
        return view

    def segments(self) -> list[Segment]:
        """The live segments, after turning queued updates into one."""
        if self._pending:
            self._flush()
        return self._segments

    def __len__(self) -> int:
        return sum(s.live for s in self._segments) + len(self._pending)

    def __contains__(self, candidate_id: object) -> bool:
        return isinstance(candidate_id, int) and self.locate(candidate_id) is not None

    def locate(self, candidate_id: int) -> tuple[Segment, int] | None:
        for segment in reversed(self.segments()):
            row = segment.find(candidate_id)
            if row is not None:
                return segment, row
        return None

    def ids(self) -> np.ndarray:
        parts = [s.ids[s.alive] for s in self.segments()]
        return np.sort(np.concatenate(parts)) if parts else np.zeros(0, dtype=np.int64)

    def profile(self, candidate_id: int) -> Profile | None:
        return self.profile_lookup(candidate_id) if self.profile_lookup else None

    def profiles(self, candidate_ids: Sequence[int]) -> list[Profile | None]:
        """Profiles for several ids, in order: one batched look-up when there is one."""
        if self.profiles_lookup is not None:
            found = self.profiles_lookup(list(candidate_ids))
            return [found.get(candidate_id) for candidate_id in candidate_ids]
        return [self.profile(candidate_id) for candidate_id in candidate_ids]

    @property
    def delta(self) -> int:
        """Rows held beside the frozen segments (queued, or in segments after them), dead ones included."""
        return len(self._pending) + sum(len(s) for s in self._segments[self.frozen :])

    def skill_name(self, code: int) -> str:
        skill_id = self.codes.skills[code]
        skill = self.taxonomy.get(skill_id)
        return skill.name if skill else skill_id

    @property
    def nbytes(self) -> int:
        return sum(s.nbytes for s in self._segments)

    def lexicon(self) -> lexical.Lexicon:
        """The pool's word statistics for planning a role (lexical.py)."""
        segments = self.segments()
        return lexical.Lexicon(
            lambda word: self.codes.code("terms", word, add=False),
            [(s.live_df, *s.lexical_stats()) for s in segments],
        )

    def stats(self) -> dict[str, int]:
        segments = self.segments()
        return {
            "candidates": len(self),
            "segments": len(segments),
            "dead_rows": sum(s.dead for s in segments),
            "evidence_entries": sum(len(s.ev_skill) for s in segments),
            "coverage_entries": sum(len(s.cov_row) for s in segments),
            "bytes": self.nbytes,
        }

    # --- updating -------------------------------------------------------------------------------------

    def upsert(self, candidate_id: int, profile: Profile) -> None:
        """Add or replace one candidate; visible to the next read."""
        if self._snapshot:
            raise TypeError("a snapshot of the index is read-only")
        candidate_id = int(candidate_id)
        self._tombstone(candidate_id)
        self._pending[candidate_id] = encode_profile(profile, self.codes, self.taxonomy)
        if len(self._pending) >= PENDING_LIMIT:
            self._flush()

    def remove(self, candidate_id: int) -> bool:
        """Forget a candidate (erasure reaches the index at once); False when it was not there."""
        candidate_id = int(candidate_id)
        return self._pending.pop(candidate_id, None) is not None or self._tombstone(candidate_id)

    def _tombstone(self, candidate_id: int) -> bool:
        if self._snapshot:
            raise TypeError("a snapshot of the index is read-only")
        for number, segment in enumerate(self._segments):
            row = segment.find(candidate_id)
            if row is not None:
                if segment.shared:
                    segment = self._segments[number] = segment.own_copy()
                elif not segment.alive.flags.writeable:
                    segment.alive = segment.alive.copy()
                segment.alive[row] = False
                segment.dead += 1
                return True
        return False

    def _flush(self) -> None:
        buffer = _RowBuffer()
        for candidate_id, row in self._pending.items():
            buffer.add(candidate_id, row)
        self._pending.clear()
        self._segments.append(self._from_buffer(buffer))
        # Merge while the newer segment is at least 1/MERGE_RATIO of the older: O(log n) segments.
        while len(self._segments) > self.frozen + 1 and (
            self._segments[-2].live <= MERGE_RATIO * self._segments[-1].live or self._segments[-2].live == 0
        ):
            newer = self._segments.pop()
            older = self._segments.pop()
            self._segments.append(_merge([older, newer], self.expansion, self.reference_year))

    def compact(self) -> None:
        """Merge every segment into one without dead rows (what `save` writes)."""
        segments = self.segments()
        if len(segments) > 1 or (segments and segments[0].dead):
            self._segments = [_merge(segments, self.expansion, self.reference_year)]
        self.frozen = 0

    # --- persistence ----------------------------------------------------------------------------------

    def save(self, path: str | Path) -> Path:
        """Write a directory: meta.json (version, vocabularies) and one .npy per array (mmap-able)."""
        self.compact()
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.glob("*.npy"):
            stale.unlink()
        arrays = {**self._segments[0].arrays(), **self._segments[0].precomputed()} if self._segments else {}
        for name, value in arrays.items():
            np.save(folder / f"{name}.npy", np.ascontiguousarray(value), allow_pickle=False)
        meta = {
            "format": INDEX_FORMAT,
            "scoring_version": SCORING_VERSION,
            "taxonomy": self.taxonomy.fingerprint,
            "today": self.today.isoformat(),
            "candidates": len(self),
            "metrics": [m.value for m in METRICS],
            "codes": self.codes.as_json(),
        }
        (folder / META_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        return folder

    @classmethod
    def load(
        cls,
        path: str | Path,
        taxonomy: Taxonomy | None = None,
        mmap: bool = True,
        profile_lookup: ProfileLookup | None = None,
        today: date | None = None,
        freeze: bool = False,
        profiles_lookup: ProfilesLookup | None = None,
    ) -> CandidateIndex:
        """Read what `save` wrote. A different taxonomy, scoring version or reference year (`today`'s
        year, when given) re-derives E and coverage from the stored facts.

        Missing or short files raise IndexDamaged: an index is never read as smaller than it was saved.
        `freeze` keeps the loaded segment out of merges (see `frozen`).
        """
        folder = Path(path)
        meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        if meta.get("format") != INDEX_FORMAT:
            found = meta.get("format")
            raise ValueError(f"{folder}: index format {found!r}; this version reads {INDEX_FORMAT}")
        if meta.get("metrics") != [m.value for m in METRICS]:
            raise ValueError(f"{folder}: saved with other scale metrics; rebuild the index")
        taxonomy = taxonomy or default_taxonomy()
        codes = Codes.from_json(meta["codes"])
        saved_today = date.fromisoformat(meta["today"])
        # Only the year enters scoring (recency): another day of the same year is the same index.
        reference = today if today is not None and today.year != saved_today.year else saved_today
        index = cls([], codes, taxonomy, reference, profile_lookup, profiles_lookup)
        expected = int(meta["candidates"])
        if expected == 0:
            return index
        mode = "r" if mmap else None

        def read(name: str) -> np.ndarray:
            try:
                # A plain ndarray over the mapping (its base keeps the file mapped): every slice or
                # gather of an np.memmap makes another memmap through Python-level __getitem__ and
                # __array_finalize__, ~34,000 calls and ~5 ms of CPU per ranking at 100,000.
                return np.asarray(np.load(folder / f"{name}.npy", mmap_mode=mode, allow_pickle=False))
            except (OSError, ValueError, EOFError) as exc:
                raise IndexDamaged(f"{folder}: {name}.npy cannot be read ({exc})") from exc

        columns = Columns(**{name: read(f"col_{name}") for name in Columns.DTYPES})
        stale = (
            meta["taxonomy"] != taxonomy.fingerprint
            or meta["scoring_version"] != SCORING_VERSION
            or reference.year != saved_today.year
        )
        raw = {name: read(name) for name in Segment.RAW}
        postings = Postings(*(read(name) for name in Segment.LEXICAL))
        _check_shapes(folder, expected, columns, raw, postings)
        if stale:
            ids = np.asarray(raw.pop("ids"))
            segment = _derive(ids, columns, raw, index.expansion, index.reference_year, postings)
        else:
            derived = {name: read(name) for name in Segment.DERIVED}
            if derived["cov_row"].dtype != np.intp:
                derived["cov_row"] = derived["cov_row"].astype(np.intp)
            segment = Segment(
                columns=columns, alive=np.array(read("alive")), lexical=postings, **raw, **derived
            )
            segment.dead = int(len(segment.alive) - np.count_nonzero(segment.alive))
            if segment.dead or len(segment.alive) != expected or len(derived["norms"]) != expected:
                raise IndexDamaged(f"{folder}: derived arrays do not match {expected:,} candidates")
            if all((folder / f"{name}.npy").exists() for name in Segment.PRECOMPUTED):
                try:
                    segment.adopt_precomputed({name: read(name) for name in Segment.PRECOMPUTED})
                except IndexDamaged as exc:
                    raise IndexDamaged(f"{folder}: {exc}") from exc
        index._segments = [segment]
        index.frozen = 1 if freeze else 0
        return index


def _check_shapes(
    folder: Path, expected: int, columns: Columns, raw: dict[str, np.ndarray], postings: Postings
) -> None:
    """The arrays agree with each other and with the saved count (save compacts, so no dead rows)."""
    n = len(raw["ids"])
    if n != expected:
        raise IndexDamaged(f"{folder}: {n:,} ids for {expected:,} candidates")
    if len(raw["ev_ptr"]) != n + 1:
        raise IndexDamaged(f"{folder}: evidence pointers do not match the ids")
    entries = int(raw["ev_ptr"][-1])
    for name in Segment.RAW[2:]:
        if len(raw[name]) != entries:
            raise IndexDamaged(f"{folder}: {name} holds {len(raw[name]):,} of {entries:,} entries")
    for name, value in columns.arrays().items():
        if value.shape[-1] != n:
            raise IndexDamaged(f"{folder}: column {name} holds {value.shape[-1]:,} of {n:,} rows")
    if len(postings.length) != n:
        raise IndexDamaged(f"{folder}: word counts for {len(postings.length):,} of {n:,} rows")
    words = int(postings.ptr[-1]) if len(postings.ptr) else 0
    if len(postings.row) != words or len(postings.tf) != words:
        raise IndexDamaged(f"{folder}: word postings hold {len(postings.row):,} of {words:,} entries")
