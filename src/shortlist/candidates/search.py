"""Boolean search over the stored pool: the query language lives in shortlist.engine.search."""

from __future__ import annotations

import bisect
import itertools
import operator
import re
import threading
from collections import OrderedDict, defaultdict
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import lru_cache, reduce
from typing import Any

import numpy as np
from django.core.exceptions import EmptyResultSet
from django.db import connection, connections, transaction
from django.db.models import BooleanField, CharField, Exists, F, Func, OuterRef, Q, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.functions import Collate

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateSkill, Experience
from shortlist.candidates.pool import iter_profiles
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.matching import lexical
from shortlist.engine.matching.columns import UNKNOWN
from shortlist.engine.matching.index import CandidateIndex, Segment
from shortlist.engine.matching.search import Query, parse_query, relevance_array, word_pattern
from shortlist.engine.vocab.enums import WorkMode
from shortlist.engine.vocab.profile import Profile


def search_candidates(text: str, limit: int = 50) -> tuple[Query, list[int]]:
    """Ids of the first `limit` matching candidates (by id). Raises QueryError for a malformed query.

    Required skills are checked in SQL first (one EXISTS per skill, counting skills that imply it),
    and so are the words every match has in its CV text, through the full-text index (text_words:
    each word of a whole-word phrase is itself a whole word), so the Python evaluation only sees
    plausible candidates: a word nobody has costs one index lookup instead of building every profile.
    """
    query = parse_query(text, workspace_taxonomy())
    rows = Candidate.objects.all()
    for stored in query.skill_prefilter():
        evidence = CandidateSkill.objects.filter(candidate=OuterRef("pk"), skill__in=stored, strength__gt=0)
        rows = rows.filter(Exists(evidence))
    for word in sorted(query.required_words()):
        rows = rows.filter(text_words((word,)))
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


_NOWHERE = Q(pk__in=[])  # no stored place is accepted


class _SqlFilter:
    """A query as one Django filter (engine QueryVisitor), term for term what Query.matches decides:
    skills as EXISTS over stored evidence (counting the skills that imply one), words as whole-word,
    case-insensitive regular expressions (the pattern Python and PostgreSQL share; CV words looked up
    in the full-text index first, see text_words), levels, years and
    preferences as columns, a location as the stored (city, country) pairs the engine accepts.
    Django's negation keeps NULLs in ("NOT years:>=5" finds an unknown), as the engine does."""

    def all_of(self, parts: Sequence[Q]) -> Q:
        return reduce(operator.and_, parts)

    def any_of(self, parts: Sequence[Q]) -> Q:
        return reduce(operator.or_, parts)

    def negate(self, part: Q) -> Q:
        return ~part

    def skill(self, satisfied_by: frozenset[str]) -> Q:
        return _held(_evidence(satisfied_by))

    def last_used(self, satisfied_by: frozenset[str], op: str, year: int) -> Q:
        # The latest year among the satisfying skills, compared: said with EXISTS alone.
        dated = _evidence(satisfied_by).filter(last_used__isnull=False)

        def some(**lookup: int) -> Q:
            return _held(dated.filter(**lookup))

        return {
            ">=": some(last_used__gte=year),
            ">": some(last_used__gt=year),
            "<=": _held(dated) & ~some(last_used__gt=year),
            "<": _held(dated) & ~some(last_used__gte=year),
            "=": some(last_used=year) & ~some(last_used__gt=year),
        }[op]

    def words(self, field: str, words: tuple[str, ...]) -> Q:
        pattern = word_pattern(words)
        jobs = Experience.objects.filter(candidate=OuterRef("pk"))
        if field == "name":
            return Q(name__iregex=pattern)
        if field == "title":
            return Q(headline__iregex=pattern) | Q(Exists(jobs.filter(title__iregex=pattern)))
        if field == "company":
            return Q(Exists(jobs.filter(employer__iregex=pattern)))
        return text_words(words)

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
        return reduce(operator.or_, found) if found else _NOWHERE


def _evidence(satisfied_by: frozenset[str]) -> QuerySet[CandidateSkill]:
    return CandidateSkill.objects.filter(skill__in=sorted(satisfied_by), strength__gt=0)


def _held(evidence: QuerySet[CandidateSkill]) -> Q:
    """The candidates with some of this evidence: "id IN (its candidate ids)", read from the covering
    (skill, candidate, strength, last used) index once per query, where a correlated EXISTS probed it
    once per candidate and skill (3x slower for `python` at 100,000). candidate_id is never NULL, so
    NOT IN is NOT EXISTS."""
    return Q(pk__in=evidence.values("candidate_id"))


def matching(rows: QuerySet[Candidate], query: Query) -> QuerySet[Candidate]:
    """The rows matching the query, as one filtered QuerySet (every term translates to SQL; should a
    future term not, its rows are decided by Query.matches over the full profiles, slowly)."""
    condition = query.translate(_SqlFilter())
    if condition is None:
        return rows.filter(pk__in=[cid for cid, profile in iter_profiles(rows) if query.matches(profile)])
    return rows.filter(condition)


