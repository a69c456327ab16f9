"""Ranked, explained shortlists: score every candidate of the index, keep the top k, explain only those.

The pass over all candidates is a handful of NumPy operations per criterion: a skill criterion adds its
coverage column (only the candidates whose evidence reaches the skill), a dense criterion (scale,
seniority, logistics, culture, leadership) is arithmetic over small columns. `np.argpartition` then
finds the top k, ties broken by candidate id so that a ranking never depends on how the index happens
to be segmented. Explanations, evidence snippets and counterfactuals are computed for those k alone.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from shortlist.engine.cv.titles import is_title_key
from shortlist.engine.matching import explain as wording
from shortlist.engine.matching.columns import Columns
from shortlist.engine.matching.index import CandidateIndex, ProfileLookup, Segment, Workspace
from shortlist.engine.matching.scoring import (
    CATEGORY_SIZE,
    COLUMN_KINDS,
    DYNAMIC_SIZE,
    IMPLIED,
    LEARNING_STRENGTH,
    LEXICAL_KINDS,
    MUST_PRESENT,
    RTW_OTHER_BIT,
    UNKNOWN,
    MustMode,
    RolePlan,
    apply_placement,
    band_weights,
    breakdown,
    categorical,
    category_table,
    combine,
    dense_value,
    gate_from_credit,
    lexical_at,
    lexical_rows,
    must_credit,
    must_share,
    placement_gate,
    plan_role,
    score_band,
    ungated,
    used,
    word_gate,
)

if TYPE_CHECKING:
    from shortlist.engine.roles.weighting import RoleProfile


@dataclass(frozen=True, slots=True)
class Match:
    rank: int
    candidate_id: int
    score: float  # 0-100
    breakdown: dict[str, float]  # component -> value in [0, 1]; "must_gate" is the must-have factor
    reasons: list[str]
    gaps: list[str]
    counterfactual: str | None
    summary: str
    band: str = ""  # "strong" | "good" | "partial" | "weak" (scoring.score_band); "" when not computed

    def as_dict(self) -> dict[str, object]:
        return {
            "rank": self.rank,
            "candidate_id": self.candidate_id,
            "score": self.score,
            "breakdown": dict(self.breakdown),
            "reasons": list(self.reasons),
            "gaps": list(self.gaps),
            "counterfactual": self.counterfactual,
            "summary": self.summary,
            "band": self.band,
        }


@dataclass(frozen=True, slots=True)
class Removed:
    """A candidate the must-have filter removed: one of the examples a shortlist shows."""

    candidate_id: int
    score: float  # what they would have scored
    why: tuple[str, ...]  # per must-have they fail: "Kafka only listed", "no Kafka evidence"


@dataclass(frozen=True, slots=True)
class FilterReport:
    """What the must-have filter did to a ranking, so a recruiter can see whom it cost and why."""

    mode: MustMode
    removed: int  # candidates at or above the cut-off that the filter removed
    missing: dict[str, int]  # must-have label -> how many of the removed lack it (in this mode)
    examples: tuple[Removed, ...]  # the best-scoring removed candidates, best first


@dataclass(frozen=True, slots=True)
class Ranking:
    matches: list[Match]
    filtered: FilterReport | None  # None when the must-have filter was off


@dataclass(frozen=True, slots=True)
class RoleFit:
    """How one candidate fits one of several roles (roles_for_candidate)."""

    rank: int
    role_index: int  # position in the list passed in
    title: str
    score: float
    breakdown: dict[str, float]
    reasons: list[str]
    gaps: list[str]
    summary: str
    band: str = ""  # as Match.band: what this score means for this role (scoring.score_band)


@dataclass(frozen=True, slots=True)
class Similar:
    rank: int
    candidate_id: int
    similarity: float  # cosine of the coverage vectors, in [0, 1]
    shared: tuple[str, ...]  # skills both have evidence of, strongest first


# --- the must-have filter ------------------------------------------------------------------------------


def plan_for(index: CandidateIndex, role: RoleProfile) -> RolePlan:
    """The role compiled against this index: its vocabularies and its pool's word statistics."""
    return plan_role(role, index.codes, index.reference_year, index.lexicon(), index.taxonomy)


