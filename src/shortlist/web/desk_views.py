"""The recruiter's desk (issue 12): intake (clients, growth plans, roles), the pipeline board, the desk
across roles, and notes. Like views.py, each view parses the request, calls one use case with the
signed-in user as actor and renders; an htmx request gets the fragment it swaps in."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

import shortlist.web.forms as f
from shortlist.accounts.access import CLIENT_STAGES, Actor
from shortlist.clients.selectors import (
    client_get,
    growth_preview,
    playbook_list,
    role_get,
    skill_suggest,
)
from shortlist.clients.services import (
    ContactIn,
    client_save,
    growth_plan_set,
    role_draft,
    role_duplicate,
    role_save,
    role_status_set,
)
from shortlist.engine.vocab.enums import RoleStatus, Stage
from shortlist.errors import Conflict, Invalid
from shortlist.pipeline.selectors import application_card, desk, note_list, pipeline_board
from shortlist.pipeline.services import application_move, application_open_many, note_add
from shortlist.web.errors import domain_errors


def _actor(request: HttpRequest) -> Actor:
    return Actor.of(request.user)


def _status(*bound: object) -> int:
    """400 when a submitted form (or formset) has errors: the page is shown again with what was typed."""
    for form in bound:
        if isinstance(form, list | tuple):
            return _status(*form)
        if getattr(form, "is_bound", False):
            errors = form.total_error_count() if hasattr(form, "total_error_count") else len(form.errors)
            if errors:
                return 400
    return 200


def _back(request: HttpRequest, default: str) -> HttpResponse:
    back = request.POST.get("next", "")
    # A path only, never a view name: redirect() would try to reverse "abc" and fail with a 500.
    if back.startswith("/") and url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}):
        return HttpResponseRedirect(back)
    return HttpResponseRedirect(default)


# --- clients ---------------------------------------------------------------------------------------------


def _contacts(formset: f.ContactFormSet) -> list[ContactIn]:
    return [
        ContactIn(d.get("name", ""), d.get("title", ""), d.get("email", ""), d.get("phone", ""))
        for d in (form.cleaned_data for form in formset.forms)
        if d
    ]


@login_required
@domain_errors
def client_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    actor = _actor(request)
    client = client_get(actor=actor, client_id=pk) if pk is not None else None
    if request.method == "POST":
        form = f.ClientForm(request.POST)
        formset = f.ContactFormSet(request.POST, prefix="contacts")
        if form.is_valid() and formset.is_valid():
            data = form.cleaned_data
            try:
                saved = client_save(
                    actor=actor,
                    client_id=pk,
                    name=data["name"],
                    industry=data["industry"],
                    stage=data["stage"],
                    locations=f.split_tags(data["locations"]),
                    culture=f.split_tags(data["culture"]),
                    notes=data["notes"],
                    contacts=_contacts(formset),
                )
            except (Invalid, Conflict) as exc:  # a taken name is a Conflict on the name field
                f.issues_to_form(form, exc, formset=formset)
            else:
                messages.success(request, f"{saved.name} saved.")
                return redirect("web:client", pk=saved.pk)
    elif client is not None:
        form = f.ClientForm(
            initial={
                "name": client.name,
                "industry": client.industry,
                "stage": client.stage,
                "locations": f.join_tags(client.locations),
                "culture": f.join_tags(client.culture),
                "notes": client.notes,
            }
        )
        people = [
            {"name": c.name, "title": c.title, "email": c.email, "phone": c.phone}
            for c in client.contacts.all()
        ]
        formset = f.ContactFormSet(initial=people, prefix="contacts")
    else:
        form, formset = f.ClientForm(), f.ContactFormSet(prefix="contacts")
    return render(
        request,
        "web/client_form.html",
        {"form": form, "formset": formset, "client": client},
        status=_status([form, formset]),
    )


def _growth_initial(plan: object) -> dict[str, object]:
    if plan is None:
        return {"horizon_months": 36}
    initial = {"horizon_months": plan.horizon_months, "plans": plan.plans}
    for name, _ in f.METRICS:
        initial[f"{name}_now"], initial[f"{name}_target"] = plan.metric(name)
    return initial


def _problems(form: f.GrowthForm) -> str:
    labels = {name: field.label for name, field in form.fields.items()}
    return "; ".join(f"{labels.get(name, name)}: {' '.join(errors)}" for name, errors in form.errors.items())


def _preview(actor: Actor, client_id: int, form: f.GrowthForm) -> tuple[object, str]:
    """The engine's reading of the plan in the form, or what stops it being read yet."""
    if not form.is_valid():
        return None, _problems(form)
    try:
        preview = growth_preview(
            actor=actor,
            client_id=client_id,
            horizon_months=form.cleaned_data["horizon_months"],
            metrics=form.metrics(),
        )
    except Invalid as exc:
        f.issues_to_form(form, exc)
        return None, _problems(form)
    return preview, ""


