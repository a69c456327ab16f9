"""The page column of the errors table: 404, 403, 400, a message for a conflict, 503."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from shortlist.errors import Conflict, Forbidden, Invalid, NotFound, Unavailable
from shortlist.web.errors import domain_errors
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client: object, recruiter: object) -> object:
    client.force_login(recruiter)
    return client


def _raising(error: Exception):
    @domain_errors
    def view(request: HttpRequest) -> HttpResponse:
        raise error

    request = RequestFactory().get("/")
    request.user = AnonymousUser()
    return view(request)


def test_not_found_is_a_404() -> None:
    with pytest.raises(Http404, match="no role with id 7"):
        _raising(NotFound("no role with id 7"))


def test_forbidden_is_a_403() -> None:
    with pytest.raises(PermissionDenied):
        _raising(Forbidden("You are not allowed to see roles."))


@pytest.mark.parametrize(
    ("error", "status"),
    [
        (Invalid("bad input", [("x", "bad")]), 400),
        (Conflict("already there"), 409),
        (Unavailable("no MiniLM"), 503),
    ],
)
def test_the_rest_are_a_status_with_the_message(error: Exception, status: int) -> None:
    response = _raising(error)
    assert response.status_code == status and response.content.decode() == str(error)


def test_not_found_through_a_page(signed_in: object) -> None:
    assert signed_in.get(reverse("web:shortlist", args=[999_999])).status_code == 404
    url = reverse("web:add_to_pipeline", args=[999_999])
    assert signed_in.post(url, {"candidate": one_of_everything()["candidate"].pk}).status_code == 404


def test_a_conflict_through_a_page_is_a_message_and_a_redirect(signed_in: object) -> None:
    objects = one_of_everything()
    url = reverse("web:add_to_pipeline", args=[objects["role"].pk])
    response = signed_in.post(url, {"candidate": objects["candidate"].pk})
    assert response.status_code == 302 and response["Location"] == reverse(
        "web:shortlist", args=[objects["role"].pk]
    )
    page = signed_in.get(response["Location"]).content.decode()
    assert "Grace Hopper is already in this role&#x27;s pipeline." in page
