"""Boolean search over the stored pool: the query language lives in shortlist.engine.search."""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Callable, Iterator, Sequence
from functools import reduce

import numpy as np
from django.db.models import Exists, OuterRef, Q, QuerySet

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateSkill, Experience
from shortlist.candidates.pool import iter_profiles
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.matching import lexical
from shortlist.engine.matching.columns import UNKNOWN
from shortlist.engine.matching.index import CandidateIndex, Segment
from shortlist.engine.matching.search import Query, parse_query, relevance_many
from shortlist.engine.vocab.enums import WorkMode
from shortlist.engine.vocab.profile import Profile


def search_candidates(text: str, limit: int = 50) -> tuple[Query, list[int]]:
    """Ids of the first `limit` matching candidates (by id). Raises QueryError for a malformed query.

    Required skills are checked in SQL first (one EXISTS per skill, counting skills that imply it),
    so the Python evaluation only sees plausible candidates.
    """
    query = parse_query(text, workspace_taxonomy())
    rows = Candidate.objects.all()
    for stored in query.skill_prefilter():
        evidence = CandidateSkill.objects.filter(candidate=OuterRef("pk"), skill__in=stored, strength__gt=0)
        rows = rows.filter(Exists(evidence))
    found: list[int] = []
    for candidate_id, profile in _profiles_by_id(rows, first=2 * limit):
        if query.matches(profile):
            found.append(candidate_id)
            if len(found) >= limit:
                break
    return query, found


