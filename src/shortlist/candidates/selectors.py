"""Reading the candidate pool for the CLI, the pages and the API: every query is written once, here.

Selectors only read. Each takes the acting user and asks `accounts.access` first, so the rules of
issue 13 land in one place; lists come back as ordered, unevaluated QuerySets for the interface to
paginate, composites as frozen dataclasses.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet

from shortlist.accounts.access import (
    Actor,
    may_save_searches,
    may_tag_candidates,
    require_read_candidates,
    require_read_original_cv,
    require_read_pool,
    require_tag_candidates,
    visible_applications,
    visible_candidates,
)
from shortlist.audit.models import AccessKind, Interface
from shortlist.audit.selectors import blind_state
from shortlist.audit.trail import access_record
from shortlist.background.heartbeat import worker_alive
from shortlist.candidates import pool
from shortlist.candidates.importing import Outcome, Summary, iter_sources, parse_source
from shortlist.candidates.models import (
    Candidate,
    CandidateTag,
    ImportBatch,
    ImportFile,
    ImportStatus,
    SavedSearch,
)
from shortlist.candidates.profiles import to_profile
from shortlist.candidates.search import holding_skill, ranked_matches, search_candidates
from shortlist.candidates.serialize import PROFILE_PREFETCH
from shortlist.candidates.tags import TagError, normalise_tag
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.engine.cv.documents import DocumentError, document_format
from shortlist.engine.cv.isolated import ParserCrashed
from shortlist.engine.cv.jsonresume import profile_to_json_resume
from shortlist.engine.matching.index import CandidateIndex
from shortlist.engine.matching.match import similar_candidates
from shortlist.engine.matching.search import Query, QueryError, parse_query
from shortlist.engine.vocab.enums import Seniority
from shortlist.engine.vocab.profile import Profile
from shortlist.errors import Forbidden, Invalid, NotFound
from shortlist.pipeline.models import Application

# The columns a row in a list needs (name, what they do, where): never the CV text.
LIST_FIELDS = ("id", "name", "headline", "city", "country", "seniority", "total_years", "source")


@dataclass(frozen=True, slots=True)
class CandidateRef:
    """Who a ranked or found row is, as every list shows it. `id` is a row number for a folder."""

    id: int
    name: str
    source: str
    headline: str = ""
    location: str = ""

    @classmethod
    def of(cls, candidate: Candidate) -> CandidateRef:
        return cls(candidate.pk, candidate.name, candidate.source, candidate.headline, candidate.location)


def candidate_refs(*, ids: Iterable[int]) -> dict[int, CandidateRef]:
    """One query for the people behind ids a use case already found (and checked the actor for);
    an id no longer in the pool is left out."""
    rows = Candidate.objects.only("id", "name", "source", "headline", "city", "country").in_bulk(list(ids))
    return {pk: CandidateRef.of(candidate) for pk, candidate in rows.items()}


def candidate_list(
    *, actor: Actor, query: str = "", skill: str = "", seniority: str = ""
) -> QuerySet[Candidate]:
    """The pool filtered by free text (name, headline, city), a skill id and a seniority, by name.

    An unknown seniority is ignored rather than refused: it can only come from an edited URL.
    """
    require_read_candidates(actor)
    candidates = visible_candidates(actor, Candidate.objects.all()).only(*LIST_FIELDS)
    query, skill, seniority = query.strip(), skill.strip().lower(), seniority.strip()
    if query:
        candidates = candidates.filter(
            Q(name__icontains=query) | Q(headline__icontains=query) | Q(city__icontains=query)
        )
    if skill:
        candidates = candidates.filter(holding_skill(skill))
    if seniority in {level.value for level in Seniority}:
        candidates = candidates.filter(seniority=seniority)
    return candidates.order_by("name", "id")


def candidate_table(*, actor: Actor) -> QuerySet[Candidate]:
    """Every candidate the actor may see by id, as the CLI's table lists them."""
    require_read_candidates(actor)
    return visible_candidates(actor, Candidate.objects.all()).order_by("id")


def candidate_get(*, actor: Actor, candidate_id: int) -> Candidate:
    """One profile with everything its page, `candidates show` and its export read, prefetched.

    Its applications are only those the actor may see: a client user never learns which other
    clients' pipelines the person is in.
    """
    require_read_candidates(actor)
    applications = visible_applications(actor, Application.objects.all()).select_related("role__client")
    candidate = (
        visible_candidates(actor, Candidate.objects.all())
        .prefetch_related(*PROFILE_PREFETCH, Prefetch("applications", queryset=applications))
        .filter(pk=candidate_id)
        .first()
    )
    if candidate is None:
        raise NotFound(f"no candidate with id {candidate_id}")
    return candidate


