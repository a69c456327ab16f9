"""Words of the CV text as a sparse, term-major index: BM25 for the role terms the taxonomy lacks, and a
small lexical component beside the evidence-based criteria.

Each segment keeps, per term code (Codes.terms), the rows whose CV text holds the word and how often
(CSC: ``lx_ptr`` over terms, ``lx_row`` int32, ``lx_tf`` uint8), and per row its length in words
(``lx_len`` uint16). A role phrase ("Data Guard", "SAP HANA") is read as its words: a row has the phrase
when it has every word, with the smallest of their counts as its frequency (the explanation then quotes
the exact phrase count from the CV text when the profile is at hand).

Per phrase and row, the BM25 term part, divided by its ceiling (k1 + 1) so that it lies in [0, 1)::

    sat = tf * (k1 + 1) / (tf + k1 * (1 - b + b * len / avglen)) / (k1 + 1)

one mention in a CV of average length earns 0.45, two 0.63, four 0.77. The lexical component of a role
is Σ_p idf_p * sat_p / Σ_p idf_p over the role's phrases that occur in the pool (Lucene's idf, with a
phrase's document frequency taken as that of its rarest word), so it is BM25 over the role's terms,
scaled to [0, 1]. Everything is a pure function of the index arrays: the same pool and role give the
same numbers in every process.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

K1 = 1.2
B = 0.75
TF_MAX = 255  # uint8 counts: a word written 300 times is not more relevant than one written 255 times
LENGTH_MAX = 65_535
MAX_WORD = 24  # longer "words" are hashes, URLs and base64, never a skill a recruiter types

_WORD = re.compile(r"[a-z][a-z0-9+#]*")
# E-mail addresses and links are one-off strings: indexing their pieces would grow the vocabulary by about
# a word per candidate (the codes live in the index's meta), for nothing a role ever asks for.
_ONE_OFF = re.compile(r"\S+@\S+|(?:https?://|www\.)\S+")
# Frequent English words that carry nothing for a role. Kept short on purpose: "go", "it", "c" and "r"
# are not stop words here (they are a language, or part of one).
STOPWORDS = frozenset(
    [
        "a",
        "about",
        "above",
        "after",
        "again",
        "all",
        "also",
        "am",
        "an",
        "and",
        "any",
        "are",
        "as",
        "at",
        "be",
        "been",
        "before",
        "being",
        "below",
        "between",
        "both",
        "but",
        "by",
        "can",
        "did",
        "do",
        "does",
        "doing",
        "during",
        "each",
        "few",
        "for",
        "from",
        "further",
        "had",
        "has",
        "have",
        "having",
        "he",
        "her",
        "here",
        "hers",
        "him",
        "his",
        "how",
        "i",
        "if",
        "in",
        "into",
        "is",
        "its",
        "itself",
        "me",
        "more",
        "most",
        "my",
        "no",
        "nor",
        "not",
        "of",
        "off",
        "on",
        "once",
        "only",
        "or",
        "other",
        "our",
        "ours",
        "out",
        "over",
        "own",
        "same",
        "she",
        "should",
        "so",
        "some",
        "such",
        "than",
        "that",
        "the",
        "their",
        "theirs",
        "them",
        "then",
        "there",
        "these",
        "they",
        "this",
        "those",
        "through",
        "to",
        "too",
        "under",
        "until",
        "up",
        "very",
        "was",
        "we",
        "were",
        "what",
        "when",
        "where",
        "which",
        "while",
        "who",
        "whom",
        "why",
        "will",
        "with",
        "you",
        "your",
        "yours",
    ]
)
_SINGLE = frozenset({"c", "r"})


def words(text: str) -> list[str]:
    """The indexed words of a text, in order: lower-cased, letters first, stop words and noise dropped."""
    found = _WORD.findall(_ONE_OFF.sub(" ", text.casefold()))
    return [w for w in found if (len(w) > 1 or w in _SINGLE) and len(w) <= MAX_WORD and w not in STOPWORDS]


@lru_cache(maxsize=4096)  # role terms and their aliases: few, asked for every explained candidate
def phrase_words(phrase: str) -> tuple[str, ...]:
    """A role term as the words the index holds ("SAP HANA" -> ("sap", "hana")); () when it has none."""
    return tuple(dict.fromkeys(words(phrase)))


def encode_text(text: str, code: Callable[[str], int]) -> tuple[tuple[int, ...], tuple[int, ...], int]:
    """(term codes ascending, counts, length in words) of one CV text; `code` maps a word to its code."""
    found = words(text)
    counts = Counter(found)
    pairs = sorted((code(word), min(count, TF_MAX)) for word, count in counts.items())
    return tuple(p[0] for p in pairs), tuple(p[1] for p in pairs), min(len(found), LENGTH_MAX)


# --- postings ------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Postings:
    """Term-major postings of one segment (rows ascending within a term) and each row's length."""

    ptr: np.ndarray  # int64 (terms + 1)
    row: np.ndarray  # int32
    tf: np.ndarray  # uint8
    length: np.ndarray  # uint16 (rows)

    def term(self, code: int) -> tuple[np.ndarray, np.ndarray]:
        if code < 0 or code + 1 >= len(self.ptr):
            return _NO_ROWS, _NO_TF
        start, end = int(self.ptr[code]), int(self.ptr[code + 1])
        return self.row[start:end], self.tf[start:end]

    def df(self, code: int) -> int:
        if code < 0 or code + 1 >= len(self.ptr):
            return 0
        return int(self.ptr[code + 1] - self.ptr[code])