# --- CV words through the full-text index (migration candidates/0012) ------------------------------------

FTS_TABLE = "candidates_candidate_text"  # SQLite: FTS5 over the candidate table's raw_text
# PostgreSQL: the words of raw_text as a stored, GIN-indexed tsvector column (migrations 0012 and 0014):
# to_tsvector('simple', raw_text with every non-alphanumeric run made a space).
PG_VECTOR_COLUMN = "text_vector"
PG_QUERY = "plainto_tsquery('simple'::regconfig, regexp_replace(%s, '[^[:alnum:]]+', ' ', 'g'))"
_PLAIN_WORD = re.compile(r"[a-z0-9_]+")
# PostgreSQL: a word of ASCII letters and digits, short enough to be one of the vector's words.
_PG_PLAIN_WORD = re.compile(r"[a-z0-9]{1,100}")
# The texts whose vector may disagree with the rule (see migration candidates/0016, whose partial
# index this condition must repeat to the letter for the planner to use it).
PG_ODD_TEXT = r"[_\u0130\u212a\u017f\u0131]|[0-9][eE][0-9]"
PG_ODD_ROWS = f"SELECT id FROM candidates_candidate WHERE raw_text ~ '{PG_ODD_TEXT}'"
_ASCII_ALNUM = re.compile(r"[a-z0-9]")
# PostgreSQL: the same vectors in a narrow table of their own (migration 0017), for reading many ids.
PG_WORDS_TABLE = "candidates_candidate_words"
# PostgreSQL: a phrase of plain words as adjacent words of the vector (word_pattern's rule).
PG_PHRASE = "phraseto_tsquery('simple'::regconfig, %s)"
# PostgreSQL: each CV's adjacent pairs of the vector's words, "a b" (migration 0019): a pair lexeme is
# `a <-> b` without reading the vector. A CV with too many pairs has none (NULL): its vector decides.
PG_PAIRS_TABLE = "candidates_candidate_pairs"
# The rows where a phrase is decided by the rule itself, whatever the vector says (0019's `unsure`,
# written with the text): the odd rows, the vectors whose positions may not say which words are
# adjacent (255 positions of a word, none past 16,383: 0018), and a word too long for the vector.
PG_PHRASE_UNSURE_ROWS = f"SELECT id FROM {PG_PAIRS_TABLE} WHERE unsure"
PG_PAIRED_ROWS = (
    f"SELECT id FROM {PG_PAIRS_TABLE} WHERE pairs @@ %s::tsquery UNION ALL SELECT id FROM {PG_WORDS_TABLE} "
    f"WHERE id IN (SELECT id FROM {PG_PAIRS_TABLE} WHERE pairs IS NULL) AND text_vector @@ {PG_PHRASE}"
)


class _PgTextMatch(Func):
    """`raw_text` whose indexed words include every word of the text (PostgreSQL, GIN index)."""

    output_field = BooleanField()

    def __init__(self, text: str, phrase: bool = False) -> None:
        super().__init__(F("raw_text"))
        self.text = text
        self.phrase = phrase  # the words adjacent, in order (plain words only: PG_PHRASE)

    def as_sql(self, compiler: Any, connection: Any, **extra: Any) -> tuple[str, list[Any]]:
        column, params = compiler.compile(self.source_expressions[0])  # '"<table or alias>"."raw_text"'
        vector = column.removesuffix(connection.ops.quote_name("raw_text")) + connection.ops.quote_name(
            PG_VECTOR_COLUMN
        )
        return f"{vector} @@ {PG_PHRASE if self.phrase else PG_QUERY}", [*params, self.text]


def text_words(words: tuple[str, ...]) -> Q:
    """Candidates whose CV text holds the words as a whole-word phrase (word_pattern, the engine's
    rule), found through the database's full-text index instead of a regular expression over every CV.

    The index's tokens are runs of letters and digits (SQLite: and "_", exactly \\w), so a whole-word
    match always holds the term's tokens: the index finds a superset, and the rule then decides among
    those few rows. On SQLite a single plain word ([a-z0-9_]) needs no re-check: its token is the
    whole word between non-word characters, which is the rule, and a phrase of plain words is FTS5's
    phrase, its tokens in a row (word_pattern allows any non-word run between them: what lies between
    two tokens). Only a term without an ASCII letter or
    digit skips the index (its tokens depend on each engine's Unicode tables: a token neither knows
    would find nothing, where the rule finds it)."""
    pattern = Q(raw_text__iregex=word_pattern(words))
    text = " ".join(words)
    if not _ASCII_ALNUM.search(text):
        return pattern
    if connection.vendor == "sqlite":
        found = Q(
            pk__in=RawSQL(f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [_fts_phrase(text)])
        )
        return found if _sqlite_plain(words) else found & pattern
    if connection.vendor == "postgresql":
        found = Q(_PgTextMatch(text))
        if len(words) > 1 and _pg_plain(words):
            # The words adjacent in the vector, but where its positions or words may be wrong (a
            # vector keeps 255 positions of a word and none past 16,383; the odd rows), the rule.
            unsure = Q(pk__in=RawSQL(PG_PHRASE_UNSURE_ROWS, []))
            # Not the pair table (text_ids): in a statement joined with other filters the planner
            # scans it, unpacking every row's pairs (1.1 s at 100,000 candidates).
            adjacent = Q(_PgTextMatch(text, phrase=True))
            return (adjacent & ~unsure) | (unsure & found & pattern)
        if _pg_plain(words):
            # The vector's words are what the rule finds, but in the few texts it may read otherwise
            # (migration 0016's partial index): only those are re-checked, so "engineer" reads no CV.
            return found & (~Q(pk__in=RawSQL(PG_ODD_ROWS, [])) | pattern)
        return found & pattern
    return pattern


