"""The tokens page: a signed-in user creates a token (shown once) and revokes it; it lists only theirs."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shortlist.accounts.access import Actor
from shortlist.api.models import ApiToken
from shortlist.api.services import token_create
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def test_create_use_and_revoke_a_token_from_the_page(client, recruiter, make_user) -> None:
    token_create(actor=Actor.system(), username=make_user("otto").username, scope="write", name="otto's")
    client.force_login(recruiter)
    url = reverse("api_tokens")
    created = client.post(url, {"action": "create", "name": "Job board", "scope": "read"})
    html = created.content.decode()
    assert created.status_code == 200 and "not shown again" in html
    secret = html.split('<code id="new-token">')[1].split("</code>")[0]
    assert ApiClient(secret).get("/clients").status_code == 200
    listing = client.get(url).content.decode()
    assert "Job board" in listing and secret not in listing and "otto&#x27;s" not in listing
    mine = ApiToken.objects.get(name="Job board")
    assert client.post(url, {"action": "revoke", "token": mine.pk}).status_code == 302
    assert ApiClient(secret).get("/clients").status_code == 401
    # Another user's token id is unknown here, not revocable.
    assert (
        client.post(url, {"action": "revoke", "token": ApiToken.objects.get(name="otto's").pk}).status_code
        == 404
    )


def test_a_nameless_token_is_refused_with_the_form(client, recruiter) -> None:
    client.force_login(recruiter)
    response = client.post(reverse("api_tokens"), {"action": "create", "name": " ", "scope": "read"})
    assert response.status_code == 400 and "1 to 100 characters" in response.content.decode()
    assert not ApiToken.objects.exists()
