"""Who is acting, and what they may do: the one place permission rules live.

Interfaces only authenticate and build an `Actor`; services ask this module before they read or write.
One function per rule: `may_*` answer whether an action is allowed at all (`require_*` raise
`Forbidden` when not), `visible_*` narrow the rows a selector starts from. Selectors and services
call nothing else, so the pages, the CLI, the API and the portal share every rule.

| who                | workspace pages | the pool | clients and roles  | changes | admin site |
|--------------------|-----------------|----------|--------------------|---------|------------|
| admin, operator    | yes             | yes      | all                | yes     | yes        |
| recruiter          | yes             | yes      | all                | yes     | no         |
| client user        | no (403)        | no       | their own client's | none    | no         |
| signed in, no role | no (403)        | no       | none               | none    | no         |

"The pool" is browsing, searching, ranking and importing candidates; "changes" are roles, the pool
and pipelines. A client user sees candidates only through an application to one of their client's
roles that has reached `submitted` (and those applications); any other row is absent for them, so a
page or endpoint answers 404 rather than confirming that it exists.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Any, TypeVar

from shortlist.engine.vocab.enums import Stage
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


# The stages at which the client has the candidate in front of them. A candidate the recruiter rejected
# before submitting never reached the client; one rejected or withdrawn after it did, and stays in
# their view (their own feedback), so the test is "ever reached" (the append-only history), not "is at".
CLIENT_STAGES: tuple[Stage, ...] = (Stage.SUBMITTED, Stage.INTERVIEW, Stage.OFFER, Stage.PLACED)


def _require(allowed: bool, what: str) -> None:
    if not allowed:
        raise Forbidden(f"You are not allowed to {what}.")


def may_use_workspace(actor: Actor) -> bool:
    """The recruiter's workspace pages: agency staff only (client users get their portal)."""
    return actor.is_agency


def may_administer(actor: Actor) -> bool:
    """Users, memberships, settings and the Django admin site: the team lead."""
    return actor.is_admin


def may_read_pool(actor: Actor) -> bool:
    """The whole pool: browsing, searching, ranking, similar candidates, uploads."""
    return actor.is_agency


def may_change_pool(actor: Actor) -> bool:
    """Importing, uploading, re-parsing and merging candidates, and the index."""
    return actor.is_agency


def may_read_candidates(actor: Actor) -> bool:
    """Individual profiles: agency staff any, a client user those `visible_candidates` leaves."""
    return actor.is_agency or actor.is_client


def may_read_roles(actor: Actor) -> bool:
    """Clients, roles and their pipelines: a client user only their own client's."""
    return actor.is_agency or actor.is_client


def may_change_roles(actor: Actor) -> bool:
    """Creating or updating roles from a role file, checking one, drafting one from a job description."""
    return actor.is_agency


def may_change_pipeline(actor: Actor) -> bool:
    """Opening applications and moving stages. A client's feedback in the portal is a rule of its own."""
    return actor.is_agency


def _none(rows: Rows) -> Rows:
    return rows.none()  # type: ignore[attr-defined]


def visible_clients(actor: Actor, clients: Rows) -> Rows:
    """Agency staff see every client, a client user their own, anyone else none."""
    if actor.is_agency:
        return clients
    if actor.is_client:
        return clients.filter(pk=actor.client_id)  # type: ignore[attr-defined]
    return _none(clients)


def visible_roles(actor: Actor, roles: Rows) -> Rows:
    """Agency staff see every role, a client user their own client's, anyone else none."""
    if actor.is_agency:
        return roles
    if actor.is_client:
        return roles.filter(client_id=actor.client_id)  # type: ignore[attr-defined]
    return _none(roles)


def visible_applications(actor: Actor, applications: Rows) -> Rows:
    """Agency staff see every application; a client user those to their roles that reached submission."""
    if actor.is_agency:
        return applications
    if actor.is_client:
        submitted = applications.model.objects.filter(  # type: ignore[attr-defined]
            role__client_id=actor.client_id, history__to_stage__in=CLIENT_STAGES
        )
        return applications.filter(pk__in=submitted.values("pk"))  # type: ignore[attr-defined]
    return _none(applications)


def visible_candidates(actor: Actor, candidates: Rows) -> Rows:
    """Agency staff see the pool; a client user only the people submitted to one of their roles whose
    name the recruiter has revealed (until then the client sees them blind, through the portal's
    submissions, never as a candidate: not by page, not by API)."""
    if actor.is_agency:
        return candidates
    if actor.is_client:
        submitted = candidates.model.objects.filter(  # type: ignore[attr-defined]
            applications__role__client_id=actor.client_id,
            applications__history__to_stage__in=CLIENT_STAGES,
            applications__revealed_at__isnull=False,
        )
        return candidates.filter(pk__in=submitted.values("pk"))  # type: ignore[attr-defined]
    return _none(candidates)


def require_workspace(actor: Actor) -> None:
    if actor.is_client:
        raise Forbidden(
            "The recruiters' workspace is for agency staff. Your organisation's roles and candidates "
            "will be in the client portal."
        )
    _require(may_use_workspace(actor), "use the workspace: your account has no role yet, ask your team lead")


def require_administer(actor: Actor) -> None:
    _require(may_administer(actor), "manage users and settings")