def _read_from_text_index(words: tuple[str, ...]) -> bool:
    """Whether text_ids reads the term's ids from the full-text index without a CV's text (but for
    PostgreSQL's few odd or crowded rows): a plain word, or a phrase of plain words."""
    if connection.vendor == "sqlite":
        return _sqlite_plain(words)
    return connection.vendor == "postgresql" and _pg_plain(words)


def _sqlite_plain(words: tuple[str, ...]) -> bool:
    """Whether SQLite's FTS5 phrase of the words is the rule exactly: each word one of its tokens."""
    return all(_PLAIN_WORD.fullmatch(word) for word in words)


def _pg_plain(words: tuple[str, ...]) -> bool:
    """Whether PostgreSQL's word vector decides the term for all but the odd (and, for a phrase, the
    crowded) rows (text_words)."""
    return all(_PG_PLAIN_WORD.fullmatch(word) for word in words)


@dataclass(frozen=True)
class _PgPairs:
    """A phrase as its adjacent pairs of the vector's words (PG_PAIRS_TABLE)."""

    query: str  # every pair, as a tsquery: 'backend engineer' & 'engineer lead'
    longer: bool  # more than two words: holding every pair does not yet put them in a row


@lru_cache(maxsize=1024)
def _pg_pairs(words: tuple[str, ...]) -> _PgPairs | None:
    """The phrase's pairs as the database's parser reads its words (the vector's own, "1e5engineer"
    is two), or None when they are not one word per position, 1 to n (then `<->` alone decides).
    The parser is the server's: the answer holds for the process."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT entry.lexeme, entry.positions FROM unnest(to_tsvector('simple'::regconfig, %s)) AS entry",
            [" ".join(words)],
        )
        at: dict[int, list[str]] = defaultdict(list)
        for lexeme, positions in cursor.fetchall():
            for position in positions:
                at[position].append(lexeme)
    tokens = [at[position] for position in range(1, len(at) + 1)]
    if len(tokens) < 2 or any(len(token) != 1 for token in tokens):
        return None
    # The words are letters and digits (_pg_plain): no quote or space to escape in the tsquery.
    pairs = sorted({f"{first} {second}" for (first,), (second,) in itertools.pairwise(tokens)})
    return _PgPairs(" & ".join(f"'{pair}'" for pair in pairs), len(tokens) > 2)


def _fts_phrase(text: str) -> str:
    """The text as an FTS5 phrase: its tokens in a row."""
    return '"' + text.replace('"', '""') + '"'


def _located(segment: Segment, wanted: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, ids) of the wanted ids (ascending) that this segment holds alive."""
    if not len(segment.ids):
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    position = np.minimum(np.searchsorted(segment.ids, wanted), len(segment.ids) - 1)
    hit = (segment.ids[position] == wanted) & segment.alive[position]
    return position[hit], wanted[hit]


def ranked_matches(rows: QuerySet[Candidate], query: Query, today_year: int, holding: str = "") -> list[int]:
    """Ids of every row matching the query, most relevant first (engine.matching.search.relevance:
    evidence strength and recency of the matched skills, BM25 of the words), ties by name then id so a
    page never reshuffles.

    One query for the matching ids, already in (name, id) order; the scores come from the pool index's
    evidence arrays and BM25 postings, in NumPy (relevance_array, to the last bit what relevance_many
    gives), and a stable sort on them keeps that order among equal scores. 80,000 matches cost tens of
    milliseconds beyond the query rather than seconds.

    `holding` is the page's skill filter (holding(): a stored row for that skill, of any strength).

    A query of skills and CV words over the whole pool (or its holders of a skill) is answered from
    the index instead (_ranked_in_index): the same ids in the same order without reading tens of
    thousands of rows from the database."""
    if not rows.query.where:
        found = _ranked_in_index(query, today_year, holding)
        if found is not None:
            return found
    if holding:
        rows = rows.filter(holding_skill(holding))
    ids = _id_array(matching(rows, query).order_by(_name_order(), "id"))
    if not len(ids):
        return []
    _, first = np.unique(ids, return_index=True)  # a join in `rows` may repeat an id
    ids = ids[np.sort(first)]
    skills, words = query.positive_terms()
    if not (skills or words):
        return ids.tolist()
    ascending = np.argsort(ids)
    scores = np.empty(len(ids), dtype=np.float64)
    scores[ascending] = _scores(pool.pool_index(), ids[ascending], skills, words, today_year)
    return ids[np.argsort(-scores, kind="stable")].tolist()


