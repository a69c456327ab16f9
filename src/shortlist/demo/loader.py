"""Write the demo data set into the database: three clients with roles and pipelines, and N candidates.

Candidates go in with `executemany` and explicit primary keys, a few thousand per transaction, because one
`save()` per row would take hours for a million of them. The few client rows go through the ORM.

Clients are written last, in one transaction, so "the three demo clients exist" means a load finished;
an interrupted load leaves only demo candidates, which the next load clears before starting again.
"""

from __future__ import annotations

import gc
import hashlib
import json
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import chain

from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.db.backends.utils import CursorWrapper
from django.db.models import Max
from django.utils import timezone

from shortlist.candidates.models import (
    DEMO_PARSER_VERSION,
    Candidate,
    CandidateIdentity,
    CandidateRemoval,
    CandidateSkill,
    Experience,
    ScaleClaim,
    identity_keys,
)
from shortlist.clients.models import Client, GrowthPlan, Role, RoleRequirement
from shortlist.demo.generator import DemoCandidate, DemoClient, demo_clients, generate_candidates
from shortlist.engine.vocab.enums import RequirementKind, RoleStatus, Stage
from shortlist.pipeline.models import Application
from shortlist.pipeline.services import stage_history_erase

DEMO_SOURCE_PREFIX = "demo/"
BATCH_SIZE = 5_000
ROWS_PER_STATEMENT = 100  # fewer where the database limits the parameters of one statement
# Candidates kept in memory (id and skills) to choose pipeline entries from.
PIPELINE_POOL = 400
PIPELINE_SIZES = (5, 4, 4, 3)  # entries per role, cycling, so that the pages differ a little
# Where each pipeline entry ends up, cycling; the path to it goes through the stages in order.
PIPELINE_TARGETS: tuple[Stage, ...] = (
    Stage.SOURCED, Stage.CONTACTED, Stage.SCREENED, Stage.SUBMITTED, Stage.INTERVIEW, Stage.REJECTED,
    Stage.OFFER, Stage.SCREENED, Stage.WITHDRAWN, Stage.INTERVIEW, Stage.SUBMITTED, Stage.PLACED,
)  # fmt: skip
FORWARD: tuple[Stage, ...] = (
    Stage.SOURCED, Stage.CONTACTED, Stage.SCREENED, Stage.SUBMITTED, Stage.INTERVIEW, Stage.OFFER,
    Stage.PLACED,
)  # fmt: skip
# How far a rejected or withdrawn candidate got before leaving the pipeline.
LEFT_AFTER: dict[Stage, Stage] = {Stage.REJECTED: Stage.SUBMITTED, Stage.WITHDRAWN: Stage.CONTACTED}
# SQLite's default page cache is 2 MB; with a larger one the pages of the indexes being filled (name, hash,
# skill) stay in memory as the file grows. Only this connection is affected; the old size is restored.
SQLITE_LOAD_CACHE_KIB = 256 * 1024


@dataclass(slots=True)
class DemoStats:
    clients: int
    roles: int
    candidates: int
    applications: int
    seconds: float
    created: bool


def load_demo(
    candidates: int = 500,
    seed: int = 7,
    reset: bool = False,
    progress: Callable[[int], None] | None = None,
) -> DemoStats:
    """Load the demo clients and `candidates` generated candidates, unless they are already there.

    With `reset`, the demo clients (with their roles and pipelines) and every candidate whose source starts
    with "demo/" are deleted first. Without it, a complete earlier load is left alone (created=False).
    """
    started = time.perf_counter()
    clients = demo_clients()
    names = [client.name for client in clients]
    if reset:
        _delete_demo(names)
    elif Client.objects.filter(name__in=names).count() == len(names):
        return _stats(names, started, created=False)
    else:
        _delete_demo_candidates()  # leftovers of an interrupted load; never duplicate them

    pool = _bulk_insert_candidates(candidates, seed, progress)
    existing = set(Client.objects.filter(name__in=names).values_list("name", flat=True))
    with transaction.atomic():
        # A client of the same name the user made themselves is left untouched.
        roles = [role for client in clients if client.name not in existing for role in _create_client(client)]
        _fill_pipelines(roles, pool)
    _refresh_planner_statistics()
    return _stats(names, started, created=True)


