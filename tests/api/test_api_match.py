"""Matching over the API gives what `shortlist match --json` prints: the same rows, the same keys."""

from __future__ import annotations

import json
import shutil

import pytest
from typer.testing import CliRunner

from shortlist.cli import app
from tests.pool_helpers import empty_index
from tests.services.conftest import FIXTURES, POOL, ROLE_FILE

pytestmark = pytest.mark.django_db


@pytest.fixture
def role_id(writer, tmp_path) -> int:
    empty_index()
    for name in POOL:
        shutil.copy(FIXTURES / "cvs" / name, tmp_path / name)
    assert CliRunner().invoke(app, ["import", str(tmp_path)]).exit_code == 0
    created = writer.post("/roles", {"yaml": ROLE_FILE.read_text()})
    assert created.status_code == 201
    return created.json()["role"]["id"]


def test_role_match_is_the_match_json_of_the_cli(writer, role_id) -> None:
    api = writer.get(f"/roles/{role_id}/match", data={"top": 3}).json()
    cli = json.loads(
        CliRunner().invoke(app, ["match", "--role", str(role_id), "--top", "3", "--json"]).stdout
    )
    assert api == cli
    assert [row["rank"] for row in api["results"]] == [1, 2, 3]
    assert api["pool"]["candidates"] == len(POOL)
    assert set(api["results"][0]) >= {"rank", "score", "candidate", "breakdown", "reasons", "gaps", "band"}


def test_the_must_have_filter_reports_whom_it_removed(writer, role_id) -> None:
    api = writer.get(f"/roles/{role_id}/match", data={"must_filter": True, "must_mode": "work"}).json()
    cli = CliRunner().invoke(app, ["match", "--role", str(role_id), "--must-filter", "--json"]).stdout
    assert api["filtered"] == json.loads(cli)["filtered"] and api["filtered"]["mode"] == "work"
    assert writer.get(f"/roles/{role_id}/match", data={"must_mode": "sometimes"}).status_code == 422


def test_a_candidates_roles_are_the_cli_json(writer, role_id) -> None:
    candidate = writer.get("/candidates").json()["items"][0]["id"]
    api = writer.get(f"/candidates/{candidate}/roles").json()
    cli = CliRunner().invoke(app, ["match", "--candidate", str(candidate), "--json"]).stdout
    assert api == json.loads(cli)
    assert api["results"][0]["role"]["id"] == role_id
