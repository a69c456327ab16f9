"""Ranking for the pipeline: the shortlist for a role, and the open roles for a candidate.

`shortlist_for_role` is the one place a ranked, explained shortlist is put together; `match --json`,
the `match` table, the shortlist page and (issue 13) the API all render the `Shortlist` it returns.
Facts about a ranking that any of them may show (the pool it ran over, options, skipped files)
belong on `Shortlist`, so they are computed once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from django.db.models import QuerySet

from shortlist.accounts.access import (
    Actor,
    may_read_notes,
    require_read_pool,
    require_read_roles,
    visible_applications,
    visible_roles,
)
from shortlist.audit.models import Interface
from shortlist.audit.services import ranking_run_record
from shortlist.candidates import pool
from shortlist.candidates.pool import PoolInfo
from shortlist.candidates.selectors import CandidateRef, candidate_refs, folder_pool
from shortlist.clients.models import Role
from shortlist.clients.roles import profile_for_spec, role_profile
from shortlist.clients.selectors import role_get, role_list_open
from shortlist.engine.matching.match import FilterReport, Match, RoleFit, rank
from shortlist.engine.matching.match import roles_for_candidate as rank_roles
from shortlist.engine.matching.scoring import BAND_MEANINGS, MustMode
from shortlist.engine.matching.semantic import Embedder, minilm, rerank
from shortlist.engine.roles.rolefile import RoleSpec
from shortlist.engine.roles.weighting import RoleProfile
from shortlist.errors import Forbidden, Invalid, NotFound, Unavailable
from shortlist.pipeline.models import Application, ApplicationNote

SEMANTIC_HINT = "pip install -e '.[eval]'"


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

    @property
    def title(self) -> str:
        return self.role.spec.title


def _pool_size(top: int, semantic: float) -> int:
    # Semantic re-ranking moves candidates within a wider pool picked by the evidence score.
    return min(max(4 * top, 50), 500) if semantic else top


def _embedder(semantic: float, embedder: Embedder | None) -> Embedder | None:
    if not semantic or embedder is not None:
        return embedder
    try:
        return minilm()
    except ImportError:
        raise Unavailable(f"semantic re-ranking needs the optional packages: {SEMANTIC_HINT}") from None


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
    if embedder is not None:
        results = rerank(results, profile, lookup, embedder, weight=semantic, top=top)
    ids = [r.candidate_id for r in results]
    if people is None:
        removed = [found.candidate_id for found in report.examples] if report else []
        people = candidate_refs(ids=[*ids, *removed])
    in_pipeline: set[int] = set()
    if role_row is not None and not folder:
        in_pipeline = set(
            Application.objects.filter(role=role_row, candidate_id__in=ids).values_list(
                "candidate_id", flat=True
            )
        )
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
    index = pool.pool_index()
    if candidate_id not in index:
        raise NotFound(f"no candidate with id {candidate_id}")
    roles = role_list_open(actor=actor)
    ranked = rank_roles(index, candidate_id, [role_profile(r) for r in roles])[:top]
    return CandidateRoles(candidate_id, tuple(RoleFitRow(fit, roles[fit.role_index]) for fit in ranked))


def application_list(*, actor: Actor, role_id: int) -> QuerySet[Application]:
    """A role's pipeline, most recently changed first, with the candidates (a client user: those
    submitted to them). Another client's role is `NotFound`, as on its own page."""
    require_read_roles(actor)
    if not visible_roles(actor, Role.objects.filter(pk=role_id)).exists():
        raise NotFound(f"no role with id {role_id}")
    applications = visible_applications(actor, Application.objects.filter(role_id=role_id))
    return applications.select_related("candidate").order_by("-updated_at")


def application_note_list(*, actor: Actor, application_id: int) -> QuerySet[ApplicationNote]:
    """An application's internal notes, newest first (agency only: never a client user's)."""
    require_read_roles(actor)
    if not may_read_notes(actor):
        raise Forbidden("You are not allowed to see internal notes.")
    if not visible_applications(actor, Application.objects.filter(pk=application_id)).exists():
        raise NotFound(f"no application with id {application_id}")
    notes = ApplicationNote.objects.filter(application_id=application_id).select_related("author")
    return notes.order_by("-created_at", "-id")
