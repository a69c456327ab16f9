"""Issuing and revoking personal API tokens (the CLI `token` commands and the tokens page call these)."""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from shortlist.accounts.access import Actor, may_manage_tokens
from shortlist.api.models import ApiToken, TokenScope
from shortlist.errors import Conflict, Forbidden, Invalid, NotFound

TOKEN_PREFIX = "sl_"
SCOPES = TokenScope.choices  # (value, label) for forms
PREFIX_LENGTH = 8  # hex characters after "sl_": 4 billion values, so a clash is retried, never seen


def token_digest(token: str) -> str:
    # A plain SHA-256 is enough: the secret part carries 256 random bits, so there is nothing to
    # brute-force and a slow password hash would only cost every request.
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True, slots=True)
class IssuedToken:
    token: ApiToken
    secret: str  # the whole token, shown once; only its digest is stored


@transaction.atomic
def token_create(*, actor: Actor, username: str, scope: str, name: str) -> IssuedToken:
    """A new token for `username`: read (GET only) or write scope. The secret is returned only here."""
    owner_id = get_user_model().objects.filter(username=username).values_list("pk", flat=True).first()
    if not may_manage_tokens(actor, owner_id):
        raise Forbidden("You may only create API tokens for yourself.")
    if owner_id is None:
        raise NotFound(f"no user named {username!r}")
    issues = []
    if scope not in TokenScope.values:
        issues.append(("scope", f"one of {', '.join(TokenScope.values)}"))
    name = name.strip()
    if not name or len(name) > 100:
        issues.append(("name", "1 to 100 characters"))
    if issues:
        raise Invalid("; ".join(f"{path}: {message}" for path, message in issues), issues)
    while True:
        prefix = secrets.token_hex(PREFIX_LENGTH // 2)
        if not ApiToken.objects.filter(prefix=prefix).exists():
            break
    secret = f"{TOKEN_PREFIX}{prefix}_{secrets.token_urlsafe(32)}"
    token = ApiToken.objects.create(
        user_id=owner_id, name=name, scope=scope, prefix=prefix, digest=token_digest(secret)
    )
    return IssuedToken(token, secret)


@transaction.atomic
def token_revoke(*, actor: Actor, token_id: int) -> ApiToken:
    """Revoke a token at once; the next request with it is refused (401)."""
    token = ApiToken.objects.select_for_update().filter(pk=token_id).first()
    # Someone else's token is reported as missing, so ids cannot be probed.
    if token is None or not may_manage_tokens(actor, token.user_id):
        raise NotFound(f"no API token with id {token_id}")
    if token.revoked_at is not None:
        raise Conflict(f"API token {token_id} was already revoked on {token.revoked_at:%d %b %Y %H:%M}.")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    return token
