"""A query of skills, places, levels, years and preferences over the whole pool is answered from the
pool's index (candidates/search.py `_ranked_in_index`) rather than SQL. The candidates found, their order
and their number must be the SQL path's, also while the pool holds changes not yet published (renamed,
re-skilled, moved, promoted, added and erased candidates), and an erased candidate is never found."""

from __future__ import annotations

import random

import pytest

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateRemoval, CandidateSkill
from shortlist.candidates.search import _ranked_in_index, ranked_matches
from shortlist.engine.matching.search import parse_query

SKILLS = ("python", "django", "go", "kafka", "kubernetes", "rust", "java", "postgresql")
NAMES = ("Ada Byrne", "Ada Byrne", "Zoë Ó Briain", "Bruno Alves", "bruno alves", "Émile Roy", "Chen Wei")
QUERIES = [
    "python", "golang", "python OR go", "python kafka", "(golang OR rust) AND k8s NOT java",
    "python django kafka postgresql", "go OR rust OR java OR kafka", "NOT java", "NOT (python OR go)",
    "location:london", "python location:london", "location:berlin OR go", "NOT location:london",
    "location:uk -java",
    "python seniority:>=senior", "seniority:junior OR go", "NOT years:>=5", "years:>=3 years:<8 kafka",
    "remote:yes python", "NOT remote:yes", "relocate:no OR rust", "location:london seniority:>=mid remote:no",
]  # fmt: skip
LEVELS = ("", "junior", "mid", "senior", "staff", "lead", "senior")
YEARS = (None, 0.0, 2.5, 5.0, 7.9, 12.0, None, 3.0)
MODES = ("", "onsite", "hybrid", "remote", "remote")
RELOCATION = (None, True, False)
PLACES = (
    ("London", "GB"),
    ("London", "GB"),
    ("Cambridge", "GB"),
    ("Berlin", "DE"),
    ("", ""),
    ("London", "CA"),
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("pool_home")]


def _add(rng: random.Random, name: str) -> Candidate:
    # Places and the other columns not from rng (the skills stay as they were drawn): from a counter.
    n = Candidate.objects.count() + sum(map(ord, name))
    city, country = PLACES[n % len(PLACES)]
    candidate = Candidate.objects.create(
        name=name, raw_text="filler", city=city, country=country, seniority=LEVELS[n % len(LEVELS)],
        total_years=YEARS[n % len(YEARS)], work_mode=MODES[n % len(MODES)],
        open_to_relocation=RELOCATION[n % len(RELOCATION)],
    )  # fmt: skip
    for skill in rng.sample(SKILLS, rng.randint(0, 5)):
        CandidateSkill.objects.create(
            candidate=candidate,
            skill=skill,
            strength=rng.choice((0.0, 0.2, 0.5, 0.9, 1.0, rng.random())),
            last_used=rng.choice((None, 2012, 2019, 2023, 2026)),
            years=rng.choice((0.0, 1.5, 4.0, 8.0, rng.uniform(0, 10))),
        )
    return candidate


def _both(text: str) -> tuple[list[int] | None, list[int]]:
    query = parse_query(text)
    in_sql = ranked_matches(Candidate.objects.filter(pk__gt=0), query, 2026)  # a filter: the SQL path
    return _ranked_in_index(query, 2026), in_sql


def test_the_index_finds_and_orders_as_sql_does_over_unpublished_changes() -> None:
    rng = random.Random(5)
    people = [_add(rng, rng.choice(NAMES) if n % 3 else f"Person {n % 11}") for n in range(150)]
    pool.build()
    for text in QUERIES:
        in_index, in_sql = _both(text)
        assert in_index == in_sql and len(in_sql) > 3, text
    # Changes after the version and after the page read its names: the pool's delta.
    people[1].name = "Aaron First"  # renamed: moves to the front of its score's ties
    people[1].save()
    people[2].name = people[4].name
    people[2].save()
    CandidateSkill.objects.filter(candidate=people[5]).update(strength=0.0)  # no longer holds its skills
    people[5].save()
    CandidateSkill.objects.create(candidate=people[6], skill="go", strength=1.0, last_used=2026, years=9.0)
    people[6].save()
    people[9].city, people[9].country = "Berlin", "DE"  # moved
    people[9].save()
    people[10].city, people[10].country = "Paris", "FR"  # a place no version has seen
    people[10].save()
    people[11].seniority, people[11].total_years, people[11].work_mode = "lead", 15.0, "remote"  # promoted
    people[11].save()
    newcomers = [_add(rng, name) for name in ("Ada Byrne", "Zed Last", "Émile Roy")]
    CandidateSkill.objects.create(candidate=newcomers[0], skill="python", strength=0.5, years=2.0)
    erased = [people[7].pk, people[8].pk]
    Candidate.objects.filter(pk__in=erased).delete()
    CandidateRemoval.record(erased)  # as erasure and merge do
    assert pool.pool_index().delta > 0  # nothing republished: the changes are held in memory
    for text in QUERIES:
        in_index, in_sql = _both(text)
        assert in_index == in_sql, text
        assert not set(erased) & set(in_index), text
    assert newcomers[0].pk in _both("python")[0]
    assert people[9].pk in _both("location:berlin")[0]
    assert _both("location:paris")[0] == [people[10].pk]
    assert people[11].pk in _both("seniority:lead years:>=15 remote:yes")[0]
    assert people[5].pk not in _both("python OR go OR rust OR java OR kafka OR django OR postgresql")[0]


def test_a_query_with_other_terms_or_rows_filtered_takes_the_sql_path() -> None:
    rng = random.Random(9)
    for n in range(20):
        _add(rng, f"Person {n}")
    pool.build()
    assert _ranked_in_index(parse_query('python "c++ routing"'), 2026) is None  # a word with punctuation
    assert _ranked_in_index(parse_query("lastused:python>=2020"), 2026) is None
    assert _ranked_in_index(parse_query("python"), 2026) is not None
    assert _ranked_in_index(parse_query("python location:london"), 2026) is not None
    assert _ranked_in_index(parse_query("python seniority:>=senior remote:yes"), 2026) is not None
    assert _ranked_in_index(parse_query("name:ada python"), 2026) is None
