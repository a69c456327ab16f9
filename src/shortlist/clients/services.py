"""Changing and drafting roles: the role file in, a job description to a draft.

Each use case checks the actor through `accounts.access`, owns its transaction and raises the domain
errors of `shortlist.errors`. Reading the file is the interface's job; these take its text.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction

from shortlist.accounts.access import Actor, require_change_roles
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.clients.models import Role
from shortlist.clients.roles import parse_role_file, save_role_spec, workspace_playbooks
from shortlist.engine.roles.jd import parse_job_description
from shortlist.engine.roles.rolefile import RoleFileError, RoleSpec, dump_role_yaml
from shortlist.errors import Invalid


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