def candidate_export(
    *, actor: Actor, candidate_id: int, interface: str = Interface.SERVICE
) -> dict[str, Any]:
    """The profile as a JSON Resume document (https://jsonresume.org/schema); recorded in the access log."""
    candidate = candidate_get(actor=actor, candidate_id=candidate_id)
    access_record(actor=actor, candidate_id=candidate.pk, kind=AccessKind.EXPORT, interface=interface)
    return profile_to_json_resume(to_profile(candidate), workspace_taxonomy())


@dataclass(frozen=True, slots=True)
class SimilarRow:
    candidate: CandidateRef
    similarity: float
    shared: tuple[str, ...]


def candidate_similar(*, actor: Actor, candidate_id: int, top: int = 10) -> tuple[SimilarRow, ...]:
    """Candidates whose evidenced skills look most like this one's (cosine over evidence)."""
    require_read_pool(actor)
    index = pool.pool_index()
    if candidate_id not in index:
        raise NotFound(f"no candidate with id {candidate_id}")
    found = similar_candidates(index, candidate_id, top)
    people = candidate_refs(ids=[s.candidate_id for s in found])
    return tuple(
        SimilarRow(people[s.candidate_id], s.similarity, tuple(s.shared))
        for s in found
        if s.candidate_id in people
    )


@dataclass(frozen=True, slots=True)
class SearchResult:
    query: Query
    rows: tuple[CandidateRef, ...]
    limit: int

    @property
    def limit_reached(self) -> bool:
        return len(self.rows) >= self.limit


def candidate_search(*, actor: Actor, query: str, limit: int = 50) -> SearchResult:
    """Boolean search (AND, OR, NOT, phrases, fields), first `limit` matches by id.

    A malformed query is `Invalid` with the query as its path; interfaces treat it as bad options.
    """
    require_read_pool(actor)
    try:
        parsed, ids = search_candidates(query, limit)
    except QueryError as exc:
        raise Invalid(str(exc), [("query", str(exc))]) from None
    people = candidate_refs(ids=ids)
    return SearchResult(parsed, tuple(people[pk] for pk in ids if pk in people), limit)


@dataclass(frozen=True, slots=True)
class FolderPool:
    """CVs read and indexed in memory: a pool for one screening that the database never sees."""

    index: CandidateIndex
    people: dict[int, CandidateRef]
    skipped: tuple[tuple[str, str], ...]  # (file, why it could not be read)


def folder_pool(*, actor: Actor, paths: Sequence[Path]) -> FolderPool:
    """Parse every CV under `paths` and index them, numbered from 1 in reading order.

    No permission is asked: the files are the operator's own and nothing of the pool is read.
    """
    taxonomy = workspace_taxonomy()
    profiles: dict[int, Profile] = {}
    people: dict[int, CandidateRef] = {}
    skipped: list[tuple[str, str]] = []
    for number, source in enumerate(iter_sources(paths), start=1):
        try:
            profile = parse_source(source, taxonomy).profile
        except DocumentError as exc:
            skipped.append((source.name, exc.reason))
            continue
        except ParserCrashed as exc:
            skipped.append((source.name, f"could not be parsed ({exc.kind})"))
            continue
        profiles[number] = profile
        people[number] = CandidateRef(number, profile.contact.name, source.name)
    index = CandidateIndex.build(profiles.items(), taxonomy, profile_lookup=profiles.get)
    return FolderPool(index, people, tuple(skipped))


def upload_list(*, actor: Actor, limit: int = 10) -> QuerySet[ImportBatch]:
    """The latest upload batches with how many files each had."""
    require_read_pool(actor)
    return ImportBatch.objects.annotate(file_count=Count("files"))[:limit]


@dataclass(frozen=True, slots=True)
class UploadView:
    batch: ImportBatch
    files: tuple[ImportFile, ...]
    counts: tuple[tuple[str, int], ...]  # (status label, files), statuses with none left out
    worker_running: bool  # whether any task worker is alive to import what is queued

    @property
    def pending(self) -> bool:
        return any(item.status == ImportStatus.QUEUED for item in self.files)

    def summary(self) -> Summary:
        """The batch as `shortlist import` reports it, one outcome per file."""
        return Summary(
            [
                Outcome(f.name, ImportStatus(f.status), f.reason, f.candidate_id, warnings=list(f.warnings))
                for f in self.files
            ]
        )