def must_sources(index: CandidateIndex, plan: RolePlan) -> list[np.ndarray]:
    """Per must-have of the plan: a mask over skill codes of the evidence that covers it exactly or by
    implication (Django work covers Python), the routes the filter accepts in either mode."""
    expansion = index.expansion
    size = len(expansion.ptr) - 1
    source = np.repeat(np.arange(size), np.diff(expansion.ptr))
    masks = []
    for criterion in plan.must:
        mask = np.zeros(size, dtype=np.bool_)
        if criterion.column != UNKNOWN:
            chosen = (expansion.target == criterion.column) & (expansion.route <= IMPLIED)
            mask[source[chosen]] = True
        masks.append(mask)
    return masks


def _covering(mask: np.ndarray, skills: np.ndarray) -> np.ndarray:
    """mask[skills], for evidence whose skill code the expansion may not know yet (false)."""
    if len(skills) and int(skills.max()) >= len(mask):
        mask = np.concatenate([mask, np.zeros(int(skills.max()) + 1 - len(mask), dtype=np.bool_)])
    return mask[skills]


def must_held(
    segment: Segment, plan: RolePlan, mode: MustMode, sources: Sequence[np.ndarray]
) -> list[np.ndarray]:
    """Per must-have, per row of the segment: does the candidate have it in this mode's sense?"""
    n = len(segment)
    held = []
    if mode == MustMode.WORK:
        # One pass over the segment's evidence for up to 64 must-haves at once: each must-have is a bit,
        # an entry that shows use carries the bits of the must-haves it covers, and a row's bits are
        # the OR of its entries'.
        codes, top = segment.used_evidence()
        starts, empty = segment.ev_ptr[:-1], segment.ev_ptr[1:] == segment.ev_ptr[:-1]
        for first in range(0, len(sources), 64):
            chunk = sources[first : first + 64]
            kind = next(
                t for t in (np.uint8, np.uint16, np.uint32, np.uint64) if np.iinfo(t).bits >= len(chunk)
            )
            bits = np.zeros(max(len(chunk[0]), top + 1) + 1, dtype=kind)  # the last one: "not used"
            for position, mask in enumerate(chunk):
                bits[: len(mask)][mask] |= kind(1 << position)
            bits[top + 1 :] = 0
            row_bits = np.bitwise_or.reduceat(_gather(bits, codes), starts) if n else np.zeros(0, dtype=kind)
            row_bits[empty] = 0  # reduceat gives an empty run the value at its start
            held.extend((row_bits >> kind(position)) & kind(1) != 0 for position in range(len(chunk)))
        return held
    for criterion in plan.must:
        found = np.zeros(n, dtype=np.bool_)
        rows, values, routes = segment.column(criterion.column)
        found[rows[(values >= np.float32(MUST_PRESENT)) & (routes <= IMPLIED)]] = True
        held.append(found)
    return held


GATHER_CHUNK = 1 << 18  # evidence entries per np.take in _gather


def _gather(table: np.ndarray, codes: np.ndarray) -> np.ndarray:
    """table[codes] for int32 codes in range, in chunks: NumPy widens an int32 index to intp before
    gathering, and at 1M candidates the evidence's 16M codes would be a 130 MB temporary per query."""
    out = np.empty(len(codes), dtype=table.dtype)
    for start in range(0, len(codes), GATHER_CHUNK):
        end = start + GATHER_CHUNK
        np.take(table, codes[start:end], out=out[start:end], mode="clip")
    return out


def must_status(
    evidence: dict[str, np.ndarray], plan: RolePlan, sources: Sequence[np.ndarray], mode: MustMode
) -> list[str | None]:
    """Per must-have of one candidate: None when held in this mode, else why not, in a recruiter's words."""
    skills = evidence["skill"]
    usable = used(evidence["strength"], evidence["years"])
    found: list[str | None] = []
    for criterion, mask in zip(plan.must, sources, strict=True):
        covering = _covering(mask, skills)
        label = criterion.label
        shown = usable if mode == MustMode.WORK else evidence["value"] >= MUST_PRESENT
        if np.any(covering & shown):
            found.append(None)
        elif np.any(covering & (evidence["strength"] >= LEARNING_STRENGTH)):
            found.append(f"{label} only listed" if mode == MustMode.WORK else f"{label} only long ago")
        elif np.any(covering):
            found.append(f"{label}: only learning")
        else:
            found.append(f"no {label} evidence")
    return found