@login_required
@domain_errors
def growth_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """The client's growth plan: now and target per metric, with a live preview of what it weighs."""
    actor = _actor(request)
    client = client_get(actor=actor, client_id=pk)
    preview, problem = None, ""
    if request.method == "POST":
        form = f.GrowthForm(request.POST)
        preview, problem = _preview(actor, pk, form)
        if preview is not None and "preview" not in request.POST:
            try:
                growth_plan_set(
                    actor=actor,
                    client_id=pk,
                    horizon_months=form.cleaned_data["horizon_months"],
                    metrics=form.metrics(),
                    plans=form.cleaned_data["plans"],
                )
            except Invalid as exc:
                f.issues_to_form(form, exc)
            else:
                messages.success(request, f"Growth plan for {client.name} saved.")
                return redirect("web:client", pk=pk)
    else:
        initial = _growth_initial(client.current_growth_plan)
        form = f.GrowthForm(initial=initial)
        preview, problem = _preview(actor, pk, f.GrowthForm(initial))
    return render(
        request,
        "web/growth_form.html",
        {"form": form, "client": client, "preview": preview, "problem": problem},
        status=_status(form),
    )


@login_required
@require_GET
@domain_errors
def growth_preview_fragment(request: HttpRequest, pk: int) -> HttpResponse:
    """htmx: the preview panel for the figures typed so far (nothing is saved)."""
    form = f.GrowthForm(request.GET)
    preview, problem = _preview(_actor(request), pk, form)
    return render(request, "web/_growth_preview.html", {"preview": preview, "problem": problem, "form": form})


# --- roles -----------------------------------------------------------------------------------------------


def _role_form(actor: Actor, data: object = None, initial: dict[str, object] | None = None) -> f.RoleForm:
    return f.RoleForm(data, initial=initial, playbooks=playbook_list(actor=actor))


def _initial_from_spec(spec: object) -> dict[str, object]:
    salary = spec.salary
    return {
        "title": spec.title,
        "languages": f.join_tags(spec.languages),
        "project": spec.project,
        "seniority": spec.seniority.value if spec.seniority else "",
        "location": spec.location,
        "remote": spec.remote.value if spec.remote else "",
        "salary_min": salary.min if salary else None,
        "salary_max": salary.max if salary else None,
        "salary_currency": salary.currency if salary else "GBP",
        "must_have": f.join_tags(spec.must_have),
        "nice_to_have": f.join_tags(spec.nice_to_have),
        "culture": f.join_tags(spec.culture),
        "description": spec.description,
    }


def _initial_from_role(role: object) -> dict[str, object]:
    requirements = list(role.requirements.all())
    return {
        "title": role.title,
        "languages": f.join_tags(role.languages),
        "project": role.project_type,
        "seniority": role.seniority,
        "location": role.location,
        "remote": role.remote_policy,
        "salary_min": role.salary_min,
        "salary_max": role.salary_max,
        "salary_currency": role.salary_currency or "GBP",
        "must_have": f.join_tags(r.term for r in requirements if r.kind == "must"),
        "nice_to_have": f.join_tags(r.term for r in requirements if r.kind == "nice"),
        "culture": f.join_tags(role.culture),
        "description": role.description,
    }


