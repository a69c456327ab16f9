"""Personal API tokens: shown once, stored only as a digest, scoped, revocable, last use recorded."""

from __future__ import annotations

import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone

from shortlist.accounts.access import Actor
from shortlist.api.models import ApiToken
from shortlist.api.selectors import token_list
from shortlist.api.services import token_create, token_revoke
from shortlist.errors import Conflict, Forbidden, Invalid, NotFound
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_the_secret_is_not_stored_only_its_digest_and_prefix(recruiter, issue) -> None:
    secret = issue(recruiter, "read")
    token = ApiToken.objects.get()
    assert secret.startswith(f"sl_{token.prefix}_")
    assert token.digest == hashlib.sha256(secret.encode()).hexdigest()
    stored = [str(v) for v in ApiToken.objects.values_list(*[f.attname for f in ApiToken._meta.fields]).get()]
    assert secret not in stored and secret.split("_", 2)[2] not in "".join(stored)


def test_a_token_authenticates_and_a_wrong_one_does_not(recruiter, issue) -> None:
    secret = issue(recruiter, "read")
    assert ApiClient(secret).get("/clients").status_code == 200
    tampered = secret[:-2] + ("AA" if not secret.endswith("AA") else "BB")
    for bad in (tampered, "sl_", "nonsense", secret.replace("sl_", "xx_")):
        response = ApiClient(bad).get("/clients")
        assert response.status_code == 401, bad
        assert response.json()["code"] == "unauthenticated"
        assert response["WWW-Authenticate"].startswith("Bearer")


def test_a_read_token_may_only_read(recruiter, issue) -> None:
    reader = ApiClient(issue(recruiter, "read"))
    assert reader.get("/clients").status_code == 200
    refused = reader.post("/clients", {"name": "Acme"})
    assert refused.status_code == 403 and "read scope" in refused.json()["detail"]
    assert ApiClient(issue(recruiter, "write")).post("/clients", {"name": "Acme"}).status_code == 201


def test_a_revoked_token_is_refused_at_once(recruiter, issue) -> None:
    api = ApiClient(issue(recruiter, "write"))
    assert api.get("/clients").status_code == 200
    token_revoke(actor=Actor.of(recruiter), token_id=ApiToken.objects.get().pk)
    assert api.get("/clients").status_code == 401
    with pytest.raises(Conflict):
        token_revoke(actor=Actor.system(), token_id=ApiToken.objects.get().pk)


def test_a_deactivated_users_tokens_stop_working(recruiter, issue) -> None:
    api = ApiClient(issue(recruiter, "read"))
    recruiter.is_active = False
    recruiter.save()
    assert api.get("/clients").status_code == 401


def test_last_use_is_recorded_at_most_once_a_minute(recruiter, issue) -> None:
    api = ApiClient(issue(recruiter, "read"))
    assert ApiToken.objects.get().last_used_at is None
    api.get("/clients")
    first = ApiToken.objects.get().last_used_at
    assert first is not None
    api.get("/clients")
    assert ApiToken.objects.get().last_used_at == first  # within the minute: no write
    ApiToken.objects.update(last_used_at=first - timedelta(minutes=2))
    api.get("/clients")
    assert ApiToken.objects.get().last_used_at > first - timedelta(seconds=1)
    assert ApiToken.objects.get().last_used_at <= timezone.now()


def test_users_manage_their_own_tokens_and_admins_everyones(recruiter, make_user) -> None:
    other = make_user("otto")
    boss = make_user("bea", role="admin")
    mine = token_create(actor=Actor.of(recruiter), username="rita", scope="read", name="mine").token
    with pytest.raises(Forbidden):
        token_create(actor=Actor.of(recruiter), username="otto", scope="read", name="not mine")
    with pytest.raises(NotFound):  # someone else's token looks like none at all
        token_revoke(actor=Actor.of(other), token_id=mine.pk)
    token_create(actor=Actor.of(boss), username="otto", scope="write", name="for otto")
    assert [t.name for t in token_list(actor=Actor.of(recruiter))] == ["mine"]
    assert {t.name for t in token_list(actor=Actor.of(boss))} == {"mine", "for otto"}
    assert token_revoke(actor=Actor.of(boss), token_id=mine.pk).revoked_at is not None


def test_bad_scope_or_name_is_invalid_with_the_field(recruiter) -> None:
    with pytest.raises(Invalid) as caught:
        token_create(actor=Actor.system(), username="rita", scope="admin", name=" ")
    assert [path for path, _ in caught.value.issues] == ["scope", "name"]
