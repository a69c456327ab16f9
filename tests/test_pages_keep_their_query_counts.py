"""Pages that must stay fast at 100,000 candidates (benchmarks/workspace_pages.py) keep a fixed number of
SQL queries however many rows they show, so an N+1 cannot come back; a filtered candidate list counts
its matches only up to a cap and says "more than"."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shortlist.accounts.access import Actor
from shortlist.clients.models import Client, GrowthPlan, Role
from shortlist.clients.selectors import role_list_open
from shortlist.pipeline.models import Application, ApplicationNote
from shortlist.web import paging
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client: object, recruiter: object) -> object:
    client.force_login(recruiter)
    return client


def _busy_role(extra: int) -> dict[str, object]:
    """The demo's objects, with `extra` more people in the role's pipeline, moved on, with notes."""
    objects = one_of_everything()
    for n in range(extra):
        person = make_candidate(name=f"Person {n}", skills=(("go", 3.0), ("python", 2.0)), seniority="senior")
        application = Application.open(person, objects["role"], note="sourced")
        for stage in ("contacted", "screened", "submitted")[: n % 4]:
            application.move_to(stage, note="moved")
        ApplicationNote.objects.create(application=application, body=f"Note on {person.name}")
    return objects


@pytest.mark.parametrize(
    ("page", "most"),
    [
        ("web:dashboard", 12),
        ("web:desk", 11),
        ("web:role", 13),
        ("web:candidates", 8),  # + saved searches, the tag list, tags of the page's rows
        ("web:privacy", 8),
        ("web:candidate", 17),
    ],
)
def test_a_page_does_not_query_per_row(signed_in, django_assert_max_num_queries, page, most) -> None:
    objects = _busy_role(12)
    kwargs = {
        "web:role": {"pk": objects["role"].pk},
        "web:candidate": {"pk": objects["candidate"].pk},
    }.get(page, {})
    url = reverse(page, kwargs=kwargs)
    signed_in.get(url)  # first request: session, templates
    with django_assert_max_num_queries(most):
        assert signed_in.get(url).status_code == 200
    if page == "web:candidates":
        with django_assert_max_num_queries(most):
            assert signed_in.get(url, {"skill": "python", "seniority": "senior"}).status_code == 200


def test_a_filtered_list_counts_up_to_the_cap_and_says_more_than(signed_in, monkeypatch) -> None:
    for n in range(4):
        make_candidate(name=f"Pythonista {n}", skills=(("python", 2.0),))
    make_candidate(name="Gopher", skills=(("go", 2.0),))
    monkeypatch.setattr(paging.CappedPaginator, "cap", 3)
    html = signed_in.get(reverse("web:candidates"), {"skill": "python"}).content.decode()
    assert "More than 3 candidates" in html and "Pythonista 0" in html
    html = signed_in.get(reverse("web:candidates"), {"skill": "go"}).content.decode()
    assert "1 candidate<" in html and "More than" not in html and "Pythonista" not in html
    html = signed_in.get(reverse("web:candidates")).content.decode()
    assert "5 candidates" in html  # the whole pool: counted exactly


def test_open_roles_read_every_clients_plan_in_one_query(recruiter, django_assert_num_queries) -> None:
    """Roles for a candidate (the API, the candidate page) build each open role's profile with its
    client's current growth plan: one query for all the plans, not one per role."""
    for n in range(8):
        company = Client.objects.create(name=f"Client {n}")
        GrowthPlan.objects.create(client=company, horizon_months=12, users_now=10, users_target=10 + n)
        newest = GrowthPlan.objects.create(
            client=company, horizon_months=24, users_now=5, users_target=50 + n
        )
        Role.objects.create(client=company, title=f"Role {n}", status="open")
    with django_assert_num_queries(3):  # the roles with clients, their requirements, the clients' plans
        roles = role_list_open(actor=Actor.of(recruiter))
        plans = [role.effective_growth_plan for role in roles]
    assert len(plans) == 8 and plans[-1] == newest
