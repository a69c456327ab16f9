"""Each token has its own budget of requests a minute; beyond it, 429 with Retry-After."""

from __future__ import annotations

import pytest
from django.test import override_settings

from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


@override_settings(API_RATE_LIMIT=3)
def test_the_request_over_the_limit_is_429_with_retry_after(recruiter, issue) -> None:
    busy, other = ApiClient(issue(recruiter, "read")), ApiClient(issue(recruiter, "read"))
    assert [busy.get("/clients").status_code for _ in range(3)] == [200, 200, 200]
    refused = busy.get("/clients")
    assert refused.status_code == 429
    assert refused.json()["code"] == "throttled"
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert other.get("/clients").status_code == 200  # the budget is per token, not per user


@override_settings(API_RATE_LIMIT=2)
def test_a_signed_in_session_has_its_own_budget(client, recruiter) -> None:
    client.force_login(recruiter)
    assert [client.get("/api/v1/clients").status_code for _ in range(3)] == [200, 200, 429]
