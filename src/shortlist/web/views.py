"""The recruiter's workspace pages. Each parses the request, calls one selector or service with the
signed-in user as actor, and renders; the rules live in the apps' services and in shortlist.engine."""

from __future__ import annotations

from datetime import date, datetime, time

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from shortlist.accounts.access import Actor, may_erase, may_handle_privacy
from shortlist.audit.selectors import bias_report, bias_roles, blind_state, candidate_audit, neutral_label
from shortlist.audit.serialize import bias_csv, bias_plots
from shortlist.audit.services import (
    candidate_reveal,
    candidate_view,
    role_blind_review_set,
    user_blind_review_set,
)
from shortlist.candidates.selectors import (
    candidate_table,
    candidate_tags,
    upload_get,
    upload_list,
    upload_worker_running,
)
from shortlist.candidates.services import upload_create
from shortlist.clients.selectors import client_get, client_list, role_list, role_show
from shortlist.compliance.selectors import candidate_access_request, privacy_due
from shortlist.compliance.serialize import access_report_json, access_report_pdf
from shortlist.compliance.services import candidate_erase, candidate_notice_sent
from shortlist.engine.vocab.enums import RoleStatus
from shortlist.errors import Conflict, Invalid
from shortlist.pipeline.selectors import dashboard_figures, shortlist_for_role
from shortlist.pipeline.services import application_open, application_reveal
from shortlist.web.desk_views import board_context, notes_of
from shortlist.web.errors import domain_errors

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
    all_notes = request.GET.get("notes") == "all"
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
            **_latest_notes(notes_of(actor, notes=board["board"].notes), all_=all_notes),
        },
    )


# The role page lists the role's notes below the board, whose cards already show each application's
# latest two: the newest this many, and a link to all. 180 notes were a third of the page's time.
ROLE_PAGE_NOTES = 50


def _latest_notes(notes: dict[str, list], *, all_: bool) -> dict[str, object]:
    shown: dict[str, object] = {}
    for key in ("notes", "feedback"):
        items = notes[key]
        keep = items if all_ else items[:ROLE_PAGE_NOTES]
        shown[key], shown[f"{key}_more"] = keep, len(items) - len(keep)
    return shown