def _refresh_planner_statistics() -> None:
    """PostgreSQL plans from table statistics that autovacuum gathers some time after a bulk load; until
    then it guesses. At 100,000 fresh candidates the shortlist page's profile fetch and change poll took
    150 ms of SQL on those guesses and 16 ms after ANALYZE (benchmarks/README.md, issue 12)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")


def _stats(names: Sequence[str], started: float, created: bool) -> DemoStats:
    clients = Client.objects.filter(name__in=names)
    return DemoStats(
        clients=clients.count(),
        roles=Role.objects.filter(client__in=clients).count(),
        candidates=Candidate.objects.filter(source__startswith=DEMO_SOURCE_PREFIX).count(),
        applications=Application.objects.filter(role__client__in=clients).count(),
        seconds=time.perf_counter() - started,
        created=created,
    )


# ---------------------------------------------------------------------------------------------------------
# Deleting
# ---------------------------------------------------------------------------------------------------------


def _delete_demo(client_names: Sequence[str]) -> None:
    with transaction.atomic():
        # Demo pipelines are made up: their history goes through the one erasing path, then the ORM
        # cascades (a few rows).
        applications = Application.objects.filter(role__client__name__in=client_names)
        stage_history_erase(application_ids=applications.values_list("pk", flat=True))
        Client.objects.filter(name__in=client_names).delete()
    _delete_demo_candidates()


def _delete_demo_candidates() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        demo = Application.objects.filter(candidate__source__startswith=DEMO_SOURCE_PREFIX)
        stage_history_erase(application_ids=demo.values_list("pk", flat=True))
        source = connection.ops.quote_name(Candidate._meta.get_field("source").column)
        where, params = f"{source} LIKE %s", [DEMO_SOURCE_PREFIX + "%"]
        _log_removals(cursor, where, params)
        _delete_cascading(cursor, Candidate, where, params)


def _log_removals(cursor: CursorWrapper, where: str, params: Sequence[object]) -> None:
    """CandidateRemoval rows for the candidates about to go, in one statement (the pool polls them)."""
    quote = connection.ops.quote_name
    log, meta = CandidateRemoval._meta, Candidate._meta
    cursor.execute(
        f"INSERT INTO {quote(log.db_table)} ({quote('candidate_id')}, {quote('removed_at')}) "
        f"SELECT {quote(meta.pk.column)}, %s FROM {quote(meta.db_table)} WHERE {where}",
        [timezone.now(), *params],
    )


_CASCADES = (models.CASCADE, models.SET_NULL, models.DO_NOTHING)
# Protected rows the reset removes itself before the cascade: stage history, through the one erasing
# path (pipeline.services.stage_history_erase); the SQL cascade leaves them alone.
ERASED_FIRST = frozenset({"pipeline.StageChange.application"})


def unhandled_relations(model: type[models.Model], seen: frozenset[str] = frozenset()) -> list[str]:
    """Relations below `model` that the plain-SQL cascade cannot follow (many-to-many, PROTECT, …).

    Empty for today's models; tests/test_demo_loader.py keeps it so, so a new relation is caught by
    the suite rather than by someone's `demo --reset`.
    """
    if model._meta.label in seen:
        return []
    found = []
    for relation in model._meta.related_objects:
        where = f"{relation.related_model._meta.label}.{relation.field.name}"
        if where in ERASED_FIRST:
            continue
        if relation.many_to_many or relation.on_delete not in _CASCADES:
            found.append(where)
        elif relation.on_delete is models.CASCADE:
            found += unhandled_relations(relation.related_model, seen | {model._meta.label})
    return found


def _delete_cascading(
    cursor: CursorWrapper, model: type[models.Model], where: str, params: Sequence[object]
) -> None:
    """Delete the rows of `model` matching `where`, after whatever cascades from them, in plain SQL.

    The ORM's collector loads every row it deletes, which for a million candidates costs minutes and
    gigabytes; sub-selects let the database do the same cascade by itself. Only the relation kinds in
    `_CASCADES` occur (see unhandled_relations); others would need their own SQL here.
    """
    quote = connection.ops.quote_name
    meta = model._meta
    selected = f"SELECT {quote(meta.pk.column)} FROM {quote(meta.db_table)} WHERE {where}"
    for relation in meta.related_objects:
        child, column = relation.related_model, quote(relation.field.column)
        child_where = f"{column} IN ({selected})"
        if relation.on_delete is models.CASCADE:
            _delete_cascading(cursor, child, child_where, params)
        elif relation.on_delete is models.SET_NULL:
            cursor.execute(
                f"UPDATE {quote(child._meta.db_table)} SET {column} = NULL WHERE {child_where}", params
            )
    cursor.execute(f"DELETE FROM {quote(meta.db_table)} WHERE {where}", params)


# ---------------------------------------------------------------------------------------------------------
# Bulk insert of candidates
# ---------------------------------------------------------------------------------------------------------


class _Insert:
    """One INSERT for a model: the given fields in order, then every other column at its default.

    Filling the remaining columns from the model keeps the loader working when a field is added later.
    Each statement carries several rows: PostgreSQL plans every statement of an executemany anew, so a
    row per statement spends most of the load in round trips; SQLite gains a little too.
    """

    def __init__(self, model: type[models.Model], fields: Sequence[str]) -> None:
        meta = model._meta
        given = [meta.get_field(name) for name in fields]
        others = [f for f in meta.concrete_fields if f.name not in fields]
        self.defaults = tuple(f.get_db_prep_save(f.get_default(), connection) for f in others)
        width = len(given) + len(others)
        limit = connection.features.max_query_params or 10_000
        self.rows_per_statement = max(1, min(ROWS_PER_STATEMENT, limit // width))
        quote = connection.ops.quote_name
        self.prefix = (
            f"INSERT INTO {quote(meta.db_table)} ({', '.join(quote(f.column) for f in (*given, *others))}) "
            "VALUES "
        )
        self.row_sql = "(" + ", ".join(["%s"] * width) + ")"
        self.model = model
        self.next_id = _next_free_id(model)

    def _sql(self, rows: int) -> str:
        return self.prefix + ", ".join([self.row_sql] * rows)

    def run(self, cursor: CursorWrapper, rows: list[tuple[object, ...]]) -> None:
        if self.defaults:
            rows = [row + self.defaults for row in rows]
        step = self.rows_per_statement
        full = len(rows) - len(rows) % step
        if full:
            params = [tuple(chain.from_iterable(rows[i : i + step])) for i in range(0, full, step)]
            cursor.executemany(self._sql(step), params)
        if full < len(rows):
            rest = rows[full:]
            cursor.execute(self._sql(len(rest)), tuple(chain.from_iterable(rest)))


def _next_free_id(model: type[models.Model]) -> int:
    """The first id above every row there is and every id ever handed out.

    Ids of deleted rows are never reused, as auto-increment would not: an audit record or a cached index
    that names a deleted candidate must not come to name a different one after a reset.
    """
    meta = model._meta
    used = model.objects.aggregate(top=Max("pk"))["top"] or 0
    with connection.cursor() as cursor:
        if connection.vendor == "sqlite":
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [meta.db_table])
            row = cursor.fetchone()
            used = max(used, row[0] if row and row[0] is not None else 0)
        elif connection.vendor == "postgresql":
            cursor.execute("SELECT pg_get_serial_sequence(%s, %s)", [meta.db_table, meta.pk.column])
            sequence = cursor.fetchone()[0]
            if sequence:
                cursor.execute(f"SELECT last_value, is_called FROM {sequence}")
                last_value, is_called = cursor.fetchone()
                used = max(used, last_value if is_called else last_value - 1)
    return used + 1


_CANDIDATE_FIELDS = (
    "id", "name", "emails", "phone", "city", "country", "github_url", "linkedin_url", "website_url",
    "headline", "seniority", "total_years", "work_mode", "open_to_relocation", "right_to_work",
    "needs_sponsorship", "notice_weeks", "salary_expectation", "salary_currency", "source", "raw_text",
    "content_hash", "parser_version", "import_warnings", "created_at", "updated_at",
)  # fmt: skip
_EXPERIENCE_FIELDS = ("id", "candidate", "employer", "title", "start", "end", "description")
_SKILL_FIELDS = ("id", "candidate", "skill", "years", "last_used", "evidence", "strength")
_CLAIM_FIELDS = ("id", "candidate", "metric", "value", "unit", "snippet")
_IDENTITY_FIELDS = ("id", "candidate", "key")


@dataclass(slots=True)
class _Batch:
    candidates: list[tuple[object, ...]]
    experiences: list[tuple[object, ...]]
    skills: list[tuple[object, ...]]
    claims: list[tuple[object, ...]]
    identities: list[tuple[object, ...]]


def _bulk_insert_candidates(
    count: int, seed: int, progress: Callable[[int], None] | None
) -> list[tuple[int, frozenset[str]]]:
    """Insert `count` candidates in batches; returns the first few (id, skills) to build pipelines from."""
    inserts = (
        _Insert(Candidate, _CANDIDATE_FIELDS),
        _Insert(Experience, _EXPERIENCE_FIELDS),
        _Insert(CandidateSkill, _SKILL_FIELDS),
        _Insert(ScaleClaim, _CLAIM_FIELDS),
        _Insert(CandidateIdentity, _IDENTITY_FIELDS),
    )
    pool: list[tuple[int, frozenset[str]]] = []
    generated = generate_candidates(count, seed)
    with _sqlite_bulk_settings(), _without_cyclic_gc():
        for first in range(0, count, BATCH_SIZE):
            size = min(BATCH_SIZE, count - first)
            people = [next(generated) for _ in range(size)]
            batch = _rows(people, inserts)
            if len(pool) < PIPELINE_POOL:
                for candidate_row, person in zip(batch.candidates, people, strict=True):
                    if len(pool) < PIPELINE_POOL:
                        pool.append((candidate_row[0], frozenset(s.skill for s in person.skills)))
            with transaction.atomic(), connection.cursor() as cursor:
                tables = (batch.candidates, batch.experiences, batch.skills, batch.claims, batch.identities)
                for insert, rows in zip(inserts, tables, strict=True):
                    insert.run(cursor, rows)
            if progress is not None:
                progress(size)
    if count:
        _reset_sequences([insert.model for insert in inserts])
    return pool


def _rows(people: Iterable[DemoCandidate], inserts: Sequence[_Insert]) -> _Batch:
    """Database rows for a batch of candidates, taking primary keys from each table's next free id."""
    ops = connection.ops
    adapt_date = ops.adapt_datefield_value
    now = ops.adapt_datetimefield_value(timezone.now())
    dumps = json.dumps
    candidates_insert, experiences_insert, skills_insert, claims_insert, identities_insert = inserts
    batch = _Batch([], [], [], [], [])
    candidate_id = candidates_insert.next_id
    experience_id = experiences_insert.next_id
    skill_id = skills_insert.next_id
    claim_id = claims_insert.next_id
    identity_id = identities_insert.next_id
    for person in people:
        text = person.cv_text
        batch.candidates.append(
            (
                candidate_id, person.name, dumps(person.emails), person.phone, person.city, person.country,
                person.github_url, person.linkedin_url, person.website_url, person.headline, person.seniority,
                person.total_years, person.work_mode, person.open_to_relocation, dumps(person.right_to_work),
                "[]", person.notice_weeks, person.salary_expectation, person.salary_currency, person.source,
                text, hashlib.sha256(text.encode()).hexdigest(), DEMO_PARSER_VERSION, "[]", now, now,
            )
        )  # fmt: skip
        for job in person.experiences:
            batch.experiences.append(
                (
                    experience_id, candidate_id, job.employer, job.title, adapt_date(job.start),
                    adapt_date(job.end), "\n".join(job.bullets),
                )
            )  # fmt: skip
            experience_id += 1
        for skill in person.skills:
            evidence = [{"section": skill.section, "snippet": skill.snippet, "strength": skill.strength}]
            batch.skills.append(
                (
                    skill_id, candidate_id, skill.skill, skill.years, skill.last_used, dumps(evidence),
                    skill.strength,
                )
            )  # fmt: skip
            skill_id += 1
        for claim in person.scale_claims:
            batch.claims.append(
                (claim_id, candidate_id, claim.metric, claim.value, claim.unit, claim.snippet)
            )
            claim_id += 1
        for key in identity_keys(person.emails, person.phone):
            batch.identities.append((identity_id, candidate_id, key))
            identity_id += 1
        candidate_id += 1
    candidates_insert.next_id = candidate_id
    experiences_insert.next_id = experience_id
    skills_insert.next_id = skill_id
    claims_insert.next_id = claim_id
    identities_insert.next_id = identity_id
    return batch


