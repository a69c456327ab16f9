"""`shortlist token create|list|revoke`: the secret printed once, never listed, revocation at once."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from shortlist.cli import app
from tests.api.conftest import ApiClient

pytestmark = pytest.mark.django_db


def run(*args: str) -> object:
    return CliRunner().invoke(app, ["token", *args])


def test_create_list_and_revoke(recruiter) -> None:
    created = run("create", "rita", "--scope", "write", "--name", "CRM sync")
    assert created.exit_code == 0, created.output
    secret = created.stdout.strip().splitlines()[-1]
    assert (
        secret.startswith("sl_") and ApiClient(secret).post("/clients", {"name": "Acme"}).status_code == 201
    )
    listed = json.loads(run("list", "--json").stdout)
    assert [(t["user"], t["name"], t["scope"], t["revoked_at"]) for t in listed] == [
        ("rita", "CRM sync", "write", None)
    ]
    assert secret not in run("list").stdout and secret not in run("list", "--json").stdout
    assert run("revoke", str(listed[0]["id"])).exit_code == 0
    assert ApiClient(secret).get("/clients").status_code == 401
    again = run("revoke", str(listed[0]["id"]))
    assert again.exit_code == 1 and "already revoked" in again.output


def test_unknown_user_or_scope_is_refused(recruiter) -> None:
    missing = run("create", "nobody")
    assert missing.exit_code == 1 and "no user named 'nobody'" in missing.output
    assert run("create", "rita", "--scope", "admin").exit_code == 2
