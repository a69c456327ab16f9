"""`shortlist webhook add|list|remove|deliveries`: the secret printed once, never listed."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from shortlist.accounts.access import Actor
from shortlist.cli import app
from shortlist.pipeline.services import application_move
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


def run(*args: str) -> object:
    return CliRunner().invoke(app, ["webhook", *args])


def test_add_list_deliveries_and_remove() -> None:
    added = run(
        "add", "http://localhost:8080/hook", "-e", "application.stage_changed", "-e", "import.finished"
    )
    assert added.exit_code == 0, added.output
    secret = added.stdout.strip().splitlines()[-1]
    assert secret.startswith("whsec_")
    [listed] = json.loads(run("list", "--json").stdout)
    assert listed["events"] == ["application.stage_changed", "import.finished"] and listed["owner"] is None
    assert secret not in run("list").stdout and secret not in run("list", "--json").stdout

    application = one_of_everything()["application"]
    application_move(actor=Actor.system(), application_id=application.pk, stage="contacted")
    [delivery] = json.loads(run("deliveries", str(listed["id"]), "--json").stdout)
    assert (delivery["event"], delivery["status"]) == ("application.stage_changed", "pending")
    assert "application.stage_changed" in run("deliveries").stdout

    assert run("remove", str(listed["id"])).exit_code == 0
    again = run("remove", str(listed["id"]))
    assert again.exit_code == 1 and f"no webhook with id {listed['id']}" in again.output


def test_a_non_http_url_is_refused_with_the_reason() -> None:
    refused = run("add", "file:///etc/passwd", "-e", "import.finished")
    assert refused.exit_code == 1 and "http://" in refused.output
    assert json.loads(run("list", "--json").stdout) == []
