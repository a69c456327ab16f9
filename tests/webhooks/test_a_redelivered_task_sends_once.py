"""A task delivered twice (a broker redelivering, a re-queued task) does not send an event twice."""

from __future__ import annotations

import pytest

from shortlist.accounts.access import Actor
from shortlist.pipeline.services import application_move
from shortlist.webhooks.models import Delivery
from shortlist.webhooks.tasks import deliver_webhook
from tests.factories import one_of_everything
from tests.webhooks.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_second_delivery_of_the_same_task_sends_nothing(receiver, subscribe) -> None:
    subscribe("application.stage_changed")
    application = one_of_everything()["application"]
    application_move(actor=Actor.system(), application_id=application.pk, stage="contacted")
    delivery = Delivery.objects.get()
    deliver_webhook.enqueue(delivery.pk, 1)  # the same task twice in the queue before any worker runs
    run_worker()
    deliver_webhook.enqueue(delivery.pk, 1)  # and once more after it was delivered
    run_worker()

    assert len(receiver.requests) == 1
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 1)


def test_a_stale_retry_after_a_recovery_sends_nothing(receiver, subscribe) -> None:
    receiver.answers = [500]
    subscribe("application.stage_changed")
    application = one_of_everything()["application"]
    application_move(actor=Actor.system(), application_id=application.pk, stage="contacted")
    run_worker()
    delivery = Delivery.objects.get()
    deliver_webhook.enqueue(delivery.pk, 2)  # attempt 2 queued twice: by the back-off and by hand
    run_worker(fast_forward=True)
    run_worker(fast_forward=True)

    assert len(receiver.requests) == 2
    delivery.refresh_from_db()
    assert (delivery.status, delivery.attempts) == ("delivered", 2)


def test_a_deleted_subscription_stops_its_queued_deliveries(receiver, subscribe) -> None:
    from shortlist.webhooks.services import webhook_delete

    created = subscribe("application.stage_changed")
    application = one_of_everything()["application"]
    application_move(actor=Actor.system(), application_id=application.pk, stage="contacted")
    webhook_delete(actor=Actor.system(), webhook_id=created.webhook.pk)
    run_worker()
    assert receiver.requests == []
