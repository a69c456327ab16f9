"""A query of skills and plain CV words over the whole pool, with or without the page's skill filter,
(or phrases of plain words) is answered through the pool's index with the words' ids from the full-text
index (candidates/search.py
`_ranked_in_index`, `text_ids`). The candidates found and their order must be the SQL path's, on texts
where the index's words and the whole-word rule part ways (punctuation, accents, e-mails, "_", a
dotted capital I, the Kelvin sign, "1e5engineer"), also while the pool holds changes not yet
published; an erased candidate is never found. And a word's rows are the rule's rows, on SQLite and
PostgreSQL alike (PostgreSQL re-checks only the texts its word vector may read otherwise), and so are a
phrase's rows: its words adjacent across any non-word run, also past 16,383 words of a long CV, where
a CV holds every pair of a longer phrase but not in a row, around a word too long for PostgreSQL's
vector, and in a CV with too many word pairs for its pair vector (migration 0019)."""

from __future__ import annotations

import random

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateRemoval, CandidateSkill
from shortlist.candidates.search import _ranked_in_index, names_warm, ranked_matches, text_ids, text_words
from shortlist.engine.matching.search import parse_query, word_pattern
from tests.conftest import on_postgres

TEXTS = [
    "Senior engineer in London. Engineer, engineer again: London!",
    "Backend Engineer — London, UK. Email: london.engineer@example.com",  # the words in an e-mail too
    "Contact: engineer@example.com only; lives in Leeds",  # "engineer" only inside an address
    "https://www.london-jobs.example/engineer is my page",  # the words only in a link
    "engineer+london and c++ and c# and f#, engineer#1",  # glued by + and #
    "ENGINEERING manager; not an engineer's engineer'",  # apostrophes
    "go-getter, golang, go_lang, cargo; résumé; resume writer",  # hyphens, "_", accents
    "London_based engineer_team, snake_case only",  # "_" joins words for the rule
    "\u0130stanbul engineer, \u212aelvin london",  # dotted capital I, the Kelvin sign
    "1e5engineer 2e10london x1e5 but also engineer",  # a float glued to a word
    "Zoë Ó Briain, engineer in Dublin; Ådalen",
    "nothing here at all",
    "istanbul and kelvin written plainly",
    "éengineer engineeré 2engineer engineer2",  # glued to a letter or digit: no whole word
    "LONDON ENGINEER london engineer LoNdOn",  # repeated, cases
    # Phrases: any non-word run between the words, but not "_", another word or another order.
    "Backend-Engineer; backend / engineer and backend\n\t engineer, backend\u2014engineer",
    "backend_engineer, backend 2 engineer, engineer backend, backend, lead engineer",
    "backend backend engineer engineer",  # repeated words
    "backend é engineer, backend\u00a0engineer, data-engineer",  # a letter between; a no-break space
    "backend 1e5 engineer and backend_ engineer",  # odd texts on PostgreSQL
    "backend lead, then lead engineer; engineer engineer backend",  # every pair, never in a row
]
# Long texts: a tsvector keeps 255 positions of a word and none past 16,383 (PostgreSQL re-checks them).
LONG_TEXTS = [
    "backend " + "filler " * 16_400 + "backend engineer at the end",
    "backend lead " * 300 + "then backend engineer",
    "engineer backend " * 300 + "nothing adjacent in order",
    "backend " + "q" * 2100 + " engineer lead",  # a word too long for PostgreSQL's vector between them
]
NAMES = ("Ada Byrne", "Ada Byrne", "Zoë Ó Briain", "Bruno Alves", "bruno alves", "Émile Roy", "Chen Wei")
SKILLS = ("python", "django", "go", "kafka", "java")
WORDS = [
    "engineer", "london", "istanbul", "kelvin", "resume", "golang", "leeds", "example", "com", "c",
    "engineering", "dublin", "based", "team", "snake", "case", "1e5engineer", "x1e5", "2e10london",
    "engineer2", "nobody",
]  # fmt: skip
PHRASES = [
    ("backend", "engineer"), ("engineer", "backend"), ("london", "engineer"), ("engineer", "london"),
    ("data", "engineer"), ("backend", "backend", "engineer"), ("filler", "backend"), ("backend", "lead"),
    ("senior", "engineer", "in", "london"), ("lead", "engineer"), ("backend", "2", "engineer"),
    ("1e5engineer", "2e10london"), ("backend", "1e5"), ("engineer", "engineer"),
    ("backend", "lead", "engineer"), ("backend", "engineer", "engineer"),
]  # fmt: skip
QUERIES = [
    "engineer", "london", "istanbul", "kelvin", "engineer london", "engineer NOT london",
    "london OR leeds", "python engineer", "golang london", "NOT engineer", "(python OR java) london",
    "resume", "text:engineer -text:london", "nobody", "python",
    '"backend engineer"', '"backend engineer" london', '"london engineer" python', '"data engineer"',
    '"backend engineer" NOT "engineer backend"', '"machine learning" python', '"engineer london" OR leeds',
    '"backend lead"', 'text:"backend engineer"', "engineer london kelvin", "1e5engineer engineer",
    "london engineer 2e10london", "engineer london c", "istanbul engineer",
]  # fmt: skip

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pool_home")]


