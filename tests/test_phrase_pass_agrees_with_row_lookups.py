"""The exhaustive lexical pass (lexical.phrase_values: words intersected through dense arrays, spellings
merged as counts and saturated once; scoring._unproven scattering the skill's coverage densely) is a
faster route to what the explanation path computes row by row with binary searches (lexical.values_at,
Segment.coverage_at). On generated postings full of shared and repeated words, both must give the same
rows and the same float32 values, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from shortlist.engine.matching import lexical, scoring
from shortlist.engine.matching.lexical import Phrase, Postings, phrase_rows, phrase_values, values_at

TERMS = 12


def _postings(rng: np.random.Generator, n: int) -> Postings:
    """n rows whose words are drawn from TERMS codes, common ones (low codes) in most rows."""
    terms, rows, tfs = [], [], []
    for code in range(TERMS):
        share = 0.9 / (code + 1)
        held = np.flatnonzero(rng.random(n) < share)
        terms.append(np.full(len(held), code))
        rows.append(held)
        tfs.append(rng.choice([1, 1, 1, 2, 3, 7, 40, 255], size=len(held)).astype(np.uint8))
    length = rng.integers(1, 2_000, size=n).astype(np.uint16)
    return lexical.postings_from_pairs(
        np.concatenate(terms), np.concatenate(rows), np.concatenate(tfs), length, TERMS + 2
    )


ALTERNATIVES = [
    ((0,),),
    ((3, 1),),
    ((0, 1), (1, 2), (1,), (4, 1, 0)),  # a word several spellings share
    ((5, 6, 7), (7,), (TERMS + 1, 0), (-1, 2)),  # a word nobody wrote, a word the index lacks
    ((2, 0), (0, 2), (9, 10, 11), (11,), (0, 1, 2, 3)),
]


@pytest.mark.parametrize("n", [1, 50, 3_000])
@pytest.mark.parametrize("skip", [0, 1, 2])
@pytest.mark.parametrize("average", [1.0, 37.5, 640.0])
def test_phrase_values_equal_the_row_by_row_values(n: int, skip: int, average: float) -> None:
    rng = np.random.default_rng(n * 7 + skip)
    postings = _postings(rng, n)
    every = np.arange(n)
    for alternatives in ALTERNATIVES:
        phrase = Phrase("term", alternatives, 1.0, skip=skip)
        rows, values = phrase_values(postings, phrase, average)
        assert values.dtype == np.float32
        assert np.all(np.diff(rows) > 0)
        expected = values_at(postings, phrase, average, every)
        dense = np.zeros(n, dtype=np.float32)
        dense[rows] = values
        assert np.array_equal(dense, expected)
        assert np.array_equal(rows, np.flatnonzero(expected))  # every row kept has the phrase
        for alternative in alternatives:  # the dense intersection is the binary-search one
            fast = phrase_rows(postings, alternative, lexical._Dense(n))
            slow = phrase_rows(postings, alternative)
            assert np.array_equal(fast[0], slow[0]) and np.array_equal(fast[1], slow[1])


class _Segment:
    """What scoring._unproven reads of a segment: its length and one skill's coverage column."""

    def __init__(self, n: int, rows: np.ndarray, values: np.ndarray) -> None:
        self.n, self.rows, self.values = n, rows, values

    def __len__(self) -> int:
        return self.n

    def column(self, skill: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        return self.rows, self.values, np.zeros(len(self.rows), dtype=np.uint8)

    def coverage_at(self, skill: int, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        position = np.minimum(np.searchsorted(self.rows, rows), max(len(self.rows) - 1, 0))
        found = self.rows[position] == rows if len(self.rows) else np.zeros(len(rows), dtype=bool)
        values = self.values[position] if len(self.rows) else np.zeros(len(rows), dtype=np.float32)
        return np.where(found, values, np.float32(0)).astype(np.float32), np.zeros(len(rows), np.uint8)


@pytest.mark.parametrize("covered", [0, 1, 900])
def test_unproven_words_are_the_same_dense_or_looked_up(covered: int) -> None:
    rng = np.random.default_rng(covered)
    n = 1_000
    column_rows = np.sort(rng.choice(n, size=covered, replace=False)).astype(np.intp)
    column_values = rng.choice([0.05, 0.25, 0.6, 1.0, 1.3], size=covered).astype(np.float32)
    segment = _Segment(n, column_rows, column_values)
    phrase = Phrase("term", ((0,),), 1.0, column=3)
    for size in (3, n // 2, n):  # few rows: binary search; many: the dense scatter
        rows = np.sort(rng.choice(n, size=size, replace=False)).astype(np.int32)
        values = rng.random(size).astype(np.float32)
        found = scoring._unproven(segment, phrase, rows, values)
        coverage, _ = segment.coverage_at(3, rows.astype(np.intp))
        assert np.array_equal(found, values * (np.float32(1.0) - np.minimum(coverage, np.float32(1.0))))


def test_the_chunked_gather_of_the_must_have_filter_is_fancy_indexing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from shortlist.engine.matching import match

    rng = np.random.default_rng(5)
    table = rng.integers(0, 255, size=40).astype(np.uint8)
    for size in (0, 1, 7, 8, 9, 100):
        codes = rng.integers(0, 40, size=size).astype(np.int32)
        monkeypatch.setattr(match, "GATHER_CHUNK", 8)
        assert np.array_equal(match._gather(table, codes), table[codes])
