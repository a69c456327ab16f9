"""The candidates page scores every match in NumPy (candidates/search.py `ranked_matches`, engine
`relevance_array`) rather than one Python call per evidence row (`relevance_many`). On a generated
pool full of ties (equal evidence, shared names) the order must be exactly the one the per-row
relevance function gives, ties by name then id."""

from __future__ import annotations

import random
from collections import defaultdict
from collections.abc import Iterator

import numpy as np
import pytest

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateSkill
from shortlist.candidates.search import _located, matching, ranked_matches
from shortlist.engine.matching import lexical
from shortlist.engine.matching.columns import UNKNOWN
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.search import Query, parse_query, relevance_array, relevance_many

SKILLS = ("python", "django", "go", "kafka", "kubernetes", "rust", "java", "postgresql")
NAMES = ("Ada Byrne", "Ada Byrne", "Zoë Ó Briain", "Bruno Alves", "bruno alves", "Émile Roy", "Chen Wei")
WORDS = ("latency", "payments", "routing", "platform", "requirements", "trading")
QUERIES = [
    "python", "golang", "python OR go", "python kafka", "(golang OR rust) AND k8s NOT java",
    "python django kafka postgresql", "latency", 'text:"low latency"', "python latency",
    "go OR rust OR java OR kafka", "NOT java", "seniority:>=senior", "lastused:python>=2020 routing",
]  # fmt: skip

pytestmark = pytest.mark.django_db


@pytest.fixture
def generated() -> None:
    rng = random.Random(12)
    for number in range(240):
        words = rng.choices(WORDS, k=rng.randint(0, 12)) + ["low latency"] * rng.randint(0, 2)
        candidate = Candidate.objects.create(
            name=rng.choice(NAMES) if number % 3 else f"Person {number % 17}",
            raw_text=" ".join(["filler"] * rng.randint(5, 60) + words),
            seniority=rng.choice(("", "junior", "mid", "senior", "staff")),
        )
        for skill in rng.sample(SKILLS, rng.randint(0, 5)):
            CandidateSkill.objects.create(
                candidate=candidate,
                skill=skill,
                strength=rng.choice((0.0, 0.2, 0.5, 0.9, 1.0, rng.random())),
                last_used=rng.choice((None, 2012, 2019, 2023, 2026)),
                years=rng.choice((0.0, 1.5, 4.0, 8.0, 12.0, rng.uniform(0, 10))),
            )
    pool.forget()


def _index_evidence(
    index: CandidateIndex, ids: list[int], skills: list[str]
) -> Iterator[tuple[int, str, float, int | None, float]]:
    """The evidence rows as the page read them before, one Python tuple each."""
    codes = {index.codes.code("skills", skill, add=False): skill for skill in skills}
    codes.pop(UNKNOWN, None)
    wanted = np.asarray(sorted(ids), dtype=np.int64)
    for segment in index.segments():
        rows, row_ids = _located(segment, wanted)
        for row, cid in zip(rows.tolist(), row_ids.tolist(), strict=True):
            for entry in range(int(segment.ev_ptr[row]), int(segment.ev_ptr[row + 1])):
                code, strength = int(segment.ev_skill[entry]), float(segment.ev_strength[entry])
                if code in codes and strength > 0:
                    last, years = int(segment.ev_last[entry]), float(segment.ev_years[entry])
                    yield cid, codes[code], strength, (last or None), years


def _word_values(index: CandidateIndex, ids: list[int], query: Query) -> dict[int, list[tuple[float, float]]]:
    _, words = query.positive_terms()
    lexicon = index.lexicon()
    phrases = [p for _, term in words if (p := lexicon.phrase(" ".join(term), [" ".join(term)])) is not None]
    found: dict[int, list[tuple[float, float]]] = defaultdict(list)
    wanted = np.asarray(sorted(ids), dtype=np.int64)
    for segment in index.segments():
        rows, hit_ids = _located(segment, wanted)
        for phrase in phrases:
            values = lexical.values_at(segment.lexical, phrase, lexicon.average_length, rows)
            for cid, value in zip(hit_ids.tolist(), values.tolist(), strict=True):
                found[cid].append((phrase.idf, value))
    return found


def _by_relevance_many(query: Query, today_year: int) -> list[int]:
    names = dict(matching(Candidate.objects.all(), query).values_list("id", "name"))
    skills, words = query.positive_terms()
    index = pool.pool_index()
    evidence = _index_evidence(index, list(names), sorted(frozenset().union(*skills)))
    values = _word_values(index, list(names), query) if words else {}
    scores = relevance_many(skills, evidence, today_year, values, names)
    return [cid for _, _, cid in sorted((-score, names[cid], cid) for cid, score in scores.items())]


@pytest.mark.parametrize("text", QUERIES)
def test_the_page_orders_as_the_relevance_function_does(text: str, generated: None) -> None:
    query = parse_query(text)
    expected = _by_relevance_many(query, 2026)
    assert len(expected) > 3  # the query finds people, in an order with something to get wrong
    assert ranked_matches(Candidate.objects.all(), query, 2026) == expected


def test_the_arrays_give_the_same_floats_as_the_rows() -> None:
    rng = np.random.default_rng(7)
    size, entries = 50, 400
    skills = (frozenset({"a", "b"}), frozenset({"c"}), frozenset({"b", "d"}), frozenset({"e"}))
    codes = {"a": 3, "b": 5, "c": 8, "d": 9, "e": 11}
    owner = rng.integers(0, size, entries)
    skill = rng.choice(np.array([3, 5, 8, 9, 11, 12], dtype=np.int32), entries)
    strength = rng.random(entries).astype(np.float32) * rng.integers(0, 2, entries)
    last = rng.choice(np.array([0, 2010, 2021, 2026], dtype=np.int16), entries)
    years = (rng.random(entries) * 12).astype(np.float32)
    sats = [(1.7, rng.random(size).astype(np.float32)), (0.0, rng.random(size).astype(np.float32))]
    by_code = {code: name for name, code in codes.items()}
    rows = [
        (o, by_code.get(k, "zz"), s, (y or None), v)
        for o, k, s, y, v in zip(
            owner.tolist(), skill.tolist(), strength.tolist(), last.tolist(), years.tolist(), strict=True
        )
        if s > 0
    ]
    words = {i: [(idf, float(sat[i])) for idf, sat in sats] for i in range(size)}
    expected = relevance_many(skills, rows, 2026, words, range(size))
    found = relevance_array(skills, codes, owner, skill, strength, last, years, 2026, sats, size)
    assert found.tolist() == [expected[i] for i in range(size)]  # equal, not approximately
