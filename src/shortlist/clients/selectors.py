"""Reading clients and roles for the CLI, the pages and the API; every query is written once, here."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from shortlist.accounts.access import Actor, require_read_roles, visible_clients, visible_roles
from shortlist.clients.models import Client, GrowthPlan, Role
from shortlist.clients.roles import export_role, role_profile
from shortlist.engine.roles.weighting import RoleProfile
from shortlist.errors import NotFound


def client_list(*, actor: Actor) -> QuerySet[Client]:
    """Clients with how many roles they have and how many are open."""
    require_read_roles(actor)
    return (
        visible_clients(actor, Client.objects.all())
        .annotate(
            role_count=Count("roles", distinct=True),
            open_role_count=Count("roles", filter=Q(roles__status="open"), distinct=True),
        )
        .order_by("name", "id")
    )


def client_get(*, actor: Actor, client_id: int) -> Client:
    require_read_roles(actor)
    client = visible_clients(actor, Client.objects.all()).filter(pk=client_id).first()
    if client is None:
        raise NotFound(f"no client with id {client_id}")
    return client


def role_list(*, actor: Actor, client_id: int | None = None) -> QuerySet[Role]:
    """Roles with their pipeline size, by status, client and title (the dashboard's order)."""
    require_read_roles(actor)
    roles = visible_roles(actor, Role.objects.all())
    roles = roles.select_related("client").annotate(pipeline_count=Count("applications"))
    if client_id is not None:
        roles = roles.filter(client_id=client_id)
    return roles.order_by("status", "client__name", "title")


def role_get(*, actor: Actor, role_id: int) -> Role:
    """A role with its client, growth plan and requirements: all the role profile reads."""
    require_read_roles(actor)
    role = (
        visible_roles(actor, Role.objects.all())
        .select_related("client", "growth_plan")
        .prefetch_related("requirements")
        .filter(pk=role_id)
        .first()
    )
    if role is None:
        raise NotFound(f"no role with id {role_id}")
    return role


@dataclass(frozen=True, slots=True)
class RoleView:
    """A role and its weighted criteria, each with the reason to read back to the client."""

    role: Role
    profile: RoleProfile


def role_show(*, actor: Actor, role_id: int) -> RoleView:
    role = role_get(actor=actor, role_id=role_id)
    return RoleView(role, role_profile(role))


def role_export(*, actor: Actor, role_id: int) -> str:
    """The role as YAML; importing it gives the same role."""
    return export_role(role_get(actor=actor, role_id=role_id))


def role_list_open(*, actor: Actor) -> list[Role]:
    """Every open role, ready for its profile to be built (client, plan, requirements fetched)."""
    require_read_roles(actor)
    return list(
        visible_roles(actor, Role.objects.all())
        .filter(status="open")
        .select_related("client", "growth_plan")
        .prefetch_related("requirements")
    )


def growth_plan_list(*, actor: Actor, client_id: int) -> QuerySet[GrowthPlan]:
    """A client's growth plans, the current one (newest) first."""
    client = client_get(actor=actor, client_id=client_id)
    return GrowthPlan.objects.filter(client=client).order_by("-created_at", "-id")
