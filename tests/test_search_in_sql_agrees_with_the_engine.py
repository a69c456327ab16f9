"""The candidates page runs a query as one SQL filter (candidates/search.py `_SqlFilter`); for every
kind of term it must find exactly whom `Query.matches` finds on the same profiles (the CLI's and the
API's reading), on SQLite and PostgreSQL alike. London, Ontario (the manager) is not London, GB."""

from __future__ import annotations

import pytest

from shortlist.candidates.models import Candidate, CandidateSkill, Experience
from shortlist.candidates.search import matching
from shortlist.engine.matching.search import parse_query
from tests.test_boolean_search import POOL

pytestmark = pytest.mark.django_db

QUERIES = [
    "golang", "k8s", "python", "skill:python", "skill:go", "go kafka", "java OR go kafka",
    "(java OR go) kafka", "kafka -java", "NOT java", "-(java OR python)", "go OR NOT kafka",
    "streaming", "STREAM", "engineer", '"order routing"', '"routing order"', "go-getter", "text:go",
    'text:"go-to-market   strategy"', "text:k8s", "streaming, kafka.", "text:c++",
    'title:"staff engineer"', "title:developer", "company:paystream", 'company:"bank of dublin"',
    'name:"ada lovelace"', "name:grace", "seniority:senior", "seniority:>=senior", "seniority:<senior",
    "NOT seniority:>=senior", "years:>=5", "years:5+", "years:<5", "years:=6", "NOT years:>=5",
    "remote:yes", "remote:no", "NOT remote:no", "relocate:yes", "relocate:no", "NOT relocate:yes",
    "lastused:go>=2026", "lastused:java<2020", "lastused:java<=2015", "lastused:kafka=2025",
    "lastused:kafka>2025", "NOT lastused:java>=2020", "lovelace OR hopper", "lovelace NOT ada",
    "location:london", "location:GB", "location:IE", "NOT location:london", "location:dublin kafka",
    'location:"united kingdom"', "location:london OR location:dublin", "location:atlantis",
]  # fmt: skip


@pytest.fixture
def stored() -> dict[int, str]:
    """The engine tests' profiles as stored candidates, by id -> their source."""
    ids = {}
    for profile in POOL:
        candidate = Candidate.objects.create(
            name=profile.contact.name,
            city=profile.contact.city,
            country=profile.contact.country,
            headline=profile.headline,
            raw_text=profile.text,
            source=profile.source,
            total_years=profile.total_years,
            seniority=profile.seniority.value if profile.seniority else "",
            work_mode=profile.preferences.work_mode.value if profile.preferences.work_mode else "",
            open_to_relocation=profile.preferences.open_to_relocation,
        )
        for found in profile.skills:
            CandidateSkill.objects.create(
                candidate=candidate,
                skill=found.skill,
                strength=found.strength,
                last_used=found.last_used,
                years=found.years,
            )
        for job in profile.jobs:
            Experience.objects.create(candidate=candidate, employer=job.employer, title=job.title)
        ids[candidate.pk] = profile.source
    return ids


@pytest.mark.parametrize("text", QUERIES)
def test_the_database_finds_whom_the_engine_finds(text: str, stored: dict[int, str]) -> None:
    query = parse_query(text)
    expected = {profile.source for profile in POOL if query.matches(profile)}
    found = matching(Candidate.objects.all(), query)
    assert {stored[pk] for pk in found.values_list("pk", flat=True)} == expected
