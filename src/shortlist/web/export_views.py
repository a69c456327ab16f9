"""Issue 12: the shortlist for the client (chosen, ordered, with a line each, as PDF or CSV) and the
original CV (download and preview). Each view parses the request, calls one use case and presents."""

from __future__ import annotations

from csp.constants import SELF
from csp.decorators import csp_replace, csp_update
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.clickjacking import xframe_options_sameorigin

from shortlist.accounts.access import Actor
from shortlist.audit.selectors import blind_state, neutral_label
from shortlist.candidates.selectors import candidate_cv_file, candidate_cv_preview
from shortlist.errors import Invalid
from shortlist.pipeline.selectors import EXPORT_MAX, LINE_MAX, shortlist_export, shortlist_for_role
from shortlist.web.errors import domain_errors

EXPORT_SIZES = (10, 20, 50)


def _number(value: str) -> int | None:
    """A plain decimal number as typed ("12"), else None: "²" and "-1" are not positions or ids."""
    value = value.strip()
    return int(value) if value.isascii() and value.isdigit() else None


def _ids(values: list[str]) -> list[int]:
    """Ticked candidate ids; an edited value that is not a number is an unknown candidate, not a 500."""
    ids = []
    for value in values:
        number = _number(value)
        if number is None:
            raise Invalid(f"no candidate with id {value!r}", [("candidates", f"unknown: {value[:40]}")])
        ids.append(number)
    return ids


def _position(request: HttpRequest, candidate_id: int, default: int) -> int:
    number = _number(request.POST.get(f"position-{candidate_id}", ""))
    return number if number is not None else default


@login_required
@domain_errors
def shortlist_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the role's ranked candidates to choose from (those in its pipeline ticked). POST: the
    chosen ones, ordered by their position fields, downloaded as PDF or CSV; bad input re-renders the
    page with the message at its field (400) and everything as typed."""
    actor = Actor.of(request.user)
    params = request.POST if request.method == "POST" else request.GET
    top = _number(params.get("top", ""))
    top = top if top in EXPORT_SIZES else 20
    errors: dict[str, str] = {}
    if request.method == "POST":
        fmt = request.POST.get("format", "pdf")
        try:
            ticked = _ids(request.POST.getlist("candidate"))
            ordered = sorted(
                enumerate(ticked), key=lambda pair: (_position(request, pair[1], 10_000 + pair[0]), pair[0])
            )
            exported = shortlist_export(
                actor=actor,
                role_id=pk,
                candidate_ids=[candidate_id for _, candidate_id in ordered],
                lines={i: request.POST.get(f"line-{i}", "") for i in ticked},
                blind=request.POST.get("blind") == "1",
                fmt=fmt,
                interface="page",
            )
        except Invalid as exc:
            errors = {path: message for path, message in exc.issues} or {"candidates": str(exc)}
            errors.setdefault("form", str(exc))
        else:
            response = HttpResponse(exported.data, content_type=exported.content_type)
            response["Content-Disposition"] = f'attachment; filename="{exported.name}"'
            response["Cache-Control"] = "no-store"  # personal data: never kept by a proxy or the cache
            return response
    shortlist = shortlist_for_role(actor=actor, role_id=pk, top=top, interface="page")
    ids = [row.match.candidate_id for row in shortlist.rows]
    blind = blind_state(actor=actor, role_id=pk, candidate_ids=ids)
    posted = request.method == "POST"
    chosen = set(request.POST.getlist("candidate")) if posted else None
    rows = []
    for number, row in enumerate(shortlist.rows, start=1):
        candidate_id = row.match.candidate_id
        hidden = blind.hides(candidate_id)
        name = row.candidate.name if row.candidate and row.candidate.name else f"Candidate #{candidate_id}"
        rows.append(
            {
                "row": row,
                "id": candidate_id,
                "who": neutral_label(candidate_id) if hidden else name,
                "hidden": hidden,
                "ticked": str(candidate_id) in chosen if chosen is not None else row.in_pipeline,
                "position": _position(request, candidate_id, number) if posted else number,
                "line": request.POST.get(f"line-{candidate_id}", "") if posted else "",
                "error": errors.get(f"lines.{candidate_id}", ""),
            }
        )
    rows.sort(key=lambda r: r["position"])
    return render(
        request,
        "web/shortlist_export.html",
        {
            "role": shortlist.role_row,
            "rows": rows,
            "top": top,
            "sizes": EXPORT_SIZES,
            "blind": request.POST.get("blind") == "1" if posted else blind.blind,
            "blind_review": blind.blind,
            "errors": errors,
            "export_max": EXPORT_MAX,
            "line_max": LINE_MAX,
        },
        status=400 if errors else 200,
    )


def _role_param(request: HttpRequest) -> int | None:
    return _number(request.GET.get("role", ""))


@login_required
@domain_errors
@csp_update({"frame-src": [SELF]})  # this page only: it frames the CV's own preview URL
def candidate_cv_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The original CV: a PDF in a frame, and the text read from it (escaped) for any format."""
    role_id = _role_param(request)
    shown = candidate_cv_preview(actor=Actor.of(request.user), candidate_id=pk, role_id=role_id)
    return render(request, "web/candidate_cv.html", {"shown": shown, "role_id": role_id})


@login_required
@domain_errors
@xframe_options_sameorigin
@csp_replace({"frame-ancestors": [SELF]})  # framed by the preview page, never by another site
def candidate_cv_download(request: HttpRequest, pk: int, inline: bool = False) -> HttpResponse:
    """The kept file: an attachment, or (a PDF, for the preview frame) inline."""
    cv = candidate_cv_file(
        actor=Actor.of(request.user), candidate_id=pk, inline=inline, role_id=_role_param(request)
    )
    response = HttpResponse(cv.data, content_type=cv.content_type)
    disposition = "inline" if cv.inline else "attachment"
    response["Content-Disposition"] = f'{disposition}; filename="{cv.filename}"'
    response["Cache-Control"] = "no-store"  # personal data: never kept by a proxy or the cache
    return response
