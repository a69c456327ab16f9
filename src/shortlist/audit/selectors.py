"""Audit reads (admins only): stored rankings and their replay against today's pool, who accessed a
candidate, and the bias report over voluntary self-reported categories."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import QuerySet
from django.utils.crypto import salted_hmac

from shortlist.accounts.access import Actor, may_read_audit, require_read_pool
from shortlist.audit import bias
from shortlist.audit.models import (
    AccessEvent,
    AccessKind,
    RaceEthnicity,
    RankingEntry,
    RankingRun,
    RoleBlindReview,
    SelfReport,
    Sex,
    UserBlindReview,
)
from shortlist.audit.snapshots import profile_from_snapshot
from shortlist.candidates import pool
from shortlist.candidates.models import Candidate
from shortlist.candidates.pool import PoolInfo
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.clients.models import Role
from shortlist.clients.roles import role_profile
from shortlist.embeddings.embedder import configured_embedder
from shortlist.engine.matching.match import roles_for_candidate as score_roles
from shortlist.engine.matching.scoring import SCORING_VERSION
from shortlist.engine.matching.semantic import rerank
from shortlist.engine.roles.rolefile import RoleFileError
from shortlist.engine.vocab.enums import CLOSED_STAGES, Stage
from shortlist.errors import Forbidden, Invalid, NotFound, Unavailable
from shortlist.pipeline.models import Application, StageChange


def _require_audit(actor: Actor) -> None:
    if not may_read_audit(actor):
        raise Forbidden("You are not allowed to read the audit records.")


# --- ranking runs ------------------------------------------------------------------------------------


def run_list(*, actor: Actor, role_id: int | None = None) -> QuerySet[RankingRun]:
    """Stored rankings, newest first (optionally of one role)."""
    _require_audit(actor)
    runs = RankingRun.objects.defer("role_snapshot")
    return runs.filter(role_id=role_id) if role_id is not None else runs


def run_get(*, actor: Actor, run_id: int) -> RankingRun:
    _require_audit(actor)
    run = RankingRun.objects.filter(pk=run_id).first()
    if run is None:
        raise NotFound(f"no ranking run with id {run_id}")
    return run


@dataclass(frozen=True, slots=True)
class Change:
    """How one person's place differs between the stored run and its replay, and why."""

    subject: str  # "candidate 12", or "erased 3fa9…" for a pseudonymised person
    candidate_id: int | None
    kind: str  # "entered", "left", "moved", "rescored"
    then_rank: int | None
    now_rank: int | None
    then_score: float | None
    now_score: float | None
    why: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Replay:
    """A stored run re-ranked against the current pool with the role exactly as it was ranked."""

    run: RankingRun
    then: tuple[RankingEntry, ...]
    now: tuple[tuple[int, int, float], ...]  # (rank, candidate id, score)
    pool: PoolInfo
    same_pool: bool  # the candidate set and every profile version are those the run searched
    versions: tuple[str, ...]  # what changed in the software since: "scoring 1.1.0 → 1.2.0"
    changes: tuple[Change, ...]

    @property
    def identical(self) -> bool:
        return not self.changes


def _stamp(moment: datetime) -> int:
    # The pool's profile version: updated_at in µs (candidates/pool.py).
    return int(moment.timestamp()) * 1_000_000 + moment.microsecond


def _version_changes(run: RankingRun) -> list[str]:
    changed = []
    if run.scoring_version != SCORING_VERSION:
        changed.append(f"scoring {run.scoring_version} → {SCORING_VERSION}")
    if run.taxonomy and run.taxonomy != workspace_taxonomy().fingerprint:
        changed.append("skills taxonomy changed")
    if run.reference_year != date.today().year:
        changed.append(f"recency measured from {date.today().year}, not {run.reference_year}")
    return changed


