"""Upload limits enforced while a request is received, not after it was written to disk.

The size a client declares (CONTENT_LENGTH) is judged before a byte of the body is read: over
SHORTLIST_MAX_REQUEST_MB the request is answered 413 at once. A multipart body is then parsed here,
inside Django's own limits, which count as they read: more than DATA_UPLOAD_MAX_NUMBER_FILES files,
or more than DATA_UPLOAD_MAX_MEMORY_SIZE of form fields, stops the parse and answers 413. The
body cannot run past its declared length (the WSGI server and Django's LimitedStream stop there).
Every 413 names the limit, for a person (a page) or for a script (JSON under /api/).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFilesSent
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

MB = 1024 * 1024
_WITH_BODY = frozenset({"POST", "PUT", "PATCH"})


def _mb(count: int) -> str:
    return f"{count / MB:g} MB"


def request_too_large(request: HttpRequest, limit: str) -> HttpResponse:
    """The one 413: which limit the request broke, and what to do about it."""
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": limit, "code": "too_large", "issues": []}, status=413)
    page = render_to_string("web/too_large.html", {"limit": limit})
    return HttpResponse(page, status=413)


def declared_length(request: HttpRequest) -> int:
    try:
        return max(0, int(request.META.get("CONTENT_LENGTH") or 0))
    except ValueError:
        return 0


class UploadLimitsMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.method in _WITH_BODY:
            refusal = self._refusal(request)
            if refusal:
                return request_too_large(request, refusal)
        return self.get_response(request)

    def _refusal(self, request: HttpRequest) -> str:
        length, limit = declared_length(request), settings.UPLOAD_MAX_REQUEST_BYTES
        if length > limit:
            return f"The upload is {_mb(length)}; one request may carry at most {_mb(limit)}."
        if request.content_type != "multipart/form-data":
            # Django reads other bodies whole, so their declared length is all there is to judge.
            return self.too_much_form_data() if length > settings.DATA_UPLOAD_MAX_MEMORY_SIZE else ""
        try:
            request.POST  # noqa: B018 - parse now, counting files as they arrive (CSRF would anyway)
        except TooManyFilesSent:
            return self.too_many_files()
        except RequestDataTooBig:
            return self.too_much_form_data()
        return ""

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        # A view (or the API) reading a body that broke a limit while it was read.
        if isinstance(exception, TooManyFilesSent):
            return request_too_large(request, self.too_many_files())
        if isinstance(exception, RequestDataTooBig):
            return request_too_large(request, self.too_much_form_data())
        return None

    @staticmethod
    def too_many_files() -> str:
        most = settings.DATA_UPLOAD_MAX_NUMBER_FILES
        return f"One upload may carry at most {most:,} files; send them in parts."

    @staticmethod
    def too_much_form_data() -> str:
        return f"The form data is over the {_mb(settings.DATA_UPLOAD_MAX_MEMORY_SIZE)} limit."