def _profiles_by_id(rows: QuerySet[Candidate], first: int, most: int = 2000) -> Iterator[tuple[int, Profile]]:
    """The rows' profiles in id order, read in batches that start small and double: a query that
    matches often stops after one small batch instead of building 2,000 profiles (benchmarks/
    workspace_pages.py: /api/v1/candidates/search at 100,000 candidates)."""
    after, size = 0, max(1, first)
    while True:
        ids = list(rows.filter(pk__gt=after).order_by("id").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield from iter_profiles(Candidate.objects.filter(pk__in=ids), chunk_size=len(ids))
        after, size = ids[-1], min(2 * size, most)


# --- the candidates page: every match, ordered by relevance ----------------------------------------------

CHUNK = 2000  # candidates read per round of queries


class _SqlFilter:
    """A query as one Django filter (engine QueryVisitor), term for term what Query.matches decides:
    skills as EXISTS over stored evidence (counting the skills that imply one), words as whole-word,
    case-insensitive regular expressions (the pattern Python and PostgreSQL share), levels, years and
    preferences as columns, a location as the stored (city, country) pairs the engine accepts.
    Django's negation keeps NULLs in ("NOT years:>=5" finds an unknown), as the engine does."""

    def all_of(self, parts: Sequence[Q]) -> Q:
        return reduce(operator.and_, parts)

    def any_of(self, parts: Sequence[Q]) -> Q:
        return reduce(operator.or_, parts)

    def negate(self, part: Q) -> Q:
        return ~part

    def skill(self, satisfied_by: frozenset[str]) -> Q:
        return Q(Exists(_evidence(satisfied_by)))

    def last_used(self, satisfied_by: frozenset[str], op: str, year: int) -> Q:
        # The latest year among the satisfying skills, compared: said with EXISTS alone.
        dated = _evidence(satisfied_by).filter(last_used__isnull=False)

        def some(**lookup: int) -> Q:
            return Q(Exists(dated.filter(**lookup)))

        return {
            ">=": some(last_used__gte=year),
            ">": some(last_used__gt=year),
            "<=": Q(Exists(dated)) & ~some(last_used__gt=year),
            "<": Q(Exists(dated)) & ~some(last_used__gte=year),
            "=": some(last_used=year) & ~some(last_used__gt=year),
        }[op]

    def words(self, field: str, pattern: str) -> Q:
        jobs = Experience.objects.filter(candidate=OuterRef("pk"))
        if field == "name":
            return Q(name__iregex=pattern)
        if field == "title":
            return Q(headline__iregex=pattern) | Q(Exists(jobs.filter(title__iregex=pattern)))
        if field == "company":
            return Q(Exists(jobs.filter(employer__iregex=pattern)))
        return Q(raw_text__iregex=pattern)

    def seniority(self, levels: frozenset[str]) -> Q:
        return Q(seniority__in=sorted(levels))

    def years(self, op: str, years: float) -> Q:
        if op == "=":
            return Q(total_years__gte=years, total_years__lt=years + 1)
        lookup = {">=": "gte", ">": "gt", "<=": "lte", "<": "lt"}[op]
        return Q(**{f"total_years__{lookup}": years})

    def preference(self, field: str, wanted: bool) -> Q:
        if field == "remote":
            remote = Q(work_mode=WorkMode.REMOTE.value)
            return remote if wanted else ~remote & ~Q(work_mode="")
        return Q(open_to_relocation=wanted)

    def location(self, accepts: Callable[[str, str], bool]) -> Q:
        # The engine decides each distinct stored (city, country) once (gazetteer, spellings); the
        # database then takes the accepted pairs, grouped by country.
        cities: dict[str, list[str]] = defaultdict(list)
        pairs = Candidate.objects.order_by().values_list("city", "country").distinct()
        for city, country in pairs:
            if accepts(city, country):
                cities[country].append(city)
        found = [Q(country=country, city__in=sorted(names)) for country, names in sorted(cities.items())]
        return reduce(operator.or_, found) if found else Q(pk__in=[])


def _evidence(satisfied_by: frozenset[str]) -> QuerySet[CandidateSkill]:
    return CandidateSkill.objects.filter(
        candidate=OuterRef("pk"), skill__in=sorted(satisfied_by), strength__gt=0
    )


def matching(rows: QuerySet[Candidate], query: Query) -> QuerySet[Candidate]:
    """The rows matching the query, as one filtered QuerySet (every term translates to SQL; should a
    future term not, its rows are decided by Query.matches over the full profiles, slowly)."""
    condition = query.translate(_SqlFilter())
    if condition is None:
        return rows.filter(pk__in=[cid for cid, profile in iter_profiles(rows) if query.matches(profile)])
    # The substring test first: LIKE is cheap where a regular expression per CV is not (SQLite runs
    # Python's re for REGEXP), and it rules out most rows for a name or a rare word.
    for word in sorted(query.required_words()):
        rows = rows.filter(raw_text__icontains=word)
    return rows.filter(condition)


def _word_values(
    index: CandidateIndex, ids: list[int], words: Sequence[tuple[str, tuple[str, ...]]]
) -> dict[int, list[tuple[float, float]]]:
    """(idf, sat) per words term for each id, from the published index's BM25 postings (lexical.py);
    an id the index does not hold yet gets none (it ranks on its skills alone until published)."""
    if not words or not ids:
        return {}
    lexicon = index.lexicon()
    phrases = [p for _, term in words if (p := lexicon.phrase(" ".join(term), [" ".join(term)])) is not None]
    found: dict[int, list[tuple[float, float]]] = defaultdict(list)
    if not phrases:
        return found
    wanted = np.asarray(sorted(ids), dtype=np.int64)
    for segment in index.segments():
        rows, hit_ids = _located(segment, wanted)
        for phrase in phrases:
            values = lexical.values_at(segment.lexical, phrase, lexicon.average_length, rows)
            for cid, value in zip(hit_ids.tolist(), values.tolist(), strict=True):
                found[cid].append((phrase.idf, value))
    return found


def _located(segment: Segment, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, ids) of the wanted ids (ascending) that this segment holds alive."""
    if not len(segment.ids):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    position = np.minimum(np.searchsorted(segment.ids, wanted), len(segment.ids) - 1)
    hit = (segment.ids[position] == wanted) & segment.alive[position]
    return position[hit], wanted[hit]


def _index_evidence(
    index: CandidateIndex, ids: list[int], skills: Sequence[str]
) -> Iterator[tuple[int, str, float, int | None, float]]:
    """(id, skill, strength, last used, years) of the ids' positive evidence for these skills, read
    from the index's evidence arrays (the same rows the database holds, without a query)."""
    codes = {index.codes.code("skills", skill, add=False): skill for skill in skills}
    codes.pop(UNKNOWN, None)
    if not codes or not ids:
        return
    wanted, code_array = np.asarray(sorted(ids), dtype=np.int64), np.asarray(sorted(codes), dtype=np.int64)
    for segment in index.segments():
        rows, row_ids = _located(segment, wanted)
        starts, ends = segment.ev_ptr[rows], segment.ev_ptr[rows + 1]
        counts = (ends - starts).astype(np.int64)
        if not counts.sum():
            continue
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        entries = np.repeat(starts, counts) + offsets
        owners = np.repeat(row_ids, counts)
        keep = np.isin(segment.ev_skill[entries], code_array) & (segment.ev_strength[entries] > 0)
        entries, owners = entries[keep], owners[keep]
        for owner, code, strength, last, years in zip(
            owners.tolist(),
            segment.ev_skill[entries].tolist(),
            segment.ev_strength[entries].tolist(),
            segment.ev_last[entries].tolist(),
            segment.ev_years[entries].tolist(),
            strict=True,
        ):
            yield owner, codes[code], strength, (last or None), years


def ranked_matches(rows: QuerySet[Candidate], query: Query, today_year: int) -> list[int]:
    """Ids of every row matching the query, most relevant first (engine.matching.search.relevance:
    evidence strength and recency of the matched skills, BM25 of the words), ties by name then id so a
    page never reshuffles. One query for the matches; the scores read the pool index's evidence arrays and
    BM25 postings."""
    names = dict(matching(rows, query).order_by().values_list("id", "name"))
    skills, words = query.positive_terms()
    index = pool.pool_index() if names and (skills or words) else None
    wanted = sorted(frozenset().union(*skills))
    stored = _index_evidence(index, list(names), wanted) if index is not None else iter(())
    values = _word_values(index, list(names), words) if index is not None else {}
    scores = relevance_many(skills, stored, today_year, values, names)
    scored = sorted((-score, names[cid], cid) for cid, score in scores.items())
    return [cid for _, _, cid in scored]
