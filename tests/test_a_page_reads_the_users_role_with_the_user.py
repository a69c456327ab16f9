"""A signed-in request reads the user and their role (membership) in one query, not two: every page
and the API ask for the role. Signing in, the role's rules and signing out work as before."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shortlist.accounts.models import Membership

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def _tables_read(client: object, url: str) -> list[str]:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return [q["sql"] for q in queries.captured_queries]


def test_a_page_reads_the_role_with_the_user(client, recruiter) -> None:
    assert client.post(reverse("login"), {"username": "rita", "password": PASSWORD}).status_code == 302
    sql = _tables_read(client, reverse("web:candidates"))
    assert not any(s.startswith('SELECT "accounts_membership"') for s in sql)
    assert any('FROM "auth_user" LEFT OUTER JOIN "accounts_membership"' in s for s in sql)


def test_the_role_is_read_afresh_on_each_request(client, recruiter) -> None:
    client.force_login(recruiter)
    assert client.get(reverse("web:candidates")).status_code == 200
    Membership.objects.filter(user=recruiter).delete()  # an admin takes the role away meanwhile
    assert client.get(reverse("web:candidates")).status_code == 403
    client.post(reverse("logout"))
    assert client.get(reverse("web:candidates")).status_code == 302  # to the login page