def holding_skill(skill: str) -> Q:
    """The candidates page's skill filter: a stored row for that skill id, of any strength (EXISTS, not
    a join: the unfiltered list walks the name index and stops at its 50th match)."""
    return Q(Exists(CandidateSkill.objects.filter(candidate=OuterRef("pk"), skill=skill)))


class _IndexFilter:
    """A query as a boolean mask over the index's live rows (engine QueryVisitor), term for term what
    _SqlFilter says in SQL: a skill is some evidence with strength > 0 for a skill that satisfies it
    (the index's own arrays); CV words are the ids text_words finds in the database (its full-text
    index alone: no candidate row is read for them, see text_ids); a level, years, a preference or a
    place is the ids where _SqlFilter's condition holds (_rows_where). A skill's last use, a name, a
    title or an employer has no translation here (None): the SQL path answers those."""

    def __init__(
        self, index: CandidateIndex, changed: frozenset[int] = frozenset(), memo: dict[str, Any] | None = None
    ) -> None:
        self.index = index
        self.changed, self.memo = changed, memo
        self.live = [(segment, np.flatnonzero(segment.alive)) for segment in index.segments()]
        self.ids = (
            np.concatenate([segment.ids[rows] for segment, rows in self.live])
            if self.live
            else np.zeros(0, dtype=np.int64)
        )

    def all_of(self, parts: Sequence[np.ndarray | _PgWords]) -> np.ndarray:
        # PostgreSQL: the plain words ANDed here are one statement, the rows holding all of them (two
        # common words: 70,000 ids read once instead of 70,000 and 100,000).
        words = sorted({word for part in parts if isinstance(part, _PgWords) for word in part.words})
        masks = [part for part in parts if not isinstance(part, _PgWords)]
        if words:
            masks.append(self.among(self.ids_of_all(tuple(words))))
        return reduce(np.logical_and, masks)

    def any_of(self, parts: Sequence[np.ndarray | _PgWords]) -> np.ndarray:
        return reduce(np.logical_or, [self.mask(part) for part in parts])

    def negate(self, part: np.ndarray | _PgWords) -> np.ndarray:
        return ~self.mask(part)

    def mask(self, part: np.ndarray | _PgWords) -> np.ndarray:
        """The term's rows (a word not yet read is read now)."""
        return self.among(self.ids_of_all(part.words)) if isinstance(part, _PgWords) else part

    def skill(self, satisfied_by: frozenset[str]) -> np.ndarray:
        codes = [self.index.codes.code("skills", skill, add=False) for skill in sorted(satisfied_by)]
        wanted = np.zeros(len(self.index.codes.skills) + 1, dtype=bool)
        wanted[[code for code in codes if code != UNKNOWN]] = True
        masks = []
        for segment, rows in self.live:
            held = np.zeros(len(segment.ids), dtype=bool)
            if wanted.any() and len(segment.ev_skill):
                # One gather through a table of the wanted codes: isin compared every entry with each
                # of a broad skill's 26 codes.
                entries = np.flatnonzero(wanted[segment.ev_skill] & (segment.ev_strength > 0))
                held[np.searchsorted(segment.ev_ptr, entries, side="right") - 1] = True
            masks.append(held[rows])
        return np.concatenate(masks) if masks else np.zeros(0, dtype=bool)

    def last_used(self, satisfied_by: frozenset[str], op: str, year: int) -> None:
        return None

    def words(self, field: str, words: tuple[str, ...]) -> np.ndarray | _PgWords | None:
        if field != "text":
            return None
        if len(words) == 1 and connection.vendor == "postgresql" and _pg_plain(words):
            return _PgWords(words)  # read with the words it is ANDed with (all_of)
        rows = Candidate.objects.filter(text_words(words)).order_by()
        return self.among(self._ids(("text", words), rows, lambda: text_ids(words)))

    def ids_of_all(self, words: tuple[str, ...]) -> np.ndarray:
        """text_ids_all(words), through the per-version id sets when this filter has the pool's memo."""
        every = reduce(operator.and_, [text_words((word,)) for word in words])
        rows = Candidate.objects.filter(every).order_by()
        return self._ids(("all", words), rows, lambda: text_ids_all(words))

    def _ids(
        self,
        key: tuple[Any, ...],
        rows: QuerySet[Candidate],
        read_all: Callable[[], np.ndarray] | None = None,
    ) -> np.ndarray:
        """The ids of `rows` (read by `read_all` when it is given: the same ids, found faster), through
        the per-version id sets (_version_ids) when this filter has the pool's memo."""
        if self.memo is None:
            return read_all() if read_all else _id_array(rows)
        return _kept_ids(self.memo, self.changed, key, rows, read_all=read_all)

    def among(self, ids: np.ndarray) -> np.ndarray:
        """The live rows whose id is one of these (a row the database has but the index not yet,
        added since the last poll, is left out as the skills leave it out)."""
        return np.isin(self.ids, ids)

    def seniority(self, levels: frozenset[str]) -> np.ndarray:
        return self._rows_where(_SqlFilter().seniority(levels))

    def years(self, op: str, years: float) -> np.ndarray:
        return self._rows_where(_SqlFilter().years(op, years))

    def preference(self, field: str, wanted: bool) -> np.ndarray:
        return self._rows_where(_SqlFilter().preference(field, wanted))

    def location(self, accepts: Callable[[str, str], bool]) -> np.ndarray:
        # _SqlFilter's (city, country) pairs the engine accepts, read from the (country, city) index;
        # kept under the pairs themselves, so a place first stored since the version reads them again.
        return self._rows_where(_SqlFilter().location(accepts))

    def _rows_where(self, where: Q) -> np.ndarray:
        """The live rows where the SQL path's condition on the candidate's own columns holds (a level,
        years, a preference, a place): its ids read once per published version (the pool's memo, keyed
        by the condition) and brought up to date from the pool's delta. A negation is the rows not
        found, NULLs included, as Django's negation of the same condition keeps them. On PostgreSQL at
        100,000 candidates `python seniority:>=senior` took 381-405 ms in the SQL path, and a phrase
        with a place re-read 34,000 London CVs' word vectors (345-387 ms)."""
        if where == _NOWHERE:
            return np.zeros(len(self.ids), dtype=bool)
        return self.among(self._ids(("where", str(where)), Candidate.objects.filter(where).order_by()))