def _add(rng: random.Random, name: str, text: str) -> Candidate:
    candidate = Candidate.objects.create(name=name, raw_text=text)
    for skill in rng.sample(SKILLS, rng.randint(0, 3)):
        CandidateSkill.objects.create(
            candidate=candidate,
            skill=skill,
            strength=rng.choice((0.0, 0.5, 1.0, rng.random())),
            last_used=rng.choice((None, 2019, 2026)),
            years=rng.choice((0.0, 4.0, rng.uniform(0, 10))),
        )
    return candidate


def _both(text: str, holding: str = "") -> tuple[list[int] | None, list[int]]:
    query = parse_query(text)
    in_sql = ranked_matches(Candidate.objects.filter(pk__gt=0), query, 2026, holding)  # a filter: SQL
    return _ranked_in_index(query, 2026, holding), in_sql


def _agree(erased: frozenset[int] = frozenset()) -> None:
    for word in WORDS:
        # PostgreSQL: the rule itself (`~*`), which its vector only narrows; SQLite: its FTS5 table is
        # the rule for a plain word (text_words), here read without the candidate table.
        decides = Q(raw_text__iregex=word_pattern((word,))) if on_postgres() else text_words((word,))
        expected = Candidate.objects.filter(decides).values_list("pk", flat=True)
        assert sorted(text_ids((word,)).tolist()) == sorted(expected), word
    for words in PHRASES:
        # A phrase of plain words is the index's word positions on both databases: the rule decides.
        expected = Candidate.objects.filter(raw_text__iregex=word_pattern(words)).values_list("pk", flat=True)
        assert sorted(text_ids(words).tolist()) == sorted(expected), words
        sql = Candidate.objects.filter(text_words(words)).values_list("pk", flat=True)
        assert sorted(sql) == sorted(expected), words
    for text in QUERIES:
        for holding in ("", "python", "kafka", "nothing"):
            in_index, in_sql = _both(text, holding)
            assert in_index is not None, text
            assert in_index == in_sql, (text, holding)
            assert not erased & set(in_index), text


def test_words_from_the_index_find_and_order_as_sql_does_over_unpublished_changes() -> None:
    rng = random.Random(12)
    people = [_add(rng, rng.choice(NAMES), TEXTS[n % len(TEXTS)]) for n in range(6 * len(TEXTS))]
    for text in LONG_TEXTS:
        _add(rng, rng.choice(NAMES), text)
    pool.build()
    assert len(_both("engineer")[1]) > 20 and len(_both("london", "python")[1]) > 3
    assert len(_both('"backend engineer"')[1]) > 10
    _agree()
    # Changes after the version: the pool's delta (renamed, new text, new skill, newcomers, erased).
    people[1].name = "Aaron First"
    people[1].save()
    people[2].raw_text = "now a London engineer"
    people[2].save()
    CandidateSkill.objects.update_or_create(candidate=people[3], skill="kafka", defaults={"strength": 0.0})
    people[3].save()
    for n in range(4):
        _add(rng, rng.choice(NAMES), TEXTS[n])
    erased = [people[7].pk, people[8].pk]
    Candidate.objects.filter(pk__in=erased).delete()
    CandidateRemoval.record(erased)
    assert pool.pool_index().delta > 0
    _agree(frozenset(erased))


def test_a_word_with_punctuation_takes_the_sql_path() -> None:
    rng = random.Random(3)
    for n in range(10):
        _add(rng, f"Person {n}", TEXTS[n])
    pool.build()
    assert _ranked_in_index(parse_query('"backend engineer"'), 2026) is not None  # plain words: the index
    others = (
        "text:c++",
        "text:go-getter",
        "résumé",
        "name:ada",
    )
    for text in others:
        assert _ranked_in_index(parse_query(text), 2026) is None, text