def run_replay(*, actor: Actor, run_id: int) -> Replay:
    """Re-rank a stored run over today's pool (scoring is deterministic: the same role, pool and
    versions give the same ranking) and say who entered, left, moved or was rescored, and why."""
    run = run_get(actor=actor, run_id=run_id)
    if run.screened_folder:
        raise Invalid(
            f"run {run_id} ranked CVs from a folder that were never stored; it cannot be reproduced",
            [("run", "screened folder")],
        )
    try:
        profile = profile_from_snapshot(run.role_snapshot)
    except RoleFileError as exc:
        raise Invalid(
            f"run {run_id}: its role no longer reads ({exc})", [("role_snapshot", str(exc))]
        ) from None
    options = run.options
    semantic = float(options.get("semantic", 0) or 0)
    ranking = pool.pool_rank(
        profile,
        top=int(options.get("pool_top", options.get("top", 20))),
        min_score=float(options.get("min_score", 0)),
        must_have_filter=bool(options.get("must_filter", False)),
        must_mode=options.get("must_mode", "work"),
    )
    matches = ranking.matches
    if semantic:
        try:
            embedder = configured_embedder()  # the one the run used, unless the setting changed since
        except Unavailable:
            raise Unavailable(
                "this run used semantic re-ranking, which needs the optional packages"
            ) from None
        matches = rerank(
            matches, profile, pool.profile_lookup, embedder, weight=semantic, top=int(options["top"])
        )
    then = tuple(run.entries.all())
    now = tuple((m.rank, m.candidate_id, m.score) for m in matches)
    versions = _version_changes(run)
    changes = _diff(run, then, now, ranking.stamps, versions)
    same_pool = bool(run.pool_fingerprint) and run.pool_fingerprint == ranking.pool.fingerprint
    return Replay(run, then, now, ranking.pool, same_pool, tuple(versions), tuple(changes))


def _diff(
    run: RankingRun,
    then: Sequence[RankingEntry],
    now: Sequence[tuple[int, int, float]],
    stamps: dict[int, int],
    versions: list[str],
) -> list[Change]:
    before = {e.candidate_id: e for e in then if e.candidate_id is not None}
    after = {candidate_id: (rank, score) for rank, candidate_id, score in now}
    rows = Candidate.objects.filter(pk__in=[*before, *after]).values_list("pk", "created_at", "updated_at")
    known = {pk: (created, _stamp(updated)) for pk, created, updated in rows}

    def why(candidate_id: int, entry: RankingEntry | None) -> tuple[str, ...]:
        if candidate_id not in known:
            return ("candidate gone from the pool",)
        created, stamp = known[candidate_id]
        reasons = []
        if entry is None and created > run.created_at:
            reasons.append("joined the pool after the run")
        else:
            # Ranked then: its stored version differs. Not ranked then: changed after the run.
            ranked_at = entry.profile_stamp if entry is not None else None
            if (ranked_at is not None and ranked_at != stamp) or (
                entry is None and stamp > _stamp(run.created_at)
            ):
                reasons.append("profile changed")
        reasons.extend(versions)
        return tuple(reasons) or ("other candidates entered, left or changed",)

    changes: list[Change] = []
    for entry in then:
        if entry.candidate_id is None:
            changes.append(
                Change(entry.subject, None, "left", entry.rank, None, entry.score, None, ("erased",))
            )
            continue
        found = after.get(entry.candidate_id)
        if found is None:
            changes.append(
                Change(entry.subject, entry.candidate_id, "left", entry.rank, None, entry.score, None,
                       why(entry.candidate_id, entry))
            )  # fmt: skip
            continue
        rank, score = found
        if rank != entry.rank or abs(score - entry.score) > 1e-9:
            kind = "moved" if rank != entry.rank else "rescored"
            reasons = why(entry.candidate_id, entry)
            if abs(score - entry.score) <= 1e-9 and reasons == ("other candidates entered, left or changed",):
                reasons = ("others above entered, left or changed",)
            changes.append(
                Change(entry.subject, entry.candidate_id, kind, entry.rank, rank, entry.score, score, reasons)
            )
    for rank, candidate_id, score in now:
        if candidate_id not in before:
            changes.append(
                Change(f"candidate {candidate_id}", candidate_id, "entered", None, rank, None, score,
                       why(candidate_id, None))
            )  # fmt: skip
    order = {"left": 0, "entered": 1, "moved": 2, "rescored": 3}
    changes.sort(key=lambda c: (order[c.kind], c.now_rank or c.then_rank or 0))
    return changes


def audit_rankings_of(candidate_id: int) -> list[dict[str, Any]]:
    """Every stored ranking a person appeared in, with their rank, score, reasons and gaps, oldest
    first: what an access request returns. No actor: the access-request service checks its own rule."""
    entries = (
        RankingEntry.objects.filter(candidate_id=candidate_id)
        .select_related("run")
        .order_by("run__created_at", "run_id")
    )
    return [
        {
            "run": e.run_id,
            "at": e.run.created_at.isoformat(),
            "role": e.run.role_title,
            "role_id": e.run.role_id,
            "interface": e.run.interface,
            "ranked_by": e.run.by,
            "rank": e.rank,
            "of": e.run.pool_size,
            "score": e.score,
            "band": e.band,
            "reasons": list(e.reasons),
            "gaps": list(e.gaps),
        }
        for e in entries
    ]


