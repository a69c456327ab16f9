"""Changing clients and roles: clients and their growth plans, the role file in, a JD to a draft.

Each use case checks the actor through `accounts.access`, owns its transaction and raises the domain
errors of `shortlist.errors`. Reading the file is the interface's job; these take its text.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction

from shortlist.accounts.access import Actor, require_change_roles
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.clients.models import Client, GrowthPlan, Role
from shortlist.clients.roles import parse_role_file, save_role_spec, workspace_playbooks
from shortlist.clients.selectors import client_get
from shortlist.engine.roles.jd import parse_job_description
from shortlist.engine.roles.rolefile import RoleFileError, RoleSpec, dump_role_yaml
from shortlist.errors import Conflict, Invalid


def _invalid(exc: RoleFileError) -> Invalid:
    # The engine's message already names the file and lists every problem, one per line.
    return Invalid(str(exc), [(issue.path, issue.message) for issue in exc.issues])


@dataclass(frozen=True, slots=True)
class RoleFile:
    """A parsed role file, and what was accepted with a warning (unknown skills kept as free text)."""

    spec: RoleSpec
    warnings: tuple[str, ...]


def role_file_parse(*, actor: Actor, text: str, source: str) -> RoleFile:
    """Check a role YAML against the taxonomy and playbooks; `Invalid` names every bad key."""
    require_change_roles(actor)
    try:
        spec, warnings = parse_role_file(text, source)
    except RoleFileError as exc:
        raise _invalid(exc) from None
    return RoleFile(spec, tuple(warnings))


@dataclass(frozen=True, slots=True)
class RoleImport:
    role: Role
    created: bool
    warnings: tuple[str, ...]


@transaction.atomic
def role_import(*, actor: Actor, text: str, source: str) -> RoleImport:
    """Create a role from its YAML, or update the client's role with the same title.

    A bad file leaves nothing behind: no client, no role, no growth plan.
    """
    require_change_roles(actor)
    parsed = role_file_parse(actor=actor, text=text, source=source)
    try:
        role, created = save_role_spec(parsed.spec)
    except RoleFileError as exc:
        raise _invalid(exc) from None
    return RoleImport(role, created, parsed.warnings)


@dataclass(frozen=True, slots=True)
class DraftedRole:
    spec: RoleSpec
    yaml: str
    notes: tuple[str, ...]  # what was guessed and from where, for the recruiter to check


def role_draft(*, actor: Actor, text: str) -> DraftedRole:
    """A role YAML drafted from a pasted job description, for review before `role_import`."""
    require_change_roles(actor)
    draft = parse_job_description(text, taxonomy=workspace_taxonomy(), playbooks=workspace_playbooks())
    return DraftedRole(draft.spec, dump_role_yaml(draft.spec), tuple(draft.notes))


def _cleaned(row: Client | GrowthPlan) -> None:
    """The model's own field and constraint checks, as `Invalid` with one issue per field."""
    try:
        row.full_clean()
    except ValidationError as exc:
        issues = [
            (field if field != NON_FIELD_ERRORS else "", message)
            for field, messages in exc.message_dict.items()
            for message in messages
        ]
        raise Invalid("; ".join(f"{p or 'client'}: {m}" for p, m in issues), issues) from None


def _text_list(path: str, values: Sequence[str]) -> list[str]:
    items = [str(v).strip() for v in values if str(v).strip()]
    if any(len(item) > 100 for item in items):
        raise Invalid(f"{path}: each entry at most 100 characters", [(path, "at most 100 characters")])
    return items


@transaction.atomic
def client_create(
    *,
    actor: Actor,
    name: str,
    industry: str = "",
    stage: str = "",
    locations: Sequence[str] = (),
    culture: Sequence[str] = (),
    notes: str = "",
) -> Client:
    """A new client company; `Conflict` when one with that name exists (names are unique)."""
    require_change_roles(actor)
    name = name.strip()
    if Client.objects.filter(name__iexact=name).exists() and name:
        raise Conflict(f"A client named {name!r} already exists.")
    client = Client(
        name=name, industry=industry.strip(), stage=stage, notes=notes,
        locations=_text_list("locations", locations), culture=_text_list("culture", culture),
    )  # fmt: skip
    _cleaned(client)
    client.save()
    return client


@transaction.atomic
def client_update(
    *,
    actor: Actor,
    client_id: int,
    name: str | None = None,
    industry: str | None = None,
    stage: str | None = None,
    locations: Sequence[str] | None = None,
    culture: Sequence[str] | None = None,
    notes: str | None = None,
) -> Client:
    """Change the fields given (None leaves a field as it is)."""
    require_change_roles(actor)
    client = client_get(actor=actor, client_id=client_id)
    client = Client.objects.select_for_update().get(pk=client.pk)
    if name is not None:
        name = name.strip()
        if name and Client.objects.filter(name__iexact=name).exclude(pk=client.pk).exists():
            raise Conflict(f"A client named {name!r} already exists.")
        client.name = name
    for field, value in (("industry", industry), ("stage", stage), ("notes", notes)):
        if value is not None:
            setattr(client, field, value.strip() if field != "notes" else value)
    if locations is not None:
        client.locations = _text_list("locations", locations)
    if culture is not None:
        client.culture = _text_list("culture", culture)
    _cleaned(client)
    client.save()
    return client


@transaction.atomic
def growth_plan_create(
    *,
    actor: Actor,
    client_id: int,
    horizon_months: int = 36,
    metrics: Mapping[str, tuple[float | None, float | None]] | None = None,
    plans: str = "",
) -> GrowthPlan:
    """A new growth plan for a client; it becomes the client's current plan (old ones stay as history).

    `metrics` maps traffic_rps, users, data_tb and engineers to (now, target); unknown stays None.
    """
    require_change_roles(actor)
    client = client_get(actor=actor, client_id=client_id)
    values: dict[str, float | None] = {}
    issues = []
    for metric, (now, target) in (metrics or {}).items():
        if metric not in GrowthPlan.METRICS:
            issues.append((f"metrics.{metric}", f"unknown metric (one of {', '.join(GrowthPlan.METRICS)})"))
            continue
        for end, value in (("now", now), ("target", target)):
            if value is not None and not (math.isfinite(value) and value >= 0):
                issues.append((f"{metric}_{end}", "a number zero or above"))
            values[f"{metric}_{end}"] = value
    if not 0 < horizon_months <= 600:
        issues.append(("horizon_months", "between 1 and 600 months"))
    if issues:
        raise Invalid("; ".join(f"{p}: {m}" for p, m in issues), issues)
    plan = GrowthPlan(client=client, horizon_months=horizon_months, plans=plans, **values)
    _cleaned(plan)
    plan.save()
    return plan
