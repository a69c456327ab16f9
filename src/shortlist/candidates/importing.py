"""Bringing CVs into the pool: files, folders and zips in; candidates, or a reason per file, out.

Each file is read, parsed and stored in its own transaction, so one broken CV fails alone and never
leaves half a candidate behind. Re-importing the same content changes nothing (content hash).
Reading and parsing run in a child process under a time and memory cap (engine/cv/isolated.py):
a hostile file fails with the cap it broke, and the import goes on with the next one.
"""

from __future__ import annotations

import logging
import threading
import zipfile
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction

from shortlist.candidates.duplicates import Person, first_duplicate
from shortlist.candidates.models import (
    Candidate,
    CandidateIdentity,
    CandidateSkill,
    Experience,
    ImportStatus,
    ScaleClaim,
    identity_keys,
)
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.compliance.retention import ImportPrivacy
from shortlist.engine.cv.contact import web_link
from shortlist.engine.cv.documents import DocumentError, Limits, iter_zip
from shortlist.engine.cv.isolated import Caps, IsolatedParser, Job, Parsed, ParserCrashed
from shortlist.engine.vocab.profile import Profile
from shortlist.engine.vocab.taxonomy import Taxonomy

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Source:
    """One CV to import: where it is shown as coming from, and what to read (a stored file, a zip
    member's bytes, or nothing when it was refused before reading, with the reason)."""

    name: str
    path: Path | None = None
    data: bytes | None = None
    refusal: str = ""
    limits: Limits | None = None

    def job(self, today: date | None = None) -> Job:
        path = str(self.path) if self.path is not None else None
        return Job(self.name, self.limits or import_limits(), path=path, data=self.data, today=today)


@dataclass(slots=True)
class Outcome:
    name: str
    status: ImportStatus
    reason: str = ""
    candidate_id: int | None = None
    duplicate_of: int | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass(slots=True)
class Summary:
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(outcome.status.value for outcome in self.outcomes)

    @property
    def failed(self) -> list[Outcome]:
        return [outcome for outcome in self.outcomes if outcome.status == ImportStatus.FAILED]


def _fail(name: str, reason: str) -> Source:
    return Source(name, refusal=reason)


def import_limits() -> Limits:
    """The per-file limits, from settings (SHORTLIST_MAX_FILE_MB and friends)."""
    mb = 1024 * 1024
    return Limits(
        max_bytes=settings.IMPORT_MAX_FILE_MB * mb,
        max_pages=settings.IMPORT_MAX_PAGES,
        max_zip_total_bytes=settings.IMPORT_MAX_ZIP_MB * mb,
        max_compression_ratio=float(settings.IMPORT_MAX_ZIP_RATIO),
        max_zip_members=settings.IMPORT_MAX_ZIP_MEMBERS,
        max_member_path_chars=settings.IMPORT_MAX_MEMBER_PATH,
        max_document_expanded_bytes=settings.IMPORT_MAX_DOCX_EXPANDED_MB * mb,
    )


def iter_sources(paths: Iterable[Path], limits: Limits | None = None) -> Iterator[Source]:
    """Files as given, folders recursively (hidden files skipped), zip archives member by member."""
    limits = limits or import_limits()
    for path in paths:
        if path.is_dir():
            for child in sorted(p for p in path.rglob("*") if p.is_file()):
                relative = child.relative_to(path)
                if any(part.startswith(".") for part in relative.parts):
                    continue
                # The path inside the folder: the file name, with sub-folders where there are any.
                yield from _file_sources(child, relative.as_posix(), limits)
        elif path.is_file():
            yield from _file_sources(path, path.name, limits)
        else:
            yield _fail(str(path), "no such file or folder")


def count_sources(paths: Iterable[Path]) -> int:
    """How many CVs `iter_sources` will yield, cheaply (zip members counted from the directory)."""
    total = 0
    for path in paths:
        files = sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
        for file in files:
            if file.suffix.lower() == ".zip":
                try:
                    with zipfile.ZipFile(file) as archive:
                        total += sum(1 for info in archive.infolist() if not info.is_dir())
                except (zipfile.BadZipFile, OSError):
                    total += 1
            else:
                total += 1
    return total


def path_source(path: Path, name: str, limits: Limits | None = None) -> Source:
    """A single stored file (an upload, saved with its original extension) under the name the
    recruiter gave it."""
    return Source(name, path=path, limits=limits or import_limits())


