"""Ranking for the pipeline: the shortlist for a role, and the open roles for a candidate.

`shortlist_for_role` is the one place a ranked, explained shortlist is put together; `match --json`,
the `match` table, the shortlist page and (issue 13) the API all render the `Shortlist` it returns.
Facts about a ranking that any of them may show (the pool it ran over, options, skipped files)
belong on `Shortlist`, so they are computed once.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from django.db.models import Count, Min, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.utils import timezone

from shortlist.accounts.access import (
    CLIENT_STAGES,
    Actor,
    may_read_notes,
    require_export_shortlist,
    require_read_pool,
    require_read_roles,
    require_workspace,
    visible_applications,
    visible_candidates,
    visible_notes,
    visible_roles,
)
from shortlist.accounts.access import (
    Role as AccessRole,
)
from shortlist.audit.models import AccessKind, Interface
from shortlist.audit.selectors import blind_state
from shortlist.audit.services import ranking_run_record
from shortlist.audit.trail import access_record
from shortlist.candidates import pool
from shortlist.candidates.models import Candidate
from shortlist.candidates.pool import PoolInfo
from shortlist.candidates.selectors import CandidateRef, candidate_refs, folder_pool
from shortlist.candidates.serialize import skill_name
from shortlist.clients.models import Role
from shortlist.clients.roles import profile_for_spec, role_profile
from shortlist.clients.selectors import role_get, role_list, role_list_open
from shortlist.embeddings.embedder import SEMANTIC_HINT as SEMANTIC_HINT  # the CLI's install hint
from shortlist.embeddings.embedder import configured_embedder
from shortlist.embeddings.selectors import stored_passages
from shortlist.engine.cv.redact import redact
from shortlist.engine.matching.match import FilterReport, Match, RoleFit, rank
from shortlist.engine.matching.match import roles_for_candidate as rank_roles
from shortlist.engine.matching.scoring import BAND_MEANINGS, MustMode
from shortlist.engine.matching.semantic import Embedder, SemanticUse, embedder_name, rerank_with_use
from shortlist.engine.roles.rolefile import RoleSpec
from shortlist.engine.roles.weighting import RoleProfile
from shortlist.engine.vocab.enums import CLOSED_STAGES, RoleStatus, Stage
from shortlist.errors import Forbidden, Invalid, NotFound
from shortlist.pipeline.exports import (
    CONTENT_TYPES,
    FORMATS,
    RENDERERS,
    ClientShortlist,
    ExportFile,
    ExportRow,
)
from shortlist.pipeline.models import (
    FORWARD,
    Application,
    ApplicationNote,
    StageChange,
    allowed_moves,
    needs_reason,
)


@dataclass(frozen=True, slots=True)
class ShortlistRow:
    match: Match  # rank, score, breakdown, reasons, gaps, counterfactual, summary
    candidate: CandidateRef | None  # None when the candidate left the pool after ranking
    in_pipeline: bool = False


MODE_WORDS = {MustMode.WORK: "used at work", MustMode.ANYWHERE: "mentioned anywhere"}


@dataclass(frozen=True, slots=True)
class FilterSummary:
    """Whom the must-have filter removed and why, in the words every interface shows."""

    mode: MustMode
    removed: int  # candidates at or above the cut-off the filter removed
    missing: dict[str, int]  # must-have -> how many of the removed lack it in this mode
    examples: tuple[str, ...]  # "#12 Ana Li: Kafka only listed", best-scoring first

    @property
    def line(self) -> str:
        """ "3 removed without every must-have used at work: Kafka 2, Redis 1"."""
        head = f"{self.removed} removed without every must-have {MODE_WORDS[self.mode]}"
        if not self.missing:
            return head
        return f"{head}: " + ", ".join(f"{label} {count}" for label, count in self.missing.items())


def _filter_summary(report: FilterReport, people: dict[int, CandidateRef]) -> FilterSummary:
    examples = []
    for removed in report.examples:
        person = people.get(removed.candidate_id)
        name = f" {person.name}" if person is not None and person.name else ""
        why = "; ".join(removed.why) or "must-have evidence too faint"
        examples.append(f"#{removed.candidate_id}{name}: {why}")
    return FilterSummary(report.mode, report.removed, dict(report.missing), tuple(examples))


@dataclass(frozen=True, slots=True)
class Shortlist:
    """A role's ranked, explained shortlist and everything an interface may say about how it was made."""

    role: RoleProfile
    role_id: int | None  # None for a role file that is not in the workspace
    rows: tuple[ShortlistRow, ...]
    top: int
    min_score: float
    must_filter: bool
    semantic: float
    role_row: Role | None = None  # the workspace role, for pages that link to it
    skipped: tuple[tuple[str, str], ...] = ()  # folder files that could not be read, and why
    # What was searched: every candidate of the index version read (a folder has no version), so anyone
    # can see that the whole pool was ranked and not part of it.
    pool: PoolInfo | None = None
    must_mode: MustMode = MustMode.WORK  # what the filter counts as having a must-have
    filtered: FilterSummary | None = None  # whom the must-have filter removed (None: filter off)
    bands: dict[str, str] = field(default_factory=lambda: dict(BAND_MEANINGS))  # band -> meaning
    run_id: int | None = None  # the audit record of this ranking (audit.models.RankingRun)
    # With semantic re-ranking: the embedder, and how many candidates had stored vectors (`shortlist
    # embed`) and how many were encoded at query time (none stored, or their CV changed since).
    semantic_use: SemanticUse | None = None

    @property
    def title(self) -> str:
        return self.role.spec.title


