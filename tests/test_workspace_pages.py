"""The recruiter's pages: behind a login, showing clients, roles, pipelines and candidates."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shortlist.candidates.models import Candidate, CandidateSkill
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client: object, recruiter: object) -> object:
    client.force_login(recruiter)
    return client


@pytest.mark.parametrize("name", ["web:dashboard", "web:candidates"])
def test_pages_need_a_login(client: object, name: str) -> None:
    response = client.get(reverse(name))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_login_page_logs_a_recruiter_in(client: object, recruiter: object) -> None:
    response = client.post(reverse("login"), {"username": "rita", "password": "a-long-test-password"})
    assert response.status_code == 302 and response["Location"] == reverse("web:dashboard")
    wrong = client.post(reverse("login"), {"username": "rita", "password": "nope"})
    assert "did not match" in wrong.content.decode()


def test_dashboard_lists_clients_roles_and_pool_size(signed_in: object) -> None:
    one_of_everything()
    html = signed_in.get(reverse("web:dashboard")).content.decode()
    assert "Meridian Quant" in html
    assert "Senior Go Engineer - HFT Platform" in html
    assert "<strong>1</strong> candidates" in html


def test_role_page_shows_requirements_growth_and_pipeline(signed_in: object) -> None:
    role = one_of_everything()["role"]
    html = signed_in.get(reverse("web:role", args=[role.pk])).content.decode()
    assert "Must have" in html and ">Go<" in html and ">Kafka<" in html
    assert "80,000" in html  # the client's target traffic
    assert "Grace Hopper" in html  # sourced into the pipeline


def test_candidate_page_shows_evidence_and_scale(signed_in: object) -> None:
    candidate = one_of_everything()["candidate"]
    html = signed_in.get(reverse("web:candidate", args=[candidate.pk])).content.decode()
    assert "Built the order gateway in Go" in html
    assert "60,000 req/s" in html
    assert "grace.pdf" in html


def test_candidate_search_and_filters(signed_in: object) -> None:
    one_of_everything()
    # Free words search the CV text (issue 12: the CLI's query language), which holds the city.
    other = Candidate.objects.create(
        name="Linus Example", city="Cambridge", seniority="junior", raw_text="Linus Example\nCambridge, UK"
    )
    CandidateSkill.objects.create(candidate=other, skill="python")
    url = reverse("web:candidates")
    assert "Linus Example" in signed_in.get(url, {"q": "cambridge"}).content.decode()
    assert "Grace Hopper" not in signed_in.get(url, {"q": "cambridge"}).content.decode()
    by_skill = signed_in.get(url, {"skill": "Go"}).content.decode()
    assert "Grace Hopper" in by_skill and "Linus Example" not in by_skill
    by_level = signed_in.get(url, {"seniority": "junior"}).content.decode()
    assert "Linus Example" in by_level and "Grace Hopper" not in by_level


def test_unknown_ids_are_404_not_500(signed_in: object) -> None:
    for name in ["web:client", "web:role", "web:candidate"]:
        assert signed_in.get(reverse(name, args=[999_999])).status_code == 404
    assert signed_in.get(reverse("web:candidates"), {"page": "abc"}).status_code == 200


def test_pages_query_count_does_not_grow_with_data(
    signed_in: object, django_assert_max_num_queries: object
) -> None:
    objects = one_of_everything()
    for i in range(30):
        Candidate.objects.create(name=f"Filler {i}")
    for name, args in [
        ("web:dashboard", []),
        ("web:candidates", []),
        ("web:role", [objects["role"].pk]),
        ("web:candidate", [objects["candidate"].pk]),
        ("web:client", [objects["client"].pk]),
        ("web:privacy", []),
    ]:
        # 13: the candidate page also logs the view, checks blind review, reads who moved each stage,
        # and reads its notes and the client's feedback; 14: and its tags (issue 12).
        with django_assert_max_num_queries(14):
            assert signed_in.get(reverse(name, args=args)).status_code == 200


def test_role_page_explains_each_weight(signed_in: object) -> None:
    role = one_of_everything()["role"]
    html = signed_in.get(reverse("web:role", args=[role.pk])).content.decode()
    assert "What matters for this role, and why" in html
    assert "Proven scale" in html and "80k" in html  # the client's growth, read back


def test_shortlist_page_ranks_the_pool_with_reasons(signed_in: object) -> None:
    from shortlist.candidates import pool

    pool.forget()
    objects = one_of_everything()
    role = objects["role"]
    # Free words search the CV text (issue 12: the CLI's query language), which holds the city.
    other = Candidate.objects.create(
        name="Linus Example", city="Cambridge", seniority="junior", raw_text="Linus Example\nCambridge, UK"
    )
    CandidateSkill.objects.create(candidate=other, skill="python", years=1, last_used=2026, strength=0.9)
    html = signed_in.get(reverse("web:shortlist", args=[role.pk])).content.decode()
    assert html.index("Grace Hopper") < html.index("Linus Example")  # the Go engineer first
    assert "Built the order gateway in Go" in html  # the evidence behind the reason
    assert "In pipeline" in html  # Grace was sourced already
    assert "Ranked all 2 candidates in the pool (index " in html  # the whole pool, not part of it


def test_adding_from_the_shortlist_opens_a_pipeline_entry(signed_in: object) -> None:
    objects = one_of_everything()
    role = objects["role"]
    other = Candidate.objects.create(name="Linus Example")
    url = reverse("web:add_to_pipeline", args=[role.pk])
    response = signed_in.post(url, {"candidate": other.pk, "next": "https://evil.example/"})
    assert response.status_code == 302 and response["Location"] == reverse("web:shortlist", args=[role.pk])
    assert role.applications.filter(candidate=other, stage="sourced").exists()
    again = signed_in.post(url, {"candidate": other.pk}, follow=True)
    assert "already in this role" in again.content.decode()
    assert signed_in.post(url, {"candidate": "nope"}).status_code == 400
