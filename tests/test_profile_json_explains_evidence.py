"""`candidates show --json` says why a skill has years or not: each mention's kind, and visa needs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shortlist.candidates.models import Candidate
from shortlist.candidates.profiles import profiles_by_id, to_profile
from shortlist.cli import app

pytestmark = pytest.mark.django_db

CV = """Maya Lindqvist
maya.lindqvist@example.org
London, UK
Requires visa sponsorship for the UK.

EXPERIENCE
Engineering Manager, Northwind Payments (2020 - present)
- My teams write Go for the card authorisation platform.
- I wrote the settlement service in Python and run its on-call rota.

SKILLS
Python, Kubernetes, Rust (basic)
"""


def _show(tmp_path: Path) -> dict[str, object]:
    path = tmp_path / "maya.txt"
    path.write_text(CV)
    assert CliRunner().invoke(app, ["import", str(path)]).exit_code == 0
    candidate = Candidate.objects.get(source="maya.txt")
    return json.loads(CliRunner().invoke(app, ["candidates", "show", str(candidate.id), "--json"]).stdout)


def test_every_mention_has_a_kind_a_reader_can_check(tmp_path: Path) -> None:
    skills = {s["id"]: s for s in _show(tmp_path)["skills"]}
    kinds = {skill: {e["kind"] for e in s["evidence"]} for skill, s in skills.items()}
    assert kinds["go"] == {"team"} and skills["go"]["years"] == 0  # the team's Go, not hers
    assert "work" in kinds["python"] and skills["python"]["years"] > 5
    assert kinds["rust"] <= {"hedged", "learning", "list"} and skills["rust"]["years"] == 0


def test_a_stated_need_for_sponsorship_is_kept_not_read_as_right_to_work(tmp_path: Path) -> None:
    preferences = _show(tmp_path)["preferences"]
    assert preferences["needs_sponsorship"] == ["GB"]
    assert preferences["right_to_work"] == []


def test_kinds_survive_the_round_trip_to_engine_profiles(tmp_path: Path) -> None:
    _show(tmp_path)
    candidate = Candidate.objects.get(source="maya.txt")
    for profile in (to_profile(candidate), profiles_by_id([candidate.id])[candidate.id]):
        go = next(s for s in profile.skills if s.skill == "go")
        assert {e.kind for e in go.evidence} == {"team"}
        assert profile.preferences.needs_sponsorship == ["GB"]
