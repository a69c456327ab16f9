"""The recruiter's workspace pages. They read and present; scoring lives in shortlist.engine."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from shortlist.candidates.models import Candidate, ImportBatch, ImportStatus
from shortlist.candidates.pool import ranked
from shortlist.candidates.uploads import create_batch
from shortlist.clients.models import Client, Role
from shortlist.clients.roles import role_profile
from shortlist.engine.vocab.enums import Seniority, Stage
from shortlist.pipeline.models import Application

CANDIDATES_PER_PAGE = 50


@login_required
def dashboard(request: HttpRequest) -> HttpResponse:
    clients = Client.objects.annotate(
        role_count=Count("roles", distinct=True),
        open_role_count=Count("roles", filter=Q(roles__status="open"), distinct=True),
    )
    roles = (
        Role.objects.select_related("client")
        .annotate(pipeline_count=Count("applications"))
        .order_by("status", "client__name", "title")
    )
    return render(
        request,
        "web/dashboard.html",
        {"clients": clients, "roles": roles, "candidate_count": Candidate.objects.count()},
    )


@login_required
def client_detail(request: HttpRequest, pk: int) -> HttpResponse:
    client = get_object_or_404(Client, pk=pk)
    roles = client.roles.annotate(pipeline_count=Count("applications"))
    return render(
        request,
        "web/client.html",
        {"client": client, "plan": client.current_growth_plan, "roles": roles},
    )


@login_required
def role_detail(request: HttpRequest, pk: int) -> HttpResponse:
    role = get_object_or_404(
        Role.objects.select_related("client", "growth_plan").prefetch_related("requirements"), pk=pk
    )
    applications = role.applications.select_related("candidate").order_by("-updated_at")
    by_stage = {stage: [] for stage in Stage}
    for application in applications:
        by_stage[Stage(application.stage)].append(application)
    requirements = list(role.requirements.all())
    profile = role_profile(role)
    return render(
        request,
        "web/role.html",
        {
            "role": role,
            "plan": role.effective_growth_plan,
            "must": [r for r in requirements if r.kind == "must"],
            "nice": [r for r in requirements if r.kind == "nice"],
            "stages": [(stage, by_stage[stage]) for stage in Stage],
            "profile": profile,
            "criteria": sorted(profile.criteria, key=lambda c: (-c.weight, c.label)),
        },
    )


@login_required
def candidate_list(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()
    skill = request.GET.get("skill", "").strip().lower()
    seniority = request.GET.get("seniority", "").strip()
    candidates = Candidate.objects.only(
        "id", "name", "headline", "city", "country", "seniority", "total_years", "source"
    )
    if query:
        candidates = candidates.filter(
            Q(name__icontains=query) | Q(headline__icontains=query) | Q(city__icontains=query)
        )
    if skill:
        candidates = candidates.filter(skills__skill=skill)
    if seniority in {level.value for level in Seniority}:
        candidates = candidates.filter(seniority=seniority)
    page = Paginator(candidates.order_by("name", "id"), CANDIDATES_PER_PAGE).get_page(request.GET.get("page"))
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
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    candidate = get_object_or_404(
        Candidate.objects.prefetch_related(
            "experiences",
            "skills",
            "scale_claims",
            Prefetch("applications", queryset=Application.objects.select_related("role__client")),
        ),
        pk=pk,
    )
    return render(request, "web/candidate.html", {"candidate": candidate})


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
def upload_new(request: HttpRequest) -> HttpResponse:
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        batch = create_batch(form.cleaned_data["files"], request.user)
        return redirect("web:upload_detail", pk=batch.pk)
    recent = ImportBatch.objects.annotate(file_count=Count("files"))[:10]
    return render(
        request, "web/upload.html", {"form": form, "recent": recent}, status=400 if form.errors else 200
    )


@login_required
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    batch = get_object_or_404(ImportBatch, pk=pk)
    files = list(batch.files.select_related("candidate"))
    counts = {status: 0 for status in ImportStatus.values}
    for item in files:
        counts[item.status] += 1
    return render(
        request,
        "web/upload_detail.html",
        {
            "batch": batch,
            "files": files,
            "counts": [(ImportStatus(s).label, n) for s, n in counts.items() if n],
            "pending": counts[ImportStatus.QUEUED] > 0,
        },
    )


SHORTLIST_SIZES = (10, 20, 50, 100)


@login_required
def role_shortlist(request: HttpRequest, pk: int) -> HttpResponse:
    """The ranked, explained shortlist for a role, straight from the engine's index."""
    role = get_object_or_404(
        Role.objects.select_related("client", "growth_plan").prefetch_related("requirements"), pk=pk
    )
    try:
        top = int(request.GET.get("top", 20))
    except ValueError:
        top = 20
    top = top if top in SHORTLIST_SIZES else 20
    must_filter = request.GET.get("must") == "1"
    results = ranked(role_profile(role), top=top, must_have_filter=must_filter)
    people = Candidate.objects.only("id", "name", "headline", "city", "country").in_bulk(
        [r.candidate_id for r in results]
    )
    in_pipeline = set(role.applications.values_list("candidate_id", flat=True))
    rows = [
        {"match": r, "candidate": people.get(r.candidate_id), "in_pipeline": r.candidate_id in in_pipeline}
        for r in results
    ]
    return render(
        request,
        "web/shortlist.html",
        {"role": role, "rows": rows, "top": top, "sizes": SHORTLIST_SIZES, "must_filter": must_filter},
    )


@login_required
@require_POST
def add_to_pipeline(request: HttpRequest, pk: int) -> HttpResponse:
    role = get_object_or_404(Role, pk=pk)
    try:
        candidate = Candidate.objects.get(pk=int(request.POST.get("candidate", "")))
    except (ValueError, Candidate.DoesNotExist):
        return HttpResponse("Unknown candidate.", status=400)
    try:
        with transaction.atomic():
            Application.open(candidate, role, user=request.user, note="Added from the shortlist")
        messages.success(request, f"{candidate.name} added to the pipeline as sourced.")
    except IntegrityError:
        messages.info(request, f"{candidate.name} is already in this role's pipeline.")
    back = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return redirect(back)
    return redirect("web:shortlist", pk=role.pk)
