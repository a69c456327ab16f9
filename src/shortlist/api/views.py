"""The page where a signed-in user creates and revokes their own API tokens (the secret shown once)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from shortlist.accounts.access import Actor
from shortlist.api.selectors import token_list
from shortlist.api.services import SCOPES, token_create, token_revoke
from shortlist.errors import Invalid
from shortlist.web.errors import domain_errors


@login_required
@domain_errors
def tokens(request: HttpRequest) -> HttpResponse:
    actor = Actor.of(request.user)
    context: dict[str, object] = {"scopes": SCOPES, "issued": None, "errors": []}
    status = 200
    if request.method == "POST" and request.POST.get("action") == "revoke":
        try:
            token_id = int(request.POST.get("token", ""))
        except ValueError:
            return HttpResponse("Unknown token.", status=400)
        revoked = token_revoke(actor=actor, token_id=token_id)
        messages.success(request, f"Token “{revoked.name}” revoked: it no longer works.")
        return redirect("api_tokens")
    if request.method == "POST":
        try:
            context["issued"] = token_create(
                actor=actor,
                username=request.user.get_username(),
                scope=request.POST.get("scope", ""),
                name=request.POST.get("name", ""),
            )
        except Invalid as exc:
            context["errors"], status = [message for _, message in exc.issues] or [str(exc)], 400
    context["tokens"] = token_list(actor=actor, username=request.user.get_username())
    return render(request, "api/tokens.html", context, status=status)
