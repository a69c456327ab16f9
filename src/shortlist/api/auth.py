"""Who is calling: a personal token (`Authorization: Bearer sl_…`) or, for the workspace's own scripts,
the signed-in session (CSRF-checked). Both then pass the scope check and the per-caller rate limit.

Only authentication lives here; what the caller may see or change is decided by the use cases, which
receive `Actor.of(caller.user)`.
"""

from __future__ import annotations

import time

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest
from ninja.errors import AuthorizationError, Throttled
from ninja.security import HttpBearer, SessionAuth

from shortlist.accounts.access import Actor
from shortlist.api.selectors import Caller, token_authenticate

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
WINDOW_SECONDS = 60


def _admit(request: HttpRequest, caller: Caller) -> Caller:
    if request.method not in SAFE_METHODS and caller.scope != "write":
        raise AuthorizationError(message="This token has read scope: create a write token to change data.")
    _throttle(caller)
    return caller


def _throttle(caller: Caller) -> None:
    """A fixed one-minute window per caller, counted in the `api` cache (shared by every process when
    that cache is Redis or the file cache on one machine; see settings.CACHES)."""
    limit = settings.API_RATE_LIMIT
    now = time.time()
    window = int(now // WINDOW_SECONDS)
    key = f"api-rate:{caller.throttle_key}:{window}"
    cache = caches["api"]
    try:
        count = cache.incr(key)  # the common case: one read and one write
    except ValueError:  # the window's first request (or two racing to open it)
        count = 1 if cache.add(key, 1, timeout=WINDOW_SECONDS + 5) else cache.incr(key)
    if count > limit:
        raise Throttled(wait=(window + 1) * WINDOW_SECONDS - now)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Caller | None:
        caller = token_authenticate(token.strip())
        return _admit(request, caller) if caller is not None else None


class WorkspaceSession(SessionAuth):
    """The browser session of a signed-in user; unsafe methods need the CSRF token, as on the pages."""

    def authenticate(self, request: HttpRequest, key: str | None) -> Caller | None:
        user = request.user
        if not user.is_authenticated:
            return None
        return _admit(request, Caller(user, "write"))


def actor(request: HttpRequest) -> Actor:
    """The actor every endpoint passes to its use case."""
    return Actor.of(request.auth.user)  # type: ignore[attr-defined]