def _pool_size(top: int, semantic: float) -> int:
    # Semantic re-ranking moves candidates within a wider pool picked by the evidence score.
    return min(max(4 * top, 50), 500) if semantic else top


def _embedder(semantic: float, embedder: Embedder | None) -> Embedder | None:
    if not semantic or embedder is not None:
        return embedder
    return configured_embedder()  # Unavailable, with the install hint, when MiniLM is not installed


def shortlist_for_role(
    *,
    actor: Actor,
    role_id: int | None = None,
    role_spec: RoleSpec | None = None,
    top: int = 20,
    min_score: float = 0,
    must_filter: bool = False,
    semantic: float = 0.0,
    folder: Sequence[Path] | None = None,
    embedder: Embedder | None = None,
    must_mode: str = MustMode.WORK,
    interface: str = Interface.SERVICE,
) -> Shortlist:
    """Rank the pool (or the CVs under `folder`, which are never stored) for a workspace role or a
    role file's spec.

    `semantic` blends in similarity to the role text with that weight (MiniLM unless `embedder` is
    given); `must_filter` keeps only candidates with every must-have in `must_mode`'s sense ("work":
    used at work or in a project, the default; "anywhere": mentioned anywhere) and the Shortlist says
    whom it removed and why.

    Every ranking is recorded (audit.services.ranking_run_record: who, `interface` — "page", "cli",
    "api" —, the role as ranked, versions, the pool's fingerprint, options, the rows' ids and scores),
    so it can be reproduced and explained later: the one write this read makes, as an access log does.
    """
    require_read_pool(actor)  # a ranking reads the whole pool; screening a folder is agency work too
    if (role_id is None) == (role_spec is None):
        raise Invalid("give either a role id or a role spec", [("role", "exactly one of id and spec")])
    if not 0 <= semantic <= 1:
        raise Invalid(f"semantic weight must be between 0 and 1, got {semantic}", [("semantic", "0..1")])
    if must_mode not in tuple(MustMode):
        modes = " or ".join(MustMode)
        raise Invalid(f"must-have filter mode must be {modes}, got {must_mode!r}", [("must_mode", modes)])
    mode = MustMode(must_mode)
    embedder = _embedder(semantic, embedder)  # before any work: a missing package fails fast
    role_row = role_get(actor=actor, role_id=role_id) if role_id is not None else None
    profile = role_profile(role_row) if role_row is not None else profile_for_spec(role_spec)
    options = {
        "top": _pool_size(top, semantic),
        "min_score": min_score,
        "must_have_filter": must_filter,
        "must_mode": mode,
    }
    skipped: tuple[tuple[str, str], ...] = ()
    stamps: dict[int, int] = {}
    for attempt in range(2):
        if folder:
            screened = folder_pool(actor=actor, paths=folder)
            ranked = rank(screened.index, profile, **options)
            results, report = ranked.matches, ranked.filtered
            lookup, people, skipped = screened.index.profile_lookup, screened.people, screened.skipped
            searched = PoolInfo(candidates=len(screened.index), index_version=None)
        else:
            ranking = pool.pool_rank(profile, **options)
            results, searched, report = ranking.matches, ranking.pool, ranking.filtered
            lookup, people, stamps = pool.profile_lookup, None, ranking.stamps
        semantic_use = None
        if embedder is not None:
            # Vectors are only ever stored for the pool's candidates, never for a screened folder.
            ranked_ids = [r.candidate_id for r in results]
            stored = {} if folder else stored_passages(ranked_ids, embedder_name(embedder))
            results, semantic_use = rerank_with_use(
                results, profile, lookup, embedder, weight=semantic, top=top, stored=stored
            )
        ids = [r.candidate_id for r in results]
        if people is not None:
            break
        removed = [found.candidate_id for found in report.examples] if report else []
        people = candidate_refs(ids=[*ids, *removed])
        if attempt or all(i in people for i in ids):
            break
        # Someone ranked is no longer in the database: erased or merged by another process since this
        # one last polled (SHORTLIST_POOL_POLL_MS). Poll now and rank again, so that what is shown is
        # exactly a ranking of the pool as it is (counts, ranks and who fills the freed places).
        pool.refresh()
    if any(i not in people for i in ids):
        # Gone between the second ranking and its names: never shown, whatever the ranks say.
        results = [
            dataclasses.replace(r, rank=number)
            for number, r in enumerate((r for r in results if r.candidate_id in people), start=1)
        ]
        ids = [r.candidate_id for r in results]
    in_pipeline: set[int] = set()
    if role_row is not None and not folder:
        # Unordered: the model's order (role, then its client's name) would join both tables for nothing.
        in_role = Application.objects.filter(role=role_row, candidate_id__in=ids).order_by()
        in_pipeline = set(in_role.values_list("candidate_id", flat=True))
    rows = tuple(ShortlistRow(r, people.get(r.candidate_id), r.candidate_id in in_pipeline) for r in results)
    run = ranking_run_record(
        actor=actor,
        interface=interface,
        profile=profile,
        role_id=role_row.pk if role_row is not None else None,
        matches=results,
        options={
            "top": top,
            "pool_top": options["top"],
            "min_score": min_score,
            "must_filter": must_filter,
            "must_mode": mode.value,
            "semantic": semantic,
            "folder": bool(folder),
        },
        pool=searched,
        stamps=stamps,
        filtered=report,
        screened_folder=bool(folder),
    )
    return Shortlist(
        role=profile,
        role_id=role_row.pk if role_row is not None else None,
        rows=rows,
        top=top,
        min_score=min_score,
        must_filter=must_filter,
        semantic=semantic,
        role_row=role_row,
        pool=searched,
        skipped=skipped,
        must_mode=mode,
        filtered=_filter_summary(report, people) if report is not None else None,
        run_id=run.pk,
        semantic_use=semantic_use,
    )


