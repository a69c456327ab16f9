"""Matching (a role's ranked shortlist, a candidate's roles) and the pipeline: applications, stage
moves, internal notes."""

from typing import Annotated, Any, Literal

from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers
from ninja import Router, Status
from ninja.pagination import paginate
from pydantic import Field

import shortlist.pipeline.selectors as selectors
import shortlist.pipeline.services as services
from shortlist.api.auth import actor
from shortlist.api.pagination import Page
from shortlist.api.params import Id
from shortlist.api.schemas import (
    ApplicationIn,
    ApplicationOut,
    CandidateRolesOut,
    MatchOut,
    MoveIn,
    NoteIn,
    NoteOut,
    ShortlistExportIn,
)
from shortlist.pipeline.serialize import candidate_roles_json, shortlist_json

router = Router(tags=["matching and pipeline"])
Top = Annotated[int, Field(ge=1, le=500, description="How many results.")]


@router.get("/roles/{role_id}/match", response=MatchOut)
def role_match(
    request: HttpRequest,
    role_id: Id,
    top: Top = 20,
    min_score: Annotated[float, Field(ge=0, le=100)] = 0,
    must_filter: bool = False,
    must_mode: Literal["work", "anywhere"] = "work",
) -> Any:
    """The role's ranked, explained shortlist over the whole pool: the JSON of `shortlist match --json`
    (rank, score, band, candidate, breakdown, reasons, gaps, counterfactual, summary; pool; filtered)."""
    shortlist = selectors.shortlist_for_role(
        actor=actor(request), role_id=role_id, top=top, min_score=min_score,
        must_filter=must_filter, must_mode=must_mode, interface="api",
    )  # fmt: skip
    return shortlist_json(shortlist)


@router.get("/candidates/{candidate_id}/roles", response=CandidateRolesOut)
def candidate_roles(request: HttpRequest, candidate_id: Id, top: Top = 20) -> Any:
    """Every open role scored for one candidate, best first (`shortlist match --candidate ID --json`)."""
    return candidate_roles_json(
        selectors.roles_for_candidate(actor=actor(request), candidate_id=candidate_id, top=top)
    )


def _application(application: Any) -> dict[str, Any]:
    return {
        "id": application.pk,
        "role_id": application.role_id,
        "candidate": {"id": application.candidate.pk, "name": application.candidate.name},
        "stage": application.stage,
        "created_at": application.created_at,
        "updated_at": application.updated_at,
    }


@router.get("/roles/{role_id}/applications", response=list[ApplicationOut])
@paginate(Page)
def application_list(request: HttpRequest, role_id: Id) -> Any:
    """A role's pipeline, most recently changed first."""
    return selectors.application_list(actor=actor(request), role_id=role_id)


@router.post("/roles/{role_id}/applications", response={201: ApplicationOut})
def application_open(request: HttpRequest, role_id: Id, payload: ApplicationIn) -> Any:
    """Put a candidate into the role's pipeline as sourced; 409 when they are in it already."""
    application = services.application_open(
        actor=actor(request), role_id=role_id, candidate_id=payload.candidate_id, note=payload.note
    )
    return Status(201, _application(application))


@router.post("/applications/{application_id}/stage", response=ApplicationOut)
def application_move(request: HttpRequest, application_id: Id, payload: MoveIn) -> Any:
    """Move an application to another stage (appended to its history); 409 when it is there already."""
    application = services.application_move(
        actor=actor(request), application_id=application_id, stage=payload.stage, note=payload.note
    )
    return _application(application)


@router.get("/applications/{application_id}/notes", response=list[NoteOut])
@paginate(Page)
def application_note_list(request: HttpRequest, application_id: Id) -> Any:
    """Internal notes on an application, newest first."""
    return selectors.application_note_list(actor=actor(request), application_id=application_id)


@router.post("/applications/{application_id}/notes", response={201: NoteOut})
def application_note_add(request: HttpRequest, application_id: Id, payload: NoteIn) -> Any:
    note = services.application_note_add(
        actor=actor(request), application_id=application_id, body=payload.body
    )
    return Status(201, note)


_FILE = {"schema": {"type": "string", "format": "binary"}}


@router.post(
    "/roles/{role_id}/shortlist-export",
    response={200: None},
    openapi_extra={
        "responses": {
            200: {
                "description": "The file, as an attachment.",
                "content": {"application/pdf": _FILE, "text/csv": _FILE},
            }
        }
    },
)
def shortlist_export(request: HttpRequest, role_id: Id, payload: ShortlistExportIn) -> HttpResponse:
    """The shortlist for the client, as the workspace's export page makes it: the candidates in the
    order given, each with score, band, top reasons, gaps and `line`; `blind` labels them A, B, C and
    leaves out names, contact details, links and age signals. A PDF or a CSV (formula-safe cells)."""
    exported = selectors.shortlist_export(
        actor=actor(request), role_id=role_id, candidate_ids=[c.id for c in payload.candidates],
        lines={c.id: c.line for c in payload.candidates}, blind=payload.blind, fmt=payload.format,
        interface="api",
    )  # fmt: skip
    response = HttpResponse(exported.data, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.name}"'
    add_never_cache_headers(response)
    return response
