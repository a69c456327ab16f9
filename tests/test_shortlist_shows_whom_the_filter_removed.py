"""Every rendering of a shortlist (the page, `match --json`, the CLI table) says whom the must-have filter
removed and why, and in which sense it counted a must-have (issue 11)."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse
from typer.testing import CliRunner

from shortlist.candidates import pool
from shortlist.candidates.models import Candidate, CandidateSkill
from shortlist.cli import app
from tests.factories import one_of_everything

pytestmark = pytest.mark.django_db


@pytest.fixture
def role_and_lister() -> tuple[int, int]:
    pool.forget()
    role = one_of_everything()["role"]  # Go is its must-have; Grace Hopper used it at work
    lister = Candidate.objects.create(name="Lee Lister", city="London", country="GB", seniority="senior")
    CandidateSkill.objects.create(candidate=lister, skill="go", years=0, strength=0.35)
    CandidateSkill.objects.create(candidate=lister, skill="kafka", years=4, last_used=2026, strength=0.9)
    return role.pk, lister.pk


@pytest.fixture
def signed_in(client: object, recruiter: object) -> object:
    client.force_login(recruiter)
    return client


def test_the_page_names_who_was_removed_for_a_listed_only_must_have(signed_in, role_and_lister) -> None:
    role_id, lister = role_and_lister
    html = signed_in.get(reverse("web:shortlist", args=[role_id]), {"must": "1"}).content.decode()
    assert "1 removed without every must-have used at work: Go 1" in html
    assert f"#{lister} Lee Lister: Go only listed" in html
    assert "Grace Hopper" in html


def test_mentioned_anywhere_keeps_the_listed_candidate_on_the_page(signed_in, role_and_lister) -> None:
    role_id, lister = role_and_lister
    url = reverse("web:shortlist", args=[role_id])
    html = signed_in.get(url, {"must": "1", "mode": "anywhere"}).content.decode()
    assert f'id="candidate-{lister}"' in html
    assert "0 removed without every must-have mentioned anywhere" in html


def test_match_json_carries_the_filter_as_an_additive_key(role_and_lister) -> None:
    role_id, lister = role_and_lister
    result = CliRunner().invoke(app, ["match", "--role", str(role_id), "--must-filter", "--json"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["filtered"] == {
        "mode": "work",
        "removed": 1,
        "missing": {"Go": 1},
        "examples": [f"#{lister} Lee Lister: Go only listed"],
    }
    assert lister not in [row["candidate"]["id"] for row in payload["results"]]
    unfiltered = json.loads(CliRunner().invoke(app, ["match", "--role", str(role_id), "--json"]).stdout)
    assert unfiltered["filtered"] is None


def test_the_cli_table_and_the_mode_option(role_and_lister) -> None:
    role_id, lister = role_and_lister
    args = ["match", "--role", str(role_id), "--must-filter"]
    table = CliRunner().invoke(app, args).stdout
    assert "1 removed without every must-have used at work: Go 1." in table
    assert f"removed #{lister} Lee Lister: Go only listed" in table
    anywhere = CliRunner().invoke(app, [*args, "--must-filter-mode", "anywhere", "--json"])
    assert lister in [row["candidate"]["id"] for row in json.loads(anywhere.stdout)["results"]]
    wrong = CliRunner().invoke(app, [*args, "--must-filter-mode", "sometimes"])
    assert wrong.exit_code == 2