def test_a_phrase_finds_the_rules_rows_in_random_texts() -> None:
    rng = random.Random(16)
    pieces = [
        "backend", "engineer", "data", "Backend", "ENGINEER", "2", "x", "é", "ß", "_", "-", " ", "  ", "\n",
        " / ", ", ", "\u00a0", "\u2014", ".", "'", "#", "\u00b2", "\u0660",
    ]  # fmt: skip
    # Not a combining mark (U+0301): SQLite's FTS5 keeps it in a token where the rule reads a non-word
    # character, for a single word as for a phrase (a text in decomposed form; see benchmarks/README).
    texts = ["".join(rng.choices(pieces, k=rng.randint(1, 30))) for _ in range(300)]
    Candidate.objects.bulk_create(Candidate(name=f"R {n}", raw_text=text) for n, text in enumerate(texts))
    for words in [("backend", "engineer"), ("engineer", "backend"), ("data", "engineer"), ("x", "2"),
                  ("x", "backend"), ("engineer", "engineer")]:  # fmt: skip
        expected = Candidate.objects.filter(raw_text__iregex=word_pattern(words)).values_list("pk", flat=True)
        assert len(expected) > 0, words
        assert sorted(text_ids(words).tolist()) == sorted(expected), words
    # Three words, among texts of few words: all of a phrase's pairs are often there, not in a row.
    words_of, between = ("backend", "engineer", "x", "Backend"), (" ", " / ", "-", "_", "é", "")
    texts = [
        "".join(rng.choice(words_of) + rng.choice(between) for _ in range(rng.randint(1, 12)))
        for _ in range(300)
    ]
    Candidate.objects.bulk_create(Candidate(name=f"T {n}", raw_text=text) for n, text in enumerate(texts))
    for words in [("backend", "engineer", "x"), ("x", "backend", "engineer"), ("engineer", "x", "engineer"),
                  ("backend", "backend", "backend")]:  # fmt: skip
        expected = Candidate.objects.filter(raw_text__iregex=word_pattern(words)).values_list("pk", flat=True)
        assert len(expected) > 0, words
        assert sorted(text_ids(words).tolist()) == sorted(expected), words
        sql = Candidate.objects.filter(text_words(words)).values_list("pk", flat=True)
        assert sorted(sql) == sorted(expected), words


def test_a_phrase_is_found_in_a_cv_of_very_many_long_words() -> None:
    """On PostgreSQL a CV whose word pairs would not fit one pair vector (migration 0019: over 1 MB of
    pairs) keeps none, and its word vector decides its phrases: it is still found, and only where the
    words are adjacent."""
    rng = random.Random(19)
    letters = "abcdefghijklmnopqrstuvwxyz"
    many = ["".join(rng.choices(letters, k=40)) for _ in range(16_000)]
    crowded = Candidate.objects.create(name="Many Words", raw_text=" ".join(many) + ", backend-engineer")
    plain = Candidate.objects.create(name="Few Words", raw_text=f"{many[5]} / {many[6]}; backend engineer")
    other = Candidate.objects.create(name="Apart", raw_text=f"{many[6]} {many[5]} {many[7]}")
    for words, found in [
        ((many[5], many[6]), {crowded.pk, plain.pk}),
        ((many[5], many[6], many[7]), {crowded.pk}),
        ((many[6], many[5]), {other.pk}),
        (("backend", "engineer"), {crowded.pk, plain.pk}),
        ((many[9], "backend"), set()),
    ]:
        assert set(text_ids(words).tolist()) == found, words
        assert set(Candidate.objects.filter(text_words(words)).values_list("pk", flat=True)) == found, words


def test_a_repeated_search_reads_its_words_and_skill_holders_once_per_version() -> None:
    # The load test's search (a city and a skill filter) read ~60,000 ids a request at 100,000 candidates.
    rng = random.Random(5)
    people = [_add(rng, rng.choice(NAMES), TEXTS[n % len(TEXTS)]) for n in range(3 * len(TEXTS))]
    pool.build()
    query = parse_query("london engineer")
    first = _ranked_in_index(query, 2026, "python")
    with CaptureQueriesContext(connection) as queries:
        again = _ranked_in_index(query, 2026, "python")
    assert again == first
    assert not [q for q in queries.captured_queries if "candidateskill" in q["sql"].lower()]
    assert not [q for q in queries.captured_queries if "london" in str(q["sql"]).lower()]
    # A change since reaches the next search at once (this process's own write), as the rule says.
    newcomer = _add(random.Random(1), "Aaron Newcomer", "London engineer")
    CandidateSkill.objects.get_or_create(candidate=newcomer, skill="python", defaults={"strength": 1.0})
    newcomer.save()
    people[0].raw_text = "nothing about cities"
    people[0].save()
    in_index, in_sql = _both("london engineer", "python")
    assert in_index == in_sql and newcomer.pk in in_index and people[0].pk not in in_index


def test_a_worker_warmed_before_its_first_request_reads_no_names_in_it() -> None:
    # shortlist.wsgi.warm: a new web worker reads the search's name order (1-2 s at 100,000) before it
    # takes requests, so that its first search does not; the result is the same.
    rng = random.Random(8)
    for n in range(2 * len(TEXTS)):
        _add(rng, rng.choice(NAMES), TEXTS[n % len(TEXTS)])
    pool.build()
    query = parse_query("engineer")
    with CaptureQueriesContext(connection) as cold:
        expected = _ranked_in_index(query, 2026)
    pool.forget()
    names_warm()
    with CaptureQueriesContext(connection) as warm:
        assert _ranked_in_index(query, 2026) == expected
    assert len(warm.captured_queries) < len(cold.captured_queries)
