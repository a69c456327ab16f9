"""Audit writes: a record of every ranking, of who looked at whom, blind-review settings and reveals,
voluntary self-reported categories, and forgetting a person in all of it.

Recording is cheap by design (one insert for the run, one bulk insert for its rows, both in the
request's own connection); a ranking that cannot be recorded is not shown (the error propagates), so
no shortlist exists without its record.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.utils.crypto import salted_hmac

from shortlist.accounts.access import (
    Actor,
    may_record_self_report,
    require_change_roles,
    require_read_pool,
)
from shortlist.audit.models import (
    AccessEvent,
    AccessKind,
    Interface,
    RaceEthnicity,
    RankingEntry,
    RankingRun,
    RoleBlindReview,
    SelfReport,
    Sex,
    UserBlindReview,
)
from shortlist.audit.selectors import (
    audit_rankings_of,  # noqa: F401  (the privacy app's access request)
    blind_state,
)
from shortlist.audit.snapshots import role_snapshot
from shortlist.audit.trail import access_record, actor_name, checked_interface
from shortlist.candidates.models import Candidate
from shortlist.candidates.pool import PoolInfo
from shortlist.candidates.selectors import candidate_get
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.clients.selectors import role_get
from shortlist.engine.cv.parse import PARSER_VERSION
from shortlist.engine.matching.match import FilterReport, Match
from shortlist.engine.matching.scoring import SCORING_VERSION
from shortlist.engine.roles.weighting import RoleProfile
from shortlist.errors import Forbidden, Invalid, NotFound
from shortlist.pipeline.models import StageChange

# Reasons and gaps quote CVs: kept for the first rows (what a recruiter reads and a person may ask
# about), ranks and scores for every row. A 10,000-row CLI run stays a few hundred kB.
REASONS_KEPT = 100
PSEUDONYM_PURPOSE = "shortlist.audit.pseudonym"


def pseudonym(candidate_id: int) -> str:
    """A keyed HMAC of the id (SECRET_KEY): stable, so an erased person's rows in different runs still
    read as one person, and not reversible without the key (ids are small integers anyone could try)."""
    return salted_hmac(PSEUDONYM_PURPOSE, str(candidate_id)).hexdigest()[:24]


@transaction.atomic
def ranking_run_record(
    *,
    actor: Actor,
    interface: str,
    profile: RoleProfile,
    role_id: int | None,
    matches: Sequence[Match],
    options: dict[str, Any],
    pool: PoolInfo | None,
    stamps: dict[int, int] | None = None,
    filtered: FilterReport | None = None,
    screened_folder: bool = False,
) -> RankingRun:
    """Store one shortlist as ranked: who, when, through which interface, the role as the engine used
    it, versions, the candidate set's fingerprint, options, and each row's id, rank, score and reasons."""
    require_read_pool(actor)
    user, by = actor_name(actor)
    run = RankingRun.objects.create(
        user=user,
        by=by,
        interface=checked_interface(interface),
        role_id=role_id,
        role_title=profile.spec.title[:300],
        role_snapshot=role_snapshot(profile),
        options=options,
        scoring_version=SCORING_VERSION,
        parser_version=PARSER_VERSION,
        role_model_version=profile.version,
        taxonomy=workspace_taxonomy().fingerprint,
        index_version=(pool.index_version or "") if pool else "",
        pool_size=pool.candidates if pool else 0,
        pool_fingerprint=(pool.fingerprint or "") if pool else "",
        reference_year=date.today().year,
        screened_folder=screened_folder,
        filtered=(
            {"mode": filtered.mode.value, "removed": filtered.removed, "missing": dict(filtered.missing)}
            if filtered is not None
            else None
        ),
    )
    stamps = stamps or {}
    RankingEntry.objects.bulk_create(
        [
            RankingEntry(
                run=run,
                rank=m.rank,
                # A folder's ids are row numbers of files that were never stored: nobody to point to.
                candidate_id=None if screened_folder else m.candidate_id,
                score=m.score,
                band=m.band,
                profile_stamp=stamps.get(m.candidate_id),
                reasons=list(m.reasons) if position < REASONS_KEPT else [],
                gaps=list(m.gaps) if position < REASONS_KEPT else [],
            )
            for position, m in enumerate(matches)
        ],
        batch_size=500,
    )
    return run


# --- blind review ------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class CandidateView:
    """A candidate's page as this actor may see it now."""

    candidate: Candidate
    blind: bool  # blind review applies and the actor has not revealed this candidate
    blind_review: bool  # blind review applies (revealed or not)
    role_id: int | None
    moves: tuple[StageChange, ...] = ()  # each pipeline's latest stage change, with who made it


def candidate_view(
    *, actor: Actor, candidate_id: int, role_id: int | None = None, interface: str = Interface.PAGE
) -> CandidateView:
    """A candidate's profile for their page, recorded as viewed; blind when the role (the page was
    reached from) or the viewer asks for blind review and the viewer has not revealed them.
    The workspace's page: agency staff only (a client user's view is the portal's)."""
    require_read_pool(actor)
    candidate = candidate_get(actor=actor, candidate_id=candidate_id)
    if role_id is not None:
        role_get(actor=actor, role_id=role_id)  # NotFound for a role the actor may not see
    state = blind_state(actor=actor, role_id=role_id, candidate_ids=[candidate_id])
    blind_review, blind = state.blind, state.hides(candidate_id)
    access_record(
        actor=actor, candidate_id=candidate_id, kind=AccessKind.VIEW, interface=interface, role_id=role_id
    )
    return CandidateView(candidate, blind, blind_review, role_id, _latest_moves(candidate))


