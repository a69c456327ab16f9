"""A stage move reaches a subscribed receiver once, signed with the subscription's secret."""

from __future__ import annotations

import json

import pytest

from shortlist.accounts.access import Actor
from shortlist.pipeline.services import application_move
from shortlist.webhooks import signing
from shortlist.webhooks.models import Delivery
from tests.factories import one_of_everything
from tests.webhooks.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)  # deliveries are queued when the move commits


def test_a_stage_move_is_delivered_signed_to_the_receiver(receiver, subscribe) -> None:
    created = subscribe("application.stage_changed")
    application = one_of_everything()["application"]

    application_move(actor=Actor.system(), application_id=application.pk, stage="contacted", note="called")
    assert receiver.requests == []  # sent by the worker, not inside the move
    run_worker()

    [request] = receiver.requests
    assert signing.verify(created.secret, request.headers[signing.HEADER], request.body)
    assert not signing.verify("whsec_someone-else", request.headers[signing.HEADER], request.body)
    assert not signing.verify(created.secret, request.headers[signing.HEADER], request.body + b" ")
    event = json.loads(request.body)
    assert event["event"] == "application.stage_changed"
    assert request.headers[signing.EVENT_ID_HEADER] == event["id"]
    assert event["data"]["application_id"] == application.pk
    assert (event["data"]["from_stage"], event["data"]["to_stage"]) == ("sourced", "contacted")
    assert event["data"]["candidate"]["name"] == application.candidate.name
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("delivered", 1, 200)
    assert delivery.delivered_at is not None


def test_a_refused_move_or_another_event_sends_nothing(receiver, subscribe) -> None:
    subscribe("import.finished")
    application = one_of_everything()["application"]
    application_move(actor=Actor.system(), application_id=application.pk, stage="contacted")
    with pytest.raises(Exception, match="cannot move"):
        application_move(actor=Actor.system(), application_id=application.pk, stage="placed")
    run_worker()
    assert receiver.requests == [] and not Delivery.objects.exists()


def test_an_old_or_forged_signature_does_not_verify() -> None:
    body = b'{"id":"x"}'
    header = signing.sign("whsec_abc", body, timestamp=1_000_000)
    assert signing.verify("whsec_abc", header, body, now=1_000_100)
    assert not signing.verify("whsec_abc", header, body, now=1_000_000 + signing.TOLERANCE + 1)
    assert not signing.verify("whsec_abc", header.replace("t=1000000", "t=1000001"), body, now=1_000_000)
    assert not signing.verify("whsec_abc", "v1=deadbeef", body)
