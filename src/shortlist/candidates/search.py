"""Boolean search over the stored pool: the query language lives in shortlist.engine.search."""

from __future__ import annotations

import operator
from collections import defaultdict
from collections.abc import Iterator, Sequence
from functools import reduce

import numpy as np
from django.db.models import Exists, OuterRef, Q, QuerySet

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateSkill, Experience
from shortlist.candidates.pool import iter_profiles
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.matching import lexical
from shortlist.engine.matching.search import Query, parse_query, relevance
from shortlist.engine.vocab.enums import Seniority, WorkMode
from shortlist.engine.vocab.profile import Contact, Job, Preferences, Profile, SkillEvidence


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
    for candidate_id, profile in iter_profiles(rows):
        if query.matches(profile):
            found.append(candidate_id)
            if len(found) >= limit:
                break
    return query, found


# --- the candidates page: every match, ordered by relevance ----------------------------------------------

CHUNK = 2000  # candidates read per round of queries


def _search_profiles(rows: QuerySet[Candidate], with_text: bool) -> Iterator[tuple[int, Profile]]:
    """Profiles carrying only what a query reads (contact, headline, levels, preferences, skills with
    their strength and last use, job titles and employers, the CV text when asked): three queries per
    CHUNK candidates instead of the full profile's, which also loads every evidence snippet."""
    fields = ["id", "name", "city", "country", "headline", "seniority", "total_years", "work_mode"]
    fields += ["open_to_relocation", "source", *(["raw_text"] if with_text else [])]
    ids = list(rows.order_by("id").values_list("id", flat=True))
    for start in range(0, len(ids), CHUNK):
        chunk = ids[start : start + CHUNK]
        skills: dict[int, list[SkillEvidence]] = defaultdict(list)
        for cid, skill, strength, last_used in CandidateSkill.objects.filter(
            candidate_id__in=chunk, strength__gt=0
        ).values_list("candidate_id", "skill", "strength", "last_used"):
            skills[cid].append(SkillEvidence(skill, last_used=last_used, strength=strength))
        jobs: dict[int, list[Job]] = defaultdict(list)
        for cid, employer, title in Experience.objects.filter(candidate_id__in=chunk).values_list(
            "candidate_id", "employer", "title"
        ):
            jobs[cid].append(Job(employer, title, None, None))
        for row in Candidate.objects.filter(pk__in=chunk).order_by("id").values(*fields):
            cid = row["id"]
            yield (
                cid,
                Profile(
                    source=row["source"],
                    text=row.get("raw_text", ""),
                    content_hash="",
                    contact=Contact(name=row["name"], city=row["city"], country=row["country"]),
                    headline=row["headline"],
                    jobs=jobs.get(cid, []),
                    skills=skills.get(cid, []),
                    total_years=row["total_years"],
                    seniority=Seniority(row["seniority"]) if row["seniority"] else None,
                    preferences=Preferences(
                        work_mode=WorkMode(row["work_mode"]) if row["work_mode"] else None,
                        open_to_relocation=row["open_to_relocation"],
                    ),
                ),
            )


def prefiltered(rows: QuerySet[Candidate], query: Query) -> QuerySet[Candidate]:
    """Rows that can match: every required skill stored (or one implying it), every required word
    somewhere in the CV text. Both are necessary conditions; Query.matches decides."""
    for stored in query.skill_prefilter():
        evidence = CandidateSkill.objects.filter(candidate=OuterRef("pk"), skill__in=stored, strength__gt=0)
        rows = rows.filter(Exists(evidence))
    for word in sorted(query.required_words()):
        rows = rows.filter(raw_text__icontains=word)
    return rows


class _SqlFilter:
    """A query as one Django filter (engine QueryVisitor), term for term what Query.matches decides:
    skills as EXISTS over stored evidence (counting the skills that imply one), words as whole-word,
    case-insensitive regular expressions (the pattern Python and PostgreSQL share), levels, years and
    preferences as columns. Django's negation keeps NULLs in ("NOT years:>=5" finds an unknown), as
    the engine does. A location needs the gazetteer, so it has no translation: None."""

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

    def location(self, city_key: str, country: str) -> None:
        return None


