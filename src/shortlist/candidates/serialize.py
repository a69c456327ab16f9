"""Candidates as the JSON other tools script against (`shortlist candidates list|show --json`).

The shape is a contract (see DESIGN.md): change it only by adding keys.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.db.models import QuerySet

from shortlist.candidates.importing import Summary
from shortlist.candidates.models import Candidate
from shortlist.candidates.reparse import ReparseStatus, ReparseSummary
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.vocab.taxonomy import Taxonomy

PROFILE_PREFETCH = ("skills", "scale_claims", "experiences")


def profiles(queryset: QuerySet[Candidate] | None = None, chunk_size: int = 2000) -> Iterator[dict[str, Any]]:
    """Every candidate as a profile dict, streamed in chunks so a million rows fit in memory."""
    queryset = Candidate.objects.all() if queryset is None else queryset
    rows = queryset.order_by("id").prefetch_related(*PROFILE_PREFETCH)
    for candidate in rows.iterator(chunk_size=chunk_size):
        yield profile_dict(candidate)


def skill_name(skill_id: str, taxonomy: Taxonomy | None = None) -> str:
    """The display name, or the id itself for a skill the taxonomy does not (or no longer) know.
    Pass `taxonomy` when naming many: each workspace_taxonomy() checks the user's skills file."""
    skill = (taxonomy or workspace_taxonomy()).get(skill_id)
    return skill.name if skill else skill_id


def profile_dict(candidate: Candidate, with_text: bool = False) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": candidate.id,
        "name": candidate.name,
        "source": candidate.source,
        "location": candidate.location,
        "city": candidate.city,
        "country": candidate.country,
        "emails": list(candidate.emails),
        "phone": candidate.phone,
        "headline": candidate.headline,
        "seniority": candidate.seniority or None,
        "total_years": candidate.total_years,
        "links": {
            key: url
            for key, url in (
                ("github", candidate.github_url),
                ("linkedin", candidate.linkedin_url),
                ("website", candidate.website_url),
            )
            if url
        },
        "preferences": {
            "work_mode": candidate.work_mode or None,
            "open_to_relocation": candidate.open_to_relocation,
            "right_to_work": list(candidate.right_to_work),
            "needs_sponsorship": list(candidate.needs_sponsorship),
            "notice_weeks": candidate.notice_weeks,
            "salary_expectation": candidate.salary_expectation,
            "salary_currency": candidate.salary_currency or None,
        },
        "skills": [
            {
                "id": skill.skill,
                "name": skill_name(skill.skill),
                "years": round(skill.years, 1),
                "last_used": skill.last_used,
                "strength": round(skill.strength, 2),
                "evidence": list(skill.evidence),
            }
            for skill in candidate.skills.all()
        ],
        "scale_claims": [
            {"metric": claim.metric, "value": claim.value, "unit": claim.unit, "snippet": claim.snippet}
            for claim in candidate.scale_claims.all()
        ],
        "experience": [
            {
                "employer": job.employer,
                "title": job.title,
                "start": job.start.isoformat()[:7] if job.start else None,
                "end": job.end.isoformat()[:7] if job.end else None,
            }
            for job in candidate.experiences.all()
        ],
        "duplicate_of": candidate.duplicate_of_id,
        "warnings": list(candidate.import_warnings),
        "parser_version": candidate.parser_version or None,
    }
    if with_text:
        data["text"] = candidate.raw_text
    return data


IMPORT_STATUSES = ("imported", "updated", "unchanged", "duplicate", "failed")


def import_report(summary: Summary) -> dict[str, Any]:
    """`shortlist import --json`: one entry per file in reading order, then the totals."""
    return {
        "files": [
            {
                "file": o.name,
                "status": o.status.value,
                "candidate_id": o.candidate_id,
                "duplicate_of": o.duplicate_of,
                "reason": o.reason or None,
                "warnings": list(o.warnings),
            }
            for o in summary.outcomes
        ],
        "counts": {status: summary.counts.get(status, 0) for status in IMPORT_STATUSES},
    }


def import_finished_json(counts: dict[str, int], upload_id: int | None = None) -> dict[str, Any]:
    """The `data` of an `import.finished` webhook (README § Webhooks): how many files ended how.
    `upload_id` is the upload batch's id (a web upload, the API, `import --queue`); null for a
    `shortlist import` run, which imports in the foreground."""
    return {
        "upload_id": upload_id,
        "files": sum(counts.values()),
        "counts": {status: counts.get(status, 0) for status in IMPORT_STATUSES},
    }


def reparse_report(summary: ReparseSummary) -> dict[str, Any]:
    """`shortlist reparse --json`: one entry per candidate, then the totals."""
    return {
        "candidates": [
            {
                "id": o.candidate_id,
                "status": o.status.value,
                "reason": o.reason or None,
                "warnings": list(o.warnings),
            }
            for o in summary.outcomes
        ],
        "counts": {status.value: summary.counts.get(status.value, 0) for status in ReparseStatus},
    }
