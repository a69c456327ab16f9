"""/candidates: the pool (filtered list, boolean search, one profile), CV uploads and their status."""

from typing import Annotated, Any

from django.http import HttpRequest
from ninja import File, Router, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate
from pydantic import Field, StringConstraints

import shortlist.candidates.selectors as selectors
import shortlist.candidates.services as services
from shortlist.api.auth import actor
from shortlist.api.pagination import MAX_LIMIT, Page
from shortlist.api.params import Id
from shortlist.api.schemas import NO_NUL, CandidateOut, CandidateRow, SearchOut, UploadOut
from shortlist.candidates.serialize import profile_dict

router = Router(tags=["candidates"])
Filter = Annotated[str, StringConstraints(max_length=200, pattern=NO_NUL)]
MAX_SEARCH_OFFSET = 10_000  # a boolean search is for finding people, not for paging the pool


@router.get("/candidates", response=list[CandidateRow])
@paginate(Page)
def candidate_list(request: HttpRequest, q: Filter = "", skill: Filter = "", seniority: Filter = "") -> Any:
    """The pool by name, filtered by free text (name, headline, city), a skill id and a seniority."""
    return selectors.candidate_list(actor=actor(request), query=q, skill=skill, seniority=seniority)


@router.get("/candidates/search", response=SearchOut)
def candidate_search(
    request: HttpRequest,
    q: Annotated[str, StringConstraints(min_length=1, max_length=2000, pattern=NO_NUL)],
    limit: Annotated[int, Field(ge=1, le=MAX_LIMIT)] = 20,
    offset: Annotated[int, Field(ge=0, le=MAX_SEARCH_OFFSET)] = 0,
) -> Any:
    """Boolean search, as `shortlist search`: AND, OR, NOT, "phrases", fields (location:, title:,
    seniority:>=senior, years:>=5). Matches come by id; `more` says whether a next page exists."""
    found = selectors.candidate_search(actor=actor(request), query=q, limit=offset + limit + 1)
    return {
        "query": found.query.explain(),
        "warnings": list(found.query.warnings),
        "items": found.rows[offset : offset + limit],
        "limit": limit,
        "offset": offset,
        "more": len(found.rows) > offset + limit,
    }


@router.get("/candidates/{candidate_id}", response=CandidateOut)
def candidate_get(request: HttpRequest, candidate_id: Id) -> Any:
    """One profile, as `shortlist candidates show --json`: skills with evidence, scale, experience."""
    return profile_dict(selectors.candidate_get(actor=actor(request), candidate_id=candidate_id))


def _upload(view: selectors.UploadView) -> dict[str, Any]:
    counts: dict[str, int] = {}
    for item in view.files:
        counts[item.status] = counts.get(item.status, 0) + 1
    return {
        "id": view.batch.pk,
        "created_at": view.batch.created_at,
        "pending": view.pending,
        "counts": counts,
        "files": [
            {
                "id": item.pk,
                "name": item.name,
                "status": item.status,
                "reason": item.reason,
                "warnings": list(item.warnings),
                "candidate_id": item.candidate_id,
            }
            for item in view.files
        ],
    }


@router.post("/uploads", response={202: UploadOut})
def upload_create(request: HttpRequest, upload: File[list[UploadedFile]]) -> Any:
    """Upload CVs (multipart field `upload`, one or more files or .zip); each is imported in the
    background. Answers 202 with the batch: poll GET /uploads/{id} until `pending` is false."""
    who = actor(request)
    batch = services.upload_create(actor=who, files=upload)
    return Status(202, _upload(selectors.upload_get(actor=who, batch_id=batch.pk)))


@router.get("/uploads/{upload_id}", response=UploadOut)
def upload_get(request: HttpRequest, upload_id: Id) -> Any:
    """An upload batch: each file's outcome (queued, imported, unchanged, duplicate, failed + reason)."""
    return _upload(selectors.upload_get(actor=actor(request), batch_id=upload_id))