@dataclass(frozen=True, slots=True)
class RoleFitRow:
    fit: RoleFit  # rank, score, breakdown, reasons, gaps, summary
    role: Role


@dataclass(frozen=True, slots=True)
class CandidateRoles:
    """The open roles ranked for one candidate."""

    candidate_id: int
    rows: tuple[RoleFitRow, ...]


def roles_for_candidate(*, actor: Actor, candidate_id: int, top: int = 20) -> CandidateRoles:
    """Every open role scored for one candidate of the pool, best first."""
    require_read_pool(actor)
    require_read_roles(actor)
    roles = list(role_list_open(actor=actor))
    # Cached per process like the shortlist (candidates/ranking_cache.py), keyed by the candidate, the
    # pool's state and each role's content; the roles are the ones this actor may see.
    fits = pool.pool_roles_for(candidate_id, [role_profile(r) for r in roles])
    if fits is None:
        raise NotFound(f"no candidate with id {candidate_id}")
    ranked = fits[:top]
    return CandidateRoles(candidate_id, tuple(RoleFitRow(fit, roles[fit.role_index]) for fit in ranked))


def application_list(*, actor: Actor, role_id: int) -> QuerySet[Application]:
    """A role's pipeline, most recently changed first, with the candidates (a client user: those
    submitted to them). Another client's role is `NotFound`, as on its own page."""
    require_read_roles(actor)
    if not visible_roles(actor, Role.objects.filter(pk=role_id)).exists():
        raise NotFound(f"no role with id {role_id}")
    applications = visible_applications(actor, Application.objects.filter(role_id=role_id))
    return (
        applications.select_related("candidate", "revealed_by")
        .prefetch_related(Prefetch("history", queryset=_client_feedback(), to_attr="client_feedback"))
        .order_by("-updated_at")
    )


def application_note_list(*, actor: Actor, application_id: int) -> QuerySet[ApplicationNote]:
    """An application's internal notes, newest first (agency only: never a client user's)."""
    require_read_roles(actor)
    if not may_read_notes(actor):
        raise Forbidden("You are not allowed to see internal notes.")
    if not visible_applications(actor, Application.objects.filter(pk=application_id)).exists():
        raise NotFound(f"no application with id {application_id}")
    notes = ApplicationNote.objects.filter(application_id=application_id).select_related("author")
    return notes.order_by("-created_at", "-id")


# --- the board, the desk and notes (issue 12) -----------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Card:
    """One application on a board: who, since when at this stage, the last reason and notes, next moves."""

    application: Application
    stage_since: datetime
    last_reason: str  # the note of the move that brought it here
    notes: tuple[ApplicationNote, ...]  # newest first
    moves: tuple[Stage, ...]
    reason_for: frozenset[Stage]  # the moves that need a reason

    @property
    def options(self) -> tuple[tuple[str, str, bool], ...]:
        """(stage, label, needs a reason) for the card's Move menu."""
        return tuple((m.value, m.label, m in self.reason_for) for m in self.moves)

    @property
    def next_stage(self) -> Stage | None:
        """The one-click move on the card: the next stage forward, when it needs no reason."""
        here = Stage(self.application.stage)
        forward = [m for m in self.moves if m in FORWARD and m not in self.reason_for]
        later = [m for m in forward if FORWARD.index(m) > FORWARD.index(here)] if here in FORWARD else []
        return later[0] if later else None

    @property
    def can_reject(self) -> bool:
        return Stage.REJECTED in self.moves

    @property
    def moves_attr(self) -> str:
        return " ".join(m.value for m in self.moves)

    @property
    def reason_attr(self) -> str:
        return " ".join(m.value for m in self.moves if m in self.reason_for)

    @property
    def days_in_stage(self) -> int:
        return max(0, (timezone.now() - self.stage_since).days)

    @property
    def in_stage(self) -> str:
        """ "today", "1 day", "12 days"."""
        days = self.days_in_stage
        return "today" if days == 0 else f"{days} day{'s' if days != 1 else ''}"


