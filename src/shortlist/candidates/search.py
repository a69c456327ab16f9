"""Boolean search over the stored pool: the query language lives in shortlist.engine.search."""

from __future__ import annotations

from django.db.models import Exists, OuterRef

from shortlist.candidates.models import Candidate, CandidateSkill
from shortlist.candidates.pool import iter_profiles
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.matching.search import Query, parse_query


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