@login_required
@domain_errors
def role_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A new role for client `pk`: from a pasted job description (drafted, then reviewed), or blank."""
    actor = _actor(request)
    client = client_get(actor=actor, client_id=pk)
    jd = f.JobDescriptionForm(request.POST if request.POST.get("step") == "draft" else None)
    notes: tuple[str, ...] = ()
    if jd.is_bound and jd.is_valid():
        drafted = role_draft(actor=actor, text=jd.cleaned_data["text"])
        form = _role_form(actor, initial=_initial_from_spec(drafted.spec))
        notes = drafted.notes
        status = 200
    elif request.method == "POST" and request.POST.get("step") == "save":
        form = _role_form(actor, request.POST)
        if form.is_valid():
            try:
                saved = role_save(actor=actor, client_id=pk, data=form.role_data())
            except Invalid as exc:
                f.issues_to_form(form, exc, f.ROLE_PATHS)
            else:
                _warn(request, saved.warnings)
                messages.success(request, f"Role {saved.role.title} created.")
                return redirect("web:role", pk=saved.role.pk)
        status = _status(form)
    else:
        form = _role_form(actor, initial={"project": "general", "salary_currency": "GBP"})
        status = _status(jd)
    return render(
        request,
        "web/role_form.html",
        {"client": client, "form": form, "jd": jd, "notes": notes, "role": None},
        status=status,
    )


def _warn(request: HttpRequest, warnings: tuple[str, ...]) -> None:
    for warning in warnings:
        messages.warning(request, warning)


@login_required
@domain_errors
def role_edit(request: HttpRequest, pk: int) -> HttpResponse:
    actor = _actor(request)
    role = role_get(actor=actor, role_id=pk)
    if request.method == "POST":
        form = _role_form(actor, request.POST)
        if form.is_valid():
            try:
                saved = role_save(actor=actor, client_id=role.client_id, role_id=pk, data=form.role_data())
            except Invalid as exc:
                f.issues_to_form(form, exc, f.ROLE_PATHS)
            else:
                _warn(request, saved.warnings)
                messages.success(request, "Role saved.")
                return redirect("web:role", pk=pk)
    else:
        form = _role_form(actor, initial=_initial_from_role(role))
    return render(
        request,
        "web/role_form.html",
        {"client": role.client, "form": form, "jd": None, "notes": (), "role": role},
        status=_status(form),
    )


@login_required
@require_POST
@domain_errors
def role_copy(request: HttpRequest, pk: int) -> HttpResponse:
    copy = role_duplicate(actor=_actor(request), role_id=pk)
    messages.success(request, f"Duplicated as {copy.title}: change what differs.")
    return redirect("web:role_edit", pk=copy.pk)


@login_required
@require_POST
@domain_errors
def role_status(request: HttpRequest, pk: int) -> HttpResponse:
    form = f.RoleStatusForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Choose open, on hold, filled or closed.")
        return redirect("web:role", pk=pk)
    role = role_status_set(actor=_actor(request), role_id=pk, status=form.cleaned_data["status"])
    messages.success(request, f"{role.title} is now {RoleStatus(role.status).label.lower()}.")
    return redirect("web:role", pk=pk)


@login_required
@require_GET
@domain_errors
def skills_suggest(request: HttpRequest) -> JsonResponse:
    """For the chips: taxonomy skills matching what is typed, with the alias that matched."""
    found = skill_suggest(actor=_actor(request), query=request.GET.get("q", "")[:100])
    return JsonResponse({"skills": [{"id": s.id, "name": s.name, "alias": s.alias} for s in found]})


# --- the pipeline ------------------------------------------------------------------------------------------


def board_context(actor: Actor, role_id: int) -> dict[str, object]:
    return {
        "board": pipeline_board(actor=actor, role_id=role_id),
        "stages": list(Stage),
        "client_stages": CLIENT_STAGES,  # cards the client sees: their name is shown once revealed
    }


@login_required
@require_POST
@domain_errors
def application_move_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A stage move from a card's buttons, its form or a drag; the reason goes into the history."""
    actor = _actor(request)
    card = application_card(actor=actor, application_id=pk)
    data = request.POST.copy()
    data["stage"] = request.POST.get("stage") or request.POST.get("to", "")
    form = f.MoveForm(data)
    error = ""
    if form.is_valid():
        try:
            application_move(
                actor=actor,
                application_id=pk,
                stage=form.cleaned_data["stage"],
                note=form.cleaned_data["note"],
            )
        except Invalid as exc:
            error = str(exc)
        except Conflict as exc:
            error = str(exc)
    else:
        error = "; ".join(e for errors in form.errors.values() for e in errors)
    role_id = card.application.role_id
    if request.htmx:
        context = board_context(actor, role_id)
        context.update({"error_for": pk, "error": error, "typed": request.POST.get("note", "")})
        return render(request, "web/_board.html", context)
    if error:
        messages.error(request, f"{card.application.candidate.name}: {error}")
    return _back(request, reverse("web:role", args=[role_id]) + "#pipeline")


