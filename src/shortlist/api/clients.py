"""/clients, their growth plans, and /roles (the role YAML in and out, a JD to a draft)."""

from typing import Any

from django.http import HttpRequest
from ninja import Router, Status
from ninja.pagination import paginate

import shortlist.clients.selectors as selectors
import shortlist.clients.services as services
from shortlist.api.auth import actor
from shortlist.api.pagination import Page
from shortlist.api.params import Id
from shortlist.api.schemas import (
    ClientIn,
    ClientOut,
    ClientPatch,
    DraftIn,
    DraftOut,
    GrowthPlanIn,
    GrowthPlanOut,
    RoleDetailOut,
    RoleImportOut,
    RoleOut,
    RoleYamlIn,
    RoleYamlOut,
)

router = Router(tags=["clients and roles"])


@router.get("/clients", response=list[ClientOut])
@paginate(Page)
def client_list(request: HttpRequest) -> Any:
    return selectors.client_list(actor=actor(request))


@router.post("/clients", response={201: ClientOut})
def client_create(request: HttpRequest, payload: ClientIn) -> Any:
    """A new client; a name another client has is 409."""
    return Status(201, services.client_save(actor=actor(request), **payload.model_dump()))


@router.get("/clients/{client_id}", response=ClientOut)
def client_get(request: HttpRequest, client_id: Id) -> Any:
    return selectors.client_get(actor=actor(request), client_id=client_id)


@router.patch("/clients/{client_id}", response=ClientOut)
def client_update(request: HttpRequest, client_id: Id, payload: ClientPatch) -> Any:
    changes = payload.model_dump(exclude_unset=True)
    return services.client_save(actor=actor(request), client_id=client_id, **changes)


@router.get("/clients/{client_id}/growth-plans", response=list[GrowthPlanOut])
@paginate(Page)
def growth_plan_list(request: HttpRequest, client_id: Id) -> Any:
    return selectors.growth_plan_list(actor=actor(request), client_id=client_id)


@router.post("/clients/{client_id}/growth-plans", response={201: GrowthPlanOut})
def growth_plan_create(request: HttpRequest, client_id: Id, payload: GrowthPlanIn) -> Any:
    metrics = {
        name: (value.now, value.target)
        for name in ("traffic_rps", "users", "data_tb", "engineers")
        if (value := getattr(payload, name)) is not None
    }
    plan = services.growth_plan_set(
        actor=actor(request),
        client_id=client_id,
        horizon_months=payload.horizon_months,
        metrics=metrics,
        plans=payload.plans,
    )
    return Status(201, plan)


@router.get("/roles", response=list[RoleOut])
@paginate(Page)
def role_list(request: HttpRequest, client_id: Id | None = None) -> Any:
    return selectors.role_list(actor=actor(request), client_id=client_id)


@router.post("/roles", response={200: RoleImportOut, 201: RoleImportOut})
def role_import(request: HttpRequest, payload: RoleYamlIn) -> Any:
    """Create a role from its YAML (201), or update the client's role with the same title (200)."""
    imported = services.role_import(actor=actor(request), text=payload.yaml, source="request body")
    body = {"role": imported.role, "created": imported.created, "warnings": list(imported.warnings)}
    return Status(201 if imported.created else 200, body)


@router.post("/roles/drafts", response=DraftOut)
def role_draft(request: HttpRequest, payload: DraftIn) -> Any:
    """A role YAML drafted from a job description, with notes on what was guessed; nothing is saved."""
    draft = services.role_draft(actor=actor(request), text=payload.text)
    return {"yaml": draft.yaml, "notes": list(draft.notes)}


@router.get("/roles/{role_id}", response=RoleDetailOut)
def role_get(request: HttpRequest, role_id: Id) -> Any:
    shown = selectors.role_show(actor=actor(request), role_id=role_id)
    role, requirements = shown.role, list(shown.role.requirements.all())
    return {
        **{field: getattr(role, field) for field in RoleDetailOut.model_fields if hasattr(role, field)},
        "client": role.client,
        "project_type": role.project_type,
        "remote_policy": role.remote_policy,
        "must_have": [r.term for r in requirements if r.kind == "must"],
        "nice_to_have": [r.term for r in requirements if r.kind == "nice"],
        "salary": {"min": role.salary_min, "max": role.salary_max, "currency": role.salary_currency},
        "profile": shown.profile.as_dict(),
    }


@router.get("/roles/{role_id}/yaml", response=RoleYamlOut)
def role_export(request: HttpRequest, role_id: Id) -> Any:
    """The role file; POST it back to /roles to get the same role."""
    return {"yaml": selectors.role_export(actor=actor(request), role_id=role_id)}
