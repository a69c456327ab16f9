"""The dashboard's time in stage per role: for each open or on-hold role, how long the candidates in
each waiting stage have been there on average, slowest role first; one query however many roles and
applications there are, and drawn as an inline SVG."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from shortlist.accounts.access import Actor
from shortlist.clients.models import Role
from shortlist.pipeline.models import Application, StageChange
from shortlist.pipeline.selectors import dashboard_figures
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db


def _waiting(candidate, role, stage: str, days: int) -> Application:
    """An application that reached `stage` `days` ago (history is append-only: written that way)."""
    application = Application.objects.create(candidate=candidate, role=role, stage=stage)
    StageChange.objects.create(
        application=application, to_stage=stage, changed_at=timezone.now() - timedelta(days=days)
    )
    return application


def _role(client, title: str, status: str = "open") -> Role:
    return Role.objects.create(client=client, title=title, seniority="senior", status=status)


def test_each_live_role_shows_its_average_wait_per_stage_slowest_first(recruiter) -> None:
    made = one_of_everything()
    # Grace is sourced for the Go role since today (one_of_everything); two more wait 2 and 4 days.
    for name, days in (("Eve", 2), ("Fay", 4)):
        _waiting(make_candidate(name=name), made["role"], "sourced", days)
    slow = _role(made["client"], "Data Engineer")
    for name, days in (("Ann", 10), ("Ben", 20)):
        _waiting(make_candidate(name=name), slow, "submitted", days)
    _waiting(make_candidate(name="Cat"), _role(made["client"], "Closed Role", status="closed"), "sourced", 90)
    _waiting(make_candidate(name="Dan"), slow, "placed", 60)  # a placement is not a wait

    figures = dashboard_figures(actor=Actor.of(recruiter))

    assert [r.title for r in figures.time_in_stage] == ["Data Engineer", made["role"].title]
    data = {w.stage.value: (w.count, w.average_days) for w in figures.time_in_stage[0].stages}
    assert data["submitted"][0] == 2 and data["submitted"][1] == pytest.approx(15, abs=0.01)
    assert data["sourced"] == (0, None) and "placed" not in data
    go = {w.stage.value: (w.count, w.average_days) for w in figures.time_in_stage[1].stages}
    assert go["sourced"][0] == 3 and go["sourced"][1] == pytest.approx(2, abs=0.01)
    assert figures.roles_waiting == 2


def test_the_dashboard_draws_it_and_links_each_role(client, recruiter) -> None:
    role = one_of_everything()["role"]
    client.force_login(recruiter)
    html = client.get(reverse("web:dashboard")).content.decode()
    assert "Time in stage per role" in html
    assert f"Average days in stage: {role.title}: Sourced 1 for 0.0 days" in html
    assert f'<a href="/roles/{role.pk}/"><text' in html


def test_one_query_for_the_plot_however_many_roles(client, recruiter, django_assert_max_num_queries) -> None:
    made = one_of_everything()
    client.force_login(recruiter)
    for i in range(12):
        role = _role(made["client"], f"Role {i:02}")
        for j in range(3):
            Application.open(make_candidate(name=f"Person {i}-{j}"), role).move_to("contacted")
    figures = dashboard_figures(actor=Actor.of(recruiter))
    assert len(figures.time_in_stage) == 10 and figures.roles_waiting == 13
    # The whole dashboard page: its own numbers, the funnel, the plot, the client and role lists.
    with django_assert_max_num_queries(13):
        html = client.get(reverse("web:dashboard")).content.decode()
    assert "the 10 slowest of 13 roles" in html
