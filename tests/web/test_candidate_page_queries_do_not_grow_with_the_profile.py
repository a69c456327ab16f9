"""A candidate's page costs the same number of SQL queries however many pipelines, stage moves, notes,
skills, jobs, scale claims and tags the person has (no query per row), and still shows every one; a
person in no pipeline, most of a large pool, costs one query fewer (no stage moves to look up).
The load test's candidate page (benchmarks/load_test.py) is a random person of the pool."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from shortlist.candidates.models import CandidateTag, Experience, ScaleClaim
from shortlist.clients.models import Role
from shortlist.pipeline.models import Application, ApplicationNote
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db


def _page(client: object, pk: int) -> tuple[int, str]:
    url = reverse("web:candidate", kwargs={"pk": pk})
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response.content.decode()


def _grow(candidate: object, client_row: object, user: object, n: int, start: int) -> None:
    """n more of everything the page lists for this person."""
    for k in range(start, start + n):
        role = Role.objects.create(client=client_row, title=f"Platform Role {k}", seniority="senior")
        application = Application.open(candidate, role, user=user)
        application.move_to("contacted", note="called", user=user)
        ApplicationNote.objects.create(application=application, author=user, body=f"Note number {k}")
        ApplicationNote.objects.create(candidate=candidate, author=user, body=f"About them {k}")
        Experience.objects.create(
            candidate=candidate, employer=f"Employer {k}", title="Engineer", start=date(2010 + k % 10, 1, 1)
        )
        ScaleClaim.objects.create(
            candidate=candidate, metric="requests_per_second", value=1000 * (k + 1), snippet=f"{k} rps"
        )
        CandidateTag.objects.create(candidate=candidate, tag=f"tag-{k}")
    make_candidate(name="Someone Else", skills=(("rust", 2.0),))


def test_the_page_queries_the_same_for_a_fuller_profile(client, recruiter) -> None:
    client.force_login(recruiter)
    objects = one_of_everything(user=recruiter)
    candidate = objects["candidate"]
    _grow(candidate, objects["client"], recruiter, 1, 0)
    client.get(reverse("web:candidate", kwargs={"pk": candidate.pk}))  # first request: session, templates
    few, _ = _page(client, candidate.pk)
    _grow(candidate, objects["client"], recruiter, 6, 1)
    many, html = _page(client, candidate.pk)
    assert many == few
    for k in range(7):
        assert f"Platform Role {k}" in html and f"Note number {k}" in html and f"About them {k}" in html
        assert f"Employer {k}" in html and f"tag-{k}" in html
    # Each pipeline's latest move, and who made it: one line per pipeline.
    assert html.count("Contacted — moved by rita") == 7
    assert "Senior Go Engineer - HFT Platform: Sourced — moved by rita" in html


def test_a_person_in_no_pipeline_costs_one_query_fewer(client, recruiter) -> None:
    client.force_login(recruiter)
    objects = one_of_everything(user=recruiter)
    loner = make_candidate(name="Lone Coder", skills=(("go", 4.0),))
    client.get(reverse("web:candidate", kwargs={"pk": loner.pk}))
    in_pipeline, _ = _page(client, objects["candidate"].pk)
    alone, html = _page(client, loner.pk)
    assert alone == in_pipeline - 1
    assert "Not in any pipeline." in html and "Latest stage moves" not in html and "Lone Coder" in html