@dataclass(frozen=True)
class _PgWords:
    """Plain CV words whose ids are not read yet (_IndexFilter.words, PostgreSQL)."""

    words: tuple[str, ...]


class _Answerable(_IndexFilter):
    """Whether _IndexFilter translates a query, decided before any of its words is looked up."""

    def __init__(self) -> None:
        pass

    def all_of(self, parts: Sequence[Any]) -> bool:
        return True

    any_of = all_of

    def negate(self, part: Any) -> bool:
        return True

    def skill(self, satisfied_by: frozenset[str]) -> bool:  # type: ignore[override]
        return True

    def words(self, field: str, words: tuple[str, ...]) -> bool | None:  # type: ignore[override]
        # A word with punctuation is the rule over every CV holding its words: the SQL path's one
        # statement does that as fast, and the index path would only add its reads.
        return True if field == "text" and _read_from_text_index(words) else None

    def seniority(self, levels: frozenset[str]) -> bool:  # type: ignore[override]
        return True

    def years(self, op: str, years: float) -> bool:  # type: ignore[override]
        return True

    def preference(self, field: str, wanted: bool) -> bool:  # type: ignore[override]
        return True

    def location(self, accepts: Callable[[str, str], bool]) -> bool:  # type: ignore[override]
        return True


def _ranked_in_index(query: Query, today_year: int, holding: str = "") -> list[int] | None:
    """ranked_matches over the whole pool for a query of skills, CV words, places, levels, years and
    preferences, from the index the ranking reads (the published version and the changes since, so an
    erased candidate is never found), for the words the database's full-text index (text_ids) and for
    the candidate's own columns their ids (_IndexFilter._rows_where); None for any other query (a
    skill's last use, a name, a title).
    At 100,000 candidates `python` matched 79,000 ids in SQL, each looked up in the candidate table
    and sorted by name (170 ms of the page's 270 ms CPU); here it is a few array passes, and the names
    come from a per-version cache (_name_keys)."""
    if query.translate(_Answerable()) is None:
        return None
    index, changed, memo = pool.pool_index_changed()
    terms = _IndexFilter(index, changed, memo)
    translated = query.translate(terms)
    if translated is None:
        return None
    found = terms.mask(translated)
    if holding:
        holders = CandidateSkill.objects.filter(skill=holding).order_by()
        held = _kept_ids(memo, changed, ("holding", holding), holders, field="candidate_id")
        found = found & terms.among(held)
    ids = np.sort(terms.ids[found])
    if not len(ids):
        return []
    primary, secondary = _name_keys(ids, memo, changed)
    skills, words = query.positive_terms()
    if not (skills or words):
        return ids[np.lexsort((secondary, primary))].tolist()
    scores = _scores(index, ids, skills, words, today_year)
    # Most relevant first; equal scores in (name, id) order, as the SQL path's stable sort keeps them.
    return ids[np.lexsort((secondary, primary, -scores))].tolist()


