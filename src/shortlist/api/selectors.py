"""Reading API tokens: the list a user (or an admin) sees, and finding the token a request carries."""

from __future__ import annotations

import hmac
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.utils import timezone

from shortlist.accounts.access import Actor, may_manage_tokens
from shortlist.api.models import ApiToken
from shortlist.api.services import PREFIX_LENGTH, TOKEN_PREFIX, token_digest
from shortlist.errors import Forbidden

# last_used_at is a hint for the owner ("unused since March"), not an audit log: written at most
# once a minute per token so that a busy integration does not turn every read into a write.
LAST_USED_RESOLUTION = timedelta(minutes=1)


def token_list(*, actor: Actor, username: str = "") -> QuerySet[ApiToken]:
    """Tokens newest first: the actor's own, or (for an admin) everyone's or one user's."""
    if not may_manage_tokens(actor, getattr(actor.user, "pk", None)):
        raise Forbidden("You are not allowed to see API tokens.")
    tokens = ApiToken.objects.select_related("user").order_by("-created_at", "-id")
    if username:
        tokens = tokens.filter(user__username=username)
    if not may_manage_tokens(actor, None):  # anyone's tokens: admins and the operator only
        tokens = tokens.filter(user_id=getattr(actor.user, "pk", None))
    return tokens


@dataclass(frozen=True, slots=True)
class Caller:
    """Who an API request is from, and what its credential allows."""

    user: Any
    scope: str  # "read" or "write"; a session counts as write (CSRF-checked)
    token_id: int | None = None

    @property
    def throttle_key(self) -> str:
        return f"token:{self.token_id}" if self.token_id is not None else f"user:{self.user.pk}"


def token_authenticate(secret: str) -> Caller | None:
    """The caller behind a bearer token, or None for an unknown, malformed or revoked one.

    Not a use case with an actor: this is how the API finds the actor. The prefix finds the row; the
    digest, compared in constant time, proves the secret.
    """
    head = len(TOKEN_PREFIX) + PREFIX_LENGTH
    if not secret.startswith(TOKEN_PREFIX) or len(secret) < head + 2 or secret[head] != "_":
        return None
    token = (
        ApiToken.objects.select_related("user", "user__membership")
        .filter(prefix=secret[len(TOKEN_PREFIX) : head], revoked_at__isnull=True, user__is_active=True)
        .first()
    )
    if token is None or not hmac.compare_digest(token.digest, token_digest(secret)):
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at >= LAST_USED_RESOLUTION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    return Caller(token.user, token.scope, token.pk)
