"""The client portal's pages: a client user lands there from the one login, sees their submitted
candidates blind, sends feedback the recruiter reads on the role page, and sees a name once revealed."""

from __future__ import annotations

import pytest
from django.test import Client as HttpClient
from django.urls import reverse

from shortlist.accounts.access import Role as AccessRole
from shortlist.accounts.services import create_user
from shortlist.pipeline.models import Application
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db
PASSWORD = "a-long-test-password"
SECRETS = ("Grace Hopper", "grace@example.org", "+447700900123", "grace.pdf")


@pytest.fixture
def made() -> dict[str, object]:
    made = one_of_everything()
    made["application"].move_to("submitted")
    create_user("carol", PASSWORD, role=AccessRole.CLIENT, client="Meridian Quant")
    return made


@pytest.fixture
def carol(client: HttpClient, made: dict[str, object]) -> HttpClient:
    client.post(reverse("login"), {"username": "carol", "password": PASSWORD})
    return client


@pytest.mark.parametrize("next_url", ["", "/", "/candidates/"])
def test_a_client_user_lands_on_the_portal_from_the_one_login(client, made, next_url) -> None:
    form = {"username": "carol", "password": PASSWORD, "next": next_url}
    response = client.post(reverse("login"), form)
    assert (response.status_code, response["Location"]) == (302, reverse("portal:home"))


def test_agency_staff_land_on_the_workspace_and_are_sent_back_there_from_the_portal(
    client, recruiter
) -> None:
    response = client.post(reverse("login"), {"username": "rita", "password": PASSWORD})
    assert response["Location"] == reverse("web:dashboard")
    assert client.get(reverse("portal:home"))["Location"] == reverse("web:dashboard")


def test_the_portal_shows_submitted_candidates_blind(carol, made) -> None:
    home = carol.get(reverse("portal:home")).content.decode()
    assert "Senior Go Engineer - HFT Platform" in home
    role = carol.get(reverse("portal:role", args=[made["role"].pk])).content.decode()
    detail = carol.get(reverse("portal:submission", args=[made["application"].pk])).content.decode()
    assert "Candidate A" in role and "Candidate A" in detail
    assert "PayStream" in detail  # the profile is there, without the person
    for page in (home, role, detail):
        assert [s for s in SECRETS if s in page] == []


def test_rejecting_without_a_reason_is_a_400_with_the_form_and_changes_nothing(carol, made) -> None:
    url = reverse("portal:feedback", args=[made["application"].pk])
    response = carol.post(url, {"decision": "rejected", "comment": "No."})
    assert response.status_code == 400
    assert "choose a reason" in response.content.decode()
    assert Application.objects.get(pk=made["application"].pk).stage == "submitted"


def test_feedback_reaches_the_recruiter_on_the_role_page(carol, made, recruiter) -> None:
    url = reverse("portal:feedback", args=[made["application"].pk])
    form = {"decision": "rejected", "reason": "salary", "comment": "Above our band."}
    response = carol.post(url, form)
    assert response["Location"] == reverse("portal:role", args=[made["role"].pk])
    assert "Salary expectations — Above our band." in carol.get(response["Location"]).content.decode()
    desk = HttpClient()
    desk.force_login(recruiter)
    page = desk.get(reverse("web:role", args=[made["role"].pk])).content.decode()
    assert "Client feedback" in page and "carol" in page and "Salary expectations — Above our band." in page


def test_a_revealed_name_shows_in_the_portal_for_that_application_only(carol, made, recruiter) -> None:
    other = Application.open(make_candidate(name="Ada Lovelace"), made["role"])
    other.move_to("submitted")
    desk = HttpClient()
    desk.force_login(recruiter)
    response = desk.post(reverse("web:reveal_to_client", args=[made["application"].pk]))
    assert response["Location"] == reverse("web:role", args=[made["role"].pk])
    assert "Name shown to the client" in desk.get(response["Location"]).content.decode()
    role = carol.get(reverse("portal:role", args=[made["role"].pk])).content.decode()
    assert "Grace Hopper" in role and "Candidate B" in role and "Ada Lovelace" not in role


def test_portal_pages_query_count_does_not_grow_with_candidates(
    carol, made, django_assert_max_num_queries
) -> None:
    for i in range(20):
        Application.open(make_candidate(name=f"Filler {i}"), made["role"]).move_to("submitted")
    for name, args in [
        ("portal:home", []),
        ("portal:role", [made["role"].pk]),
        ("portal:submission", [made["application"].pk]),
    ]:
        with django_assert_max_num_queries(12):
            assert carol.get(reverse(name, args=args)).status_code == 200