def upload_get(*, actor: Actor, batch_id: int) -> UploadView:
    """One upload batch, each file with its outcome and candidate."""
    require_read_pool(actor)
    batch = ImportBatch.objects.filter(pk=batch_id).first()
    if batch is None:
        raise NotFound(f"no upload with id {batch_id}")
    files = tuple(batch.files.select_related("candidate"))
    counts = {status: 0 for status in ImportStatus.values}
    for item in files:
        counts[item.status] += 1
    labels = tuple((ImportStatus(s).label, n) for s, n in counts.items() if n)
    return UploadView(batch, files, labels, worker_alive())


def upload_worker_running(*, actor: Actor) -> bool:
    """Whether a task worker (of either backend) is alive to import what is uploaded now."""
    require_read_pool(actor)
    return worker_alive()


# --- issue 12: the original CV ----------------------------------------------------------------------------

# How a kept CV is served. Nothing a browser would run: an HTML CV is a download of bytes, never text/html
# (and every response says nosniff: Django's SECURE_CONTENT_TYPE_NOSNIFF).
CV_CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "txt": "text/plain; charset=utf-8",
    "md": "text/plain; charset=utf-8",
    "json": "application/json",
}
CV_EXTENSIONS = {"pdf": "pdf", "docx": "docx", "txt": "txt", "md": "md", "json": "json", "html": "html"}
_SAFE_STEM = re.compile(r"[^A-Za-z0-9_-]+")


@dataclass(frozen=True, slots=True)
class StoredCV:
    """The file a candidate was imported from, kept under SHORTLIST_HOME/uploads/ (web uploads and
    `shortlist import --queue`; a plain `shortlist import` reads files in place and keeps none)."""

    name: str  # as it was uploaded
    format: str  # "pdf", "docx", "txt", "md", "html", "json"
    size: int
    path: Path

    @property
    def previews_inline(self) -> bool:
        return self.format == "pdf"


@dataclass(frozen=True, slots=True)
class CVFile:
    filename: str  # ASCII, safe in a Content-Disposition header
    content_type: str
    data: bytes
    inline: bool  # a PDF asked for the preview frame; anything else is an attachment


@dataclass(frozen=True, slots=True)
class CVPreview:
    candidate: Candidate
    file: StoredCV | None
    text: str  # the text the parser read from it (rendered escaped)


def _stored_cv(candidate_id: int) -> StoredCV | None:
    """The newest kept file this candidate was imported from, if any is still on disk (and under the
    upload folder: a path is a database value, never trusted to point anywhere else)."""
    root = Path(settings.UPLOAD_DIR).resolve()
    rows = (
        ImportFile.objects.filter(candidate_id=candidate_id)
        .exclude(stored_path="")
        .order_by("-finished_at", "-pk")
        .values_list("name", "stored_path")
    )
    for name, stored in rows:
        path = Path(stored).resolve()
        if not path.is_relative_to(root) or not path.is_file():
            continue
        try:
            kind = document_format(name)
        except DocumentError:
            continue
        return StoredCV(name, kind, path.stat().st_size, path)
    return None


def _cv_readable(actor: Actor, candidate_id: int, role_id: int | None) -> Candidate:
    """The checks every CV read shares: agency staff, a candidate they may see, and not hidden by blind
    review (the file shows the name, contact details and photo: reveal the candidate first)."""
    require_read_original_cv(actor)
    candidate = candidate_get(actor=actor, candidate_id=candidate_id)
    if blind_state(actor=actor, role_id=role_id, candidate_ids=[candidate_id]).hides(candidate_id):
        raise Forbidden("Blind review is on: reveal this candidate before opening their CV.")
    return candidate


def candidate_cv_preview(
    *, actor: Actor, candidate_id: int, role_id: int | None = None, interface: str = Interface.PAGE
) -> CVPreview:
    """The CV as the preview page shows it: the kept file (a PDF is framed) and the text read from it;
    recorded as a view."""
    candidate = _cv_readable(actor, candidate_id, role_id)
    access_record(
        actor=actor, candidate_id=candidate_id, kind=AccessKind.VIEW, interface=interface, role_id=role_id
    )
    return CVPreview(candidate, _stored_cv(candidate_id), candidate.raw_text)