# --- blind review ------------------------------------------------------------------------------------


def _blind_for(actor: Actor, role_id: int | None) -> bool:
    """Blind review applies: the role's setting, or the actor's own preference (one query for both)."""
    user = actor.user_or_none
    asked = []
    if role_id is not None:
        asked.append(RoleBlindReview.objects.filter(role_id=role_id, enabled=True).values_list("pk"))
    if user is not None:
        asked.append(UserBlindReview.objects.filter(user=user, enabled=True).values_list("pk"))
    if not asked:
        return False
    first, *rest = asked
    return bool(first.union(*rest)[:1]) if rest else first.exists()


def _revealed_to(actor: Actor, candidate_ids: Sequence[int]) -> set[int]:
    """The candidates among these this actor has revealed (a reveal lasts for that person)."""
    user = actor.user_or_none
    if user is None or not candidate_ids:
        return set()
    reveals = AccessEvent.objects.filter(
        user=user, kind=AccessKind.REVEAL, candidate_id__in=list(candidate_ids)
    )
    return set(reveals.values_list("candidate_id", flat=True))


@dataclass(frozen=True, slots=True)
class BlindState:
    """Whether a list of candidates is shown blind to this actor, and whom they have revealed."""

    blind: bool
    revealed: frozenset[int]

    def hides(self, candidate_id: int) -> bool:
        return self.blind and candidate_id not in self.revealed


def neutral_label(candidate_id: int) -> str:
    """How blind review names a candidate: stable across pages and sessions, and not their id (a keyed
    hash, so the label does not count people or give away who came first)."""
    return "Candidate " + salted_hmac("shortlist.audit.label", str(candidate_id)).hexdigest()[:6].upper()


def blind_state(*, actor: Actor, role_id: int | None, candidate_ids: Sequence[int]) -> BlindState:
    """Blind review for a role's shortlist (two small queries, none when it is off)."""
    require_read_pool(actor)
    blind = _blind_for(actor, role_id)
    return BlindState(blind, frozenset(_revealed_to(actor, candidate_ids)) if blind else frozenset())


# --- access ------------------------------------------------------------------------------------------


def access_list(*, actor: Actor, candidate_id: int) -> QuerySet[AccessEvent]:
    """Who viewed, exported, downloaded or revealed a candidate, newest first."""
    _require_audit(actor)
    return AccessEvent.objects.filter(candidate_id=candidate_id)


def ranking_appearances(*, actor: Actor, candidate_id: int) -> QuerySet[RankingEntry]:
    """The stored runs a candidate was ranked in, newest first (for the candidate's audit view)."""
    _require_audit(actor)
    return (
        RankingEntry.objects.filter(candidate_id=candidate_id)
        .select_related("run")
        .order_by("-run__created_at")
    )


@dataclass(frozen=True, slots=True)
class CandidateAudit:
    """What an admin sees at the foot of a candidate's page: recent access and rankings."""

    events: tuple[AccessEvent, ...]
    rankings: tuple[RankingEntry, ...]


def candidate_audit(*, actor: Actor, candidate_id: int, limit: int = 20) -> CandidateAudit | None:
    """The candidate's recent access events and rankings for an admin; None for anyone else (the page
    then shows no audit section rather than refusing the page)."""
    require_read_pool(actor)
    if not may_read_audit(actor):
        return None
    events = tuple(AccessEvent.objects.filter(candidate_id=candidate_id)[:limit])
    rankings = tuple(ranking_appearances(actor=actor, candidate_id=candidate_id)[:limit])
    return CandidateAudit(events, rankings)


# --- bias report -------------------------------------------------------------------------------------

PROGRESSION = tuple(stage for stage in Stage if stage not in CLOSED_STAGES or stage == Stage.PLACED)
REPORTED_STAGES = PROGRESSION[1:]  # everyone in a pipeline was sourced


