"""The API column of the table in `shortlist/errors.py`, and every other failure in the same body:
`{"detail": one line, "code": a stable word, "issues": [{"path", "message"}]}`."""

from __future__ import annotations

import math
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, AuthorizationError, HttpError, Throttled, ValidationError

from shortlist.errors import Conflict, Forbidden, Invalid, NotFound, ShortlistError, Unavailable

# Written once: the page column lives in web/errors.py, the CLI column in cli/common.py.
STATUS: dict[type[ShortlistError], int] = {
    Invalid: 422,
    NotFound: 404,
    Forbidden: 403,
    Conflict: 409,
    Unavailable: 503,
}
ERROR_STATUSES = (401, 403, 404, 409, 422, 429, 503)


def _body(detail: str, code: str, issues: Any = ()) -> dict[str, Any]:
    return {"detail": detail, "code": code, "issues": [{"path": p, "message": m} for p, m in issues]}


def _path(location: Any) -> str:
    # ninja reports ("query", "limit") or ("body", "payload", "name"): keep the part the caller wrote.
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path", "header", "form", "file", "cookie"}:
        where, parts = parts[0], parts[1:]
        if where == "body":
            parts = parts[1:]  # the payload's parameter name is ours, not the caller's
            return ".".join(parts) or "body"
    return ".".join(parts)


def unknown_url(request: HttpRequest, rest: str = "") -> JsonResponse:
    """Any other path under /api/: the same body as every API error, not the site's HTML page."""
    return JsonResponse(_body(f"no API operation at {request.path}", "not_found"), status=404)


def install(api: NinjaAPI) -> None:
    def domain(request: HttpRequest, exc: ShortlistError) -> HttpResponse:
        status = next((s for cls, s in STATUS.items() if isinstance(exc, cls)), 400)
        return api.create_response(request, _body(str(exc), exc.code, exc.issues), status=status)

    def validation(request: HttpRequest, exc: ValidationError) -> HttpResponse:
        issues = [(_path(error.get("loc", ())), str(error.get("msg", "invalid"))) for error in exc.errors]
        detail = "; ".join(f"{p or 'request'}: {m}" for p, m in issues) or "invalid request"
        return api.create_response(request, _body(detail, "invalid", issues), status=422)

    def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
        if exc.status_code == 400:  # ninja could not parse the body: bad input, like any other (422)
            issues = [("body", "not a JSON document of the expected shape")]
            return api.create_response(
                request, _body("The request body is not valid JSON.", "invalid", issues), status=422
            )
        code = {401: "unauthenticated", 403: "forbidden", 404: "not_found", 429: "throttled"}.get(
            exc.status_code, "error"
        )
        if isinstance(exc, AuthenticationError):
            detail = "Send a valid API token: 'Authorization: Bearer <token>'."
        elif isinstance(exc, AuthorizationError | Throttled):
            detail = exc.message
        else:
            detail = str(exc)
        response = api.create_response(request, _body(detail, code), status=exc.status_code)
        if isinstance(exc, AuthenticationError):
            response["WWW-Authenticate"] = 'Bearer realm="shortlist"'
        if isinstance(exc, Throttled) and exc.wait is not None:
            response["Retry-After"] = str(max(1, math.ceil(exc.wait)))
        return response

    def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
        return api.create_response(request, _body(str(exc) or "not found", "not_found"), status=404)

    api.add_exception_handler(ShortlistError, domain)
    api.add_exception_handler(ValidationError, validation)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(Http404, not_found)