def candidate_cv_file(
    *,
    actor: Actor,
    candidate_id: int,
    inline: bool = False,
    role_id: int | None = None,
    interface: str = Interface.PAGE,
) -> CVFile:
    """The kept file's bytes with a content type no browser runs and a safe name; `NotFound` when no
    file is kept. Recorded as a download (the preview frame too: the file left the workspace)."""
    _cv_readable(actor, candidate_id, role_id)
    stored = _stored_cv(candidate_id)
    if stored is None:
        raise NotFound(f"no CV file is kept for candidate {candidate_id}")
    data = stored.path.read_bytes()
    access_record(
        actor=actor, candidate_id=candidate_id, kind=AccessKind.DOWNLOAD, interface=interface, role_id=role_id
    )
    stem = _SAFE_STEM.sub("-", Path(stored.name.replace("\\", "/")).stem).strip("-")[:80] or "cv"
    content_type = CV_CONTENT_TYPES.get(stored.format, "application/octet-stream")
    return CVFile(
        f"{stem}.{CV_EXTENSIONS[stored.format]}", content_type, data, inline and stored.previews_inline
    )


# --- issue 12: the candidates page's search, tags and saved searches -------------------------------------


class _InOrder(Sequence[Candidate]):
    """Candidates by id in a given order, read a page at a time (Paginator takes len() and slices)."""

    def __init__(self, ids: list[int], with_tags: bool) -> None:
        self.ids = ids
        self.with_tags = with_tags

    def __len__(self) -> int:
        return len(self.ids)

    def __getitem__(self, index: Any) -> Any:
        if not isinstance(index, slice):
            return self[index : index + 1][0]
        wanted = self.ids[index]
        rows = Candidate.objects.only(*LIST_FIELDS).filter(pk__in=wanted)
        if self.with_tags:
            rows = rows.prefetch_related("tags")
        found = rows.in_bulk()
        return [found[pk] for pk in wanted if pk in found]


@dataclass(frozen=True, slots=True)
class CandidateFound:
    """The candidates page: the rows (ordered), and how the query was read (None without one)."""

    rows: QuerySet[Candidate] | Sequence[Candidate]
    query: Query | None
    tags_shown: bool

    @property
    def ordered_by_relevance(self) -> bool:
        return self.query is not None


def candidate_find(
    *, actor: Actor, query: str = "", skill: str = "", seniority: str = "", tag: str = ""
) -> CandidateFound:
    """The candidates page: the boolean query of `candidate_search` (aliases, AND/OR/NOT, phrases,
    fields) over the actor's visible pool, with the skill, seniority and tag filters, every match
    ordered by relevance (candidates.search.ranked_matches); without a query, by name.

    A malformed query is `Invalid` with "q" as its field. The workspace's page: agency staff only.
    """
    require_read_pool(actor)
    tags_shown = may_tag_candidates(actor)
    query = query.strip()
    # With a query the skill filter goes to ranked_matches, which can answer it from the pool's index.
    rows = candidate_list(actor=actor, skill="" if query else skill, seniority=seniority)
    if tag.strip() and tags_shown:
        try:
            wanted = normalise_tag(tag)
        except TagError:
            wanted = tag.strip().lower()  # no tag is spelt so: nothing matches, as typed
        rows = rows.filter(tags__tag=wanted)
    if tags_shown:
        rows = rows.prefetch_related("tags")
    if not query:
        return CandidateFound(rows, None, tags_shown)
    try:
        parsed = parse_query(query, workspace_taxonomy())
    except QueryError as exc:
        raise Invalid(str(exc), [("q", str(exc))]) from None
    ids = ranked_matches(rows, parsed, date.today().year, holding=skill.strip().lower())
    return CandidateFound(_InOrder(ids, tags_shown), parsed, tags_shown)


def candidate_tags(*, actor: Actor, candidate_id: int) -> tuple[str, ...]:
    """A candidate's tags, sorted. Internal: a client user is refused them."""
    require_tag_candidates(actor)
    # By tag alone: the model's default order (candidate, tag) joins the candidates table to sort by name.
    tags = CandidateTag.objects.filter(candidate_id=candidate_id).order_by("tag")
    return tuple(tags.values_list("tag", flat=True))


def tag_list(*, actor: Actor) -> tuple[tuple[str, int], ...]:
    """Every tag in use with how many candidates carry it, most used first (for the filter)."""
    require_tag_candidates(actor)
    counted = CandidateTag.objects.values("tag").annotate(n=Count("id")).order_by("-n", "tag")[:200]
    return tuple((row["tag"], row["n"]) for row in counted)


def saved_search_list(*, actor: Actor) -> QuerySet[SavedSearch]:
    """The signed-in user's own saved searches, by name (none for the operator, who has no user)."""
    require_read_pool(actor)
    if not may_save_searches(actor):
        return SavedSearch.objects.none()
    return SavedSearch.objects.filter(owner=actor.user).order_by("name")
