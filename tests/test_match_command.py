"""`shortlist match`: a ranked, explained shortlist in the JSON other tools script against."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from shortlist.candidates.importing import import_sources, iter_sources
from shortlist.candidates.models import Candidate, CandidateRemoval
from shortlist.cli import app
from shortlist.clients.models import Role
from tests.pool_helpers import empty_index

pytestmark = pytest.mark.django_db

FIXTURES = Path(__file__).parent / "fixtures"
ROLE_FILE = FIXTURES / "roles" / "hft-go.yaml"
POOL = ["anna-kowalska.pdf", "mei-chen.txt", "arjun-patel.json", "grace-adeyemi.docx", "james-oconnor.txt"]


@pytest.fixture(autouse=True)
def fresh_index() -> None:
    empty_index()


@pytest.fixture
def imported(tmp_path: Path) -> dict[str, int]:
    for name in POOL:
        shutil.copy(FIXTURES / "cvs" / name, tmp_path / name)
    return {o.name: o.candidate_id for o in import_sources(iter_sources([tmp_path])).outcomes}


def run(*args: str) -> object:
    return CliRunner().invoke(app, ["match", *args])


def test_json_follows_the_contract(imported: dict[str, int]) -> None:
    result = run("--role", str(ROLE_FILE), "--top", "3", "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["role"]["title"] == "Senior Go Engineer - High-Frequency Trading Platform"
    rows = payload["results"]
    assert [r["rank"] for r in rows] == [1, 2, 3]
    assert all(0 <= r["score"] <= 100 for r in rows)
    assert [r["score"] for r in rows] == sorted((r["score"] for r in rows), reverse=True)
    for row in rows:
        assert set(row) >= {"rank", "score", "candidate", "breakdown", "reasons", "gaps"}
        assert set(row["candidate"]) == {"id", "name", "source"}
        assert row["candidate"]["source"] in POOL
        assert all(0 <= v <= 1 for v in row["breakdown"].values())
    # The Go engineer from the fixtures leads a Go trading role, with her Go evidence quoted.
    assert rows[0]["candidate"]["source"] == "anna-kowalska.pdf"
    assert any("Go" in reason for reason in rows[0]["reasons"])


def test_a_role_in_the_workspace_is_matched_by_id(imported: dict[str, int]) -> None:
    CliRunner().invoke(app, ["role", "import", str(ROLE_FILE)])
    role = Role.objects.get()
    payload = json.loads(run("--role", str(role.pk), "--json").stdout)
    assert payload["role"]["id"] == role.pk and len(payload["results"]) == len(POOL)


def test_json_says_how_many_candidates_were_ranked_and_in_which_index(imported: dict[str, int]) -> None:
    first = json.loads(run("--role", str(ROLE_FILE), "--top", "2", "--json").stdout)
    assert first["pool"]["candidates"] == Candidate.objects.count() == len(POOL)
    assert first["pool"]["index_version"]
    _delete(source="mei-chen.txt")
    second = json.loads(run("--role", str(ROLE_FILE), "--top", "2", "--json").stdout)
    assert second["pool"]["candidates"] == len(POOL) - 1


def test_a_screened_folder_reports_the_cvs_read_and_no_index(tmp_path: Path) -> None:
    for name in POOL[:3]:
        shutil.copy(FIXTURES / "cvs" / name, tmp_path / name)
    payload = json.loads(run("--role", str(ROLE_FILE), "--folder", str(tmp_path), "--json").stdout)
    assert payload["pool"] == {"candidates": 3, "index_version": None}
    assert not Candidate.objects.exists()


def test_min_score_cuts_the_list(imported: dict[str, int]) -> None:
    everyone = json.loads(run("--role", str(ROLE_FILE), "--json").stdout)["results"]
    cut = (everyone[1]["score"] + everyone[2]["score"]) / 2
    kept = json.loads(run("--role", str(ROLE_FILE), "--json", "--min-score", str(cut)).stdout)["results"]
    expected = [r["candidate"]["id"] for r in everyone if r["score"] >= cut]
    assert [r["candidate"]["id"] for r in kept] == expected


def test_the_index_follows_imports_merges_and_deletes(imported: dict[str, int], tmp_path: Path) -> None:
    first = json.loads(run("--role", str(ROLE_FILE), "--json").stdout)["results"]
    assert len(first) == len(POOL)
    (tmp_path / "more").mkdir()
    shutil.copy(FIXTURES / "cvs" / "samuel-ortiz.pdf", tmp_path / "more")
    import_sources(iter_sources([tmp_path / "more"]))
    _delete(source="mei-chen.txt")
    later = json.loads(run("--role", str(ROLE_FILE), "--json").stdout)["results"]
    sources = {r["candidate"]["source"] for r in later}
    assert "samuel-ortiz.pdf" in sources and "mei-chen.txt" not in sources
    assert len(later) == len(POOL)


def test_roles_for_a_candidate(imported: dict[str, int]) -> None:
    CliRunner().invoke(app, ["role", "import", str(ROLE_FILE)])
    result = run("--candidate", str(imported["anna-kowalska.pdf"]), "--json")
    assert result.exit_code == 0, result.output
    payload = json.loads(result.stdout)
    assert payload["results"][0]["role"]["title"].startswith("Senior Go Engineer")


def test_bad_input_is_a_clear_error(imported: dict[str, int], tmp_path: Path) -> None:
    assert "either --role" in run().output
    assert "no role with id 999" in run("--role", "999").output
    bad = tmp_path / "bad.yaml"
    bad.write_text("title: X\nmust_hav: [go]\n")
    result = run("--role", str(bad))
    assert result.exit_code == 1 and "must_hav" in result.output
    assert "no candidate with id 99999" in run("--candidate", "99999").output


def test_a_folder_of_cvs_is_ranked_without_importing(tmp_path: Path) -> None:
    folder = tmp_path / "inbox"
    folder.mkdir()
    for name in POOL:
        shutil.copy(FIXTURES / "cvs" / name, folder / name)
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 nothing")
    result = run("--role", str(ROLE_FILE), "--folder", str(folder), "--min-score", "30", "--json")
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)["results"]
    assert rows and rows[0]["candidate"]["source"] == "anna-kowalska.pdf"
    assert rows[0]["candidate"]["name"] == "Anna Kowalska"
    assert all(r["score"] >= 30 for r in rows)
    assert "skipped broken.pdf" in result.output
    assert not Candidate.objects.exists()


def _delete(**where: object) -> None:
    """Delete candidates as the services that delete do (erasure, merge): logged for the pool."""
    gone = list(Candidate.objects.filter(**where).values_list("pk", flat=True))
    Candidate.objects.filter(pk__in=gone).delete()
    CandidateRemoval.record(gone)