@dataclass(frozen=True, slots=True)
class Lane:
    stage: Stage
    cards: tuple[Card, ...]


@dataclass(frozen=True, slots=True)
class Board:
    role_id: int
    lanes: tuple[Lane, ...]
    notes: tuple[ApplicationNote, ...]  # on the role and on its applications, newest first

    @property
    def size(self) -> int:
        return sum(len(lane.cards) for lane in self.lanes)


CARD_FIELDS = (
    "id", "stage", "created_at", "updated_at", "candidate__id", "candidate__name",
    "role__id", "role__title", "role__status", "role__client__id", "role__client__name", "revealed_at",
)  # fmt: skip


def _cards(applications: QuerySet[Application], notes: Sequence[ApplicationNote] | None = None) -> list[Card]:
    """Cards in two queries: the applications (with when and why they reached their stage, as
    subqueries) and their notes, unless the caller has the notes already."""
    latest = StageChange.objects.filter(application=OuterRef("pk")).order_by("-changed_at", "-id")
    rows = list(
        applications.select_related("candidate", "role", "role__client")
        # A card needs names, not the CV: the candidate row's text would be most of what is read.
        .only(*CARD_FIELDS)
        .prefetch_related(Prefetch("history", queryset=_client_feedback(), to_attr="client_feedback"))
        .annotate(
            stage_since=Subquery(latest.values("changed_at")[:1]),
            last_reason=Subquery(latest.values("note")[:1]),
        )
    )
    if notes is None:
        notes = ApplicationNote.objects.filter(application__in=[a.pk for a in rows]).select_related("author")
    by_application: dict[int, list[ApplicationNote]] = {}
    for note in sorted(notes, key=lambda n: (n.created_at, n.pk), reverse=True):
        if note.application_id is not None:
            by_application.setdefault(note.application_id, []).append(note)
    cards = []
    for application in rows:
        moves = allowed_moves(application.stage)
        cards.append(
            Card(
                application=application,
                stage_since=application.stage_since or application.created_at,
                last_reason=application.last_reason or "",
                notes=tuple(by_application.get(application.pk, ())),
                moves=moves,
                reason_for=frozenset(m for m in moves if needs_reason(application.stage, m)),
            )
        )
    return cards


NOTE_FIELDS = (
    "id", "body", "kind", "visibility", "created_at", "role_id", "candidate_id", "author__id",
    "author__username", "application__id", "application__role__id", "application__role__title",
    "application__candidate__id", "application__candidate__name",
)  # fmt: skip


def pipeline_board(*, actor: Actor, role_id: int) -> Board:
    """A role's pipeline by stage, the longest waiting first in each lane, with the role's notes.

    The role is not fetched again (the page has it): an unknown or hidden role gives an empty board.
    """
    require_workspace(actor)  # the workspace's own view (agency staff); the portal has its own
    roles = visible_roles(actor, Role.objects.filter(pk=role_id)).values("pk")
    applications = visible_applications(actor, Application.objects.filter(role__in=roles))
    ids = list(applications.values_list("pk", flat=True))
    # By the two indexed keys, not through a join on applications (which SQLite scans).
    notes = tuple(
        visible_notes(actor, ApplicationNote.objects.filter(Q(role__in=roles) | Q(application_id__in=ids)))
        .select_related("author", "application__candidate", "application__role")
        .only(*NOTE_FIELDS)
        .order_by("-created_at", "-id")[:500]
    )
    by_stage: dict[Stage, list[Card]] = {stage: [] for stage in Stage}
    for card in _cards(Application.objects.filter(pk__in=ids), notes):
        by_stage[Stage(card.application.stage)].append(card)
    lanes = tuple(Lane(s, tuple(sorted(by_stage[s], key=lambda c: c.stage_since))) for s in Stage)
    return Board(role_id, lanes, notes)


def application_card(*, actor: Actor, application_id: int) -> Card:
    """One card, as the board shows it."""
    require_workspace(actor)  # the workspace's own view (agency staff); the portal has its own
    applications = visible_applications(actor, Application.objects.filter(pk=application_id))
    cards = _cards(applications)
    if not cards:
        raise NotFound(f"no application with id {application_id}")
    return cards[0]


# How long an application may sit at a stage before it needs the recruiter today, and what to do.
ACTION_AFTER_DAYS: dict[Stage, tuple[int, str]] = {
    Stage.SOURCED: (2, "contact them"),
    Stage.CONTACTED: (3, "follow up or screen"),
    Stage.SCREENED: (3, "submit to the client or reject"),
    Stage.SUBMITTED: (5, "chase the client's feedback"),
    Stage.INTERVIEW: (7, "get the interview feedback"),
    Stage.OFFER: (3, "chase the offer's answer"),
}


@dataclass(frozen=True, slots=True)
class Action:
    card: Card
    what: str


@dataclass(frozen=True, slots=True)
class DeskRole:
    role: Role
    counts: tuple[tuple[Stage, int], ...]  # every stage, in pipeline order


