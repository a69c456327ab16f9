"""`shortlist embed --wait` with no worker running stops after one lease and says why, instead of a
progress bar that waits for ever; the chunks stay queued, and `--status` says what they wait for."""

from __future__ import annotations

import json

import pytest
from django.utils import timezone
from typer.testing import CliRunner

from shortlist.background.models import WorkerBeat
from shortlist.cli import app
from shortlist.embeddings.models import ChunkStatus, EmbeddingRun

pytestmark = pytest.mark.django_db


def test_wait_without_a_worker_fails_with_the_reason_and_keeps_the_run(operator, imported, settings) -> None:
    settings.WORKER_LEASE = 1
    result = CliRunner().invoke(app, ["embed", "--wait", "--chunk-size", "3"])
    assert result.exit_code == 1, result.output
    said = " ".join(result.output.split())
    assert "no worker is running — start one with `shortlist worker`" in said
    assert "3 queued chunks wait for it" in said
    run = EmbeddingRun.objects.get()
    assert (
        run.chunks.filter(status=ChunkStatus.QUEUED).count() == 3
    )  # nothing lost: a worker takes them later

    status = CliRunner().invoke(app, ["embed", "--status"])
    assert "The queued chunks are waiting: no worker is running" in " ".join(status.output.split())
    shown = json.loads(CliRunner().invoke(app, ["embed", "--status", "--json"]).output)
    assert shown["worker_running"] is False


def test_with_a_live_worker_status_says_it_runs(operator, imported) -> None:
    now = timezone.now()
    WorkerBeat.objects.create(worker_id="w", kind="embedded", host="h", pid=1, started_at=now, beat_at=now)
    assert CliRunner().invoke(app, ["embed", "--chunk-size", "3"]).exit_code == 0
    shown = json.loads(CliRunner().invoke(app, ["embed", "--status", "--json"]).output)
    assert shown["worker_running"] is True
    assert "waiting" not in CliRunner().invoke(app, ["embed", "--status"]).output