# --- scoring every candidate ---------------------------------------------------------------------------


def score_segment(segment: Segment, plan: RolePlan, must_have_filter: bool = False) -> np.ndarray:
    """The 0-100 score of every row; -1 for dead rows and, with the filter, rows lacking a must-have
    (the "anywhere" sense: match() applies either mode through must_held).

    The result lives in the segment's workspace: read it before scoring this segment again.
    """
    n = len(segment)
    work = segment.workspace()
    derived = segment.derived()
    total = work.get("total", np.float32, n)
    total.fill(0.0)
    credit = work.get("credit", np.float32, n) if plan.must else None
    if credit is not None:
        credit.fill(0.0)
    present = np.zeros(n, dtype=np.int16) if must_have_filter and plan.must else None
    lookup = [c for c in plan.criteria if categorical(c, plan)]
    if lookup:
        table = category_table(plan, lookup)
        part = work.get("part", np.float32, n)
        np.take(table, _category_index(segment, plan, work, derived["category"]), out=part, mode="clip")
        total += part
    # Scratch named by position, not by skill: roles naming other culture skills reuse the same arrays
    # instead of adding one per skill ever seen (4 MB each at 1M, kept for the process's life).
    culture = {
        skill: _dense(segment, code, work, f"culture:{number}")
        for number, (skill, code) in enumerate(plan.culture_columns)
    }
    words = None
    for criterion in plan.criteria:
        weight = np.float32(criterion.weight)
        if criterion.kind in LEXICAL_KINDS:
            target = total
            if ungated(criterion):
                words = target = work.get("words", np.float32, n)
                words.fill(0.0)
            for rows, values in lexical_rows(segment, plan, criterion):
                _add(target, rows, values, weight, work)
        elif criterion.kind in COLUMN_KINDS:
            rows, values, routes = segment.column(criterion.column)
            _add(total, rows, values, weight, work)
            if criterion.kind == "must" and credit is not None:
                _add(credit, rows, must_credit(values), must_share(plan, criterion), work)
                if present is not None:
                    held = (values >= np.float32(MUST_PRESENT)) & (routes <= IMPLIED)
                    present[rows[held]] += 1
        elif criterion not in lookup:
            coverage = None
            if criterion.kind == "leadership" and criterion.column != UNKNOWN:
                coverage = _dense(segment, criterion.column, work, "coverage")
            value = dense_value(criterion, segment.columns, plan, culture, coverage, derived)
            part = work.get("part", np.float32, n)
            np.multiply(value, weight, out=part)
            total += part
    if credit is not None:
        gate = gate_from_credit(credit, out=credit)
        total *= gate
        if words is not None:
            words *= word_gate(gate)
    if words is not None:
        total += words
    apply_placement(total, segment.columns, plan, derived["settled"])
    total *= np.float32(100.0)
    if segment.dead:
        total[~segment.alive] = -1.0
    if present is not None:
        total[present < len(plan.must)] = -1.0
    return total


def _add(
    target: np.ndarray, rows: np.ndarray, values: np.ndarray, weight: np.float32, work: Workspace
) -> None:
    """target[rows] += weight * values, through scratch arrays; rows are unique within a column."""
    m = len(rows)
    if m == 0:
        return
    scaled = work.get("scaled", np.float32, m)
    np.multiply(values, weight, out=scaled)
    gathered = work.get("gathered", np.float32, m)
    # mode="clip": the rows are in range by construction, and take buffers `out` in "raise" mode.
    np.take(target, rows, out=gathered, mode="clip")
    gathered += scaled
    target[rows] = gathered


assert np.iinfo(np.int16).max >= DYNAMIC_SIZE * CATEGORY_SIZE  # _category_index's int16 arithmetic