@login_required
@domain_errors
def candidate_detail(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    role_id = _role_param(request)
    shown = candidate_view(actor=actor, candidate_id=pk, role_id=role_id)
    return render(
        request,
        "web/candidate.html",
        {
            "candidate": shown.candidate,
            "may_erase": may_erase(actor),
            "may_handle_privacy": may_handle_privacy(actor),
            "blind": shown.blind,
            "blind_review": shown.blind_review,
            "role_id": role_id,
            "label": neutral_label(pk),
            "blind_names": [shown.candidate.name] if shown.candidate.name else [],
            "moves": shown.moves,
            "audit": candidate_audit(actor=actor, candidate_id=pk),
            **notes_of(actor, candidate_id=pk),
            "tags": candidate_tags(actor=actor, candidate_id=pk),
            "candidate_id": pk,
        },
    )


@login_required
@domain_errors
def candidate_access_request_download(request: HttpRequest, pk: int, fmt: str) -> HttpResponse:
    """Everything held about the person, as JSON or PDF, as a download."""
    report = candidate_access_request(actor=_actor(request), candidate_id=pk)
    name = f"candidate-{pk}-access-request.{fmt}"
    if fmt == "json":
        response: HttpResponse = JsonResponse(access_report_json(report), json_dumps_params={"indent": 2})
    else:
        response = HttpResponse(access_report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    response["Cache-Control"] = "no-store"  # personal data: never kept by a proxy or the browser cache
    return response


@login_required
@require_POST
@domain_errors
def candidate_erase_view(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        reason = request.POST.get("reason", "")
        receipt = candidate_erase(actor=_actor(request), candidate_id=pk, reason=reason, in_background=True)
    except Invalid as exc:
        messages.error(request, str(exc))
        return redirect("web:candidate", pk=pk)
    messages.success(request, f"Candidate #{pk} erased everywhere. Erasure receipt {receipt.receipt_id}.")
    return redirect("web:candidates")


@login_required
@require_POST
@domain_errors
def candidate_notice_sent_view(request: HttpRequest, pk: int) -> HttpResponse:
    candidate_notice_sent(actor=_actor(request), candidate_id=pk)
    messages.success(request, "Privacy notice recorded as sent today.")
    return _back(request, reverse("web:candidate", args=[pk]))


@login_required
@domain_errors
def privacy_page(request: HttpRequest) -> HttpResponse:
    """What data protection asks of the team now: notices to send, retention periods ending."""
    due = privacy_due(actor=_actor(request))
    return render(request, "web/privacy.html", {"due": due})


def _role_param(request: HttpRequest) -> int | None:
    """The role a candidate's page was opened from (?role=ID): its blind-review setting applies."""
    value = request.GET.get("role", "")
    return int(value) if value.isdigit() else None


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
    consent_date = forms.DateField(
        label="Consent given on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Only when these people consented to be kept in the pool; empty: the workspace's "
        "default lawful basis, with the privacy notice due in a month.",
    )


@login_required
@domain_errors
def upload_new(request: HttpRequest) -> HttpResponse:
    actor = _actor(request)
    form = UploadForm(request.POST, request.FILES) if request.method == "POST" else UploadForm()
    if form.is_bound and form.is_valid():
        day = form.cleaned_data.get("consent_date")
        consent_at = timezone.make_aware(datetime.combine(day, time())) if day else None
        try:
            batch = upload_create(actor=actor, files=form.cleaned_data["files"], consent_at=consent_at)
        except Invalid as exc:
            form.add_error("consent_date", str(exc))
        else:
            return redirect("web:upload_detail", pk=batch.pk)
    return render(
        request,
        "web/upload.html",
        {
            "form": form,
            "recent": upload_list(actor=actor),
            "worker_running": upload_worker_running(actor=actor),
        },
        status=400 if form.errors else 200,
    )


@login_required
@domain_errors
def upload_detail(request: HttpRequest, pk: int) -> HttpResponse:
    upload = upload_get(actor=_actor(request), batch_id=pk)
    return render(
        request,
        "web/upload_detail.html",
        {
            "batch": upload.batch,
            "files": upload.files,
            "counts": upload.counts,
            "pending": upload.pending,
            "worker_running": upload.worker_running,
        },
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
    actor = _actor(request)
    shortlist = shortlist_for_role(
        actor=actor,
        role_id=pk,
        top=top,
        must_filter=must_filter,
        must_mode=must_mode,
        interface="page",
    )
    blind = blind_state(actor=actor, role_id=pk, candidate_ids=[r.match.candidate_id for r in shortlist.rows])
    candidates_url = reverse("web:candidates")
    rows = [
        {
            "row": row,
            "hidden": blind.hides(row.match.candidate_id),
            "label": neutral_label(row.match.candidate_id),
            # What blind review takes out of this row's text (the name is never rendered while hidden).
            "names": [row.candidate.name] if row.candidate and row.candidate.name else [],
            # Looked up here, not in the template for each of up to 100 rows (a loop over the bands,
            # a reverse()): the rows' markup was most of the time of `?top=100` after the ranking.
            "band_meaning": shortlist.bands.get(row.match.band, "") if row.match.band else "",
            "url": f"{candidates_url}{row.match.candidate_id}/?role={pk}",
        }
        for row in shortlist.rows
    ]
    return render(
        request,
        "web/shortlist.html",
        {
            "role": shortlist.role_row,
            "rows": rows,
            "blind": blind.blind,
            "run_id": shortlist.run_id,
            "top": top,
            "sizes": SHORTLIST_SIZES,
            "must_filter": must_filter,
            "must_mode": must_mode,
            "filtered": shortlist.filtered,
            "bands": shortlist.bands,
            "pool": shortlist.pool,
            "here": request.get_full_path(),
            "add_url": reverse("web:add_to_pipeline", args=[pk]),
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
    actor = _actor(request)
    # Under blind review the message names the candidate by their label, as the shortlist does.
    hidden = blind_state(actor=actor, role_id=pk, candidate_ids=[candidate_id]).hides(candidate_id)
    try:
        application = application_open(
            actor=actor, role_id=pk, candidate_id=candidate_id, note="Added from the shortlist"
        )
        who = neutral_label(candidate_id) if hidden else application.candidate.name
        messages.success(request, f"{who} added to the pipeline as sourced.")
    except Conflict as exc:
        message = str(exc)
        if hidden:
            message = f"{neutral_label(candidate_id)} is already in this role's pipeline."
        messages.info(request, message)
    return _back(request, reverse("web:shortlist", args=[pk]))


def _back(request: HttpRequest, default: str) -> HttpResponse:
    back = request.POST.get("next", "")
    # A path on this site only: anything else (a view name, junk) would make redirect() reverse it.
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(back)
    return redirect(default)


@login_required
@require_POST
@domain_errors
def reveal_candidate(request: HttpRequest, pk: int) -> HttpResponse:
    """Lift blind review for one candidate (recorded in the audit), then go back to where it was asked."""
    role_id = request.POST.get("role", "")
    candidate_reveal(
        actor=_actor(request), candidate_id=pk, role_id=int(role_id) if role_id.isdigit() else None
    )
    return _back(request, f"/candidates/{pk}/")


@login_required
@require_POST
@domain_errors
def role_blind_review(request: HttpRequest, pk: int) -> HttpResponse:
    role_blind_review_set(actor=_actor(request), role_id=pk, enabled=request.POST.get("enabled") == "1")
    return _back(request, f"/roles/{pk}/shortlist/")


@login_required
@require_POST
@domain_errors
def my_blind_review(request: HttpRequest) -> HttpResponse:
    user_blind_review_set(actor=_actor(request), enabled=request.POST.get("enabled") == "1")
    return _back(request, "/")


def _date_param(request: HttpRequest, name: str) -> date | None:
    value = request.GET.get(name, "").strip()
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise Invalid(f"{name} must be a date like 2026-01-31", [(name, "YYYY-MM-DD")]) from None


@login_required
@domain_errors
def bias(request: HttpRequest) -> HttpResponse:
    """The bias report for a role (?role=ID) or a period (?since=&until=), as a page or ?format=csv."""
    role = request.GET.get("role", "")
    if not any(request.GET.get(k) for k in ("role", "since", "until")):
        # No sample chosen yet: offer the roles rather than refusing the bare URL.
        return render(request, "web/bias_choose.html", {"roles": bias_roles(actor=_actor(request))})
    report = bias_report(
        actor=_actor(request),
        role_id=int(role) if role.isdigit() else None,
        since=_date_param(request, "since"),
        until=_date_param(request, "until"),
    )
    if request.GET.get("format") == "csv":
        response = HttpResponse(bias_csv(report), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="bias-report.csv"'
        return response
    return render(
        request,
        "web/bias.html",
        {
            "report": report,
            "tables": report.tables,
            "plots": bias_plots(report),
            "query": request.GET.urlencode(),
        },
    )


@login_required
@require_POST
@domain_errors
def application_reveal_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the candidate's name to the client in their portal (blind until then)."""
    application = application_reveal(actor=_actor(request), application_id=pk)
    messages.success(request, f"{application.candidate.name}'s name is now shown to the client.")
    return redirect("web:role", pk=application.role_id)
