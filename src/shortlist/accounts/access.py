"""Who is acting, and what they may do: the one place permission rules live.

Interfaces only authenticate and build an `Actor`; services ask this module before they read or write.
Today the workspace has one kind of user (a signed-in recruiter) and the CLI operator; the rules for
recruiters, admins and client users (issue 13) go into the functions below, one per rule: `may_*`
answer whether an action is allowed at all, `visible_*` narrow the rows a selector starts from (a
client user's own roles, the candidates submitted to them). Selectors and services call nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from shortlist.errors import Forbidden

Rows = TypeVar("Rows")  # a QuerySet; kept generic so this module imports no model


class Role(StrEnum):
    """What a workspace user is to the agency (stored on `accounts.Membership`)."""

    ADMIN = "admin"  # team lead: everything, including users, settings and erasure
    RECRUITER = "recruiter"  # the pool, clients, roles and pipelines
    CLIENT = "client"  # a user of one client company: the portal only

    @property
    def label(self) -> str:
        return {"admin": "Admin (team lead)", "recruiter": "Recruiter", "client": "Client user"}[self.value]


def role_of(user: Any) -> tuple[Role | None, int | None]:
    """The user's role and client id. A superuser is an admin; a user with no membership has no role."""
    if user is None or not getattr(user, "is_authenticated", False) or not getattr(user, "is_active", True):
        return None, None
    # A missing reverse one-to-one raises RelatedObjectDoesNotExist, an AttributeError: getattr's default.
    membership = getattr(user, "membership", None)
    if membership is not None:
        return Role(membership.role), membership.client_id
    return (Role.ADMIN, None) if getattr(user, "is_superuser", False) else (None, None)


@dataclass(frozen=True, slots=True)
class Actor:
    """The person (or the operator at a terminal) a use case runs for."""

    user: Any = None  # a Django user; typed loosely so this module needs no model import
    operator: bool = False
    role: Role | None = None
    client_id: int | None = None  # set for client users only

    @classmethod
    def system(cls) -> Actor:
        """The CLI operator: whoever can run `shortlist` on the host already owns the database."""
        return cls(user=None, operator=True)

    @classmethod
    def of(cls, user: Any) -> Actor:
        """A workspace user from a request (possibly anonymous), with their role read once."""
        role, client_id = role_of(user)
        return cls(user=user, operator=False, role=role, client_id=client_id)

    @property
    def authenticated(self) -> bool:
        return self.operator or bool(getattr(self.user, "is_authenticated", False))

    @property
    def is_admin(self) -> bool:
        """The operator at the terminal, or a team lead."""
        return self.operator or self.role is Role.ADMIN

    @property
    def is_agency(self) -> bool:
        """Agency staff (admin or recruiter), or the operator: the people who work the pool."""
        return self.operator or self.role in (Role.ADMIN, Role.RECRUITER)

    @property
    def is_client(self) -> bool:
        return not self.operator and self.role is Role.CLIENT and self.client_id is not None

    @property
    def user_or_none(self) -> Any:
        """The user to record as author of a change (None for the operator or an anonymous actor)."""
        return self.user if self.user is not None and self.authenticated and not self.operator else None


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise Forbidden(f"You are not allowed to {what}.")


def may_read_pool(actor: Actor) -> bool:
    """Candidates' profiles, searches and shortlists. Issue 13: client users see only submitted ones."""
    return actor.authenticated


def may_change_pool(actor: Actor) -> bool:
    """Importing, uploading and merging candidates."""
    return actor.authenticated


def may_read_roles(actor: Actor) -> bool:
    """Clients and their roles. Issue 13: a client user sees only their own client's."""
    return actor.authenticated


def may_change_roles(actor: Actor) -> bool:
    """Creating or updating roles from a role file."""
    return actor.authenticated


def may_change_pipeline(actor: Actor) -> bool:
    """Opening applications and moving stages. Issue 13: client users advance or reject only."""
    return actor.authenticated


def visible_clients(actor: Actor, clients: Rows) -> Rows:
    """Issue 13: a client user sees only their own client."""
    return clients


def visible_roles(actor: Actor, roles: Rows) -> Rows:
    """Issue 13: a client user sees only their own client's roles."""
    return roles


def visible_candidates(actor: Actor, candidates: Rows) -> Rows:
    """Issue 13: a client user sees only candidates submitted to their roles (stage submitted or later)."""
    return candidates


def visible_applications(actor: Actor, applications: Rows) -> Rows:
    """Issue 13: a client user sees only their roles' applications at submitted or later."""
    return applications


def require_read_pool(actor: Actor) -> None:
    _require(may_read_pool(actor), "see candidates")


def require_change_pool(actor: Actor) -> None:
    _require(may_change_pool(actor), "change candidates")


def require_read_roles(actor: Actor) -> None:
    _require(may_read_roles(actor), "see roles")


def require_change_roles(actor: Actor) -> None:
    _require(may_change_roles(actor), "change roles")


def require_change_pipeline(actor: Actor) -> None:
    _require(may_change_pipeline(actor), "change the pipeline")


# --- issue 12: the recruiter's desk (notes and feedback) ------------------------------------------------


def may_add_note(actor: Actor, kind: str) -> bool:
    """Agency staff write notes of every kind; a client's user records only client feedback."""
    return actor.is_agency or (actor.is_client and kind == "client_feedback")


def visible_notes(actor: Actor, notes: Rows) -> Rows:
    """A client's user reads only what was shared with the client; agency staff read every note."""
    return notes if actor.is_agency else notes.filter(visibility="shared")  # type: ignore[attr-defined]
