"""Changing the candidate pool: importing CVs, uploads, merging two profiles of one person.

Each use case checks the actor through `accounts.access`, owns its transaction and raises the domain
errors of `shortlist.errors`; the CLI, the pages and the API only present what comes back.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from shortlist.accounts.access import (
    Actor,
    may_delete_saved_search,
    may_save_searches,
    require_change_pool,
    require_read_pool,
    require_tag_candidates,
)
from shortlist.candidates import pool
from shortlist.candidates.importing import Outcome, Summary, count_sources, import_sources, iter_sources
from shortlist.candidates.merge import MergeError, merge_candidates
from shortlist.candidates.models import Candidate, CandidateTag, ImportBatch, SavedSearch
from shortlist.candidates.reparse import ReparseOutcome, ReparseSummary, reparse_candidates, stale_candidates
from shortlist.candidates.serialize import import_finished_json
from shortlist.candidates.tags import MAX_TAGS_PER_CANDIDATE, TagError, normalise_tag
from shortlist.candidates.tasks import reparse_candidate
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.candidates.uploads import create_batch, files_at
from shortlist.compliance.retention import ImportPrivacy
from shortlist.engine.matching.search import QueryError, parse_query
from shortlist.engine.vocab.enums import LawfulBasis
from shortlist.errors import Invalid, NotFound
from shortlist.webhooks.models import WebhookEvent
from shortlist.webhooks.services import webhook_emit


def candidate_import_count(*, actor: Actor, paths: Sequence[Path]) -> int:
    """How many CVs `candidate_import` will read (zip members counted), for a progress bar."""
    require_change_pool(actor)
    return count_sources(paths)


def candidate_import(
    *,
    actor: Actor,
    paths: Sequence[Path],
    on_outcome: Callable[[Outcome], None] | None = None,
    consent_at: datetime | None = None,
) -> Summary:
    """Import files, folders and zips; one outcome per CV, in reading order.

    No transaction around the whole: each file is stored in its own (see `importing.import_one`),
    so a broken CV fails alone and the others stay imported. New profiles get the workspace's lawful
    basis, or consent given at `consent_at` (docs/privacy.md).
    """
    require_change_pool(actor)
    _check_consent(consent_at)
    privacy = ImportPrivacy(LawfulBasis.CONSENT.value, consent_at) if consent_at else None
    summary = import_sources(iter_sources(paths), on_outcome=on_outcome, privacy=privacy)
    webhook_emit(event=WebhookEvent.IMPORT_FINISHED, data=import_finished_json(dict(summary.counts)))
    return summary


def upload_create(
    *, actor: Actor, files: Iterable[UploadedFile], consent_at: datetime | None = None
) -> ImportBatch:
    """Store uploaded CVs and queue one import task per file once the batch is committed; with
    `consent_at`, the people consented then (their lawful basis instead of the workspace default)."""
    require_change_pool(actor)
    _check_consent(consent_at)
    return create_batch(files, actor.user_or_none, consent_at=consent_at)


def _check_consent(consent_at: datetime | None) -> None:
    if consent_at is not None and consent_at > timezone.now():
        raise Invalid("Consent cannot be dated in the future.", [("consent_at", "in the future")])


def candidate_import_queue(
    *, actor: Actor, paths: Sequence[Path], consent_at: datetime | None = None
) -> ImportBatch:
    """`shortlist import --queue`: store the files as one upload batch for the task worker, the same
    path as a web upload (one task per file, queued once the batch is committed)."""
    require_change_pool(actor)
    _check_consent(consent_at)
    return create_batch(files_at(paths), actor.user_or_none, consent_at=consent_at)


def candidate_merge(*, actor: Actor, keep_id: int, other_id: int) -> Candidate:
    """Fold `other_id` into `keep_id` and delete it; nothing the second profile knew is lost."""
    require_change_pool(actor)
    if keep_id == other_id:
        raise Invalid("A candidate cannot be merged with itself.", [("other_id", "same as keep_id")])
    try:
        return merge_candidates(keep_id, other_id)  # locks both rows in its own transaction
    except MergeError as exc:
        # Only a missing row is left once the ids differ.
        raise NotFound(str(exc)) from None


@dataclass(frozen=True, slots=True)
class IndexBuilt:
    candidates: int
    nbytes: int
    folder: Path


def pool_index_refresh(*, actor: Actor, rebuild: bool = False) -> IndexBuilt:
    """Bring the matching index up to date (or build it from scratch), so the next shortlist is fast."""
    require_change_pool(actor)
    built = pool.build() if rebuild else pool.pool_index()
    return IndexBuilt(len(built), built.nbytes, pool.index_dir())


def candidate_reparse_ids(
    *, actor: Actor, candidate_ids: Sequence[int] = (), every: bool = False
) -> list[int]:
    """Which profiles a re-parse covers: the ids given, every candidate, or (neither) the stale ones —
    read by other parser rules than today's."""
    require_change_pool(actor)
    if candidate_ids and every:
        raise Invalid("Give candidate ids or --all, not both.", [("candidate_ids", "given with --all")])
    if candidate_ids:
        return list(dict.fromkeys(candidate_ids))
    chosen = Candidate.objects.all() if every else stale_candidates()
    return list(chosen.order_by("id").values_list("id", flat=True))


