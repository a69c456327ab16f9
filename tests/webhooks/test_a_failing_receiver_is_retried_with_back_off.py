"""A receiver that fails is tried again later, each wait longer, until it answers or the attempts are
spent; a refusal that would recur (a 4xx other than 408/429) is not retried. The delivery log says so."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from shortlist.accounts.access import Actor
from shortlist.pipeline.services import application_move
from shortlist.webhooks.models import Delivery
from tests.factories import one_of_everything
from tests.webhooks.conftest import run_worker

pytestmark = pytest.mark.django_db(transaction=True)


def _move() -> None:
    application = one_of_everything()["application"]
    application_move(actor=Actor.system(), application_id=application.pk, stage="contacted")


def _next_wait(delivery: Delivery) -> float:
    delivery.refresh_from_db()
    return (delivery.next_attempt_at - delivery.last_attempt_at).total_seconds()


def test_a_500_is_retried_with_growing_waits_until_the_attempts_are_spent(
    receiver, subscribe, settings
) -> None:
    settings.WEBHOOK_ATTEMPTS = 4
    receiver.answers = [500] * 10
    subscribe("application.stage_changed")
    _move()

    run_worker()
    delivery = Delivery.objects.get()
    waits = [_next_wait(delivery)]
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, 500)
    run_worker()  # the retry is not due yet: nothing is sent
    assert len(receiver.requests) == 1
    for _ in range(2):
        run_worker(fast_forward=True)
        waits.append(_next_wait(delivery))
    assert waits == [30, 120, 480]  # 30 s * 4^(n-1)
    run_worker(fast_forward=True)

    delivery.refresh_from_db()
    assert len(receiver.requests) == 4
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("failed", 4, 500)
    assert delivery.next_attempt_at is None and delivery.delivered_at is None
    assert "HTTP 500" in delivery.last_error
    assert [r.headers["Shortlist-Delivery-Attempt"] for r in receiver.requests] == ["1", "2", "3", "4"]
    assert len({r.headers["Shortlist-Event-Id"] for r in receiver.requests}) == 1  # one event, four tries
    run_worker(fast_forward=True)
    assert len(receiver.requests) == 4 and not DBTaskResult.objects.filter(status="READY").exists()


def test_a_receiver_that_recovers_gets_the_event_once_more_and_no_more(receiver, subscribe) -> None:
    receiver.answers = [503, 429]
    subscribe("application.stage_changed")
    _move()
    for _ in range(4):
        run_worker(fast_forward=True)
    delivery = Delivery.objects.get()
    assert [len(receiver.requests), delivery.status, delivery.attempts] == [3, "delivered", 3]
    assert delivery.last_status_code == 200 and delivery.last_error == ""


@pytest.mark.parametrize("status", [400, 404, 410])
def test_a_client_error_is_not_retried(receiver, subscribe, status) -> None:
    receiver.answers = [status]
    subscribe("application.stage_changed")
    _move()
    for _ in range(3):
        run_worker(fast_forward=True)
    delivery = Delivery.objects.get()
    assert [len(receiver.requests), delivery.status, delivery.last_status_code] == [1, "failed", status]


def test_no_answer_in_time_is_retried(subscribe, settings) -> None:
    import socket

    settings.WEBHOOK_TIMEOUT = 1
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(1)  # accepts the connection, never answers
    from shortlist.webhooks.services import webhook_create

    webhook_create(
        actor=Actor.system(),
        url=f"http://127.0.0.1:{silent.getsockname()[1]}/",
        events=["application.stage_changed"],
    )
    try:
        _move()
        run_worker()
    finally:
        silent.close()
    delivery = Delivery.objects.get()
    assert (delivery.status, delivery.attempts, delivery.last_status_code) == ("pending", 1, None)
    assert delivery.last_error == "no answer within 1 s" and delivery.next_attempt_at is not None