@dataclass(frozen=True, slots=True)
class Desk:
    """Across roles: who is where, who has waited longest, and what needs doing today."""

    roles: tuple[DeskRole, ...]
    stuck: tuple[Card, ...]  # in a stage that is not final, longest waiting first
    today: tuple[Action, ...]
    mine: bool


DESK_STUCK = 10
DESK_TODAY = 50  # the most overdue first; a longer list is not a day's work


def desk(*, actor: Actor, mine: bool = False) -> Desk:
    """Open and on-hold roles' pipelines; `mine`: only applications the actor opened or moved."""
    require_workspace(actor)  # the workspace's own view (agency staff); the portal has its own
    applications = visible_applications(actor, Application.objects.all()).filter(
        role__status__in=[RoleStatus.OPEN, RoleStatus.ON_HOLD]
    )
    if mine and actor.user_or_none is not None:
        moved = StageChange.objects.filter(changed_by=actor.user_or_none).values("application_id")
        applications = applications.filter(pk__in=moved)
    counts: dict[int, dict[str, int]] = {}
    for role_id, stage, n in applications.order_by().values_list("role_id", "stage").annotate(n=Count("id")):
        counts.setdefault(role_id, {})[stage] = n
    roles = role_list(actor=actor).filter(pk__in=list(counts)) if counts else Role.objects.none()
    desk_roles = tuple(DeskRole(role, tuple((s, counts[role.pk].get(s, 0)) for s in Stage)) for role in roles)
    # Who waits: the time of each application's latest move, in SQL; only the few shown are carded.
    latest = StageChange.objects.filter(application=OuterRef("pk")).order_by("-changed_at", "-id")
    waiting = applications.exclude(stage__in=[s.value for s in CLOSED_STAGES]).annotate(
        since=Subquery(latest.values("changed_at")[:1])
    )
    now = timezone.now()
    overdue = Q(pk__in=[])
    for stage, (days, _) in ACTION_AFTER_DAYS.items():
        overdue |= Q(stage=stage, since__lte=now - timedelta(days=days))
    stuck_ids = list(waiting.order_by("since", "pk").values_list("pk", flat=True)[:DESK_STUCK])
    due_ids = list(waiting.filter(overdue).order_by("since", "pk").values_list("pk", flat=True)[:DESK_TODAY])
    cards = {
        card.application.pk: card
        for card in _cards(Application.objects.filter(pk__in={*stuck_ids, *due_ids}), notes=())
    }
    today = tuple(
        Action(cards[pk], ACTION_AFTER_DAYS[Stage(cards[pk].application.stage)][1])
        for pk in due_ids
        if pk in cards
    )
    stuck = tuple(cards[pk] for pk in stuck_ids if pk in cards)
    return Desk(desk_roles, stuck, today, mine)


def note_list(
    *,
    actor: Actor,
    candidate_id: int | None = None,
    role_id: int | None = None,
) -> QuerySet[ApplicationNote]:
    """Notes about a candidate (on them or on any of their applications) or a role (on it or its
    applications), newest first; a client's user sees only what was shared on their own roles and
    their applications (never a note on the candidate as such, nor one shared with another client)."""
    require_read_roles(actor)
    if (candidate_id is None) == (role_id is None):
        raise Invalid("notes of a candidate or of a role", [("subject", "exactly one")])
    notes = ApplicationNote.objects.all()
    if candidate_id is not None:
        if not visible_candidates(actor, Candidate.objects.filter(pk=candidate_id)).exists():
            raise NotFound(f"no candidate with id {candidate_id}")
        notes = notes.filter(Q(candidate_id=candidate_id) | Q(application__candidate_id=candidate_id))
    else:
        if not visible_roles(actor, Role.objects.filter(pk=role_id)).exists():
            raise NotFound(f"no role with id {role_id}")
        notes = notes.filter(Q(role_id=role_id) | Q(application__role_id=role_id))
    if not actor.is_agency:
        applications = visible_applications(actor, Application.objects.all()).values("pk")
        roles = visible_roles(actor, Role.objects.all()).values("pk")
        notes = notes.filter(Q(application__in=applications) | Q(role__in=roles))
    return (
        visible_notes(actor, notes)
        .select_related("author", "application__role", "application__candidate")
        .order_by("-created_at", "-id")
    )


# The stages a candidate waits in (a placement, a rejection or a withdrawal ends the wait).
WAITING_STAGES: tuple[Stage, ...] = tuple(s for s in FORWARD if s not in CLOSED_STAGES)
TIME_IN_STAGE_ROLES = 10  # the slowest roles first; more rows would not fit a phone
# Days at which a cell on the time-in-stage plot turns a darker shade: under 3, under 8, under 15, under 31.
HEAT_DAYS = (3, 8, 15, 31)


@dataclass(frozen=True, slots=True)
class StageWait:
    stage: Stage
    count: int  # candidates in this stage now
    average_days: float | None  # how long they have been in it, on average (None: nobody)

    @property
    def heat(self) -> int:
        """0 (nobody) to 5 (a month or more), for the cell's shade."""
        if self.average_days is None:
            return 0
        return 1 + sum(self.average_days >= d for d in HEAT_DAYS)


