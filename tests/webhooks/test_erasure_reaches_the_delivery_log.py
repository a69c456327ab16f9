"""Erasing a person removes the webhook events that name them, delivered or still waiting."""

from __future__ import annotations

import pytest

from shortlist.accounts.access import Actor
from shortlist.compliance.services import candidate_erase
from shortlist.pipeline.services import application_move
from shortlist.webhooks.models import Delivery
from shortlist.webhooks.services import webhook_create
from tests.factories import make_candidate, one_of_everything

pytestmark = pytest.mark.django_db


def test_erasure_removes_their_events_and_keeps_the_others() -> None:
    webhook_create(actor=Actor.system(), url="http://localhost:9/", events=["application.stage_changed"])
    made = one_of_everything()
    other = make_candidate(name="Olive Other")
    from shortlist.pipeline.models import Application

    kept = Application.open(other, made["role"])
    for application_id in (made["application"].pk, kept.pk):
        application_move(actor=Actor.system(), application_id=application_id, stage="contacted")
    assert Delivery.objects.count() == 2

    receipt = candidate_erase(actor=Actor.system(), candidate_id=made["candidate"].pk, reason="request")

    assert receipt.counts["webhook_deliveries"] == 1
    [left] = Delivery.objects.all()
    assert left.payload["data"]["candidate"]["name"] == "Olive Other"


def test_an_access_request_lists_the_events_that_named_them() -> None:
    from shortlist.compliance.selectors import candidate_access_request

    webhook_create(actor=Actor.system(), url="http://localhost:9/", events=["application.stage_changed"])
    made = one_of_everything()
    application_move(actor=Actor.system(), application_id=made["application"].pk, stage="contacted")
    report = candidate_access_request(actor=Actor.system(), candidate_id=made["candidate"].pk)
    [event] = dict((key, data) for key, _, data in report.sections)["webhook_events"]
    assert (event["event"], event["to"], event["stage"]) == (
        "application.stage_changed",
        "http://localhost:9/",
        "contacted",
    )
