"""Re-reading stored CVs after the parser's rules change, so old profiles catch up with new rules.

Each candidate is re-derived from what was stored at import (the CV text, or the JSON Resume
document) in its own transaction, with the row locked: one that fails keeps its old profile and says
why, and the rest go on. The person stays the same row — pipelines, notes and ids are untouched; only
what the CV says (jobs, skills, scale, contact, preferences, warnings) is replaced. The matching index
follows through `updated_at`, as for any other change.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from django.db import transaction
from django.db.models import QuerySet

from shortlist.candidates.importing import write_profile
from shortlist.candidates.merge import MERGED_PROFILE
from shortlist.candidates.models import DEMO_PARSER_VERSION, Candidate
from shortlist.engine.cv.parse import PARSER_VERSION, parse_cv, parse_json_resume
from shortlist.engine.vocab.taxonomy import Taxonomy

log = logging.getLogger(__name__)


class ReparseStatus(StrEnum):
    REPARSED = "reparsed"
    SKIPPED = "skipped"
    FAILED = "failed"


@dataclass(frozen=True, slots=True)
class ReparseOutcome:
    candidate_id: int
    status: ReparseStatus
    reason: str = ""
    warnings: tuple[str, ...] = ()


@dataclass(slots=True)
class ReparseSummary:
    outcomes: list[ReparseOutcome] = field(default_factory=list)

    @property
    def counts(self) -> Counter[str]:
        return Counter(outcome.status.value for outcome in self.outcomes)

    @property
    def failed(self) -> list[ReparseOutcome]:
        return [o for o in self.outcomes if o.status == ReparseStatus.FAILED]


def stale_candidates() -> QuerySet[Candidate]:
    """Profiles read by other parser rules than today's (or by unknown ones); generated demo profiles
    and merged profiles are not CV readings, so they are not stale."""
    return Candidate.objects.exclude(parser_version__in=[PARSER_VERSION, DEMO_PARSER_VERSION, MERGED_PROFILE])


def reparse_candidates(
    candidate_ids: Iterable[int],
    taxonomy: Taxonomy,
    today: date | None = None,
    on_outcome: Callable[[ReparseOutcome], None] | None = None,
) -> ReparseSummary:
    summary = ReparseSummary()
    for candidate_id in candidate_ids:
        outcome = reparse_one(candidate_id, taxonomy, today)
        summary.outcomes.append(outcome)
        if on_outcome is not None:
            on_outcome(outcome)
    return summary


def reparse_one(candidate_id: int, taxonomy: Taxonomy, today: date | None = None) -> ReparseOutcome:
    try:
        with transaction.atomic():
            candidate = Candidate.objects.select_for_update().filter(pk=candidate_id).first()
            if candidate is None:
                return ReparseOutcome(
                    candidate_id, ReparseStatus.FAILED, f"no candidate with id {candidate_id}"
                )
            why_not = _cannot_reparse(candidate)
            if why_not:
                return ReparseOutcome(candidate_id, ReparseStatus.SKIPPED, why_not)
            if candidate.raw_json is not None:
                profile = parse_json_resume(candidate.raw_json, candidate.source, taxonomy, today)
            else:
                profile = parse_cv(candidate.raw_text, candidate.source, taxonomy, today)
            write_profile(candidate, profile, candidate.raw_json)
            return ReparseOutcome(candidate_id, ReparseStatus.REPARSED, warnings=tuple(profile.warnings))
    except Exception as error:  # a parser bug must cost one profile, not the run
        log.exception("re-parsing candidate %s failed", candidate_id)
        return ReparseOutcome(
            candidate_id, ReparseStatus.FAILED, f"could not be re-parsed ({error.__class__.__name__})"
        )


def _cannot_reparse(candidate: Candidate) -> str:
    if candidate.parser_version == MERGED_PROFILE:
        return "merged from several CVs: no single stored text holds it; re-import the files instead"
    if candidate.parser_version == DEMO_PARSER_VERSION:
        return "a generated demo profile, not a parsed CV"
    if candidate.raw_json is None and not candidate.raw_text.strip():
        return "no stored CV text"
    return ""
