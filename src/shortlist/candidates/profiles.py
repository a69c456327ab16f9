"""Stored candidates back into the engine's dataclasses (the inverse of importing.store_profile)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from types import SimpleNamespace
from typing import Any

from shortlist.candidates.models import Candidate, CandidateSkill, Experience, ScaleClaim
from shortlist.engine.vocab.enums import ScaleMetric, Seniority, WorkMode
from shortlist.engine.vocab.profile import (
    Contact,
    Evidence,
    Job,
    Preferences,
    Profile,
    ScaleClaimFound,
    SkillEvidence,
)


def to_profile(candidate: Candidate) -> Profile:
    """Use with the relations prefetched (serialize.PROFILE_PREFETCH) to stay at one query per relation."""
    related = (candidate.experiences.all(), candidate.skills.all(), candidate.scale_claims.all())
    return _assemble(candidate, *related)


_CANDIDATE_FIELDS = (
    "id", "source", "raw_text", "content_hash", "name", "emails", "phone", "city", "country", "github_url",
    "linkedin_url", "website_url", "headline", "total_years", "seniority", "work_mode", "open_to_relocation",
    "notice_weeks", "right_to_work", "needs_sponsorship", "salary_expectation", "salary_currency",
)  # fmt: skip


def profiles_by_id(candidate_ids: Sequence[int]) -> dict[int, Profile]:
    """The profiles of several candidates, equal to `to_profile` of each, in one query per table.

    Rows are read as plain values: building model instances and prefetch caches took most of the time
    of explaining a top-50 through the database.
    """
    people = {
        row["id"]: SimpleNamespace(**row)
        for row in Candidate.objects.filter(pk__in=list(candidate_ids)).order_by().values(*_CANDIDATE_FIELDS)
    }
    # The related models' default ordering applies to values() too, so each list is in to_profile's order.
    jobs = _grouped(
        Experience.objects.filter(candidate_id__in=people).values(
            "candidate_id", "employer", "title", "start", "end", "description"
        )
    )
    skills = _grouped(
        CandidateSkill.objects.filter(candidate_id__in=people).values(
            "candidate_id", "skill", "years", "last_used", "strength", "evidence"
        )
    )
    claims = _grouped(
        ScaleClaim.objects.filter(candidate_id__in=people).values(
            "candidate_id", "metric", "value", "unit", "snippet"
        )
    )
    return {pk: _assemble(person, jobs[pk], skills[pk], claims[pk]) for pk, person in people.items()}


def _grouped(rows: Iterable[dict[str, Any]]) -> defaultdict[int, list[SimpleNamespace]]:
    found: defaultdict[int, list[SimpleNamespace]] = defaultdict(list)
    for row in rows:
        found[row.pop("candidate_id")].append(SimpleNamespace(**row))
    return found


def _assemble(candidate: Any, jobs: Iterable[Any], skills: Iterable[Any], claims: Iterable[Any]) -> Profile:
    return Profile(
        source=candidate.source,
        text=candidate.raw_text,
        content_hash=candidate.content_hash,
        contact=Contact(
            name=candidate.name,
            emails=list(candidate.emails),
            phone=candidate.phone,
            city=candidate.city,
            country=candidate.country,
            github_url=candidate.github_url,
            linkedin_url=candidate.linkedin_url,
            website_url=candidate.website_url,
        ),
        headline=candidate.headline,
        jobs=[
            Job(employer=job.employer, title=job.title, start=job.start, end=job.end, text=job.description)
            for job in jobs
        ],
        skills=[
            SkillEvidence(
                skill=skill.skill,
                years=skill.years,
                last_used=skill.last_used,
                strength=skill.strength,
                evidence=[_evidence(e, skill.strength) for e in skill.evidence],
            )
            for skill in skills
        ],
        scale_claims=[
            ScaleClaimFound(ScaleMetric(claim.metric), claim.value, claim.unit, claim.snippet)
            for claim in claims
        ],
        total_years=candidate.total_years,
        seniority=Seniority(candidate.seniority) if candidate.seniority else None,
        preferences=Preferences(
            work_mode=WorkMode(candidate.work_mode) if candidate.work_mode else None,
            open_to_relocation=candidate.open_to_relocation,
            notice_weeks=candidate.notice_weeks,
            right_to_work=list(candidate.right_to_work),
            needs_sponsorship=list(candidate.needs_sponsorship),
            salary_expectation=candidate.salary_expectation,
            salary_currency=candidate.salary_currency,
        ),
    )


def _evidence(stored: dict[str, object], default_strength: float) -> Evidence:
    return Evidence(
        section=str(stored.get("section", "")),
        snippet=str(stored.get("snippet", "")),
        strength=float(stored.get("strength", default_strength)),  # type: ignore[arg-type]
        kind=str(stored.get("kind", "")),
    )
