"""Rules every request or workspace page follows, applied where no page can forget them.

- A NUL byte in a query string or form field is a 400 (`RejectInvalidInput`): PostgreSQL cannot
  store or compare it and would answer with a 500, SQLite would quietly search for it.

- A page of the `web` namespace is agency staff's (`access.require_workspace`): a client user or a
  user with no role gets a 403 that says why, whatever the page. The selectors behind each page
  narrow the rows as well; this is the first of the two locks, not the only one.
- A page of the `portal` namespace is a client user's (`access.may_use_portal`): agency staff who
  follow a portal link are sent to the workspace (a GET) or refused (anything else), a user with no
  role gets a 403; the portal's selectors narrow every row to the user's own client.
- A response to a signed-in user carries personal data (candidates' contact details, salaries,
  pipelines), so no browser or proxy may keep it: `Cache-Control: no-store` (Django's never-cache set).
"""

from __future__ import annotations

from collections.abc import Callable

from django.core.exceptions import BadRequest, PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.cache import add_never_cache_headers

from shortlist.accounts.access import Actor, may_use_portal, require_workspace
from shortlist.errors import Forbidden

WORKSPACE_NAMESPACE = "web"
PORTAL_NAMESPACE = "portal"


class WorkspaceMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        if request.user.is_authenticated:
            add_never_cache_headers(response)
        return response

    def process_view(
        self, request: HttpRequest, view: Callable[..., HttpResponse], args: tuple, kwargs: dict
    ) -> HttpResponse | None:
        match = request.resolver_match
        # An anonymous visitor is left to the page's login_required, which sends them to log in.
        if match is None or not request.user.is_authenticated:
            return None
        if PORTAL_NAMESPACE in match.namespaces:
            return self._portal(request, Actor.of(request.user))
        if WORKSPACE_NAMESPACE not in match.namespaces:
            return None
        try:
            require_workspace(Actor.of(request.user))
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from None
        return None

    @staticmethod
    def _portal(request: HttpRequest, actor: Actor) -> HttpResponse | None:
        if may_use_portal(actor):
            return None
        if actor.is_agency and request.method in ("GET", "HEAD"):
            return redirect(f"{WORKSPACE_NAMESPACE}:dashboard")
        raise PermissionDenied("The client portal is for the users of a client company.")


# The form encodings whose fields Django parses into request.POST; a JSON body is the API's to check.
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


class RejectInvalidInput:
    """A 400 for a request whose query string or form fields hold a NUL byte, before any view runs."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path.startswith("/api/"):
            # The API validates every parameter itself and answers in its JSON error shape (422).
            return self.get_response(request)
        fields = [request.GET]
        if request.method == "POST" and request.content_type in FORM_TYPES:
            fields.append(request.POST)
        for data in fields:
            for key, values in data.lists():
                if "\0" in key or any("\0" in value for value in values):
                    raise BadRequest(f"The request's {key.replace(chr(0), '')!r} holds a NUL byte.")
        return self.get_response(request)
