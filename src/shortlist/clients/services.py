"""Changing clients and roles: clients and their growth plans, the role file in, a JD to a draft.

Each use case checks the actor through `accounts.access`, owns its transaction and raises the domain
errors of `shortlist.errors`. Reading the file is the interface's job; these take its text.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

import phonenumbers
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.utils import timezone

from shortlist.accounts.access import Actor, require_change_roles
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.clients.models import Client, ClientContact, GrowthPlan, Role, RoleRequirement
from shortlist.clients.roles import (
    growth_plan_from,
    parse_role_file,
    save_role_spec,
    workspace_playbooks,
    write_role,
)
from shortlist.clients.selectors import client_get, role_get
from shortlist.engine.roles.jd import parse_job_description
from shortlist.engine.roles.rolefile import RoleFileError, RoleSpec, dump_role_yaml, role_spec_from_mapping
from shortlist.engine.vocab.enums import ClientStage, RoleStatus
from shortlist.errors import Conflict, Invalid

DEFAULT_PHONE_REGION = "GB"  # the market the product starts in; a number with +CC is read as written


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


# --- intake: clients, contacts, growth plans and roles from the workspace's forms -----------------------


@dataclass(frozen=True, slots=True)
class ContactIn:
    """A hiring manager as typed into the client form; the phone in any common national format."""

    name: str
    title: str = ""
    email: str = ""
    phone: str = ""


def _stage(value: str, issues: list[tuple[str, str]]) -> str:
    if not value.strip():
        return ""
    stage = ClientStage.parse(value)
    if stage is None:
        words = ", ".join(s.label for s in ClientStage)
        issues.append(("stage", f"{value!r} is not a stage we know (one of {words})"))
        return ""
    return stage.value


def _phone(value: str, path: str, issues: list[tuple[str, str]]) -> str:
    """E.164 ('+447700900123'); a number without a country code is read as British."""
    if not value.strip():
        return ""
    try:
        number = phonenumbers.parse(value, DEFAULT_PHONE_REGION)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        issues.append((path, f"{value!r} is not a phone number (e.g. +44 20 7946 0958 or 020 7946 0958)"))
        return ""
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def _contacts(contacts: Sequence[ContactIn], issues: list[tuple[str, str]]) -> list[ContactIn]:
    cleaned = []
    for index, contact in enumerate(contacts):
        path = f"contacts[{index}]"
        name = contact.name.strip()
        if not (name or contact.email.strip() or contact.phone.strip()):
            continue  # an empty row of the form
        if not name:
            issues.append((f"{path}.name", "a contact needs a name"))
        email = contact.email.strip()
        try:
            validate_email(email) if email else None
        except ValidationError:
            issues.append((f"{path}.email", f"{email!r} is not an e-mail address"))
        phone = _phone(contact.phone, f"{path}.phone", issues)
        cleaned.append(ContactIn(name, contact.title.strip(), email, phone))
    return cleaned


def _tags(path: str, values: Iterable[str] | None, issues: list[tuple[str, str]]) -> list[str] | None:
    """Tags in the order given, each once; None when the caller left the field as it is."""
    if values is None:
        return None
    tags = list(dict.fromkeys(str(v).strip() for v in values if str(v).strip()))
    if any(len(tag) > 100 for tag in tags):
        issues.append((path, "each entry at most 100 characters"))
    return tags


@transaction.atomic
def client_save(
    *,
    actor: Actor,
    client_id: int | None = None,
    name: str | None = None,
    industry: str | None = None,
    stage: str | None = None,
    locations: Iterable[str] | None = None,
    culture: Iterable[str] | None = None,
    notes: str | None = None,
    contacts: Sequence[ContactIn] | None = None,
) -> Client:
    """Create a client (no id) or change one: the form, the API's POST and its PATCH all come here.

    A field given as None is left as it is (blank on a new client); `contacts`, when given, become
    exactly the client's contacts. The stage may be written in recruiters' words ("Series B").
    `Invalid` names each bad field (`stage`, `contacts[1].phone`…) and changes nothing. A name another
    client has (in any case) is a `Conflict` on the `name` field when everything else is valid, and one
    of the `Invalid`'s issues when it is not (a form marks every field at once).
    """
    require_change_roles(actor)
    if client_id is None:
        client = Client()
    else:
        client_get(actor=actor, client_id=client_id)  # NotFound / Forbidden, as for any read
        client = Client.objects.select_for_update().get(pk=client_id)
    issues: list[tuple[str, str]] = []
    if name is not None or client.pk is None:
        name = " ".join((name or "").split())
        if not name:
            issues.append(("name", "a client needs a name"))
        client.name = name
    if industry is not None:
        client.industry = industry.strip()
    if stage is not None:
        client.stage = _stage(stage, issues)
    if (tags := _tags("locations", locations, issues)) is not None:
        client.locations = tags
    if (tags := _tags("culture", culture, issues)) is not None:
        client.culture = tags
    if notes is not None:
        client.notes = notes.strip()
    people = _contacts(contacts, issues) if contacts is not None else None
    taken = None
    if client.name and Client.objects.filter(name__iexact=client.name).exclude(pk=client.pk).exists():
        taken = ("name", f"there is already a client called {client.name!r}")
    if issues:  # every problem at once, the taken name among them, so a form can mark each field
        issues = [taken, *issues] if taken else issues
        raise Invalid(f"the client was not saved: {issues[0][1]}", issues)
    if taken:
        raise Conflict(taken[1], [taken])
    _cleaned(client)
    client.save()
    if people is not None:
        client.contacts.all().delete()
        ClientContact.objects.bulk_create(
            ClientContact(client=client, name=p.name, title=p.title, email=p.email, phone=p.phone)
            for p in people
        )
    return client


MAX_HORIZON_MONTHS = 600


@transaction.atomic
def growth_plan_set(
    *,
    actor: Actor,
    client_id: int,
    horizon_months: int = 36,
    metrics: Mapping[str, tuple[float | None, float | None]] | None = None,
    plans: str = "",
) -> GrowthPlan:
    """A new current plan for the client (the form and the API's POST). Plans are history: roles
    pinned to an older one keep it.

    `metrics` maps traffic_rps, users, data_tb and engineers to (now, target): both or neither, zero
    or above. `Invalid` names each bad figure (`users_target`, `horizon_months`).
    """
    require_change_roles(actor)
    client = client_get(actor=actor, client_id=client_id)
    issues: list[tuple[str, str]] = []
    for metric, ends in (metrics or {}).items():
        for end, value in zip(("now", "target"), ends, strict=True):
            if value is not None and not (math.isfinite(value) and value >= 0):
                issues.append((f"{metric}_{end}", "a number zero or above"))
    if isinstance(horizon_months, int) and horizon_months > MAX_HORIZON_MONTHS:
        issues.append(("horizon_months", f"between 1 and {MAX_HORIZON_MONTHS} months"))
    if issues:
        raise Invalid(f"the growth plan is not valid: {issues[0][0]}: {issues[0][1]}", issues)
    plan = growth_plan_from(horizon_months=horizon_months, metrics=metrics or {})
    values: dict[str, object] = {"horizon_months": plan.horizon_months, "plans": plans.strip()}
    for name in GrowthPlan.METRICS:
        stated = getattr(plan, name)
        values[f"{name}_now"] = stated.now if stated else None
        values[f"{name}_target"] = stated.target if stated else None
    row = GrowthPlan(client=client, **values)
    _cleaned(row)
    row.save()
    return row


@dataclass(frozen=True, slots=True)
class RoleSaved:
    role: Role
    warnings: tuple[str, ...]  # terms kept as free text, duplicates dropped


ROLE_FIELDS = (
    "title", "languages", "project", "seniority", "location", "remote", "salary",
    "must_have", "nice_to_have", "culture", "description",
)  # fmt: skip


@transaction.atomic
def role_save(
    *, actor: Actor, client_id: int, data: Mapping[str, object], role_id: int | None = None
) -> RoleSaved:
    """Create a role for the client (no id) or update one, from the role file's keys (ROLE_FIELDS).

    The engine reads `data` exactly as it reads a role file, so a form, the API and a YAML file accept
    the same values; `Invalid` carries every problem with the key it belongs to.
    """
    require_change_roles(actor)
    client = client_get(actor=actor, client_id=client_id)
    unknown = sorted(set(data) - set(ROLE_FIELDS))
    if unknown:
        raise Invalid(f"unknown role field {unknown[0]!r}", [(key, "unknown field") for key in unknown])
    mapping = {key: value for key, value in data.items() if value not in (None, "", [], {})}
    mapping["client"] = {"name": client.name}
    try:
        spec, warnings = role_spec_from_mapping(
            mapping, "role", taxonomy=workspace_taxonomy(), playbooks=workspace_playbooks()
        )
    except RoleFileError as exc:
        raise _invalid(exc) from None
    if role_id is None:
        role = Role(client=client)
    else:
        role = role_get(actor=actor, role_id=role_id)
        if role.client_id != client.pk:
            raise Invalid("a role cannot move to another client", [("client", "the role's client is fixed")])
    write_role(role, spec)
    return RoleSaved(role, tuple(warnings))


@transaction.atomic
def role_duplicate(*, actor: Actor, role_id: int) -> Role:
    """A copy of the role, open, with its requirements and weights, titled "… (copy)"; no pipeline."""
    require_change_roles(actor)
    original = role_get(actor=actor, role_id=role_id)
    requirements = list(original.requirements.all())
    copy = Role.objects.get(pk=original.pk)
    copy.pk = None
    copy.title = f"{original.title} (copy)"[: Role._meta.get_field("title").max_length]
    copy.status = RoleStatus.OPEN
    copy.save()
    RoleRequirement.objects.bulk_create(
        RoleRequirement(role=copy, term=r.term, kind=r.kind, weight=r.weight) for r in requirements
    )
    return copy


@transaction.atomic
def role_status_set(*, actor: Actor, role_id: int, status: str) -> Role:
    """Open, on hold, filled or closed. Adding to the pipeline follows it (pipeline/services.py)."""
    require_change_roles(actor)
    try:
        new = RoleStatus(status)
    except ValueError:
        allowed = ", ".join(s.value for s in RoleStatus)
        raise Invalid(f"unknown role status {status!r} (one of {allowed})", [("status", allowed)]) from None
    role = role_get(actor=actor, role_id=role_id)
    Role.objects.filter(pk=role.pk).update(status=new.value, updated_at=timezone.now())
    role.status = new.value
    return role