def _evidence(satisfied_by: frozenset[str]) -> QuerySet[CandidateSkill]:
    return CandidateSkill.objects.filter(
        candidate=OuterRef("pk"), skill__in=sorted(satisfied_by), strength__gt=0
    )


def matching(rows: QuerySet[Candidate], query: Query) -> QuerySet[Candidate] | list[int]:
    """The rows matching the query: one filtered QuerySet when the whole query translates to SQL,
    else the ids of the pre-filtered rows that Query.matches accepts (a location term)."""
    condition = query.translate(_SqlFilter())
    if condition is not None:
        # The substring test first: LIKE is cheap where a regular expression per CV is not (SQLite runs
        # Python's re for REGEXP), and it rules out most rows for a name or a rare word.
        for word in sorted(query.required_words()):
            rows = rows.filter(raw_text__icontains=word)
        return rows.filter(condition)
    narrowed = prefiltered(rows, query)
    return [cid for cid, profile in _search_profiles(narrowed, query.reads_text()) if query.matches(profile)]


def _word_values(
    ids: list[int], words: Sequence[tuple[str, tuple[str, ...]]]
) -> dict[int, list[tuple[float, float]]]:
    """(idf, sat) per words term for each id, from the published index's BM25 postings (lexical.py);
    an id the index does not hold yet gets none (it ranks on its skills alone until published)."""
    if not words or not ids:
        return {}
    index = pool.pool_index()
    lexicon = index.lexicon()
    phrases = [p for _, term in words if (p := lexicon.phrase(" ".join(term), [" ".join(term)])) is not None]
    found: dict[int, list[tuple[float, float]]] = defaultdict(list)
    if not phrases:
        return found
    wanted = np.asarray(sorted(ids), dtype=np.int64)
    for segment in index.segments():
        position = np.minimum(np.searchsorted(segment.ids, wanted), max(len(segment.ids) - 1, 0))
        if not len(segment.ids):
            continue
        hit = (segment.ids[position] == wanted) & segment.alive[position]
        rows, hit_ids = position[hit], wanted[hit]
        for phrase in phrases:
            values = lexical.values_at(segment.lexical, phrase, lexicon.average_length, rows)
            for cid, value in zip(hit_ids.tolist(), values.tolist(), strict=True):
                found[cid].append((phrase.idf, value))
    return found


def ranked_matches(rows: QuerySet[Candidate], query: Query, today_year: int) -> list[int]:
    """Ids of every row matching the query, most relevant first (engine.matching.search.relevance:
    evidence strength and recency of the matched skills, BM25 of the words), ties by name then id so a
    page never reshuffles. Two or three queries whatever the pool's size, plus the index's postings."""
    found = matching(rows, query)
    matched = Candidate.objects.filter(pk__in=found) if isinstance(found, list) else found
    names = dict(matched.order_by().values_list("id", "name"))
    skills, words = query.positive_terms()
    evidence: dict[int, dict[str, tuple[float, int | None, float]]] = defaultdict(dict)
    wanted = sorted(frozenset().union(*skills))
    if wanted and names:
        # By skill (indexed) and kept in Python: cheaper than joining back to the matches.
        stored = CandidateSkill.objects.filter(skill__in=wanted, strength__gt=0).values_list(
            "candidate_id", "skill", "strength", "last_used", "years"
        )
        for cid, skill, strength, last_used, years in stored.iterator(chunk_size=5000):
            if cid in names:
                evidence[cid][skill] = (strength, last_used, years)
    values = _word_values(list(names), words)
    scored = sorted(
        (-relevance(skills, evidence.get(cid, {}), today_year, values.get(cid, ())), name, cid)
        for cid, name in names.items()
    )
    return [cid for _, _, cid in scored]
