"""The 404 and 500 pages (handler404 / handler500 in the root urls).

A missing page keeps the visitor's way around: agency staff get the workspace layout with its navigation,
a client's user the portal's, anyone else a plain page with a way to log in. The 500 page is rendered with
no request context at all (no context processors, no user, no session): whatever failed, the database
included, cannot fail it again.
"""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse, HttpResponseServerError
from django.template import loader

from shortlist.accounts.access import Actor


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    try:
        actor = Actor.of(getattr(request, "user", None))
    except Exception:  # the user's row could not be read: the plain page needs none
        actor = Actor()
    if actor.is_agency:
        template = "web/errors/404.html"
    elif actor.is_client:
        template = "web/errors/404_portal.html"
    else:
        template = "web/errors/404_plain.html"
    body = loader.render_to_string(template, {"path": request.path}, request=request)
    return HttpResponse(body, status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    return HttpResponseServerError(loader.get_template("web/errors/500.html").render({}))