@dataclass(frozen=True, slots=True)
class RoleWait:
    """One row of the dashboard's time-in-stage plot: a live role and how long its candidates have waited."""

    role_id: int
    title: str
    client: str
    stages: tuple[StageWait, ...]  # one per WAITING_STAGES, in order

    @property
    def longest(self) -> float:
        return max((w.average_days or 0.0 for w in self.stages), default=0.0)


@dataclass(frozen=True, slots=True)
class DashboardFigures:
    """The numbers on the dashboard: how the team's work stands."""

    open_roles: int
    per_stage: tuple[tuple[Stage, int], ...]  # every application in an open or on-hold role, by stage
    placements_this_quarter: int
    average_days_to_submit: float | None  # from sourced to submitted, over submissions this quarter
    time_in_stage: tuple[RoleWait, ...] = ()  # live roles, the longest wait first
    roles_waiting: int = 0  # live roles with someone waiting (time_in_stage shows the first few)

    @property
    def waiting_stages(self) -> tuple[Stage, ...]:
        return WAITING_STAGES

    @property
    def time_in_stage_height(self) -> int:
        return 14 + 16 * len(self.time_in_stage)  # a header row, then one 16-unit row per role in the SVG

    @property
    def funnel_height(self) -> int:
        return 10 * len(FORWARD)  # one 10-unit row per stage in the SVG

    @property
    def funnel(self) -> tuple[tuple[Stage, int, int], ...]:
        """(stage, count, bar length out of 100) for the stages a placement goes through."""
        counts = dict(self.per_stage)
        top = max((counts.get(s, 0) for s in FORWARD), default=0) or 1
        return tuple((s, counts.get(s, 0), round(100 * counts.get(s, 0) / top)) for s in FORWARD)