def require_read_pool(actor: Actor) -> None:
    _require(may_read_pool(actor), "see the candidate pool")


def require_change_pool(actor: Actor) -> None:
    _require(may_change_pool(actor), "change candidates")


def require_read_candidates(actor: Actor) -> None:
    _require(may_read_candidates(actor), "see candidates")


def require_read_roles(actor: Actor) -> None:
    _require(may_read_roles(actor), "see roles")


def require_change_roles(actor: Actor) -> None:
    _require(may_change_roles(actor), "change roles")


def require_change_pipeline(actor: Actor) -> None:
    _require(may_change_pipeline(actor), "change the pipeline")


def may_erase(actor: Actor) -> bool:
    """Erasing a person (issue 15): irreversible, so team leads and the operator only."""
    return actor.is_admin


def may_handle_privacy(actor: Actor) -> bool:
    """Access requests, notices and retention (issue 15): agency staff, never a client user."""
    return actor.is_agency


def may_read_audit(actor: Actor) -> bool:
    """Ranking records, who viewed whom, self-reported categories and the bias report (issue 15):
    admins only; self-reported categories are the most sensitive data the workspace holds."""
    return actor.is_admin


def may_record_self_report(actor: Actor) -> bool:
    """Entering a candidate's voluntary self-reported categories: admins only, like reading them."""
    return actor.is_admin


def may_manage_tokens(actor: Actor, owner_id: int | None) -> bool:
    """API tokens: a user with a role manages their own; an admin (or the operator) anyone's."""
    own = actor.role is not None and owner_id is not None and getattr(actor.user, "pk", None) == owner_id
    return actor.is_admin or own


def may_read_notes(actor: Actor) -> bool:
    """A pipeline's internal notes are the agency's: never shown to a client user."""
    return actor.is_agency


# --- issue 12: the recruiter's desk (notes and feedback) ------------------------------------------------


def may_add_note(actor: Actor, kind: str) -> bool:
    """Agency staff write notes of every kind; a client's user records only client feedback."""
    return actor.is_agency or (actor.is_client and kind == "client_feedback")


def visible_notes(actor: Actor, notes: Rows) -> Rows:
    """A client's user reads only what was shared with the client; agency staff read every note."""
    return notes if actor.is_agency else notes.filter(visibility="shared")  # type: ignore[attr-defined]


# --- issue 13: the client portal ------------------------------------------------------------------------

# What a client user may decide about a candidate submitted to them: advance them or turn them down.
CLIENT_DECISIONS: tuple[Stage, ...] = (Stage.INTERVIEW, Stage.OFFER, Stage.REJECTED)


def may_use_portal(actor: Actor) -> bool:
    """The client portal (/portal/): the users of one client (agency staff have the workspace)."""
    return actor.is_client


def may_give_client_feedback(actor: Actor) -> bool:
    """Advancing or rejecting a candidate submitted to the actor's own client, from the portal; which
    applications and which moves is `visible_applications` and `CLIENT_DECISIONS`."""
    return actor.is_client and actor.client_id is not None


# --- issue 13: webhooks ---------------------------------------------------------------------------------


def may_manage_webhooks(actor: Actor) -> bool:
    """Webhook subscriptions and their delivery log: agency staff (they send pipeline and pool events
    out of the workspace), never a client user."""
    return actor.is_agency


def require_manage_webhooks(actor: Actor) -> None:
    _require(may_manage_webhooks(actor), "manage webhooks")


def visible_webhooks(actor: Actor, webhooks: Rows) -> Rows:
    """A recruiter sees the subscriptions they created; an admin (and the operator) every one."""
    if actor.is_admin:
        return webhooks
    if not may_manage_webhooks(actor):
        return _none(webhooks)
    return webhooks.filter(owner_id=getattr(actor.user, "pk", None))  # type: ignore[attr-defined]


# --- issue 12: client-ready shortlists and original CVs ---------------------------------------------------


def may_export_shortlist(actor: Actor) -> bool:
    """A shortlist as a PDF or CSV for the client: agency staff (a client user never exports; the
    portal shows them what was submitted)."""
    return actor.is_agency


def may_read_original_cv(actor: Actor) -> bool:
    """The uploaded CV file itself (download and preview): agency staff only. It holds everything blind
    submission hides from a client (name, contact, photo), even once a name is revealed."""
    return actor.is_agency


def require_export_shortlist(actor: Actor) -> None:
    _require(may_export_shortlist(actor), "export shortlists")


def require_read_original_cv(actor: Actor) -> None:
    _require(may_read_original_cv(actor), "download CV files")


# --- issue 12: tags and saved searches ------------------------------------------------------------------


def may_tag_candidates(actor: Actor) -> bool:
    """Tags are the agency's internal labels: agency staff read, add and remove them; a client never."""
    return actor.is_agency


def require_tag_candidates(actor: Actor) -> None:
    _require(may_tag_candidates(actor), "tag candidates")


def may_save_searches(actor: Actor) -> bool:
    """Saved searches belong to one signed-in member of the agency (the operator has no user to own one)."""
    return actor.is_agency and actor.user_or_none is not None


def may_delete_saved_search(actor: Actor, owner_id: int) -> bool:
    """A recruiter deletes their own saved searches; an admin anyone's."""
    return actor.is_admin or (may_save_searches(actor) and getattr(actor.user, "pk", None) == owner_id)
