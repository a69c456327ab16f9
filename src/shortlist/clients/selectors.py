"""Reading clients and roles for the CLI, the pages and the API; every query is written once, here."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace

from django.db.models import Count, Q, QuerySet

from shortlist.accounts.access import (
    Actor,
    require_read_roles,
    require_workspace,
    visible_clients,
    visible_roles,
)
from shortlist.candidates.taxonomy import workspace_taxonomy
from shortlist.clients.models import Client, GrowthPlan, Role
from shortlist.clients.roles import (
    export_role,
    growth_plan_from,
    profile_for_spec,
    role_profile,
    spec_from_role,
    workspace_playbooks,
)
from shortlist.engine.roles.growth import ScalePressure
from shortlist.engine.roles.rolefile import ClientSpec, RoleSpec
from shortlist.engine.roles.weighting import RoleProfile
from shortlist.engine.vocab.enums import Seniority
from shortlist.engine.vocab.taxonomy import normalise_term
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
    clients = visible_clients(actor, Client.objects.all()).prefetch_related("contacts")
    client = clients.filter(pk=client_id).first()
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
        .prefetch_related("requirements", "client__growth_plans")
    )


def growth_plan_list(*, actor: Actor, client_id: int) -> QuerySet[GrowthPlan]:
    """A client's growth plans, the current one (newest) first."""
    client = client_get(actor=actor, client_id=client_id)
    return GrowthPlan.objects.filter(client=client).order_by("-created_at", "-id")


@dataclass(frozen=True, slots=True)
class GrowthPreview:
    """What a growth plan would do to a role: the scale pressure and the weights it produces."""

    pressure: ScalePressure
    profile: RoleProfile  # the role's profile under this plan (a typical senior role without one)
    role: Role | None


def growth_preview(
    *,
    actor: Actor,
    client_id: int,
    horizon_months: int,
    metrics: Mapping[str, tuple[float | None, float | None]],
    role_id: int | None = None,
) -> GrowthPreview:
    """The plan read by the engine, before it is saved: for one of the client's roles, or for a typical
    senior role on the general playbook when the client has none yet. `Invalid` for a bad plan."""
    require_workspace(actor)  # the workspace's own view (agency staff); the portal has its own
    client = visible_clients(actor, Client.objects.filter(pk=client_id)).only("id", "name").first()
    if client is None:
        raise NotFound(f"no client with id {client_id}")
    plan = growth_plan_from(horizon_months=horizon_months, metrics=metrics)
    if role_id is not None:
        role = role_get(actor=actor, role_id=role_id)
    else:  # the client's first open role, fetched with everything its profile reads
        roles = visible_roles(actor, Role.objects.filter(client_id=client.pk, status="open"))
        role = (
            roles.select_related("client", "growth_plan")
            .prefetch_related("requirements")
            .order_by("title")
            .first()
        )
    if role is not None:
        spec = replace(spec_from_role(role), growth=plan)
    else:
        spec = RoleSpec(
            title="Senior engineer",
            client=ClientSpec(name=client.name),
            seniority=Seniority.SENIOR,
            growth=plan,
        )
    profile = profile_for_spec(spec)
    return GrowthPreview(profile.scale, profile, role)


@dataclass(frozen=True, slots=True)
class SkillSuggestion:
    id: str
    name: str
    alias: str  # the spelling that matched when it is not the name ("golang" for Go), else ""


def skill_suggest(*, actor: Actor, query: str, limit: int = 8) -> tuple[SkillSuggestion, ...]:
    """Taxonomy skills whose name or alias starts with (then contains) what was typed."""
    require_workspace(actor)  # the workspace's own view (agency staff); the portal has its own
    key = normalise_term(query)
    if not key:
        return ()
    ranked: list[tuple[int, int, str, SkillSuggestion]] = []
    for skill in workspace_taxonomy():
        best: tuple[int, str] | None = None
        for surface in (skill.name, skill.id, *skill.aliases):
            norm = normalise_term(surface)
            rank = 0 if norm == key else 1 if norm.startswith(key) else 2 if key in norm else None
            if rank is not None and (best is None or rank < best[0]):
                best = (rank, surface)
        if best is not None:
            alias = "" if best[1] in (skill.name, skill.id) else best[1]
            suggestion = SkillSuggestion(skill.id, skill.name, alias)
            ranked.append((best[0], len(skill.name), skill.name, suggestion))
    ranked.sort(key=lambda item: item[:3])
    return tuple(item[3] for item in ranked[:limit])


def playbook_list(*, actor: Actor) -> tuple[tuple[str, str], ...]:
    """(id, name) of every project playbook a role may use, the general one first."""
    require_workspace(actor)  # the workspace's own view (agency staff); the portal has its own
    books = workspace_playbooks()
    return tuple(sorted(((b.id, b.name) for b in books.values()), key=lambda p: (p[0] != "general", p[1])))