def _quarter_start(now: datetime) -> datetime:
    return now.replace(month=3 * ((now.month - 1) // 3) + 1, day=1, hour=0, minute=0, second=0, microsecond=0)


def dashboard_figures(*, actor: Actor) -> DashboardFigures:
    """Open roles, who is at which stage, placements this quarter and the average days to submit."""
    require_workspace(actor)  # the workspace's own view (agency staff); the portal has its own
    roles = visible_roles(actor, Role.objects.all())
    applications = visible_applications(actor, Application.objects.all())
    live = applications.filter(role__status__in=[RoleStatus.OPEN, RoleStatus.ON_HOLD]).order_by()
    counts = dict(live.values_list("stage").annotate(n=Count("id")))
    since = _quarter_start(timezone.localtime())
    moves = StageChange.objects.filter(application__in=applications.values("pk"), changed_at__gte=since)
    placed = moves.filter(to_stage=Stage.PLACED).values("application_id").distinct().count()
    submitted = list(
        moves.filter(to_stage=Stage.SUBMITTED).values_list("changed_at", "application__created_at")[:5000]
    )
    days = [(at - opened).total_seconds() / 86400 for at, opened in submitted]
    waits = _time_in_stage(live)
    return DashboardFigures(
        open_roles=roles.filter(status=RoleStatus.OPEN).count(),
        per_stage=tuple((s, counts.get(s.value, 0)) for s in Stage),
        placements_this_quarter=placed,
        average_days_to_submit=sum(days) / len(days) if days else None,
        time_in_stage=waits[:TIME_IN_STAGE_ROLES],
        roles_waiting=len(waits),
    )


def _time_in_stage(live: QuerySet[Application]) -> tuple[RoleWait, ...]:
    """Per live role, how long the candidates in each waiting stage have been there, on average: one
    query (each application's latest move as a subquery; a few fields a row), summed here."""
    latest = StageChange.objects.filter(application=OuterRef("pk")).order_by("-changed_at", "-id")
    rows = (
        live.filter(stage__in=[s.value for s in WAITING_STAGES])
        .annotate(since=Subquery(latest.values("changed_at")[:1]))
        .values_list("role_id", "role__title", "role__client__name", "stage", "since", "created_at")
    )
    now = timezone.now()
    names: dict[int, tuple[str, str]] = {}
    waited: dict[tuple[int, str], list[float]] = {}
    for role_id, title, client, stage, since, created in rows.iterator(chunk_size=2000):
        names[role_id] = (title, client)
        waited.setdefault((role_id, stage), []).append(
            max(0.0, (now - (since or created)).total_seconds()) / 86400
        )
    result = []
    for role_id, (title, client) in names.items():
        stages = []
        for stage in WAITING_STAGES:
            days = waited.get((role_id, stage.value), [])
            stages.append(StageWait(stage, len(days), sum(days) / len(days) if days else None))
        result.append(RoleWait(role_id, title, client, tuple(stages)))
    return tuple(sorted(result, key=lambda r: (-r.longest, r.title, r.role_id)))


def _client_feedback() -> QuerySet[StageChange]:
    """The history rows a client's user wrote from the portal: their feedback, and only theirs."""
    return StageChange.objects.filter(changed_by__membership__role=AccessRole.CLIENT).select_related(
        "changed_by"
    )


# --- issue 13: the client portal -------------------------------------------------------------------------
#
# A client user sees a role's submitted candidates blind: a label ("Candidate A") and a profile with
# nothing that names or reaches the person (name, e-mail, phone, links, photo, the CV's own text) until a
# recruiter reveals the name for that application. Nothing of the recruiter's history (earlier stages,
# notes) is shown; only the stage and the client's own feedback.


def submitted_role_list(*, actor: Actor) -> QuerySet[Role]:
    """The actor's roles with how many candidates were submitted to each (the portal's home page)."""
    require_read_roles(actor)
    reached = Q(applications__history__to_stage__in=CLIENT_STAGES)
    roles = visible_roles(actor, Role.objects.all()).select_related("client")
    return roles.annotate(submitted=Count("applications", filter=reached, distinct=True)).order_by(
        "status", "title"
    )


@dataclass(frozen=True, slots=True)
class BlindProfile:
    headline: str
    seniority: str
    years: float | None
    location: str
    work_mode: str
    notice_weeks: int | None
    skills: tuple[tuple[str, float, int | None], ...]  # label, years, last year used; strongest first
    jobs: tuple[tuple[str, str, str], ...]  # title, employer, years ("2021-now")


@dataclass(frozen=True, slots=True)
class Feedback:
    at: datetime
    stage: Stage
    note: str
    by: str


@dataclass(frozen=True, slots=True)
class Submission:
    """One candidate submitted to the client, as the client sees them."""

    application_id: int
    label: str  # "Candidate A": stable, in the order they were submitted
    name: str | None  # only once a recruiter revealed it
    stage: Stage
    submitted_at: datetime
    feedback: tuple[Feedback, ...]  # the client's own decisions, oldest first
    profile: BlindProfile | None = None  # on the candidate's own page only


@dataclass(frozen=True, slots=True)
class Submissions:
    role: Role
    rows: tuple[Submission, ...]


def blind_label(index: int) -> str:
    """0 → "Candidate A", 25 → "Candidate Z", 26 → "Candidate AA"."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return f"Candidate {letters}"


def _submitted(actor: Actor, role_id: int) -> QuerySet[Application]:
    applications = visible_applications(actor, Application.objects.filter(role_id=role_id))
    reached = Q(history__to_stage__in=CLIENT_STAGES)
    return (
        applications.annotate(submitted_at=Min("history__changed_at", filter=reached))
        .filter(submitted_at__isnull=False)
        .select_related("candidate")
        .prefetch_related(Prefetch("history", queryset=_client_feedback(), to_attr="client_feedback"))
        .order_by("submitted_at", "pk")
    )


def _submission(application: Application, index: int, profile: BlindProfile | None = None) -> Submission:
    feedback = tuple(
        Feedback(c.changed_at, Stage(c.to_stage), c.note, c.changed_by.get_username() if c.changed_by else "")
        for c in application.client_feedback
    )
    revealed = application.revealed_at is not None
    return Submission(
        application_id=application.pk,
        label=blind_label(index),
        name=application.candidate.name if revealed else None,
        stage=Stage(application.stage),
        submitted_at=application.submitted_at,
        feedback=feedback,
        profile=profile,
    )


def submission_list(*, actor: Actor, role_id: int) -> Submissions:
    """A role's candidates at submitted or later, blind unless revealed; another client's role is
    `NotFound`."""
    role = role_get(actor=actor, role_id=role_id)
    rows = tuple(_submission(a, i) for i, a in enumerate(_submitted(actor, role_id)))
    return Submissions(role, rows)


EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
LINK = re.compile(r"(?:https?://|www\.)[^\s,;]+", re.IGNORECASE)
PHONE = re.compile(r"\+?\d[\d ()./-]{6,}\d")


def _blind(text: str, name: str) -> str:
    """The text without anything that names or reaches the person: their name's words, e-mail
    addresses, links and phone numbers (a headline sometimes starts with the name)."""
    text = PHONE.sub("…", LINK.sub("…", EMAIL.sub("…", text)))
    for word in sorted({w for w in re.split(r"\W+", name) if len(w) > 1}, key=len, reverse=True):
        text = re.sub(rf"\b{re.escape(word)}\b", "…", text, flags=re.IGNORECASE)
    return text.strip()


def _years(start: object, end: object) -> str:
    if not start and not end:
        return "no dates in the CV"  # an undated job: "now" would be a date the CV never gave
    first = start.year if start else "?"
    return f"{first}–{end.year if end else 'now'}"


def _blind_profile(application: Application) -> BlindProfile:
    person = application.candidate
    skills = sorted(person.skills.all(), key=lambda s: (-s.strength, -s.years, s.skill))
    return BlindProfile(
        headline=_blind(person.headline, person.name),
        seniority=person.get_seniority_display() if person.seniority else "",
        years=person.total_years,
        location=_blind(person.location, person.name),
        work_mode=person.get_work_mode_display() if person.work_mode else "",
        notice_weeks=person.notice_weeks,
        skills=tuple((skill_name(s.skill), s.years, s.last_used) for s in skills),
        jobs=tuple(
            (_blind(j.title, person.name), _blind(j.employer, person.name), _years(j.start, j.end))
            for j in person.experiences.all()
        ),
    )


def submission_get(*, actor: Actor, application_id: int) -> Submission:
    """One submitted candidate with their blind profile; `NotFound` for anyone not submitted to the
    actor's client (the same 404 whether the id exists or not)."""
    require_read_roles(actor)
    role_id = (
        visible_applications(actor, Application.objects.filter(pk=application_id))
        .values_list("role_id", flat=True)
        .first()
    )
    rows = list(_submitted(actor, role_id)) if role_id is not None else []
    for index, application in enumerate(rows):
        if application.pk == application_id:
            return _submission(application, index, _blind_profile(application))
    raise NotFound(f"no submitted candidate with id {application_id}")


# --- issue 12: the shortlist for the client ---------------------------------------------------------------

EXPORT_MAX = 25  # candidates in one client shortlist: a shortlist, not the pool
LINE_MAX = 500  # characters of the recruiter's line per candidate
REASONS_EXPORTED = 4  # the top reasons, with their evidence


def shortlist_export(
    *,
    actor: Actor,
    role_id: int,
    candidate_ids: Sequence[int],
    lines: dict[int, str] | None = None,
    blind: bool = False,
    fmt: str = "pdf",
    interface: str = Interface.SERVICE,
) -> ExportFile:
    """The candidates the recruiter chose, in their order, scored against the role with their top
    reasons and gaps and the recruiter's own line, as a PDF or CSV for the client.

    Blind (asked for, or blind review applies to the actor for this role and one of them is not
    revealed): labelled Candidate A, B, C in this order, their text through blind review's one rule
    (engine/cv/redact.py, which keeps employers and job dates as evidence), the recruiter's lines too.
    Each candidate exported is recorded in the access log. Bad input is `Invalid` with the field:
    "candidates" (none, too many, unknown), "format", "lines.<id>"."""
    require_export_shortlist(actor)
    if fmt not in FORMATS:
        raise Invalid(
            f"format must be {' or '.join(FORMATS)}, got {fmt!r}", [("format", " or ".join(FORMATS))]
        )
    ids = list(dict.fromkeys(int(i) for i in candidate_ids))
    if not ids:
        raise Invalid("choose at least one candidate", [("candidates", "tick at least one candidate")])
    if len(ids) > EXPORT_MAX:
        message = f"a client shortlist has at most {EXPORT_MAX} candidates, {len(ids)} were chosen"
        raise Invalid(message, [("candidates", f"choose at most {EXPORT_MAX}")])
    lines = {int(k): (v or "").strip() for k, v in (lines or {}).items()}
    for candidate_id, line in lines.items():
        if len(line) > LINE_MAX:
            message = f"a line has at most {LINE_MAX} characters ({len(line)} for candidate {candidate_id})"
            raise Invalid(message, [(f"lines.{candidate_id}", f"at most {LINE_MAX} characters")])
    role = role_get(actor=actor, role_id=role_id)
    stored = [i for i in ids if 0 < i < 2**63]  # a bigint column: anything else is unknown, not an error
    people = visible_candidates(actor, Candidate.objects.all()).only("id", "name", "headline").in_bulk(stored)
    index = pool.pool_index()
    unknown = [i for i in ids if not 0 < i < 2**63 or i not in people or i not in index]
    if unknown:
        listed = ", ".join(str(i) for i in unknown)
        raise Invalid(f"no candidate in the pool with id {listed}", [("candidates", f"unknown: {listed}")])
    state = blind_state(actor=actor, role_id=role.pk, candidate_ids=ids)
    blind = blind or any(state.hides(i) for i in ids)
    profile = role_profile(role)
    rows = []
    for position, candidate_id in enumerate(ids):
        person = people[candidate_id]
        fit = rank_roles(index, candidate_id, [profile], profiles=pool.profile_lookup)[0]
        names = [person.name] if person.name else []

        def shown(text: str, names: list[str] = names) -> str:
            return redact(text, names) if blind else text

        rows.append(
            ExportRow(
                position=position + 1,
                candidate_id=candidate_id,
                label=blind_label(position) if blind else (person.name or f"Candidate #{candidate_id}"),
                headline=shown(person.headline),
                score=fit.score,
                band=fit.band,
                reasons=tuple(shown(r) for r in fit.reasons[:REASONS_EXPORTED]),
                gaps=tuple(shown(g) for g in fit.gaps),
                line=shown(lines.get(candidate_id, "")),
            )
        )
    for candidate_id in ids:
        access_record(
            actor=actor,
            candidate_id=candidate_id,
            kind=AccessKind.EXPORT,
            interface=interface,
            role_id=role.pk,
        )
    shortlist = ClientShortlist(role.title, role.client.name, blind, timezone.now(), tuple(rows))
    return ExportFile(shortlist.filename(fmt), CONTENT_TYPES[fmt], RENDERERS[fmt](shortlist), shortlist)
