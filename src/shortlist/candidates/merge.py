"""Merging two profiles of the same person (found twice on import, or spotted by a recruiter)."""

from __future__ import annotations

from django.db import transaction

from shortlist.candidates.models import (
    Candidate,
    CandidateIdentity,
    CandidateRemoval,
    Experience,
    ImportFile,
    ScaleClaim,
)
from shortlist.pipeline.models import ApplicationNote
from shortlist.pipeline.services import application_follow_merge, stage_history_erase

MAX_EVIDENCE = 5
# A merged profile holds facts from two CVs and no single stored text re-derives it: it is marked so
# that re-parsing leaves it alone instead of dropping what the other CV said.
MERGED_PROFILE = "merged"
# Fields copied from the other profile only where the kept one has nothing.
FILLABLE = (
    "name", "phone", "city", "country", "github_url", "linkedin_url", "website_url", "headline",
    "seniority", "total_years", "work_mode", "open_to_relocation", "notice_weeks",
    "salary_expectation", "salary_currency", "lawful_basis", "consent_at",
)  # fmt: skip


class MergeError(ValueError):
    pass


def merge_candidates(keep_id: int, other_id: int) -> Candidate:
    """Fold `other` into `keep` and delete `other`; nothing `other` knew is lost."""
    if keep_id == other_id:
        raise MergeError("A candidate cannot be merged with itself.")
    with transaction.atomic():
        found = {c.pk: c for c in Candidate.objects.select_for_update().filter(pk__in=[keep_id, other_id])}
        for wanted in (keep_id, other_id):
            if wanted not in found:
                raise MergeError(f"No candidate with id {wanted}.")
        keep, other = found[keep_id], found[other_id]
        for name in FILLABLE:
            if getattr(keep, name) in (None, "") and getattr(other, name) not in (None, ""):
                setattr(keep, name, getattr(other, name))
        keep.emails = list(dict.fromkeys([*keep.emails, *other.emails]))
        keep.right_to_work = sorted(set(keep.right_to_work) | set(other.right_to_work))
        keep.needs_sponsorship = sorted(set(keep.needs_sponsorship) | set(other.needs_sponsorship))
        if keep.duplicate_of_id == other.pk:
            keep.duplicate_of = None
        keep.parser_version = MERGED_PROFILE
        keep.import_warnings = list(dict.fromkeys([*keep.import_warnings, *other.import_warnings]))
        keep.save()
        _merge_skills(keep, other)
        _move_experiences(keep, other)
        _move_scale_claims(keep, other)
        _move_identities(keep, other)
        _move_applications(keep, other)
        Candidate.objects.filter(duplicate_of=other).exclude(pk=keep.pk).update(duplicate_of=keep)
        # Their import records (and the CV files kept with them) follow, so erasing `keep` removes them.
        ImportFile.objects.filter(candidate=other).update(candidate=keep)
        other.delete()
        CandidateRemoval.record([other_id])  # every process drops it from its pool (candidates/pool.py)
    return keep


def _merge_skills(keep: Candidate, other: Candidate) -> None:
    kept = {skill.skill: skill for skill in keep.skills.all()}
    for skill in other.skills.all():
        mine = kept.get(skill.skill)
        if mine is None:
            skill.candidate = keep
            skill.save(update_fields=["candidate"])
            continue
        mine.years = max(mine.years, skill.years)
        mine.last_used = max(filter(None, [mine.last_used, skill.last_used]), default=None)
        mine.strength = max(mine.strength, skill.strength)
        snippets = {e.get("snippet") for e in mine.evidence}
        extra = [e for e in skill.evidence if e.get("snippet") not in snippets]
        mine.evidence = (mine.evidence + extra)[:MAX_EVIDENCE]
        mine.save()


def _move_experiences(keep: Candidate, other: Candidate) -> None:
    seen = {(e.employer.lower(), e.start) for e in keep.experiences.all()}
    for job in other.experiences.all():
        if (job.employer.lower(), job.start) not in seen:
            Experience.objects.filter(pk=job.pk).update(candidate=keep)


def _move_scale_claims(keep: Candidate, other: Candidate) -> None:
    seen = {(c.metric, c.value) for c in keep.scale_claims.all()}
    for claim in other.scale_claims.all():
        if (claim.metric, claim.value) not in seen:
            ScaleClaim.objects.filter(pk=claim.pk).update(candidate=keep)


def _move_identities(keep: Candidate, other: Candidate) -> None:
    have = set(keep.identities.values_list("key", flat=True))
    CandidateIdentity.objects.filter(candidate=other).exclude(key__in=have).update(candidate=keep)


def _move_applications(keep: Candidate, other: Candidate) -> None:
    kept_roles = {a.role_id: a for a in keep.applications.all()}
    for application in other.applications.select_related("role").prefetch_related("history"):
        mine = kept_roles.get(application.role_id)
        if mine is None:
            application_follow_merge(application_id=application.pk, candidate_id=keep.pk)
            continue
        # Both were in this role's pipeline: keep one entry, and keep the other's story as a note.
        steps = ", ".join(f"{c.to_stage} {c.changed_at:%Y-%m-%d}" for c in application.history.all())
        ApplicationNote.objects.create(
            application=mine, body=f"Merged from duplicate profile #{other.pk} ({other.source}): {steps}"
        )
        stage_history_erase(application_ids=[application.pk])