_NO_ROWS = np.zeros(0, dtype=np.int32)
_NO_TF = np.zeros(0, dtype=np.uint8)


def postings_from_pairs(
    term: np.ndarray, row: np.ndarray, tf: np.ndarray, length: np.ndarray, terms: int
) -> Postings:
    """Term-major postings from (term, row, tf) triples in any order."""
    term = term.astype(np.int64, copy=False)
    n = max(len(length), 1)
    order = np.argsort(term * n + row.astype(np.int64), kind="stable")
    counts = np.bincount(term, minlength=terms) if len(term) else np.zeros(terms, dtype=np.int64)
    ptr = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
    return Postings(
        ptr,
        np.ascontiguousarray(row[order], dtype=np.int32),
        np.ascontiguousarray(tf[order], dtype=np.uint8),
        np.ascontiguousarray(length, dtype=np.uint16),
    )


def postings_from_rows(
    counts: np.ndarray, term: np.ndarray, tf: np.ndarray, length: np.ndarray, terms: int
) -> Postings:
    """Term-major postings from candidate-major rows (`counts` terms per row, in row order)."""
    row = np.repeat(np.arange(len(counts), dtype=np.int32), counts.astype(np.int64))
    return postings_from_pairs(term, row, tf, length, terms)


def pairs(postings: Postings) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(term, row, tf) of every posting."""
    term = np.repeat(np.arange(len(postings.ptr) - 1, dtype=np.int64), np.diff(postings.ptr))
    return term, np.asarray(postings.row), np.asarray(postings.tf)


def take(postings: Postings, order: np.ndarray, terms: int) -> Postings:
    """The postings of rows `order` (old row numbers), renumbered 0.. in that order; other rows dropped."""
    n_old = len(postings.length)
    new_of = np.full(n_old + 1, -1, dtype=np.int64)
    new_of[order] = np.arange(len(order))
    term, row, tf = pairs(postings)
    mapped = new_of[row.astype(np.int64)] if len(row) else np.zeros(0, dtype=np.int64)
    keep = mapped >= 0
    return postings_from_pairs(
        term[keep],
        mapped[keep],
        tf[keep],
        np.asarray(postings.length)[order],
        max(terms, len(postings.ptr) - 1),
    )


def concat(parts: Sequence[Postings], terms: int) -> Postings:
    """Several segments' postings as one, rows numbered on in order."""
    terms_all, rows_all, tfs_all, lengths = [], [], [], []
    offset = 0
    for part in parts:
        term, row, tf = pairs(part)
        terms_all.append(term)
        rows_all.append(row.astype(np.int64) + offset)
        tfs_all.append(tf)
        lengths.append(np.asarray(part.length))
        offset += len(part.length)
    width = max([terms, *(len(p.ptr) - 1 for p in parts)])
    return postings_from_pairs(
        np.concatenate(terms_all) if terms_all else np.zeros(0, dtype=np.int64),
        np.concatenate(rows_all) if rows_all else np.zeros(0, dtype=np.int64),
        np.concatenate(tfs_all) if tfs_all else np.zeros(0, dtype=np.uint8),
        np.concatenate(lengths) if lengths else np.zeros(0, dtype=np.uint16),
        width,
    )