# Id sets a search reads from the database (a word's CVs, a skill's holders), kept per published version
# like the names below: at 100,000 candidates the load test's search (`?q=<city>&skill=<skill>`) read
# ~20,000 + ~40,000 ids a request, most of its CPU. Bounded: a search box takes any word.
ID_SETS_KEPT = 64
_id_sets_lock = threading.Lock()


def _version_ids(
    memo: dict[str, Any],
    changed: frozenset[int],
    key: tuple[Any, ...],
    read_all: Callable[[], np.ndarray],
    read_among: Callable[[list[int]], np.ndarray],
) -> np.ndarray:
    """Ids as `read_all` gives them, read once per published version (the pool's memo) and then
    brought up to date: a candidate changed since the version (the pool's delta: updated, added or
    removed) is asked again (`read_among`), every other one is as the version saw it, and as the index
    the page ranks with does. The same ids as `read_all` now, up to the pool's last poll; in no order."""
    with _id_sets_lock:
        kept = memo.setdefault("id_sets", OrderedDict())
        found = kept.get(key)
        if found is not None:
            kept.move_to_end(key)
    if found is None:
        found = np.unique(read_all())  # ascending, once
        with _id_sets_lock:
            kept[key] = found
            while len(kept) > ID_SETS_KEPT:
                kept.popitem(last=False)
    if not changed:
        return found
    now = sorted(changed)
    # Disjoint parts, so no set operation (numpy's unique-based union was ~11 ms for 40,000 ids).
    kept_as_was = found[~np.isin(found, np.asarray(now, dtype=np.int64))]
    return np.concatenate((kept_as_was, read_among(now).astype(np.int64, copy=False)))


def _kept_ids(
    memo: dict[str, Any],
    changed: frozenset[int],
    key: tuple[Any, ...],
    rows: QuerySet[Any],
    field: str = "id",
    read_all: Callable[[], np.ndarray] | None = None,
) -> np.ndarray:
    """_version_ids of a queryset's candidate ids (`field`): all of them once per version (or by
    `read_all`, the same ids found faster), then those of the changed candidates among them."""
    return _version_ids(
        memo,
        changed,
        key,
        read_all or (lambda: _id_array(rows, field)),
        lambda now: _id_array(rows.filter(**{f"{field}__in": now}), field),
    )


class _Names:
    """Every candidate's (name, id) in Python's order (code points, then id), read once per published
    index version: the names as one list of str (no fixed-width array, whose width a single 200-character
    name would set for every row; no tuples for a full garbage collection to walk), the ids as an array."""

    def __init__(self) -> None:
        pairs = sorted((name, pk) for pk, name in Candidate.objects.order_by().values_list("id", "name"))
        self.names = [name for name, _ in pairs]
        self.ids = np.fromiter((pk for _, pk in pairs), dtype=np.int64, count=len(pairs))
        self.by_id = np.argsort(self.ids)
        self.sorted_ids = self.ids[self.by_id]

    def place(self, name: str, candidate_id: int) -> int:
        """How many cached (name, id) pairs come before this one."""
        low, high = bisect.bisect_left(self.names, name), bisect.bisect_right(self.names, name)
        return low + int(np.searchsorted(self.ids[low:high], candidate_id))


def names_warm() -> None:
    """Read the pool's names for the search's order now (once per published version), as a web worker
    does before its first request (shortlist.wsgi): 1-2 s of CPU at 100,000 in the first search."""
    _, _, memo = pool.pool_index_changed()
    if memo.get("names") is None:
        memo["names"] = _Names()


def _name_keys(
    ids: np.ndarray, memo: dict[str, Any], changed: frozenset[int]
) -> tuple[np.ndarray, np.ndarray]:
    """Sort keys giving the ids' (name, id) order: (primary, secondary) for np.lexsort.

    The names are read once per published version (kept in the pool's memo for it); a candidate
    changed since (the pool's delta, so possibly renamed) or missing from them has its name read now,
    and is placed by bisection between the cached keys: 2p for "before the cached key at p", 2p + 1
    for the cached key at p, the secondary key ordering such candidates among themselves."""
    names = memo.get("names")
    if names is None:
        names = memo["names"] = _Names()
    at = np.minimum(np.searchsorted(names.sorted_ids, ids), max(len(names.sorted_ids) - 1, 0))
    cached = (names.sorted_ids[at] == ids) if len(names.sorted_ids) else np.zeros(len(ids), dtype=bool)
    if changed:
        cached &= ~np.isin(ids, np.fromiter(changed, dtype=np.int64, count=len(changed)))
    primary = np.empty(len(ids), dtype=np.int64)
    secondary = np.zeros(len(ids), dtype=np.int64)
    primary[cached] = 2 * names.by_id[at[cached]] + 1
    fresh = np.flatnonzero(~cached)
    if len(fresh):
        read = dict(Candidate.objects.filter(pk__in=ids[fresh].tolist()).values_list("id", "name"))
        placed = sorted((read.get(int(ids[i]), ""), int(ids[i]), int(i)) for i in fresh)
        for rank, (name, pk, i) in enumerate(placed):
            primary[i] = 2 * names.place(name, pk)
            secondary[i] = rank
    return primary, secondary


