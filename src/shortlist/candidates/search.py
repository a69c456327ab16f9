"""Boolean search over the stored pool: the query language lives in shortlist.engine.search."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from django.db.models import Exists, OuterRef, QuerySet

from shortlist.candidates.models import Candidate, CandidateSkill, Experience
from shortlist.candidates.pool import iter_profiles
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.matching.search import Query, parse_query
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


def ranked_matches(rows: QuerySet[Candidate], query: Query, today_year: int) -> list[int]:
    """Ids of every row matching the query, most relevant first (engine.matching.search.relevance),
    ties by name then id so a page never reshuffles."""
    found: list[tuple[int, Profile]] = [
        (cid, profile)
        for cid, profile in _search_profiles(prefiltered(rows, query), query.reads_text())
        if query.matches(profile)
    ]
    lengths = [len(profile.text.split()) for _, profile in found if profile.text]
    average = sum(lengths) / len(lengths) if lengths else 1.0
    scored = [
        (-query.relevance(profile, today_year, average), profile.contact.name, cid) for cid, profile in found
    ]
    scored.sort()
    return [cid for _, _, cid in scored]
