"""The candidates page (issue 12): the boolean search with aliases, saved searches and tags. Each view
parses the request, calls one selector or service with the signed-in user as actor, and renders."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import urlencode
from django.views.decorators.http import require_POST

from shortlist.accounts.access import Actor
from shortlist.candidates.selectors import candidate_find, candidate_tags, saved_search_list, tag_list
from shortlist.candidates.services import (
    candidate_tag_add,
    candidate_tag_remove,
    saved_search_create,
    saved_search_delete,
)
from shortlist.engine.vocab.enums import Seniority
from shortlist.errors import Invalid
from shortlist.web.errors import domain_errors
from shortlist.web.paging import CappedPaginator, DeepPaginator

CANDIDATES_PER_PAGE = 50
FILTERS = ("q", "skill", "seniority", "tag")


def _actor(request: HttpRequest) -> Actor:
    return Actor.of(request.user)


def _filters(data: Any) -> dict[str, str]:
    return {key: data.get(key, "").strip() for key in FILTERS}


def search_url(q: str = "", skill: str = "", seniority: str = "", tag: str = "") -> str:
    """The candidates page running these filters (a saved search's link)."""
    given = {k: v for k, v in (("q", q), ("skill", skill), ("seniority", seniority), ("tag", tag)) if v}
    return reverse("web:candidates") + (f"?{urlencode(given)}" if given else "")


def _page(
    request: HttpRequest, filters: dict[str, str], *, errors: dict[str, str] | None = None,
    save_name: str = "", status: int = 200,
) -> HttpResponse:  # fmt: skip
    actor = _actor(request)
    errors = dict(errors or {})
    found = None
    try:
        found = candidate_find(
            actor=actor,
            query=filters["q"],
            skill=filters["skill"].lower(),
            seniority=filters["seniority"],
            tag=filters["tag"],
        )
    except Invalid as exc:
        for field, message in exc.issues or (("q", str(exc)),):
            errors.setdefault(field, message)
    rows = found.rows if found is not None else []
    # The whole pool is counted exactly (cheap); a filter's matches in SQL only up to the cap. A query's
    # matches are already a list of ids in relevance order: its length is free.
    filtered = any(filters[key] for key in ("skill", "seniority", "tag"))
    pages = CappedPaginator if isinstance(rows, QuerySet) and filtered else DeepPaginator
    page = pages(rows, CANDIDATES_PER_PAGE).get_page(request.GET.get("page"))
    saved = list(saved_search_list(actor=actor))
    tags_shown = found.tags_shown if found is not None else actor.is_agency
    paging = urlencode({k: v for k, v in filters.items() if v})
    return render(
        request,
        "web/candidates.html",
        {
            "page": page,
            **{("query" if k == "q" else k): v for k, v in filters.items()},
            "understood": found.query if found is not None else None,
            "errors": errors,
            "seniorities": Seniority.choices(),
            "saved": [(s, search_url(s.query, s.skill, s.seniority, s.tag)) for s in saved],
            "save_name": save_name,
            "tags_shown": tags_shown,
            "all_tags": tag_list(actor=actor) if tags_shown else (),
            "paging": paging,
            "searching": any(filters.values()),
        },
        status=status,
    )


@login_required
@domain_errors
def candidate_list(request: HttpRequest) -> HttpResponse:
    """A malformed query is a 200 page with the message beside the box (the recruiter is mid-typing)."""
    return _page(request, _filters(request.GET))


@login_required
@require_POST
@domain_errors
def saved_search_new(request: HttpRequest) -> HttpResponse:
    filters = _filters(request.POST)
    name = request.POST.get("name", "")
    try:
        saved = saved_search_create(
            actor=_actor(request),
            name=name,
            query=filters["q"],
            skill=filters["skill"],
            seniority=filters["seniority"],
            tag=filters["tag"],
        )
    except Invalid as exc:
        issues = {("save_q" if f == "q" else f): m for f, m in exc.issues}
        return _page(request, filters, errors=issues, save_name=name, status=400)
    messages.success(request, f"Saved search “{saved.name}”.")
    return redirect(search_url(saved.query, saved.skill, saved.seniority, saved.tag))


@login_required
@require_POST
@domain_errors
def saved_search_remove(request: HttpRequest, pk: int) -> HttpResponse:
    saved_search_delete(actor=_actor(request), saved_search_id=pk)
    messages.success(request, "Saved search deleted.")
    return redirect("web:candidates")


def _tags_response(request: HttpRequest, pk: int, error: str = "", typed: str = "") -> HttpResponse:
    tags = candidate_tags(actor=_actor(request), candidate_id=pk)
    context = {"candidate_id": pk, "tags": tags, "tag_error": error, "tag_typed": typed}
    if request.htmx:  # type: ignore[attr-defined]
        # 200 even with an error, as the board does: htmx swaps only a 2xx answer in.
        return render(request, "web/_tags.html", context)
    if error:
        messages.error(request, error)
    return redirect("web:candidate", pk=pk)


@login_required
@require_POST
@domain_errors
def candidate_tag_new(request: HttpRequest, pk: int) -> HttpResponse:
    typed = request.POST.get("tag", "")
    try:
        candidate_tag_add(actor=_actor(request), candidate_id=pk, tag=typed)
    except Invalid as exc:
        return _tags_response(request, pk, str(exc), typed)
    return _tags_response(request, pk)


@login_required
@require_POST
@domain_errors
def candidate_tag_delete(request: HttpRequest, pk: int) -> HttpResponse:
    candidate_tag_remove(actor=_actor(request), candidate_id=pk, tag=request.POST.get("tag", ""))
    return _tags_response(request, pk)