def _name_order() -> Func:
    """Names in Python's order for strings (code points): SQLite's BINARY collation, PostgreSQL's "C"
    (its default follows the locale, where "bruno" and "Bruno" sort together). On SQLite written
    `+name`, which keeps the planner off the name index: walking it visits every row in name order,
    at random places in the table, to test a text term (2x slower for a name at 100,000); sorting
    the matches afterwards is cheap."""
    if connection.vendor == "sqlite":
        return Func(F("name"), template="+%(expressions)s", output_field=CharField())
    return Collate("name", "C")


def _scores(
    index: CandidateIndex,
    ids: np.ndarray,
    skills: Sequence[frozenset[str]],
    words: Sequence[tuple[str, tuple[str, ...]]],
    today_year: int,
) -> np.ndarray:
    """relevance_array for the ids (ascending) from the index's arrays: their positive evidence for
    the query's skills, and BM25 values of its words (an id the index does not hold yet ranks on
    nothing until it is published, as before)."""
    codes = {
        skill: index.codes.code("skills", skill, add=False) for skill in sorted(frozenset().union(*skills))
    }
    codes = {skill: code for skill, code in codes.items() if code != UNKNOWN}
    code_array = np.asarray(sorted(codes.values()), dtype=np.int64)
    wanted = np.zeros(len(index.codes.skills) + 1, dtype=bool)  # a gather, where isin compared each code
    wanted[code_array] = True
    lexicon = index.lexicon() if words else None
    phrases = (
        []
        if lexicon is None
        else [p for _, term in words if (p := lexicon.phrase(" ".join(term), [" ".join(term)])) is not None]
    )
    sats = [np.zeros(len(ids), dtype=np.float32) for _ in phrases]
    parts: list[tuple[np.ndarray, ...]] = []
    for segment in index.segments():
        rows, row_ids = _located(segment, ids)
        if not len(rows):
            continue
        at = np.searchsorted(ids, row_ids)
        for phrase, sat in zip(phrases, sats, strict=True):
            sat[at] = lexical.values_at(segment.lexical, phrase, lexicon.average_length, rows)
        if not len(code_array):
            continue
        starts, ends = segment.ev_ptr[rows], segment.ev_ptr[rows + 1]
        counts = (ends - starts).astype(np.int64)
        if not counts.sum():
            continue
        offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
        entries = np.repeat(starts, counts) + offsets
        owners = np.repeat(at, counts)
        keep = wanted[segment.ev_skill[entries]] & (segment.ev_strength[entries] > 0)
        entries = entries[keep]
        parts.append(
            (
                owners[keep],
                segment.ev_skill[entries],
                segment.ev_strength[entries],
                segment.ev_last[entries],
                segment.ev_years[entries],
            )
        )
    columns = (
        [np.concatenate(column) for column in zip(*parts, strict=True)]
        if parts
        else [
            np.zeros(0, dtype=np.int64),
            np.zeros(0, dtype=np.int32),
            np.zeros(0, dtype=np.float32),
            np.zeros(0, dtype=np.int16),
            np.zeros(0, dtype=np.float32),
        ]
    )
    word_values = [(phrase.idf, sat) for phrase, sat in zip(phrases, sats, strict=True)]
    return relevance_array(skills, codes, *columns, today_year, word_values, len(ids))


def _id_array(rows: QuerySet[Any], field: str = "id") -> np.ndarray:
    """The rows' ids (or another integer column) in their order as an array, read with the cursor:
    Django's per-row iteration was a fifth of the time for 80,000 ids."""
    ids = rows.values_list(field, flat=True)
    try:
        sql, params = ids.query.sql_with_params()
    except EmptyResultSet:  # a filter that can hold no row (a place no candidate is at): no statement
        return np.zeros(0, dtype=np.int64)
    with connections[ids.db].cursor() as cursor:
        cursor.execute(sql, params)
        return np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)


@contextmanager
def _no_seqscan(cursor: Any) -> Iterator[None]:
    """PostgreSQL's sequential scans off for the statements inside, inside the caller's transaction
    (an enclosing transaction would keep the setting): a bitmap over the word indexes reads each row
    once, where a scan of the table would unpack every vector stored out of line."""
    cursor.execute("SELECT current_setting('enable_seqscan')")
    (before,) = cursor.fetchone()
    cursor.execute("SELECT set_config('enable_seqscan', 'off', true)")
    yield
    cursor.execute("SELECT set_config('enable_seqscan', %s, true)", [before])