@dataclass(frozen=True, slots=True)
class BiasReport:
    """The tables of bias.bias_tables over one role's pipeline, or every pipeline opened in a period."""

    scope: str  # "Senior Go Engineer (role 3)" or "applications opened 2026-01-01 to 2026-06-30"
    tables: bias.BiasTables
    unscored: int  # applications whose candidate is no longer in the pool


def _reached(history: Sequence[str]) -> frozenset[str]:
    """A stage counts as reached when the application was ever at it or at a later stage."""
    furthest = max((PROGRESSION.index(Stage(s)) for s in history if Stage(s) in PROGRESSION), default=0)
    return frozenset(stage.value for stage in PROGRESSION[1 : furthest + 1])


def bias_report(
    *,
    actor: Actor,
    role_id: int | None = None,
    since: date | None = None,
    until: date | None = None,
    min_count: int = bias.MIN_COUNT,
) -> BiasReport:
    """Scoring and selection rates by self-reported category for a role's pipeline (or the pipelines
    opened in a period); scores are the engine's current score of each person for their role."""
    _require_audit(actor)
    if role_id is None and since is None and until is None:
        raise Invalid("give a role or a period", [("role", "a role id, or since/until dates")])
    applications = Application.objects.all()
    if role_id is not None:
        role = Role.objects.filter(pk=role_id).first()
        if role is None:
            raise NotFound(f"no role with id {role_id}")
        applications = applications.filter(role_id=role_id)
        scope = f"{role.title} (role {role_id})"
    else:
        scope = f"applications opened {since or 'any time'} to {until or 'today'}"
    if since is not None:
        applications = applications.filter(created_at__date__gte=since)
    if until is not None:
        applications = applications.filter(created_at__date__lte=until)
    pairs = list(applications.values_list("pk", "candidate_id", "role_id"))
    history: dict[int, list[str]] = {}
    for application_id, stage in StageChange.objects.filter(
        application_id__in=[p[0] for p in pairs]
    ).values_list("application_id", "to_stage"):
        history.setdefault(application_id, []).append(stage)
    reports = {
        r.candidate_id: r
        for r in SelfReport.objects.filter(candidate_id__in={p[1] for p in pairs}).only(
            "candidate_id", "sex", "race_ethnicity"
        )
    }
    scores = _scores(pairs)
    people = []
    for application_id, candidate_id, role in pairs:
        score = scores.get((candidate_id, role))
        if score is None:
            continue
        report = reports.get(candidate_id)
        people.append(
            bias.Person(
                score=score,
                reached=_reached(history.get(application_id, [])),
                sex=report.sex if report else bias.NOT_REPORTED,
                race_ethnicity=report.race_ethnicity if report else bias.NOT_REPORTED,
            )
        )
    order = {
        "sex": [*Sex.values, bias.NOT_REPORTED],
        "race_ethnicity": [*RaceEthnicity.values, bias.NOT_REPORTED],
    }
    tables = bias.bias_tables(people, [s.value for s in REPORTED_STAGES], min_count=min_count, order=order)
    return BiasReport(scope, tables, unscored=len(pairs) - len(people))


def _no_profile(candidate_id: int) -> None:
    return None


def _scores(pairs: Sequence[tuple[int, int, int]]) -> dict[tuple[int, int], float]:
    """The engine's score of each (candidate, role), one candidate at a time over their roles."""
    index = pool.pool_index()
    roles = {r.pk: r for r in Role.objects.filter(pk__in={p[2] for p in pairs}).select_related("client")}
    profiles = {pk: role_profile(role) for pk, role in roles.items()}
    by_candidate: dict[int, list[int]] = {}
    for _, candidate_id, role_id in pairs:
        by_candidate.setdefault(candidate_id, []).append(role_id)
    scores: dict[tuple[int, int], float] = {}
    for candidate_id, role_ids in by_candidate.items():
        if candidate_id not in index:
            continue
        wanted = sorted(set(role_ids))
        # No profile look-up: only the score is wanted, not the quoted evidence.
        for fit in score_roles(index, candidate_id, [profiles[r] for r in wanted], profiles=_no_profile):
            scores[(candidate_id, wanted[fit.role_index])] = fit.score
    return scores


def bias_roles(*, actor: Actor) -> QuerySet[Role]:
    """The roles a bias report can be drawn for: those with a pipeline, most recent first."""
    _require_audit(actor)
    return (
        Role.objects.filter(applications__isnull=False)
        .select_related("client")
        .distinct()
        .order_by("-created_at", "-id")
    )