@login_required
@require_POST
@domain_errors
def shortlist_add(request: HttpRequest, pk: int) -> HttpResponse:
    """Bulk add from the shortlist's checkboxes."""
    form = f.BulkAddForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Tick at least one candidate to add.")
        return _back(request, reverse("web:shortlist", args=[pk]))
    try:
        done = application_open_many(
            actor=_actor(request),
            role_id=pk,
            candidate_ids=form.cleaned_data["candidate"],
            note="Added from the shortlist",
        )
    except Conflict as exc:
        messages.error(request, str(exc))
        return _back(request, reverse("web:shortlist", args=[pk]))
    if done.warning:
        messages.warning(request, done.warning)
    if done.opened:
        names = ", ".join(a.candidate.name for a in done.opened)
        messages.success(request, f"Added to the pipeline as sourced: {names}.")
    if done.already:
        messages.info(request, f"Already in the pipeline: {', '.join(n or '?' for n in done.already)}.")
    return _back(request, reverse("web:shortlist", args=[pk]))


@login_required
@domain_errors
def my_desk(request: HttpRequest) -> HttpResponse:
    mine = request.GET.get("mine") == "1"
    return render(
        request, "web/desk.html", {"desk": desk(actor=_actor(request), mine=mine), "stages": list(Stage)}
    )


# --- notes -------------------------------------------------------------------------------------------------

SUBJECTS = ("application", "candidate", "role")


@login_required
@require_POST
@domain_errors
def note_new(request: HttpRequest, subject: str, pk: int) -> HttpResponse:
    """A note (or client feedback) on an application, a candidate or a role."""
    actor = _actor(request)
    form = f.NoteForm(request.POST)
    error = ""
    if subject not in SUBJECTS:
        return HttpResponse("Unknown subject.", status=404)
    about = request.POST.get("about", "")  # the role page's form may be about one of its cards
    if subject == "role" and about.startswith("application:") and about[12:].isdigit():
        subject, pk = "application", int(about[12:])
    if form.is_valid():
        try:
            note_add(
                actor=actor,
                body=form.cleaned_data["body"],
                visibility=form.cleaned_data["visibility"],
                kind=form.cleaned_data["kind"],
                **{f"{subject}_id": pk},
            )
        except Invalid as exc:
            error = str(exc)
    else:
        error = "; ".join(e for errors in form.errors.values() for e in errors)
    if subject == "application" and request.htmx:
        role_id = application_card(actor=actor, application_id=pk).application.role_id
        context = board_context(actor, role_id)
        context.update({"error_for": pk, "error": error, "typed_note": request.POST.get("body", "")})
        return render(request, "web/_board.html", context)
    if error:
        messages.error(request, f"The note was not saved: {error}")
    else:
        messages.success(request, "Note saved.")
    default = {"candidate": "web:candidate", "role": "web:role"}.get(subject)
    if default is None:
        role_id = application_card(actor=actor, application_id=pk).application.role_id
        return _back(request, reverse("web:role", args=[role_id]) + "#pipeline")
    return _back(request, reverse(default, args=[pk]))


def notes_of(
    actor: Actor, *, candidate_id: int | None = None, role_id: int | None = None, notes: object = None
) -> dict[str, list]:
    """Our notes and the client's feedback, apart."""
    if notes is None:
        notes = list(note_list(actor=actor, candidate_id=candidate_id, role_id=role_id)[:100])
    return {
        "notes": [n for n in notes if n.kind != "client_feedback"],
        "feedback": [n for n in notes if n.kind == "client_feedback"],
    }