def _pg_text_rows(cursor: Any, words: tuple[str, ...], pairs: _PgPairs | None) -> np.ndarray:
    """The rows whose word vector holds the words (a phrase: in a row), before the rule's re-checks."""
    phrase = len(words) > 1
    if pairs is None:
        cursor.execute(
            f"SELECT id FROM {PG_WORDS_TABLE} WHERE text_vector @@ {PG_PHRASE if phrase else PG_QUERY}",
            [" ".join(words)],
        )
        return np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
    # The rows holding the phrase's pairs (migration 0019): no vector read for two words; for more,
    # only those rows' vectors say whether the pairs are in a row.
    cursor.execute(PG_PAIRED_ROWS, [pairs.query, " ".join(words)])
    found = np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
    if pairs.longer and len(found):
        cursor.execute(
            f"SELECT id FROM {PG_WORDS_TABLE} WHERE id = ANY(%s) AND text_vector @@ {PG_PHRASE}",
            [found.tolist(), " ".join(words)],
        )
        found = np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
    return found


def text_ids(words: tuple[str, ...]) -> np.ndarray:
    """Ids of the candidates whose CV text holds the words (text_words), in no order, read from the
    full-text index without the candidate table where that decides alone.

    SQLite: a plain word is the FTS5 table's rowids (its triggers keep them the candidates' ids).
    PostgreSQL: the narrow table of vectors (migration 0017) through its GIN index, whose bitmap
    visits 736 pages at 100,000 candidates where the candidate table's took all 20,635 of it (the CV
    text is stored in the row): 0.2-0.5 s for `engineer` under load, where the SQL path's plan, a
    scan unpacking every row's vector and text, took 1.4-2.5 s."""
    if connection.vendor == "sqlite" and _read_from_text_index(words):
        with connection.cursor() as cursor:
            cursor.execute(
                f"SELECT rowid FROM {FTS_TABLE} WHERE {FTS_TABLE} MATCH %s", [_fts_phrase(" ".join(words))]
            )
            return np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
    if connection.vendor != "postgresql" or not _pg_plain(words):
        # A phrase is the rule over every CV with its words, whichever the plan.
        return _id_array(Candidate.objects.filter(text_words(words)).order_by())
    # text_words' plain word, in two statements: the vector's rows, less the odd rows the rule refuses.
    phrase = len(words) > 1
    pairs = _pg_pairs(words) if phrase else None
    with transaction.atomic(), connection.cursor() as cursor:
        with _no_seqscan(cursor):
            found = _pg_text_rows(cursor, words, pairs)
        if not phrase:
            cursor.execute(f"{PG_ODD_ROWS} AND NOT raw_text ~* %s", [word_pattern(words)])
            refused = np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
            return np.setdiff1d(found, refused)
        # A phrase: the unsure rows are decided by the rule, whatever their vector said (the rule in
        # the select list: in WHERE the planner would try the pattern on its sample of CV texts).
        cursor.execute(
            f"SELECT id, raw_text ~* %s FROM candidates_candidate WHERE id IN ({PG_PHRASE_UNSURE_ROWS})",
            [word_pattern(words)],
        )
        rows = cursor.fetchall()
    unsure = np.array([row[0] for row in rows], dtype=np.int64)
    kept = np.array([row[0] for row in rows if row[1]], dtype=np.int64)
    return np.union1d(np.setdiff1d(found, unsure), kept)


def text_ids_all(words: tuple[str, ...]) -> np.ndarray:
    """Ids of the candidates whose CV text holds each of these words (text_ids of each, intersected);
    on PostgreSQL, plain words are one statement: the word vector holding all of them, less the odd
    rows where the rule refuses one."""
    if connection.vendor != "postgresql" or not _pg_plain(words) or len(words) == 1:
        return reduce(np.intersect1d, [text_ids((word,)) for word in words])
    with transaction.atomic(), connection.cursor() as cursor:
        with _no_seqscan(cursor):
            statement = f"SELECT id FROM {PG_WORDS_TABLE} WHERE text_vector @@ {PG_QUERY}"
            cursor.execute(statement, [" ".join(words)])
            found = np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
        every = " AND ".join(["raw_text ~* %s"] * len(words))
        cursor.execute(f"{PG_ODD_ROWS} AND NOT ({every})", [word_pattern((word,)) for word in words])
        refused = np.fromiter((row[0] for row in cursor.fetchall()), dtype=np.int64)
    return np.setdiff1d(found, refused)


def text_index_forget() -> int:
    """Rewrite the full-text index so no deleted row's words stay in it (an erasure, after commit).

    SQLite's FTS5 takes a row out by adding a "deleted" entry beside the old ones, and both hold the
    row's words until their segments are merged: 'optimize' merges them all into one, written anew
    (secure_delete overwrites the freed pages). PostgreSQL's GIN entries of a deleted row go with the
    row itself when the table is vacuumed. Returns 1 when the index was rewritten."""
    if connection.vendor != "sqlite":
        return 0
    with connection.cursor() as cursor:
        cursor.execute(f"INSERT INTO {FTS_TABLE}({FTS_TABLE}) VALUES ('optimize')")
    return 1
