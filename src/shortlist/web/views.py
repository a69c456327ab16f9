"""The recruiter's workspace pages. Each parses the request, calls one selector or service with the
signed-in user as actor, and renders; the rules live in the apps' services and in shortlist.engine."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from shortlist.accounts.access import Actor
from shortlist.candidates.selectors import (
    candidate_get,
    candidate_table,
    upload_get,
    upload_list,
)
from shortlist.candidates.selectors import (
    candidate_list as candidates_filtered,
)
from shortlist.candidates.services import upload_create
from shortlist.clients.selectors import client_get, client_list, role_list, role_show
from shortlist.engine.vocab.enums import RoleStatus, Seniority
from shortlist.errors import Conflict
from shortlist.pipeline.selectors import dashboard_figures, shortlist_for_role
from shortlist.pipeline.services import application_open
from shortlist.web.desk_views import board_context, notes_of
from shortlist.web.errors import domain_errors

CANDIDATES_PER_PAGE = 50
SHORTLIST_SIZES = (10, 20, 50, 100)


def _actor(request: HttpRequest) -> Actor:
    return Actor.of(request.user)


@login_required
@domain_errors
def dashboard(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    return render(
        request,
        "web/dashboard.html",
        {
            "clients": client_list(actor=actor),
            "roles": role_list(actor=actor),
            "candidate_count": candidate_table(actor=actor).count(),
            "figures": dashboard_figures(actor=actor),
        },
    )


@login_required
@domain_errors
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    client = client_get(actor=actor, client_id=pk)
    return render(
        request,
        "web/client.html",
        {"client": client, "plan": client.current_growth_plan, "roles": role_list(actor=actor, client_id=pk)},
    )


@login_required
@domain_errors
def role_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    shown = role_show(actor=actor, role_id=pk)
    role, profile = shown.role, shown.profile
    requirements = list(role.requirements.all())
    board = board_context(actor, pk)
    return render(
        request,
        "web/role.html",
        {
            "role": role,
            "plan": role.effective_growth_plan,
            "must": [r for r in requirements if r.kind == "must"],
            "nice": [r for r in requirements if r.kind == "nice"],
            "profile": profile,
            "criteria": sorted(profile.criteria, key=lambda c: (-c.weight, c.label)),
            "statuses": RoleStatus.choices(),
            **board,
            **notes_of(actor, notes=board["board"].notes),
        },
    )


@login_required
@domain_errors
def candidate_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    skill = request.GET.get("skill", "").strip().lower()
    seniority = request.GET.get("seniority", "").strip()
    candidates = candidates_filtered(actor=_actor(request), query=query, skill=skill, seniority=seniority)
    page = Paginator(candidates, CANDIDATES_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "web/candidates.html",
        {
            "page": page,
            "query": query,
            "skill": skill,
            "seniority": seniority,
            "seniorities": Seniority.choices(),
        },
    )


@login_required
@domain_errors
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    candidate = candidate_get(actor=actor, candidate_id=pk)
    return render(request, "web/candidate.html", {"candidate": candidate, **notes_of(actor, candidate_id=pk)})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: object, initial: object = None) -> list[object]:
        files = [item for item in (data if isinstance(data, list | tuple) else [data]) if item]
        if not files:
            return [super().clean(None, initial)]  # raises "This field is required."
        return [super(MultipleFileField, self).clean(item, initial) for item in files]


class UploadForm(forms.Form):
    files = MultipleFileField(
        label="CV files",
        widget=MultipleFileInput(attrs={"accept": ".pdf,.docx,.txt,.md,.html,.htm,.json,.zip"}),
        help_text="PDF, Word (.docx), text, Markdown, HTML, JSON Resume, or a .zip of them.",
    )


@login_required
@domain_errors
def upload_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        batch = upload_create(actor=actor, files=form.cleaned_data["files"])
        return redirect("web:upload_detail", pk=batch.pk)
    return render(
        request,
        "web/upload.html",
        {"form": form, "recent": upload_list(actor=actor)},
        status=400 if form.errors else 200,
    )


@login_required
@domain_errors
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    upload = upload_get(actor=_actor(request), batch_id=pk)
    return render(
        request,
        "web/upload_detail.html",
        {"batch": upload.batch, "files": upload.files, "counts": upload.counts, "pending": upload.pending},
    )


@login_required
@domain_errors
def role_shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranked, explained shortlist for a role, straight from the engine's index."""
    try:
        top = int(request.GET.get("top", 20))
    except ValueError:
        top = 20
    top = top if top in SHORTLIST_SIZES else 20
    must_filter = request.GET.get("must") == "1"
    # An edited URL with an unknown mode falls back to the default rather than failing the page.
    must_mode = request.GET.get("mode", "work")
    must_mode = must_mode if must_mode in ("work", "anywhere") else "work"
    shortlist = shortlist_for_role(
        actor=_actor(request), role_id=pk, top=top, must_filter=must_filter, must_mode=must_mode
    )
    return render(
        request,
        "web/shortlist.html",
        {
            "role": shortlist.role_row,
            "rows": shortlist.rows,
            "top": top,
            "sizes": SHORTLIST_SIZES,
            "must_filter": must_filter,
            "must_mode": must_mode,
            "filtered": shortlist.filtered,
            "bands": shortlist.bands,
            "pool": shortlist.pool,
        },
    )


@login_required
@require_POST
@domain_errors
def add_to_pipeline(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        candidate_id = int(request.POST.get("candidate", ""))
    except ValueError:
        return HttpResponse("Unknown candidate.", status=400)
    try:
        application = application_open(
            actor=_actor(request), role_id=pk, candidate_id=candidate_id, note="Added from the shortlist"
        )
        messages.success(request, f"{application.candidate.name} added to the pipeline as sourced.")
    except Conflict as exc:
        messages.info(request, str(exc))
    back = request.POST.get("next", "")
    # A path only, never a view name: redirect() would try to reverse "abc" and fail with a 500.
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(back)
    return redirect("web:shortlist", pk=pk)