def _reset_sequences(model_list: Sequence[type[models.Model]]) -> None:
    """Explicit ids bypass PostgreSQL's sequences; move them past the new rows (SQLite needs nothing)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(model_list))
    if statements:
        with connection.cursor() as cursor:
            for statement in statements:
                cursor.execute(statement)


@contextmanager
def _without_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while batches are built.

    A batch holds a few hundred thousand new containers, which keep triggering collections that rescan
    them all and find no cycles: about a third of the loading time. Reference counting still frees them.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@contextmanager
def _sqlite_bulk_settings() -> Iterator[None]:
    """A larger page cache on this SQLite connection while loading; nothing on other databases."""
    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_LOAD_CACHE_KIB}")
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = {previous}")


# ---------------------------------------------------------------------------------------------------------
# Clients, roles and pipelines
# ---------------------------------------------------------------------------------------------------------


def _create_client(demo: DemoClient) -> list[Role]:
    client = Client.objects.create(
        name=demo.name,
        industry=demo.industry,
        stage=demo.stage,
        locations=demo.locations,
        culture=demo.culture,
        notes=demo.notes,
    )
    plan = demo.growth_plan
    GrowthPlan.objects.create(
        client=client,
        horizon_months=plan.horizon_months,
        traffic_rps_now=plan.traffic_rps_now,
        traffic_rps_target=plan.traffic_rps_target,
        users_now=plan.users_now,
        users_target=plan.users_target,
        data_tb_now=plan.data_tb_now,
        data_tb_target=plan.data_tb_target,
        engineers_now=plan.engineers_now,
        engineers_target=plan.engineers_target,
        plans=plan.plans,
    )
    roles = []
    for demo_role in demo.roles:
        role = Role.objects.create(
            client=client,
            title=demo_role.title,
            languages=demo_role.languages,
            project_type=demo_role.project_type,
            seniority=demo_role.seniority,
            location=demo_role.location,
            remote_policy=demo_role.remote_policy,
            salary_min=demo_role.salary_min,
            salary_max=demo_role.salary_max,
            salary_currency=demo_role.salary_currency,
            culture=demo_role.culture,
            description=demo_role.description,
            status=demo_role.status,
        )
        RoleRequirement.objects.bulk_create(
            [
                RoleRequirement(role=role, term=req.term, kind=kind, weight=req.weight)
                for kind, requirements in (
                    (RequirementKind.MUST, demo_role.must_have),
                    (RequirementKind.NICE, demo_role.nice_to_have),
                )
                for req in requirements
            ]
        )
        roles.append(role)
    return roles


def _fill_pipelines(roles: Sequence[Role], pool: Sequence[tuple[int, frozenset[str]]]) -> None:
    """Put a few early candidates into each role's pipeline, preferring those with the role's language.

    Each candidate joins at most one pipeline, so the spread is easy to follow on the pages.
    """
    used: set[int] = set()
    chosen: list[tuple[Role, list[int]]] = []
    for index, role in enumerate(roles):
        wanted = PIPELINE_SIZES[index % len(PIPELINE_SIZES)]
        language = role.languages[0] if role.languages else ""
        picks = [cid for cid, skills in pool if cid not in used and language in skills][:wanted]
        if len(picks) < wanted:
            picks += [cid for cid, _ in pool if cid not in used and cid not in picks][: wanted - len(picks)]
        used.update(picks)
        chosen.append((role, picks))

    people = Candidate.objects.in_bulk([cid for _, picks in chosen for cid in picks])
    position = 0
    for role, picks in chosen:
        for cid in picks:
            target = PIPELINE_TARGETS[position % len(PIPELINE_TARGETS)]
            if target == Stage.PLACED and role.status != RoleStatus.OPEN:
                target = Stage.INTERVIEW  # nobody is placed in a role that is on hold
            position += 1
            application = Application.open(people[cid], role, note="Added by the demo loader.")
            for stage in _path_to(target):
                application.move_to(stage)


def _path_to(target: Stage) -> list[Stage]:
    """The stages after 'sourced' that lead to `target`, in order."""
    last = LEFT_AFTER.get(target, target)
    path = list(FORWARD[1 : FORWARD.index(last) + 1])
    if target in LEFT_AFTER:
        path.append(target)
    return path