# --- scoring -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Phrase:
    """One role term as the index reads it: alternatives (a skill's name and aliases) of term codes."""

    label: str
    alternatives: tuple[tuple[int, ...], ...]  # each a tuple of term codes; -1 = a word no CV has
    idf: float  # 0 when no CV in the pool has it
    surfaces: tuple[str, ...] = ()  # the spellings behind the alternatives, for quoting counts
    column: int = -1  # the skill code whose evidence the words stand in for; -1 for free text
    # Mentions not counted: a CV's first "Trading" may be a keyword list, repeating it is the trade.
    skip: int = 0


def idf(df: int, n: int) -> float:
    """Lucene's BM25 idf: log(1 + (N - df + 0.5) / (df + 0.5)); 0 for a word nobody wrote."""
    if df <= 0 or n <= 0:
        return 0.0
    return math.log(1.0 + (n - df + 0.5) / (df + 0.5))


def phrase_rows(
    postings: Postings, codes: Sequence[int], dense: _Dense | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Rows holding every word of one alternative, with the smallest count among its words.

    The rarest word's rows are looked up in the others': by binary search (O(rare x log common)), or,
    given `dense`, through its scatter/gather arrays (the same rows and counts; cheaper over long lists).
    """
    if not codes or min(codes) < 0:
        return _NO_ROWS, _NO_TF
    ordered = sorted(codes, key=postings.df)
    rows, tf = postings.term(ordered[0])
    for code in ordered[1:]:
        if len(rows) == 0:
            break
        other_rows, other_tf = postings.term(code)
        if dense is None:
            rows, tf = _within(rows, tf, other_rows, other_tf)
        else:
            rows, tf = dense.within(rows, tf, code, other_rows, other_tf)
    return rows, tf


def _within(
    rows: np.ndarray, tf: np.ndarray, other_rows: np.ndarray, other_tf: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """The rows of the first list also in the second (both ascending), with the smaller count."""
    if len(other_rows) == 0:
        return _NO_ROWS, _NO_TF
    position = np.minimum(np.searchsorted(other_rows, rows), len(other_rows) - 1)
    hit = other_rows[position] == rows
    return rows[hit], np.minimum(tf[hit], other_tf[position[hit]])


def saturation(tf: np.ndarray, length: np.ndarray, average: float) -> np.ndarray:
    """BM25's term part divided by its ceiling: in [0, 1), see the module docstring."""
    tf = tf.astype(np.float32)
    norm = np.float32(K1) * (
        np.float32(1 - B) + np.float32(B) * length.astype(np.float32) / np.float32(average)
    )
    return tf / (tf + norm)


def phrase_values(postings: Postings, phrase: Phrase, average: float) -> tuple[np.ndarray, np.ndarray]:
    """(rows, sat) of one phrase in one segment: the best alternative per row, rows ascending.

    Saturation grows with tf at a fixed length (strictly, in float32 too: consecutive counts differ by
    far more than a rounding), so the best alternative of a row is the one with the largest count: the
    alternatives are merged as counts, in a dense uint8 array, and saturated once. The words of an
    alternative are intersected through a dense scratch array (`_Dense`) rather than binary searches:
    at 1M rows a common word's postings run to hundreds of thousands of rows.
    """
    found = []
    uses = Counter(code for alternative in phrase.alternatives for code in set(alternative))
    dense = _Dense(len(postings.length), (code for code, count in uses.items() if count > 1))
    for alternative in phrase.alternatives:
        rows, tf = phrase_rows(postings, alternative, dense)
        if phrase.skip and len(rows):
            kept = tf > phrase.skip
            rows, tf = rows[kept], tf[kept] - phrase.skip
        if len(rows):
            found.append((rows, tf))
    if not found:
        return _NO_ROWS, np.zeros(0, dtype=np.float32)
    if len(found) == 1:
        rows, tf = found[0]
    else:
        # Several spellings found ("Golang", "Go"): the largest count per row, through one dense array.
        best = np.zeros(len(postings.length), dtype=np.uint8)
        for rows, tf in found:
            rows = _index(rows)
            best[rows] = np.maximum(best[rows], tf)
        rows = _nonzero(best)
        tf = best[rows]
    values = saturation(tf, np.asarray(postings.length)[rows], average)
    return rows.astype(np.int32, copy=False), values  # int32: what the segment's phrase cache keeps


class _Dense:
    """Intersects sorted postings through dense uint8 arrays over the segment's rows (zero: absent; every
    posting has tf >= 1): what `_within` computes by binary search, as scatters and gathers.

    A word that several alternatives of a phrase share ("api" of "REST API", "RESTful API", "REST APIs")
    is scattered once for the phrase and kept (`shared`); otherwise the shorter list is scattered into
    one scratch array, the longer gathered from it, and the scratch zeroed again.
    """

    def __init__(self, n: int, shared: Iterable[int] = ()) -> None:
        self.n = n
        self.shared = set(shared)
        self.kept: dict[int, np.ndarray] = {}
        self.scratch: np.ndarray | None = None

    def within(
        self, rows: np.ndarray, tf: np.ndarray, code: int, other_rows: np.ndarray, other_tf: np.ndarray
    ) -> tuple[np.ndarray, np.ndarray]:
        if len(other_rows) == 0:
            return _NO_ROWS, _NO_TF
        rows = _index(rows)
        if code in self.shared:
            array = self.kept.get(code)
            if array is None:
                array = self.kept[code] = np.zeros(self.n, dtype=np.uint8)
                array[_index(other_rows)] = other_tf
            got = array[rows]
            hit = _nonzero(got)
            return rows[hit], np.minimum(tf[hit], got[hit])
        if self.scratch is None:
            self.scratch = np.zeros(self.n, dtype=np.uint8)
        scratch = self.scratch
        other_rows = _index(other_rows)
        if len(rows) <= len(other_rows):
            scratch[rows] = tf
            got = scratch[other_rows]
            scratch[rows] = 0
            hit = _nonzero(got)
            # other_rows[hit] are the same rows, ascending, as rows[rows in other_rows]
            return other_rows[hit], np.minimum(got[hit], other_tf[hit])
        scratch[other_rows] = other_tf
        got = scratch[rows]
        scratch[other_rows] = 0
        hit = _nonzero(got)
        return rows[hit], np.minimum(tf[hit], got[hit])


def _index(rows: np.ndarray) -> np.ndarray:
    """Rows as intp: NumPy converts an int32 index on every use, and an int32 scatter costs twice."""
    return rows.astype(np.intp, copy=False)


def _nonzero(counts: np.ndarray) -> np.ndarray:
    """np.flatnonzero of a uint8 array through a bool mask: five times faster than on the integers."""
    return np.flatnonzero(counts != 0)


def values_at(postings: Postings, phrase: Phrase, average: float, rows: np.ndarray) -> np.ndarray:
    """The same values for a few rows (0 where the phrase is absent): a binary search per word."""
    rows = np.asarray(rows, dtype=np.int64)
    out = np.zeros(len(rows), dtype=np.float32)
    lengths = np.asarray(postings.length)[rows] if len(rows) else np.zeros(0, dtype=np.uint16)
    for alternative in phrase.alternatives:
        if not alternative or min(alternative) < 0:
            continue
        present = np.ones(len(rows), dtype=bool)
        least = np.full(len(rows), TF_MAX, dtype=np.uint8)
        for code in alternative:
            word_rows, word_tf = postings.term(code)
            if len(word_rows) == 0:
                present[:] = False
                break
            position = np.minimum(np.searchsorted(word_rows, rows), len(word_rows) - 1)
            hit = word_rows[position] == rows
            present &= hit
            least = np.minimum(least, np.where(hit, word_tf[position], 0).astype(np.uint8))
        if phrase.skip:
            present &= least > phrase.skip
            least = np.where(present, least - phrase.skip, 0).astype(np.uint8)
        if present.any():
            values = np.where(present, saturation(least, lengths, average), np.float32(0.0))
            out = np.maximum(out, values.astype(np.float32))
    return out


def alternatives(surfaces: Iterable[str], code: Callable[[str], int]) -> tuple[tuple[int, ...], ...]:
    """Each surface form as term codes (`code` returns -1 for a word the index has never seen)."""
    found: dict[tuple[int, ...], None] = {}
    for surface in surfaces:
        terms = phrase_words(surface)
        if terms:
            found[tuple(code(t) for t in terms)] = None
    return tuple(found)


# Significant bits the pool's word statistics keep (document counts, frequencies, mean length): counts
# below 2**STAT_BITS exactly, larger ones to within 1/2**STAT_BITS (0.4%; idf moves by far less). So a
# new CV rarely changes a role's plan: rankings kept for the pool survive most imports (match.RankMemo),
# while a rare word's count, and so the plan, still moves with each CV that writes it.
STAT_BITS = 8


def coarse(count: int) -> int:
    """`count` rounded to STAT_BITS significant bits (exact below 2**STAT_BITS)."""
    shift = count.bit_length() - STAT_BITS
    if shift <= 0:
        return count
    return ((count + (1 << (shift - 1))) >> shift) << shift


def coarse_float(value: float) -> float:
    """`value` rounded to STAT_BITS significant bits."""
    mantissa, exponent = math.frexp(value)
    return math.ldexp(round(mantissa * (1 << STAT_BITS)) / (1 << STAT_BITS), exponent)


class Lexicon:
    """The pool's word statistics as a role plan needs them: word codes, document frequencies, lengths.

    Built per query from the segments (a few look-ups per role word) over live rows only, so a pool
    reached by updates and the same pool built afresh give the same numbers; each kept to STAT_BITS
    significant bits (`coarse`).
    """

    def __init__(
        self, code: Callable[[str], int], parts: Sequence[tuple[Callable[[int], int], int, int]]
    ) -> None:
        self._code = code
        self._parts = parts  # (document frequency of a word code, live rows, their words) per segment
        documents = sum(rows for _, rows, _ in parts)
        words_total = sum(total for _, _, total in parts)
        self.documents = coarse(documents)
        self.average_length = coarse_float(words_total / documents) if documents and words_total else 1.0

    def df(self, codes: Sequence[int]) -> int:
        """Documents holding the rarest word of `codes` (an upper bound of the phrase's own count)."""
        if not codes or min(codes) < 0:
            return 0
        return coarse(min(sum(df(c) for df, _, _ in self._parts) for c in codes))

    def phrase(self, label: str, surfaces: Iterable[str], column: int = -1) -> Phrase | None:
        """The role term `label` as a Phrase over its surface forms; None when it has no indexable word."""
        surfaces = tuple(surfaces)
        found = alternatives(surfaces, lambda word: self._code(word))
        if not found:
            return None
        df = max(self.df(codes) for codes in found)
        return Phrase(label, found, idf(df, self.documents), surfaces, column)


class WordCounts:
    """One text's indexed words with their positions, read once to count many phrases in it."""

    def __init__(self, text: str) -> None:
        self.words = words(text)
        self.positions: dict[str, list[int]] = {}
        for position, word in enumerate(self.words):
            self.positions.setdefault(word, []).append(position)

    def count(self, surface: str) -> int:
        target = list(phrase_words(surface))
        if not target:
            return 0
        starts = self.positions.get(target[0], [])
        if len(target) == 1:
            return len(starts)
        size = len(target)
        return sum(1 for i in starts if self.words[i : i + size] == target)

    def count_in(self, phrase: Phrase) -> int:
        """How often the text writes the phrase, in its most frequent spelling."""
        return max((self.count(surface) for surface in phrase.surfaces or (phrase.label,)), default=0)
