"""A real HTTP receiver on 127.0.0.1 (http.server in a thread) and the task worker, run in-process."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from shortlist.accounts.access import Actor
from shortlist.webhooks.services import CreatedWebhook, webhook_create


@dataclass
class Received:
    headers: dict[str, str]
    body: bytes


@dataclass
class Receiver:
    url: str
    requests: list[Received] = field(default_factory=list)
    answers: list[int] = field(default_factory=list)  # statuses to answer in turn; then 200


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    state = Receiver(url="")

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
            state.requests.append(Received(dict(self.headers.items()), body))
            status = state.answers.pop(0) if state.answers else 200
            self.send_response(status)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"ok")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    state.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/shortlist"
    yield state
    server.shutdown()
    server.server_close()


@pytest.fixture
def subscribe(receiver: Receiver):
    def make(*events: str) -> CreatedWebhook:
        return webhook_create(actor=Actor.system(), url=receiver.url, events=list(events))

    return make


def run_worker(*, fast_forward: bool = False) -> None:
    """Run every task that is due, as `shortlist worker` would; with `fast_forward`, also those whose
    back-off has not passed yet (as if the clock had moved on)."""
    if fast_forward:
        DBTaskResult.objects.filter(status="READY").update(run_after=timezone.now() - timedelta(seconds=1))
    call_command("db_worker", batch=True, verbosity=0, reload=False)
