"""The dashboard's numbers: open roles, candidates per stage (and the funnel), placements this quarter,
average time to submit; they change as the pipeline moves."""

from __future__ import annotations

import pytest
from django.urls import reverse

from shortlist.pipeline.selectors import dashboard_figures
from shortlist.pipeline.services import application_move
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def test_the_figures_follow_the_pipeline(signed_in_actor) -> None:
    application = one_of_everything()["application"]
    before = dashboard_figures(actor=signed_in_actor)
    assert before.open_roles == 1 and dict(before.per_stage)["sourced"] == 1
    assert before.placements_this_quarter == 0 and before.average_days_to_submit is None
    for stage in ("submitted", "interview", "offer", "placed"):
        application_move(actor=signed_in_actor, application_id=application.pk, stage=stage)
    after = dashboard_figures(actor=signed_in_actor)
    assert dict(after.per_stage)["placed"] == 1 and dict(after.per_stage)["sourced"] == 0
    assert after.placements_this_quarter == 1
    assert after.average_days_to_submit is not None and after.average_days_to_submit < 1
    assert [(s.value, n) for s, n, _ in after.funnel][-1] == ("placed", 1)


def test_the_dashboard_shows_them(client, recruiter) -> None:
    one_of_everything()
    client.force_login(recruiter)
    html = client.get(reverse("web:dashboard")).content.decode()
    assert "<dt>Open roles</dt><dd>1</dd>" in html
    assert "Pipeline funnel: Sourced 1, Contacted 0" in html


@pytest.fixture
def signed_in_actor(recruiter):
    from shortlist.accounts.access import Actor

    return Actor.of(recruiter)
