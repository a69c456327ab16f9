"""The client portal: a client company's user sees their roles and the candidates submitted to them,
blind until the recruiter reveals a name, and says yes or no. Like the workspace views, each page parses
the request, calls one selector or service with the signed-in user as actor, and renders.

`web.middleware.WorkspaceMiddleware` keeps everyone but client users out of this namespace; the
selectors narrow every row to the user's own client (another client's id is a 404).
"""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from shortlist.accounts.access import CLIENT_DECISIONS, Actor
from shortlist.engine.vocab.enums import Stage
from shortlist.errors import Conflict, Invalid
from shortlist.pipeline.selectors import submission_get, submission_list, submitted_role_list
from shortlist.pipeline.services import REJECTION_REASONS, application_feedback
from shortlist.web.errors import domain_errors

DECISION_WORDS = {
    Stage.INTERVIEW: "Invite to interview",
    Stage.OFFER: "Make an offer",
    Stage.REJECTED: "Reject",
}


class FeedbackForm(forms.Form):
    """Only shapes the fields; `application_feedback` decides what is valid."""

    decision = forms.ChoiceField(choices=[(s.value, DECISION_WORDS[s]) for s in CLIENT_DECISIONS])
    reason = forms.ChoiceField(
        label="Reason (when rejecting)", choices=[("", "—"), *REJECTION_REASONS], required=False
    )
    comment = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


def _actor(request: HttpRequest) -> Actor:
    return Actor.of(request.user)


@login_required
@domain_errors
def home(request: HttpRequest) -> HttpResponse:
    return render(request, "portal/home.html", {"roles": submitted_role_list(actor=_actor(request))})


@login_required
@domain_errors
def role(request: HttpRequest, pk: int) -> HttpResponse:
    return render(
        request, "portal/role.html", {"submissions": submission_list(actor=_actor(request), role_id=pk)}
    )


def _submission_page(request: HttpRequest, pk: int, form: FeedbackForm, status: int = 200) -> HttpResponse:
    shown = submission_get(actor=_actor(request), application_id=pk)
    open_stages = (Stage.SUBMITTED, Stage.INTERVIEW, Stage.OFFER)
    context = {"submission": shown, "form": form, "may_decide": shown.stage in open_stages}
    return render(request, "portal/submission.html", context, status=status)


@login_required
@domain_errors
def submission(request: HttpRequest, pk: int) -> HttpResponse:
    return _submission_page(request, pk, FeedbackForm())


@login_required
@require_POST
@domain_errors
def feedback(request: HttpRequest, pk: int) -> HttpResponse:
    form = FeedbackForm(request.POST)
    form.is_valid()  # cleans what it can; the service says what is wrong
    data = {key: request.POST.get(key, "") for key in ("decision", "reason", "comment")}
    try:
        application = application_feedback(actor=_actor(request), application_id=pk, **data)
    except Invalid as exc:
        for field, message in exc.issues:
            form.add_error(field if field in form.fields else None, message)
        return _submission_page(request, pk, form, status=400)
    except Conflict as exc:
        messages.info(request, str(exc))
        return redirect("portal:submission", pk)
    messages.success(request, "Thank you: your feedback was sent to your recruiter.")
    return redirect("portal:role", application.role_id)