def _latest_moves(candidate: Candidate) -> tuple[StageChange, ...]:
    """Each of the candidate's pipelines' latest stage change. Human oversight: a stage is always moved
    by a person, and the page says who. Read from the applications candidate_get prefetched (the
    workspace sees them all): most of a large pool is in no pipeline and costs no query here."""
    applications = {a.pk: a for a in candidate.applications.all()}
    if not applications:
        return ()
    latest = (
        StageChange.objects.filter(application_id__in=list(applications))
        .select_related("changed_by")
        .order_by("application_id", "-changed_at", "-id")
    )
    moves: dict[int, StageChange] = {}
    for change in latest:
        if change.application_id not in moves:
            change.application = applications[change.application_id]  # with its role and client
            moves[change.application_id] = change
    return tuple(moves.values())


def candidate_reveal(
    *, actor: Actor, candidate_id: int, role_id: int | None = None, interface: str = Interface.PAGE
) -> AccessEvent:
    """Lift blind review for one candidate, for this actor; the reveal is an audit event."""
    require_read_pool(actor)
    candidate_get(actor=actor, candidate_id=candidate_id)
    if actor.user_or_none is None:
        # Blind review is a page's state for a person; the operator's terminal is never blind.
        raise Invalid("only a signed-in user can reveal a candidate", [("actor", "a workspace user")])
    return access_record(
        actor=actor, candidate_id=candidate_id, kind=AccessKind.REVEAL, interface=interface, role_id=role_id
    )


@transaction.atomic
def role_blind_review_set(*, actor: Actor, role_id: int, enabled: bool) -> RoleBlindReview:
    """Turn blind review on or off for a role (everyone who ranks it)."""
    require_change_roles(actor)
    role = role_get(actor=actor, role_id=role_id)
    _, by = actor_name(actor)
    setting, _ = RoleBlindReview.objects.update_or_create(
        role=role, defaults={"enabled": enabled, "changed_by": by}
    )
    return setting


@transaction.atomic
def user_blind_review_set(*, actor: Actor, enabled: bool) -> UserBlindReview:
    """The signed-in user's own preference: blind review on every role."""
    require_read_pool(actor)
    user = actor.user_or_none
    if user is None:
        raise Invalid("only a signed-in user has a blind-review preference", [("actor", "a workspace user")])
    setting, _ = UserBlindReview.objects.update_or_create(user=user, defaults={"enabled": enabled})
    return setting


# --- self-reported categories ------------------------------------------------------------------------


@transaction.atomic
def self_report_record(
    *, actor: Actor, candidate_id: int, sex: str = "", race_ethnicity: str = ""
) -> SelfReport:
    """Store what a candidate chose to report about themselves (blank: not answered). Never inferred."""
    if not may_record_self_report(actor):
        raise Forbidden("You are not allowed to record self-reported categories.")
    issues = []
    if sex and sex not in Sex.values:
        issues.append(("sex", " or ".join(Sex.values)))
    if race_ethnicity and race_ethnicity not in RaceEthnicity.values:
        issues.append(("race_ethnicity", " or ".join(RaceEthnicity.values)))
    if issues:
        raise Invalid("unknown self-reported category: " + ", ".join(path for path, _ in issues), issues)
    if not Candidate.objects.filter(pk=candidate_id).exists():
        raise NotFound(f"no candidate with id {candidate_id}")
    _, by = actor_name(actor)
    report, _ = SelfReport.objects.update_or_create(
        candidate_id=candidate_id, defaults={"sex": sex, "race_ethnicity": race_ethnicity, "recorded_by": by}
    )
    return report


# --- erasure and access requests (used by the privacy app's erase and SAR) ----------------------------


@dataclass(frozen=True, slots=True)
class Forgotten:
    """What `audit_forget_candidate` changed: counts only, nothing about the person."""

    pseudonym: str
    entries: int
    events: int
    self_reports: int


@transaction.atomic
def audit_forget_candidate(candidate_id: int) -> Forgotten:
    """Pseudonymise a person in every audit record: their id becomes a keyed pseudonym, the CV quotes
    in their reasons and gaps are dropped, their self-report is deleted. Each run keeps its ranks and
    scores, so it still proves the ranking happened, and still reproduces for everyone else.

    No actor: called by the erasure service, which checks its own permission."""
    alias = pseudonym(candidate_id)
    entries = RankingEntry.objects.filter(candidate_id=candidate_id).update(
        candidate_id=None, pseudonym=alias, reasons=[], gaps=[], profile_stamp=None
    )
    events = AccessEvent.objects.filter(candidate_id=candidate_id).update(candidate_id=None, pseudonym=alias)
    self_reports, _ = SelfReport.objects.filter(candidate_id=candidate_id).delete()
    return Forgotten(alias, entries, events, self_reports)