def _file_sources(path: Path, name: str, limits: Limits) -> Iterator[Source]:
    if path.suffix.lower() != ".zip":
        yield Source(name, path=path, limits=limits)
        return
    try:
        for member, content in iter_zip(path, limits):
            member_name = f"{name}/{member}"
            if isinstance(content, DocumentError):
                yield _fail(member_name, content.reason)
            else:
                yield Source(member_name, data=content, limits=limits)
    except DocumentError as error:
        yield _fail(name, error.reason)


def import_sources(
    sources: Iterable[Source],
    taxonomy: Taxonomy | None = None,
    today: date | None = None,
    on_outcome: Callable[[Outcome], None] | None = None,
    privacy: ImportPrivacy | None = None,
) -> Summary:
    taxonomy = taxonomy or workspace_taxonomy()
    summary = Summary()
    for source in sources:
        outcome = import_one(source, taxonomy, today, privacy)
        summary.outcomes.append(outcome)
        if on_outcome:
            on_outcome(outcome)
    return summary


_parsers: dict[str, IsolatedParser] = {}
_parsers_lock = threading.Lock()


def parse_caps() -> Caps:
    """The per-file time and memory caps, from settings (SHORTLIST_PARSE_SECONDS, _MEMORY_MB)."""
    return Caps(seconds=float(settings.IMPORT_PARSE_SECONDS), memory_mb=settings.IMPORT_PARSE_MEMORY_MB)


def isolated_parser(taxonomy: Taxonomy) -> IsolatedParser:
    """The process's parser child for this vocabulary and these caps (replaced when either changes)."""
    caps = parse_caps()
    key = f"{taxonomy.fingerprint}:{caps.seconds}:{caps.memory_mb}"
    with _parsers_lock:
        parser = _parsers.get(key)
        if parser is None:
            for old in _parsers.values():
                old.close()
            _parsers.clear()
            parser = _parsers[key] = IsolatedParser(taxonomy, caps)
    return parser


def parse_source(source: Source, taxonomy: Taxonomy, today: date | None = None) -> Parsed:
    """Read and parse one source under the caps; DocumentError (with its reason) or ParserCrashed."""
    if source.refusal:
        raise DocumentError(source.refusal)
    return isolated_parser(taxonomy).parse(source.job(today))


def parse_outcome(source: Source, taxonomy: Taxonomy, today: date | None = None) -> Parsed | Outcome:
    """Parse one source under the caps, touching no database: the parsed CV, or a failed outcome with
    the reason (a parser bug costs one file, not the batch)."""
    try:
        parsed = parse_source(source, taxonomy, today)
    except DocumentError as error:
        return Outcome(source.name, ImportStatus.FAILED, reason=error.reason)
    except ParserCrashed as error:  # a parser bug must cost one file, not the batch
        log.error("parsing %s failed with %s", source.name, error.kind)
        return Outcome(source.name, ImportStatus.FAILED, reason=f"could not be parsed ({error.kind})")
    profile = parsed.profile
    if not profile.text.strip():
        return Outcome(source.name, ImportStatus.FAILED, reason="no text found")
    return parsed


def import_one(
    source: Source, taxonomy: Taxonomy, today: date | None = None, privacy: ImportPrivacy | None = None
) -> Outcome:
    parsed = parse_outcome(source, taxonomy, today)
    if isinstance(parsed, Outcome):
        return parsed
    try:
        with transaction.atomic():
            return store_profile(parsed.profile, raw_json=parsed.raw_json, privacy=privacy)
    except Exception as error:
        log.exception("storing %s failed", source.name)
        return Outcome(
            source.name, ImportStatus.FAILED, reason=f"could not be stored ({error.__class__.__name__})"
        )


