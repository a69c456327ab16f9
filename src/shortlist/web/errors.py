"""The page column of the table in `shortlist/errors.py`, applied to every workspace view.

Views catch `Conflict` and `Invalid` themselves when they have something better to show (a message, a
re-rendered form); whatever reaches this decorator becomes the plain status.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import wraps

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse

from shortlist.errors import Conflict, Forbidden, Invalid, NotFound, Unavailable

View = Callable[..., HttpResponse]


def domain_errors(view: View) -> View:
    @wraps(view)
    def wrapped(request: HttpRequest, *args: object, **kwargs: object) -> HttpResponse:
        try:
            return view(request, *args, **kwargs)
        except NotFound as exc:
            raise Http404(str(exc)) from None
        except Forbidden as exc:
            raise PermissionDenied(str(exc)) from None
        except Invalid as exc:
            return HttpResponse(str(exc), status=400, content_type="text/plain; charset=utf-8")
        except Conflict as exc:
            return HttpResponse(str(exc), status=409, content_type="text/plain; charset=utf-8")
        except Unavailable as exc:
            return HttpResponse(str(exc), status=503, content_type="text/plain; charset=utf-8")

    return wrapped
