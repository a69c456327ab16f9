"""The access log's one write, kept apart from the rest of the audit services so that the candidates
app (exports) can record into it without importing back what imports it."""

from __future__ import annotations

from typing import Any

from shortlist.accounts.access import Actor, require_read_candidates
from shortlist.audit.models import AccessEvent, AccessKind, Interface
from shortlist.errors import Invalid


def actor_name(person: Actor) -> tuple[Any, str]:
    """The user to link and the name to keep (the username at the time, or the CLI operator)."""
    if person.operator:
        return None, "operator"
    user = person.user_or_none
    return user, (user.get_username() if user is not None else "anonymous")


def checked_interface(value: str) -> str:
    if value not in Interface.values:
        raise Invalid(f"unknown interface {value!r}", [("interface", " or ".join(Interface.values))])
    return value


def access_record(
    *, actor: Actor, candidate_id: int, kind: str, interface: str = Interface.PAGE, role_id: int | None = None
) -> AccessEvent:
    """Note that someone viewed, exported, downloaded or revealed a candidate (one insert).

    Anyone who may read a candidate is recorded, client users included (the caller fetched the
    candidate through a selector scoped to the actor)."""
    require_read_candidates(actor)
    if kind not in AccessKind.values:
        raise Invalid(f"unknown access kind {kind!r}", [("kind", " or ".join(AccessKind.values))])
    user, by = actor_name(actor)
    return AccessEvent.objects.create(
        user=user,
        by=by,
        interface=checked_interface(interface),
        kind=kind,
        candidate_id=candidate_id,
        role_id=role_id,
    )
