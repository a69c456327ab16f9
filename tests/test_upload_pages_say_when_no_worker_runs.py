"""Uploads wait for a task worker: the upload pages and `shortlist import --queue` say plainly when none
is alive (no heartbeat within the lease), and stop saying it once one is."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from shortlist.background.models import WorkerBeat
from tests.queue_helpers import cv_text

pytestmark = pytest.mark.django_db
NO_WORKER = "no worker is running — start one with <code>shortlist worker</code>"


def _beat(ago: timedelta) -> None:
    at = timezone.now() - ago
    WorkerBeat.objects.create(worker_id="w", kind="embedded", host="h", pid=1, started_at=at, beat_at=at)


def test_the_pages_say_when_no_worker_is_alive(client: object, recruiter: object) -> None:
    client.force_login(recruiter)
    _beat(ago=timedelta(minutes=10))  # a worker that died long ago does not count
    assert NO_WORKER in client.get(reverse("web:upload")).content.decode()
    response = client.post(
        reverse("web:upload"), {"files": [SimpleUploadedFile("a.txt", cv_text(1).encode())]}
    )
    detail = client.get(response["Location"]).content.decode()
    assert "Queued; " + NO_WORKER in detail

    WorkerBeat.objects.update(beat_at=timezone.now())
    assert NO_WORKER not in client.get(reverse("web:upload")).content.decode()
    assert "no worker is running" not in client.get(response["Location"]).content.decode()


@pytest.mark.django_db(transaction=True)
def test_import_queue_says_when_no_worker_is_alive(tmp_path: Path, fresh_database_url: str) -> None:
    (tmp_path / "ada.txt").write_text(cv_text(1))
    env = {**os.environ, "SHORTLIST_HOME": str(tmp_path / "home"), "DATABASE_URL": fresh_database_url}
    done = subprocess.run(
        [sys.executable, "-m", "shortlist.cli", "import", "--queue", "--json", str(tmp_path / "ada.txt")],
        env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    report = json.loads(done.stdout)
    assert report["queued"] == 1 and report["worker_running"] is False
    assert "queued; no worker is running — start one with `shortlist worker`" in done.stderr
