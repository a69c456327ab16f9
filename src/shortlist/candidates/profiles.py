"""Stored candidates back into the engine's dataclasses (the inverse of importing.store_profile)."""

from __future__ import annotations

from shortlist.candidates.models import Candidate
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
            for job in candidate.experiences.all()
        ],
        skills=[
            SkillEvidence(
                skill=skill.skill,
                years=skill.years,
                last_used=skill.last_used,
                strength=skill.strength,
                evidence=[
                    Evidence(
                        e.get("section", ""), e.get("snippet", ""), float(e.get("strength", skill.strength))
                    )
                    for e in skill.evidence
                ],
            )
            for skill in candidate.skills.all()
        ],
        scale_claims=[
            ScaleClaimFound(ScaleMetric(claim.metric), claim.value, claim.unit, claim.snippet)
            for claim in candidate.scale_claims.all()
        ],
        total_years=candidate.total_years,
        seniority=Seniority(candidate.seniority) if candidate.seniority else None,
        preferences=Preferences(
            work_mode=WorkMode(candidate.work_mode) if candidate.work_mode else None,
            open_to_relocation=candidate.open_to_relocation,
            notice_weeks=candidate.notice_weeks,
            right_to_work=list(candidate.right_to_work),
            salary_expectation=candidate.salary_expectation,
            salary_currency=candidate.salary_currency,
        ),
    )


def _evidence(stored: dict[str, object], default_strength: float) -> Evidence:
    return Evidence(
        section=str(stored.get("section", "")),
        snippet=str(stored.get("snippet", "")),
        strength=float(stored.get("strength", default_strength)),  # type: ignore[arg-type]
    )