def store_profile(
    profile: Profile, raw_json: dict[str, Any] | None = None, privacy: ImportPrivacy | None = None
) -> Outcome:
    """Create, update or recognise the candidate behind a parsed CV. Call inside a transaction.

    `raw_json` is the JSON Resume document the profile came from, kept so re-parsing reads its fields
    again rather than its rendered text. A new profile records its lawful basis, when the privacy
    notice is due and how long it may be kept (`privacy`, or the workspace default); an updated one
    keeps what it had."""
    warnings = list(profile.warnings)
    same = Candidate.objects.filter(content_hash=profile.content_hash).order_by("id").first()
    if same is not None:
        return Outcome(profile.source, ImportStatus.UNCHANGED, candidate_id=same.id, warnings=warnings)
    keys = identity_keys(profile.contact.emails, profile.contact.phone)
    matches = _candidates_with_keys(keys)
    earlier = next((c for c in matches if c.source == profile.source), None)
    if earlier is not None:
        # A new version of a file imported before: the profile is replaced, the person kept.
        write_profile(earlier, profile, raw_json)
        return Outcome(profile.source, ImportStatus.UPDATED, candidate_id=earlier.id, warnings=warnings)
    candidate = Candidate(**(privacy or ImportPrivacy()).fields())
    write_profile(candidate, profile, raw_json)
    contact = profile.contact
    found = first_duplicate(
        Person(contact.name, tuple(contact.emails), contact.phone),
        ((c.id, Person(c.name, tuple(c.emails), c.phone)) for c in matches),
    )
    if found is not None:
        first = next(c for c in matches if c.id == found[0])
        Candidate.objects.filter(pk=candidate.pk).update(duplicate_of=first)
        return Outcome(
            profile.source,
            ImportStatus.DUPLICATE,
            reason=f"{found[1]} as #{first.id} {first.name} ({first.source or 'no source'})",
            candidate_id=candidate.id,
            duplicate_of=first.id,
            warnings=warnings,
        )
    return Outcome(profile.source, ImportStatus.IMPORTED, candidate_id=candidate.id, warnings=warnings)


def _candidates_with_keys(keys: list[str]) -> list[Candidate]:
    if not keys:
        return []
    ids = CandidateIdentity.objects.filter(key__in=keys).values_list("candidate_id", flat=True)
    return list(Candidate.objects.filter(pk__in=ids).order_by("id"))


def write_profile(candidate: Candidate, profile: Profile, raw_json: dict[str, Any] | None = None) -> None:
    """Replace everything `candidate` knows from a CV with `profile` (the person, their pipelines and
    notes stay). Call inside a transaction."""
    contact, prefs = profile.contact, profile.preferences
    replacing = candidate.pk is not None
    candidate.name = contact.name or candidate.name
    candidate.emails = contact.emails
    candidate.phone = contact.phone
    candidate.city, candidate.country = contact.city, contact.country
    # Whatever reader made the profile, only http(s) links are stored (see engine.cv.contact.web_link).
    candidate.github_url = web_link(contact.github_url)
    candidate.linkedin_url = web_link(contact.linkedin_url)
    candidate.website_url = web_link(contact.website_url)
    candidate.headline = profile.headline[:200]
    candidate.seniority = profile.seniority.value if profile.seniority else ""
    candidate.total_years = profile.total_years
    candidate.work_mode = prefs.work_mode.value if prefs.work_mode else ""
    candidate.open_to_relocation = prefs.open_to_relocation
    candidate.right_to_work = prefs.right_to_work
    candidate.needs_sponsorship = prefs.needs_sponsorship
    candidate.notice_weeks = prefs.notice_weeks
    candidate.salary_expectation = prefs.salary_expectation
    candidate.salary_currency = prefs.salary_currency if prefs.salary_expectation else ""
    candidate.source = profile.source[:500]
    candidate.raw_text = profile.text
    candidate.raw_json = raw_json
    candidate.content_hash = profile.content_hash
    candidate.parser_version = profile.parser_version
    candidate.import_warnings = list(profile.warnings)
    candidate.save()
    if replacing:
        from shortlist.embeddings.services import embeddings_mark_stale

        for related in (Experience, CandidateSkill, ScaleClaim, CandidateIdentity):
            related.objects.filter(candidate=candidate).delete()
        embeddings_mark_stale([candidate.pk])  # a new version of the CV: `shortlist embed` encodes it again
    Experience.objects.bulk_create(
        Experience(
            candidate=candidate,
            employer=job.employer[:200],
            title=job.title[:200],
            start=job.start,
            end=job.end,
            description=job.text,
        )
        for job in profile.jobs
    )
    CandidateSkill.objects.bulk_create(
        CandidateSkill(
            candidate=candidate,
            skill=skill.skill,
            years=skill.years,
            last_used=skill.last_used,
            strength=min(1.0, max(0.0, skill.strength)),
            evidence=[evidence.as_dict() for evidence in skill.evidence],
        )
        for skill in profile.skills
    )
    ScaleClaim.objects.bulk_create(
        ScaleClaim(
            candidate=candidate,
            metric=claim.metric.value,
            value=claim.value,
            unit=claim.unit,
            snippet=claim.snippet,
        )
        for claim in profile.scale_claims
    )
    CandidateIdentity.objects.bulk_create(
        CandidateIdentity(candidate=candidate, key=key)
        for key in identity_keys(profile.contact.emails, profile.contact.phone)
    )
