"""Boolean search over the stored pool: the query language lives in shortlist.engine.search."""

from __future__ import annotations

from collections.abc import Iterator

from django.db.models import Exists, OuterRef, QuerySet

from shortlist.candidates.models import Candidate, CandidateSkill
from shortlist.candidates.pool import iter_profiles
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.matching.search import Query, parse_query
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