def _category_index(segment: Segment, plan: RolePlan, work: Workspace, static: np.ndarray) -> np.ndarray:
    """dynamic * CATEGORY_SIZE + static for every row (scoring.category_table's layout)."""
    n = len(segment)
    dynamic = _place_codes(segment, plan.country, plan.city)
    # The arithmetic in int16 (DYNAMIC_SIZE * CATEGORY_SIZE fits), widened once for np.take: int8 x intp
    # and intp += int16 each cast on the fly, several times slower than the same-type loops.
    narrow = work.get("index16", np.int16, n)
    np.multiply(dynamic, np.int16(CATEGORY_SIZE), out=narrow)
    np.add(narrow, static, out=narrow)
    index = work.get("index", np.intp, n)
    np.copyto(index, narrow)
    return index


PLACE_CACHE = 8  # places (role country, city) whose row codes a segment keeps: a megabyte each at 1M
_PLACE_LOCK = threading.Lock()


def _place_codes(segment: Segment, country: int, city: int) -> np.ndarray:
    """Per row: same country * 4 + same city * 2 + holds the right to work there (read-only, kept)."""
    key = (country, city)
    found = segment._places.get(key)
    if found is not None:
        return found
    columns = segment.columns
    dynamic = np.zeros(len(segment), dtype=np.int8)
    if country != UNKNOWN:
        dynamic += columns.country == country
    dynamic <<= 1
    if city != UNKNOWN:
        dynamic += columns.city == city
    dynamic <<= 1
    if country != UNKNOWN:
        dynamic += (columns.rtw & (np.uint64(1) << np.uint64(min(country, RTW_OTHER_BIT)))) != 0
    dynamic.flags.writeable = False
    with _PLACE_LOCK:
        while len(segment._places) >= PLACE_CACHE:
            segment._places.pop(next(iter(segment._places)))  # oldest first (insertion order)
        segment._places[key] = dynamic
    return dynamic


def _dense(segment: Segment, code: int, work: Workspace, name: str) -> np.ndarray:
    values = work.get(name, np.float32, len(segment))
    values.fill(0.0)
    rows, found, _ = segment.column(code)
    values[rows] = found
    return values