def candidate_reparse(
    *,
    actor: Actor,
    candidate_ids: Sequence[int],
    on_outcome: Callable[[ReparseOutcome], None] | None = None,
) -> ReparseSummary:
    """Re-derive each profile from its stored CV with today's rules, one transaction per candidate."""
    require_change_pool(actor)
    return reparse_candidates(candidate_ids, workspace_taxonomy(), on_outcome=on_outcome)


def candidate_reparse_enqueue(*, actor: Actor, candidate_ids: Sequence[int]) -> int:
    """Queue one background re-parse per candidate (the workspace's way: the page returns at once)."""
    require_change_pool(actor)
    ids = list(Candidate.objects.filter(pk__in=candidate_ids).values_list("id", flat=True))
    for candidate_id in ids:
        transaction.on_commit(lambda i=candidate_id: reparse_candidate.enqueue(i))
    return len(ids)


# --- issue 12: tags and saved searches ------------------------------------------------------------------


@transaction.atomic
def candidate_tag_add(*, actor: Actor, candidate_id: int, tag: str) -> CandidateTag:
    """Put a tag on a candidate (normalised: candidates.tags); adding one it already has is a no-op."""
    require_tag_candidates(actor)
    try:
        normalised = normalise_tag(tag)
    except TagError as exc:
        raise Invalid(str(exc), [("tag", str(exc))]) from None
    candidate = Candidate.objects.select_for_update().filter(pk=candidate_id).first()
    if candidate is None:
        raise NotFound(f"no candidate with id {candidate_id}")
    existing = CandidateTag.objects.filter(candidate=candidate, tag=normalised).first()
    if existing is not None:
        return existing
    if CandidateTag.objects.filter(candidate=candidate).count() >= MAX_TAGS_PER_CANDIDATE:
        message = f"A candidate has at most {MAX_TAGS_PER_CANDIDATE} tags; remove one first."
        raise Invalid(message, [("tag", message)])
    return CandidateTag.objects.create(candidate=candidate, tag=normalised, created_by=actor.user_or_none)


@transaction.atomic
def candidate_tag_remove(*, actor: Actor, candidate_id: int, tag: str) -> int:
    """Take a tag off a candidate; returns how many were removed (0 when it had none)."""
    require_tag_candidates(actor)
    if not Candidate.objects.filter(pk=candidate_id).exists():
        raise NotFound(f"no candidate with id {candidate_id}")
    return CandidateTag.objects.filter(candidate_id=candidate_id, tag=tag.strip().lower()).delete()[0]


SAVED_SEARCH_NAME_MAX = 80


@transaction.atomic
def saved_search_create(
    *, actor: Actor, name: str, query: str = "", skill: str = "", seniority: str = "", tag: str = ""
) -> SavedSearch:
    """Save the candidates page's query and filters under a name, for the signed-in user.

    The query must parse (the same parser as the page); saving under a name already used replaces it.
    """
    require_read_pool(actor)
    if not may_save_searches(actor):
        raise Invalid("A saved search belongs to a signed-in user; the operator has none.")
    name = " ".join(name.split())
    issues: list[tuple[str, str]] = []
    if not name:
        issues.append(("name", "Give the search a name."))
    elif len(name) > SAVED_SEARCH_NAME_MAX:
        issues.append(("name", f"A name is at most {SAVED_SEARCH_NAME_MAX} characters."))
    query = query.strip()
    if len(query) > SavedSearch._meta.get_field("query").max_length:  # type: ignore[operator]
        issues.append(("q", "The query is too long to save."))
    elif query:
        try:
            parse_query(query, workspace_taxonomy())
        except QueryError as exc:
            issues.append(("q", str(exc)))
    if tag.strip():
        try:
            tag = normalise_tag(tag)
        except TagError as exc:
            issues.append(("tag", str(exc)))
    if not query and not skill.strip() and not seniority.strip() and not tag.strip():
        issues.append(("q", "Type a search or choose a filter first."))
    if issues:
        raise Invalid(issues[0][1], issues)
    saved, _ = SavedSearch.objects.update_or_create(
        owner=actor.user,
        name=name,
        defaults={
            "query": query,
            "skill": skill.strip().lower()[:64],
            "seniority": seniority.strip()[:10],
            "tag": tag.strip(),
        },
    )
    return saved


@transaction.atomic
def saved_search_delete(*, actor: Actor, saved_search_id: int) -> None:
    """Delete a saved search: one's own (another user's is not found), or anyone's for an admin."""
    require_read_pool(actor)
    saved = SavedSearch.objects.select_for_update().filter(pk=saved_search_id).first()
    if saved is None or not may_delete_saved_search(actor, saved.owner_id):
        raise NotFound(f"no saved search with id {saved_search_id}")
    saved.delete()
