"""Callers of the API: users of each role, their tokens, and a test client that sends a token."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client

from shortlist.accounts.access import Actor
from shortlist.accounts.models import Membership
from shortlist.api.services import token_create

API = "/api/v1"


class ApiClient:
    """Django's test client with `Authorization: Bearer <token>` on every request (JSON bodies)."""

    def __init__(self, token: str | None = None, client: Client | None = None) -> None:
        self.client = client or Client()
        self.headers = {"Authorization": f"Bearer {token}"} if token else {}

    def request(self, method: str, path: str, body: object = None, **kwargs: object) -> object:
        call = getattr(self.client, method.lower())
        url = path if path.startswith("/api/") else f"{API}{path}"
        if body is not None and "data" not in kwargs:
            kwargs.update(data=body, content_type="application/json")
        return call(url, headers=self.headers, **kwargs)

    def get(self, path: str, **kwargs: object) -> object:
        return self.request("GET", path, **kwargs)

    def post(self, path: str, body: object = None, **kwargs: object) -> object:
        return self.request("POST", path, body, **kwargs)

    def patch(self, path: str, body: object = None, **kwargs: object) -> object:
        return self.request("PATCH", path, body, **kwargs)


@pytest.fixture
def make_user(django_user_model: type) -> Callable[..., object]:
    def make(username: str, role: str = "recruiter", client: object = None) -> object:
        user = django_user_model.objects.create_user(username, password="a-long-test-password")
        Membership.objects.create(user=user, role=role, client=client)
        return user

    return make


@pytest.fixture
def issue() -> Callable[..., str]:
    """A token's secret for a user: issue(user, "read"|"write")."""

    def make(user: object, scope: str = "write", name: str = "tests") -> str:
        return token_create(actor=Actor.system(), username=user.get_username(), scope=scope, name=name).secret

    return make


@pytest.fixture
def writer(recruiter: object, issue: Callable[..., str]) -> ApiClient:
    return ApiClient(issue(recruiter, "write"))


@pytest.fixture
def reader(recruiter: object, issue: Callable[..., str]) -> ApiClient:
    return ApiClient(issue(recruiter, "read"))