def criterion_values(segment: Segment, plan: RolePlan, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per criterion and row: the value score_segment used, and the coverage route (255: none)."""
    columns = segment.columns.take(rows)
    values = np.zeros((len(plan.criteria), len(rows)), dtype=np.float32)
    routes = np.full((len(plan.criteria), len(rows)), 255, dtype=np.uint8)
    culture = {skill: segment.coverage_at(code, rows)[0] for skill, code in plan.culture_columns}
    for position, criterion in enumerate(plan.criteria):
        if criterion.kind in LEXICAL_KINDS:
            values[position] = lexical_at(segment, plan, criterion, rows)
            continue
        if criterion.kind in COLUMN_KINDS:
            values[position], routes[position] = segment.coverage_at(criterion.column, rows)
            continue
        coverage = None
        if criterion.kind == "leadership" and criterion.column != UNKNOWN:
            coverage, routes[position] = segment.coverage_at(criterion.column, rows)
        values[position] = dense_value(criterion, columns, plan, culture, coverage)
    return values, routes


def _top_rows(
    segment: Segment, scores: np.ndarray, k: int, min_score: float, sparse: bool = False
) -> np.ndarray:
    """The rows of the k best scores at or above min_score, best first, ties by id (= row order).

    `sparse`: most rows are excluded (a filter), so select among the eligible ones first; argpartition
    over a million equal -1 scores is several times slower than the scoring itself.
    """
    floor = max(min_score, 0.0)
    candidates = np.flatnonzero(scores >= floor) if sparse else None
    pool = scores if candidates is None else scores[candidates]
    n = len(pool)
    k = min(k, n)
    if k <= 0:
        return np.zeros(0, dtype=np.int64)
    part = np.argpartition(pool, n - k)[n - k :]
    kth = pool[part].min()
    above = part[pool[part] > kth]
    # Which of several equal scores make the cut must not depend on argpartition's internals.
    ties = np.flatnonzero(pool == kth)[: k - len(above)]
    chosen = np.concatenate([above, ties])
    chosen = chosen[pool[chosen] >= floor]
    if candidates is not None:
        chosen = candidates[chosen]
    return chosen[np.lexsort((chosen, -scores[chosen]))]


@dataclass(frozen=True, slots=True)
class _Hit:
    score: float
    candidate_id: int
    segment: int
    row: int


@dataclass(frozen=True, slots=True)
class _Part:
    """One segment's share of a ranking: its best rows, and what the must-have filter did in it."""

    hits: tuple[tuple[float, int], ...]  # (score, row) of its top k, best first
    removed: int
    missing: tuple[int, ...]
    dropped: tuple[tuple[float, int], ...]  # (score, row) of its best removed candidates


class RankMemo:
    """What `rank` keeps between rankings of an index that changes, so that it redoes only what a
    change touched. A ranking is a merge of each segment's best rows (and filter counts), and a
    segment's share depends on its live rows, the role's plan and the options alone; an explanation
    on the plan, the row and its profile. So, keyed by the plan (which holds the pool's word
    statistics, lexical.coarse):

    - per segment and set of live rows (Segment.serial, dead): its `_Part`;
    - per row (Segment.rows_serial, row): its reasons, gaps and summary (explain.Told).

    A new candidate lands in a small new segment: the next ranking scores that segment, merges it
    with the kept parts, and explains only the rows it has not explained before. The result is the
    same as a ranking from scratch, by construction (tests/test_rankings_follow_changes_exactly.py).

    Bounded (least recently used out); thread-safe. `forget` drops what was told about candidates
    (an erased person's quoted CV must not be kept)."""

    def __init__(self, parts: int = 512, told: int = 5_000) -> None:
        self._parts: OrderedDict[tuple, _Part] = OrderedDict()
        self._told: OrderedDict[tuple, tuple[int, wording.Told]] = OrderedDict()
        self._told_of: dict[int, set[tuple]] = {}
        self._plans: dict[RolePlan, RolePlan] = {}
        # When each candidate was last forgotten (a count of `forget` calls): a ranking that began
        # before does not keep what it was told about them.
        self._forgotten: OrderedDict[int, int] = OrderedDict()
        self._epoch = 0
        self._lock = threading.Lock()
        self.max_parts, self.max_told = parts, told
        self.hits = self.misses = 0

    def plan(self, plan: RolePlan) -> RolePlan:
        """One instance per distinct plan, so that the many keys holding it share it."""
        with self._lock:
            if len(self._plans) > 1024:
                self._plans.clear()
            return self._plans.setdefault(plan, plan)

    def part(self, key: tuple) -> _Part | None:
        with self._lock:
            found = self._parts.get(key)
            if found is not None:
                self._parts.move_to_end(key)
                self.hits += 1
            else:
                self.misses += 1
            return found

    def keep_part(self, key: tuple, part: _Part) -> None:
        with self._lock:
            self._parts[key] = part
            while len(self._parts) > self.max_parts:
                self._parts.popitem(last=False)

    def told(self, key: tuple) -> wording.Told | None:
        with self._lock:
            found = self._told.get(key)
            if found is None:
                return None
            self._told.move_to_end(key)
            return found[1]

    @property
    def epoch(self) -> int:
        return self._epoch

    def keep_told(self, key: tuple, candidate_id: int, told: wording.Told, since: int) -> None:
        """Keep what a ranking begun at epoch `since` was told, unless the candidate changed since."""
        with self._lock:
            if self._forgotten.get(candidate_id, -1) >= since:
                return
            self._told[key] = (candidate_id, told)
            self._told_of.setdefault(candidate_id, set()).add(key)
            while len(self._told) > self.max_told:
                old, (owner, _) = self._told.popitem(last=False)
                self._told_of.get(owner, set()).discard(old)

    def forget(self, candidate_ids: Iterable[int]) -> None:
        """Drop everything told about these candidates (changed or removed)."""
        with self._lock:
            self._epoch += 1
            for candidate_id in candidate_ids:
                for key in self._told_of.pop(candidate_id, ()):
                    self._told.pop(key, None)
                self._forgotten[candidate_id] = self._epoch
                self._forgotten.move_to_end(candidate_id)
            while len(self._forgotten) > self.max_told:
                self._forgotten.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._parts.clear()
            self._told.clear()
            self._told_of.clear()
            self._plans.clear()


def _segment_part(
    segment: Segment,
    plan: RolePlan,
    mode: MustMode,
    sources: Sequence[np.ndarray],
    filtering: bool,
    top: int,
    min_score: float,
) -> _Part:
    scores = score_segment(segment, plan)
    removed = 0
    missing = [0] * len(plan.must)
    dropped: list[tuple[float, int]] = []
    if filtering:
        held = must_held(segment, plan, mode, sources)
        fails = ~np.logical_and.reduce(held) & (scores >= max(min_score, 0.0))
        removed = int(fails.sum())
        for position, found in enumerate(held):
            missing[position] = int((fails & ~found).sum())
        if fails.any():
            lost = np.where(fails, scores, np.float32(-1.0))
            for row in _top_rows(segment, lost, EXAMPLES, max(min_score, 0.0), sparse=True):
                dropped.append((float(lost[row]), int(row)))
            scores[fails] = -1.0
    sparse = filtering or min_score > 0 or segment.dead > len(segment) // 2
    hits = tuple((float(scores[row]), int(row)) for row in _top_rows(segment, scores, top, min_score, sparse))
    return _Part(hits, removed, tuple(missing), tuple(dropped))


def match(
    index: CandidateIndex,
    role: RoleProfile,
    top: int = 50,
    min_score: float = 0,
    must_have_filter: bool = False,
    explain: bool = True,
    profiles: ProfileLookup | None = None,
    must_mode: MustMode | str = MustMode.WORK,
) -> list[Match]:
    """The `top` best candidates for a role, best first; `rank` with the filter's report left out."""
    return rank(index, role, top, min_score, must_have_filter, explain, profiles, must_mode).matches


EXAMPLES = 3  # removed candidates a filter report names


def rank(
    index: CandidateIndex,
    role: RoleProfile,
    top: int = 50,
    min_score: float = 0,
    must_have_filter: bool = False,
    explain: bool = True,
    profiles: ProfileLookup | None = None,
    must_mode: MustMode | str = MustMode.WORK,
    memo: RankMemo | None = None,
) -> Ranking:
    """The `top` best candidates for a role, best first, each with breakdown, band, reasons and gaps.

    `must_have_filter` drops candidates lacking a must-have in `must_mode`'s sense (scoring.MustMode:
    used at work by default, or mentioned anywhere) and reports how many it removed and why; otherwise a
    missing must-have only costs (see scoring.py). `profiles` fetches a candidate's Profile for evidence
    snippets (default: the index's look-ups, batched when it has one); without one, reasons cite the
    index's facts only. With a `memo` (RankMemo), what an earlier ranking of the same plan computed
    for an unchanged segment or row is reused: the same result, for the cost of what changed.
    """
    mode = MustMode(must_mode)
    began = memo.epoch if memo is not None else 0
    plan = plan_for(index, role)
    sources = must_sources(index, plan)
    filtering = must_have_filter and bool(plan.must)
    segments = index.segments()
    hits: list[_Hit] = []
    removed = 0
    missing = [0] * len(plan.must)
    dropped: list[_Hit] = []
    if memo is not None:
        plan = memo.plan(plan)
    asked = (plan, top, min_score, filtering, mode)
    for number, segment in enumerate(segments):
        key = ("part", segment.serial, segment.dead, len(segment), asked)
        part = memo.part(key) if memo is not None else None
        if part is None:
            part = _segment_part(segment, plan, mode, sources, filtering, top, min_score)
            if memo is not None:
                memo.keep_part(key, part)
        removed += part.removed
        missing = [a + b for a, b in zip(missing, part.missing, strict=True)]
        ids = segment.ids
        dropped.extend(_Hit(score, int(ids[row]), number, row) for score, row in part.dropped)
        hits.extend(_Hit(score, int(ids[row]), number, row) for score, row in part.hits)
    report = None
    if filtering:
        dropped.sort(key=lambda hit: (-hit.score, hit.candidate_id))
        examples = tuple(
            Removed(
                hit.candidate_id,
                round(hit.score, 2),
                tuple(
                    why
                    for why in must_status(segments[hit.segment].evidence(hit.row), plan, sources, mode)
                    if why
                ),
            )
            for hit in dropped[:EXAMPLES]
        )
        lacking = {c.label: count for c, count in zip(plan.must, missing, strict=True) if count}
        report = FilterReport(mode, removed, lacking, examples)
    hits.sort(key=lambda hit: (-hit.score, hit.candidate_id))
    hits = hits[:top]
    if not hits:
        return Ranking([], report)
    values = np.zeros((len(plan.criteria), len(hits)), dtype=np.float32)
    routes = np.zeros((len(plan.criteria), len(hits)), dtype=np.uint8)
    parts, order = [], []
    for number, segment in enumerate(segments):
        positions = [i for i, hit in enumerate(hits) if hit.segment == number]
        if positions:
            rows = np.array([hits[i].row for i in positions], dtype=np.int64)
            values[:, positions], routes[:, positions] = criterion_values(segment, plan, rows)
            parts.append(segment.columns.take(rows))
            order.extend(positions)
    columns = Columns.concat(parts).take(np.argsort(np.array(order)))
    placement = placement_gate(columns, plan)
    _, gates = combine(plan, values, placement)
    scores = np.array([hit.score for hit in hits], dtype=np.float32)
    evidence = [segments[hit.segment].evidence(hit.row) for hit in hits]
    if explain:
        kept = memo if profiles is None else None  # a caller's own look-up may differ: not kept
        told = _explained(
            index, plan, hits, segments, columns, evidence, values, routes, scores, profiles, kept, began
        )
        counterfactuals = wording.counterfactuals(plan, index, values, scores, placement)
    else:
        told, counterfactuals = [], {}
    weights = band_weights(plan)
    results = []
    for position, hit in enumerate(hits):
        said = told[position] if told else None
        earned = float(weights @ values[:, position].astype(np.float64))
        # Bands always ask for work evidence of every must-have, whatever the filter's mode.
        musts_used = not any(must_status(evidence[position], plan, sources, MustMode.WORK))
        results.append(
            Match(
                rank=position + 1,
                candidate_id=hit.candidate_id,
                score=round(hit.score, 2),
                breakdown=breakdown(
                    plan, values[:, position], float(gates[position]), float(placement[position])
                ),
                reasons=said.reasons if said else [],
                gaps=said.gaps if said else [],
                counterfactual=counterfactuals.get(position),
                summary=said.summary if said else "",
                band=score_band(earned, musts_used, float(placement[position]) >= 1.0),
            )
        )
    return Ranking(results, report)


def _explained(
    index: CandidateIndex,
    plan: RolePlan,
    hits: Sequence[_Hit],
    segments: Sequence[Segment],
    columns: Columns,
    evidence: Sequence[dict[str, np.ndarray]],
    values: np.ndarray,
    routes: np.ndarray,
    scores: np.ndarray,
    profiles: ProfileLookup | None,
    memo: RankMemo | None,
    began: int,
) -> list[wording.Told]:
    """Reasons, gaps and summary of each hit: those a memo holds for the row under this plan, the
    others explained now with their profiles (fetched in one batch)."""
    keys = [("told", plan, segments[hit.segment].rows_serial, hit.row) for hit in hits]
    told: list[wording.Told | None] = [memo.told(key) if memo is not None else None for key in keys]
    todo = [position for position, found in enumerate(told) if found is None]
    if todo:
        ids = [hits[position].candidate_id for position in todo]
        fetched = [profiles(i) for i in ids] if profiles else index.profiles(ids)
        chosen = np.array(todo, dtype=np.int64)
        new = wording.explain_all(
            plan,
            index,
            columns.take(chosen),
            [evidence[position] for position in todo],
            values[:, chosen],
            routes[:, chosen],
            scores[chosen],
            fetched,
        )
        for position, found in zip(todo, new, strict=True):
            told[position] = found
            if memo is not None:
                memo.keep_told(keys[position], hits[position].candidate_id, found, began)
    return [found for found in told if found is not None]


# --- around one candidate ------------------------------------------------------------------------------


def roles_for_candidate(
    index: CandidateIndex,
    candidate_id: int,
    roles: Sequence[RoleProfile],
    profiles: ProfileLookup | None = None,
) -> list[RoleFit]:
    """How one candidate scores against each role, best fit first (ties: the order given)."""
    found = index.locate(int(candidate_id))
    if found is None:
        raise KeyError(f"candidate {candidate_id} is not in the index")
    segment, row = found
    lookup = profiles or index.profile_lookup
    profile = lookup(int(candidate_id)) if lookup else None
    rows = np.array([row], dtype=np.int64)
    columns = segment.columns.take(rows)
    evidence = [segment.evidence(row)]
    fits = []
    for position, role in enumerate(roles):
        plan = plan_for(index, role)
        values, routes = criterion_values(segment, plan, rows)
        placement = placement_gate(columns, plan)
        scores, gates = combine(plan, values, placement)
        told = wording.explain_all(plan, index, columns, evidence, values, routes, scores.tolist(), [profile])
        parts = breakdown(plan, values[:, 0], float(gates[0]), float(placement[0]))
        # The same band as the role's shortlist gives this candidate (rank() above).
        earned = float(band_weights(plan) @ values[:, 0].astype(np.float64))
        musts_used = not any(must_status(evidence[0], plan, must_sources(index, plan), MustMode.WORK))
        band = score_band(earned, musts_used, float(placement[0]) >= 1.0)
        fits.append((position, role.spec.title, round(float(scores[0]), 2), parts, told[0], band))
    fits.sort(key=lambda fit: (-fit[2], fit[0]))
    return [
        RoleFit(rank, position, title, score, parts, told.reasons, told.gaps, told.summary, band)
        for rank, (position, title, score, parts, told, band) in enumerate(fits, start=1)
    ]


def similar_candidates(index: CandidateIndex, candidate_id: int, top: int = 10) -> list[Similar]:
    """Candidates whose evidence looks most alike: cosine over coverage vectors (exact, implied, related)."""
    found = index.locate(int(candidate_id))
    if found is None:
        raise KeyError(f"candidate {candidate_id} is not in the index")
    home, row = found
    vector = _coverage_vector(index, home, row)
    norm = float(np.sqrt(sum(v * v for v in vector.values())))
    hits: list[tuple[float, int, int, int]] = []
    segments = index.segments()
    if norm == 0:
        return []
    for number, segment in enumerate(segments):
        dots = np.zeros(len(segment), dtype=np.float32)
        for code, weight in vector.items():
            rows, values, _ = segment.column(code)
            dots[rows] += np.float32(weight) * values
        with np.errstate(divide="ignore", invalid="ignore"):
            cosine = np.where(segment.norms > 0, dots / (segment.norms * np.float32(norm)), 0.0)
        cosine = np.minimum(cosine, 1.0).astype(np.float32)
        if segment.dead:
            cosine[~segment.alive] = -1.0
        if segment is home:
            cosine[row] = -1.0
        for best in _top_rows(segment, cosine, top, 1e-6):
            hits.append((float(cosine[best]), int(segment.ids[best]), number, int(best)))
    hits.sort(key=lambda hit: (-hit[0], hit[1]))
    own = set(_strong_skills(index, home, row))
    results = []
    for rank, (similarity, other_id, number, other_row) in enumerate(hits[:top], start=1):
        theirs = _strong_skills(index, segments[number], other_row)
        shared = tuple(index.skill_name(code) for code in theirs if code in own)
        results.append(Similar(rank, other_id, round(similarity, 4), shared))
    return results


def _coverage_vector(index: CandidateIndex, segment: Segment, row: int) -> dict[int, float]:
    """The candidate's coverage row, rebuilt from its evidence exactly as the index derives it."""
    expansion = index.expansion
    vector: dict[int, float] = {}
    evidence = segment.evidence(row)
    for code, value in zip(evidence["skill"].tolist(), evidence["value"].tolist(), strict=True):
        start, end = int(expansion.ptr[code]), int(expansion.ptr[code + 1])
        for target, factor in zip(
            expansion.target[start:end].tolist(), expansion.factor[start:end].tolist(), strict=True
        ):
            vector[target] = max(vector.get(target, 0.0), value * factor)
    return vector


def _strong_skills(index: CandidateIndex, segment: Segment, row: int) -> list[int]:
    evidence = segment.evidence(row)
    order = np.argsort(-evidence["value"], kind="stable")
    skills = index.codes.skills
    # Title units (titles.py) count towards similarity but are not skills two people share.
    return [
        int(evidence["skill"][i])
        for i in order
        if evidence["value"][i] > 0 and not is_title_key(skills[evidence["skill"][i]])
    ]
